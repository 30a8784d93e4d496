import factory

from yorozu.accounts.actions import do_create_account
from yorozu.accounts.models import Role, User


class UserFactory(factory.Factory):
    """Users are created through the real action, so both profiles always exist."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Sequence(lambda n: f"ユーザー{n}")
    password = "pw-yorozu-123"
    role = Role.WORKER

    @classmethod
    def _create(cls, model_class, email, display_name, password, role, **extra):
        user = do_create_account(
            email=email, password=password, display_name=display_name, role=role
        )
        if extra:
            for key, value in extra.items():
                setattr(user, key, value)
            user.save()
        return user

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("use create(): users need their profiles")

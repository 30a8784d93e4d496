import factory

from yorozu.accounts.actions import do_create_account
from yorozu.accounts.models import Role, User


class UserFactory(factory.Factory):
    """Users are created through the real action, so both profiles always exist.

    Their address is confirmed (as after following the signup link) unless
    `email_confirmed=False`.
    """

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Sequence(lambda n: f"ユーザー{n}")
    password = "pw-yorozu-123"
    role = Role.WORKER
    email_confirmed = True

    @classmethod
    def _create(cls, model_class, email, display_name, password, role, email_confirmed, **extra):
        user = do_create_account(
            email=email,
            password=password,
            display_name=display_name,
            role=role,
            email_confirmed=email_confirmed,
        )
        if extra:
            for key, value in extra.items():
                setattr(user, key, value)
            user.save()
        return user

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("use create(): users need their profiles")


def StaffFactory(role: str = "administrator", **kwargs) -> User:
    """A member of the secretariat in one of the role groups (`yorozu.core.staff.ROLES`)."""
    from yorozu.core.staff import role_group

    user: User = UserFactory.create(is_staff=True, **kwargs)
    user.groups.add(role_group(role))
    return user


def make_completed_contract(client: User, worker: User, *, title: str = "ロゴ制作"):
    """A completed contract between two users, built directly (profile tests need only rows)."""
    from django.utils import timezone

    from yorozu.contracts.models import Contract, ContractStatus, Proposal
    from yorozu.jobs.tests.factories import JobFactory

    job = JobFactory.create(client=client, title=title)
    proposal = Proposal.objects.create(
        job=job, worker=worker, price=30000, message="よろしくお願いします。", delivery_days=7
    )
    return Contract.objects.create(
        job=job,
        proposal=proposal,
        client=client,
        worker=worker,
        title=title,
        category=job.category,
        amount=30000,
        status=ContractStatus.COMPLETED,
        completed_at=timezone.now(),
    )


def make_review(reviewer: User, reviewee: User, direction: str, *, overall: int = 5, comment=""):
    """A review on a fresh completed contract; `direction` decides who is client and worker."""
    from yorozu.reviews.models import Direction, Review

    if direction == Direction.CLIENT_TO_WORKER:
        contract = make_completed_contract(reviewer, reviewee)
    else:
        contract = make_completed_contract(reviewee, reviewer)
    return Review.objects.create(
        contract=contract,
        reviewer=reviewer,
        reviewee=reviewee,
        direction=direction,
        overall=overall,
        quality=overall,
        communication=overall,
        timeliness=overall,
        comment=comment,
    )

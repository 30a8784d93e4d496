import factory

from yorozu.accounts.tests.factories import UserFactory
from yorozu.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """A stored notification without its e-mail (use `do_notify` to test the e-mail)."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "proposal"
    title = factory.Sequence(lambda n: f"新しい提案が届きました {n}")
    body = "ご依頼に提案が届きました。"
    url = "/work/"

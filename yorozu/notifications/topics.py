"""What people choose to hear about: topics, each with its channels' defaults.

Notifications are stored by `kind` (a string the sending app chooses). An app says which topic
each of its kinds belongs to from its `AppConfig.ready()` (`register_kinds`), so notifications
never names another app's kinds. A kind nobody registered is about the account and its safety
(a restriction, a decision of the secretariat, money): always sent, on both channels.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

IN_APP = "in_app"
EMAIL = "email"
CHANNELS = (IN_APP, EMAIL)


@dataclass(frozen=True)
class Topic:
    key: str
    label: str | Promise
    help: str | Promise
    in_app: bool = True  # the default when the person chose nothing
    email: bool = True
    optional: bool = True  # False: always sent on both channels

    def default(self, channel: str) -> bool:
        return self.in_app if channel == IN_APP else self.email


ACCOUNT = "account"
TOPICS: dict[str, Topic] = {
    topic.key: topic
    for topic in (
        Topic("messages", _("Messages"), _("A new message in one of your conversations.")),
        Topic("proposals", _("Proposals"), _("Proposals on your jobs, and answers to yours.")),
        Topic(
            "contracts",
            _("Contract steps"),
            _("Offers, escrow, deliveries, acceptance, cancellations and reviews."),
        ),
        Topic("scouts", _("Scouts"), _("Scouts you receive, and answers to the ones you send.")),
        Topic(
            "digests",
            _("Saved search digests"),
            _("New jobs or workers matching the searches you saved, once a day."),
        ),
        Topic(
            "notices",
            _("Notices"),
            _("Announcements from the yorozu secretariat."),
            email=False,
        ),
        Topic(
            ACCOUNT,
            _("Account and safety"),
            _(
                "Decisions of the secretariat, restrictions, identity checks, payments and "
                "withdrawals. These are always sent."
            ),
            optional=False,
        ),
    )
}

_TOPIC_OF_KIND: dict[str, str] = {}


def register_kinds(topic: str, *kinds: str) -> None:
    """Say that notifications of these kinds belong to `topic`; called from AppConfig.ready()."""
    if topic not in TOPICS:
        raise LookupError(f"no notification topic {topic!r}")
    for kind in kinds:
        _TOPIC_OF_KIND[kind] = topic


def topic_of(kind: str) -> Topic:
    return TOPICS[_TOPIC_OF_KIND.get(kind, ACCOUNT)]


def optional_topics() -> list[Topic]:
    return [t for t in TOPICS.values() if t.optional]

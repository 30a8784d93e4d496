"""Reads of notification settings, and the signed unsubscribe token every e-mail carries.

The token names a user and a topic ("all" for every optional topic) and is signed with the
site's secret (its own salt), so a link works without signing in and cannot be forged or
pointed at someone else. It does not expire: an old e-mail's link still unsubscribes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from yorozu.notifications.models import NotificationPreference
from yorozu.notifications.topics import ACCOUNT, CHANNELS, EMAIL, IN_APP, TOPICS, Topic, topic_of

UNSUBSCRIBE_SALT = "yorozu.notifications.unsubscribe"
ALL = "all"


def channels_for(user, kind: str) -> tuple[bool, bool]:
    """(in-app, e-mail) for a notification of `kind` to `user`: their choice, else the default."""
    topic = topic_of(kind)
    if not topic.optional:
        return True, True
    row = (
        NotificationPreference.objects.filter(user_id=user.pk, topic=topic.key)
        .values_list("in_app", "email")
        .first()
    )
    if row is None:
        return topic.in_app, topic.email
    return row[0], row[1]


@dataclass(frozen=True)
class PreferenceRow:
    topic: Topic
    in_app: bool
    email: bool

    def value(self, channel: str) -> bool:
        return self.in_app if channel == IN_APP else self.email


def preference_rows(user) -> list[PreferenceRow]:
    """Every topic with what `user` hears of it, for the settings page (one query)."""
    chosen = {p.topic: p for p in NotificationPreference.objects.filter(user_id=user.pk)}
    rows = []
    for topic in TOPICS.values():
        pref = chosen.get(topic.key) if topic.optional else None
        rows.append(
            PreferenceRow(
                topic=topic,
                in_app=pref.in_app if pref else topic.default(IN_APP),
                email=pref.email if pref else topic.default(EMAIL),
            )
        )
    return rows


def unsubscribe_token(user_id: int, topic_key: str) -> str:
    """The token of an e-mail's unsubscribe link: the topic's e-mails, or all optional ones for
    a mail whose topic cannot be turned off."""
    key = topic_key if TOPICS.get(topic_key, TOPICS[ACCOUNT]).optional else ALL
    return signing.dumps({"u": user_id, "t": key}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, topic or "all") from a token, or None if it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, topic = data.get("u"), data.get("t")
    if not isinstance(user_id, int) or not (topic == ALL or topic in TOPICS):
        return None
    return user_id, topic


__all__ = ["ALL", "CHANNELS", "channels_for", "preference_rows", "read_unsubscribe_token"]

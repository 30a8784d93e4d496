"""The format's own posting and answer rules, checked before the screening door.

Two things the engine does not judge because they are about the *form*, not the wording:

- a task's answer form must not ask workers for personal data (phone, address, bank account,
  LINE or other contact IDs…): the cheap survey that collects LINE IDs is where the funnel into
  paid "courses" starts, so such a task is refused at posting whatever the wording;
- an answer or entry must not send the client (or anyone reading it) off the platform: a link
  is accepted only to a page on yorozu itself.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yorozu.core.errors import Refused
from yorozu.trust.engine.normalize import normalize
from yorozu.trust.models import TokenKind
from yorozu.trust.services import extract_tokens

# What a task may never ask a worker to write in an answer. Matched on the engine's canonical
# text (full-width and case folded), so ＬＩＮＥ ＩＤ and line id are the same.
PERSONAL_DATA_TERMS: dict[str, tuple[str, ...]] = {
    "phone": ("電話番号", "携帯番号", "電話の番号", "phone number", "tel番号"),
    "address": ("住所", "郵便番号", "番地", "address"),
    "bank": (
        "口座番号",
        "銀行口座",
        "振込先",
        "口座名義",
        "暗証番号",
        "クレジットカード",
        "カード番号",
    ),
    "contact": (
        "line id",
        "lineid",
        "lineのid",
        "ラインid",
        "メールアドレス",
        "mail address",
        "e-mail",
        "インスタのid",
        "instagramのid",
        "x(twitter)のid",
        "連絡先",
    ),
    "identity": ("マイナンバー", "免許証", "保険証", "生年月日", "本名", "フルネーム"),
}
# In the instructions, a term counts only near a request to write it down (a survey *about*
# addresses is fine; "write your address in the answer" is not).
_ASK = re.compile(r"(記入|入力|記載|教えて|書いて|回答|送って|ご連絡|貼って|enter|write|send)")
_ASK_WINDOW = 30


class PersonalDataRequested(Refused):
    """A task whose answer form asks for personal data: refused at posting."""

    default_code = "task_personal_data"

    def __init__(self, found: list[str]) -> None:
        super().__init__(
            _(
                "A task may not ask workers for personal data (phone numbers, addresses, bank "
                "details, LINE or other contact IDs, identity documents). Please remove: "
                "%(terms)s"
            )
            % {"terms": "、".join(found)}
        )
        self.found = found


class OffPlatformLink(Refused):
    """An answer or entry that links outside yorozu."""

    default_code = "off_platform_link"

    def __init__(self, file_name: str = "") -> None:
        message: str | Promise
        if file_name:
            message = _(
                "Entries may link only to pages on yorozu, and the file “%(name)s” shows a link "
                "to another site (in its text or a QR code). Please remove it; your draft is kept."
            ) % {"name": file_name}
        else:
            message = _(
                "Answers and entries may link only to pages on yorozu. Please remove the link "
                "to another site; your draft is kept."
            )
        super().__init__(message)
        self.file_name = file_name


def _canon(text: str) -> str:
    return normalize(text or "").text.lower()


def personal_data_asked(*, question: str, choices: list[str], instructions: str) -> list[str]:
    """The personal-data terms the answer form (question and choices) names, or the
    instructions ask workers to write down; empty when the task asks for none."""
    found: list[str] = []
    form = _canon("\n".join([question, *choices]))
    body = _canon(instructions)
    for terms in PERSONAL_DATA_TERMS.values():
        for term in terms:
            if term in form:
                found.append(term)
                continue
            for match in re.finditer(re.escape(term), body):
                around = body[max(0, match.start() - _ASK_WINDOW) : match.end() + _ASK_WINDOW]
                if _ASK.search(around):
                    found.append(term)
                    break
    return list(dict.fromkeys(found))


def refuse_personal_data(*, question: str, choices: list[str], instructions: str) -> None:
    found = personal_data_asked(question=question, choices=choices, instructions=instructions)
    if found:
        raise PersonalDataRequested(found)


def platform_hosts() -> set[str]:
    """The host names that are yorozu itself (the site's own URL and its allowed hosts)."""
    hosts = {h.lower().lstrip(".") for h in settings.ALLOWED_HOSTS if h and h != "*"}
    site = urlsplit(settings.SITE_URL).hostname
    if site:
        hosts.add(site.lower())
    return hosts


def _canonical_hosts() -> set[str]:
    """The platform's hosts as the door's tokens spell them (its canonical text)."""
    return {_canon(h) for h in platform_hosts()}


def is_platform_url(url: str) -> bool:
    """A path on this site ("/workers/3/") or an absolute link to one of its hosts."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in platform_hosts()


def refuse_off_platform_links(text: str, *, file_name: str = "") -> None:
    """Refuse a text that links to another site (URL tokens as the screening door finds them);
    `file_name` when the text is what a file shows (its name, QR codes, OCR, its text)."""
    hosts = _canonical_hosts()
    for kind, token in extract_tokens(text):
        if kind != TokenKind.URL:
            continue
        host = token.split("/", 1)[0].split(":", 1)[0].lower()
        if host not in hosts:
            raise OffPlatformLink(file_name)

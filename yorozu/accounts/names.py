"""What a display name may be: readable text that does not pass for someone it is not.

A display name is shown beside every message, proposal and review, so it must not carry control
characters (a CR/LF splits a line in a notification or an export), invisible or direction-changing
characters (a right-to-left override makes "gpj.exe" read as "exe.jpg"), nor pass for the
secretariat (事務局, yorozu運営, 公式サポート…): scams open with "this is the secretariat". The
look-alike test compares names after NFKC (full-width ＹＯＲＯＺＵ is yorozu), case folding and
dropping spaces, punctuation and symbols, so 事 務 局 and 【公式】 are caught too. Staff accounts
(named by an administrator in the admin) are exempt from the look-alike rule only.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Words only the platform itself may use in a name (compared after normalising, see above):
# anywhere in the name...
STAFF_LOOKALIKES = (
    "事務局",
    "運営事務局",
    "運営チーム",
    "運営スタッフ",
    "運営より",
    "公式",
    "管理者",
    "管理人",
    "サポートセンター",
    "カスタマーサポート",
    "お問い合わせ窓口",
    "万屋",
    "よろず",
    "yorozu",
    "secretariat",
)
# ...and as a whole Latin word ("Admin" is refused, "Badminton" is not).
STAFF_LOOKALIKE_WORDS = ("admin", "administrator", "staff", "support", "moderator", "official")

# Format characters that change direction or hide text: bidi embeddings, overrides and isolates,
# marks, zero-width characters, the word joiner and the byte-order mark.
INVISIBLE = {
    *(chr(c) for c in range(0x202A, 0x202F)),  # LRE RLE PDF LRO RLO
    *(chr(c) for c in range(0x2066, 0x206A)),  # LRI RLI FSI PDI
    "\u200e",  # LRM
    "\u200f",  # RLM
    "\u061c",  # ALM
    "\u200b",  # zero-width space
    "\u200c",
    "\u200d",
    "\u2060",  # word joiner
    "\ufeff",
}


def _skeleton(name: str) -> str:
    """The name as compared for look-alikes: NFKC, case-folded, letters and digits only."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in {"L", "N"})


def validate_display_name(name: str, *, staff: bool = False) -> None:
    """Raise ValidationError (in the user's language) if `name` may not be a display name."""
    for ch in name:
        category = unicodedata.category(ch)
        if category == "Cc" or ch in ("\u2028", "\u2029"):
            raise ValidationError(
                _("A display name cannot contain line breaks or control characters."),
                code="control",
            )
        if ch in INVISIBLE or category in {"Cf", "Co", "Cs", "Cn"}:
            raise ValidationError(
                _("A display name cannot contain invisible or text-direction characters."),
                code="invisible",
            )
    if staff:
        return
    skeleton = _skeleton(name)
    folded = unicodedata.normalize("NFKC", name).casefold()
    words = set(re.findall(r"[a-z0-9]+", folded))
    for word in (*STAFF_LOOKALIKES, *STAFF_LOOKALIKE_WORDS):
        found = word in words if word in STAFF_LOOKALIKE_WORDS else _skeleton(word) in skeleton
        if found:
            raise ValidationError(
                _(
                    "A display name cannot include “%(word)s”: it could be mistaken for the "
                    "yorozu secretariat."
                ),
                code="staff_lookalike",
                params={"word": word},
            )

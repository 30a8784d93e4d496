"""The engine's public value types: what callers pass in and what they get back.

They are plain frozen dataclasses so they can be logged, compared in tests, stored as JSON by the
Django side and built from rows a staff member edits (a `Rule` is data, not code).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["message", "scout", "proposal", "job", "profile", "review", "report"]
Stage = Literal["pre_contract", "post_contract"]
Role = Literal["client", "worker"]
Verdict = Literal["allow", "warn", "hold", "block"]
RuleState = Literal["draft", "shadow", "live"]

KINDS: tuple[str, ...] = ("message", "scout", "proposal", "job", "profile", "review", "report")
STAGES: tuple[str, ...] = ("pre_contract", "post_contract")
VERDICTS: tuple[str, ...] = ("allow", "warn", "hold", "block")


@dataclass(frozen=True, slots=True)
class Context:
    """Where a text is said: its kind, the thread's stage (before/after escrow), who sends it.

    `job_title`/`job_text` carry the posting a message belongs to, so the engine can tell a
    message that pitches a different offer ("this job is full, try this one") from one that talks
    about the job at hand.

    `earlier` holds the same sender's consecutive earlier messages in the thread, oldest first
    (those sent since the other party last wrote, and the sender's refused drafts among them):
    the current text is assessed together with them, so contact details split over two messages
    ("LINEやってますか？" then "hina0123 で検索してみて") are seen whole. Reasons only count
    when their evidence reaches into the current text, and their spans index the current text.

    Kinds: message, scout, proposal, job (a posting), profile, review, report (a report or an
    appeal written to the secretariat: flagged at most, never held or blocked).
    """

    kind: str = "message"
    stage: str = "pre_contract"
    sender_role: str = "worker"
    job_title: str | None = None
    job_text: str | None = None
    earlier: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.earlier, tuple):
            earlier = self.earlier or ()
            if isinstance(earlier, str):
                earlier = (earlier,)
            object.__setattr__(self, "earlier", tuple(str(x) for x in earlier if x))
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; expected one of {KINDS}")
        if self.stage not in STAGES:
            raise ValueError(f"unknown stage {self.stage!r}; expected one of {STAGES}")
        if self.sender_role not in ("client", "worker"):
            raise ValueError(f"unknown sender_role {self.sender_role!r}")


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a rule fired: a code, a short explanation in both languages, and where.

    `start`/`end` index the ORIGINAL text (end exclusive) so a UI can highlight what triggered
    the rule; `weight` and `category` say how much it counted and which policy it enforces.
    """

    code: str
    message_ja: str
    message_en: str
    start: int
    end: int
    category: str = ""
    weight: float = 0.0

    def message(self, lang: str = "ja") -> str:
        return self.message_en if lang.startswith("en") else self.message_ja


@dataclass(frozen=True, slots=True)
class Assessment:
    """The engine's answer: a verdict, a score in [0, 1], and the reasons behind them.

    `shadow` lists reasons from rules in the shadow state: evaluated and reported so staff can see
    what a rule would do, but never counted in the score or the verdict.
    """

    verdict: str
    score: float
    reasons: tuple[Reason, ...] = ()
    shadow: tuple[Reason, ...] = ()
    points: float = 0.0

    @property
    def flagged(self) -> bool:
        return self.verdict != "allow"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule as data, the unit staff will add, tune, shadow and retire without a deploy.

    A rule fires on a *trigger*: any of `keywords` (literal, matched on the canonical text via
    Aho–Corasick; ASCII keywords respect word boundaries) or any of `patterns` (regular
    expressions on the canonical text). Every entry of `near` must then also occur within
    `window` characters of the trigger in the same sentence; an entry is a literal keyword or
    `@name` for a shared lexicon set (see `lexicon.py`). If any `unless_near` entry sits within
    `unless_window` characters, the trigger is a topic, not an act ("LINEスタンプ制作"), and is
    skipped. `negatable` rules are skipped when a negation cue governs the trigger ("LINE交換は
    禁止です", "don't share your email"); `discussable` ones when the sentence talks *about* the
    thing (an article warning about MLM). `role` asks the analyser what the trigger is doing
    (`"app"`: an app or channel name, `"contact"`: a contact noun such as 電話番号, `"artifact"`: a
    written number or address): a mention that is the subject or the content of the work
    (LINEミニアプリの開発, 店舗の電話番号を掲載) does not fire, one that is a channel fires even
    next to an `unless_near` word, and an unknown role leaves the decision to the windows.
    `validator` names a structural check for patterns
    (e.g. "email" rejects reserved example domains); `gate` lists substrings (or `@name`
    lexicon sets) one of which must occur in the canonical text before the patterns are run at
    all (cheapest checks first). `linear` compiles the patterns with RE2, whose matching time is
    linear in the text whatever the pattern (staff patterns: `staff_patterns.py`); shipped ones
    use `re` and may use look-behind.

    `weight` is added to the text's points once per rule (SpamAssassin style); thresholds per
    kind and stage turn points into a verdict. `kinds`/`stages` empty means all.
    """

    code: str
    category: str
    weight: float
    message_ja: str
    message_en: str
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    window: int = 30
    same_sentence: bool = True
    unless_near: tuple[str, ...] = ()
    unless_window: int = 8
    negatable: bool = True
    discussable: bool = False
    validator: str | None = None
    gate: tuple[str, ...] = ()
    role: str | None = None
    linear: bool = False
    kinds: frozenset[str] = field(default_factory=frozenset)
    stages: frozenset[str] = field(default_factory=frozenset)
    state: str = "live"

    def applies(self, kind: str, stage: str) -> bool:
        return (not self.kinds or kind in self.kinds) and (not self.stages or stage in self.stages)

"""The Django side's one door to the trust engine.

Every place that screens text — messages, scouts, proposals, job postings, profiles — calls
`assess_text`, never the engine directly, so that the console issue can swap in the engine built
from the rules staff edit (draft → shadow → live), count rule hits per day and record
assessments for backtests, in one place.
"""

from __future__ import annotations

from yorozu.trust.engine import Assessment, Context, assess


def assess_text(
    text: str,
    *,
    kind: str,
    stage: str = "pre_contract",
    sender_role: str = "worker",
    job_title: str | None = None,
    job_text: str | None = None,
) -> Assessment:
    """Assess `text` said in this context; pure apart from bookkeeping added by the console."""
    return assess(
        text,
        Context(
            kind=kind,
            stage=stage,
            sender_role=sender_role,
            job_title=job_title,
            job_text=job_text,
        ),
    )


def assessment_as_json(assessment: Assessment, *, lang: str = "ja") -> dict:
    """The shape stored on moderation cases and messages: verdict, score and reasons with spans."""
    return {
        "verdict": assessment.verdict,
        "score": round(assessment.score, 4),
        "reasons": [
            {
                "code": r.code,
                "category": r.category,
                "message_ja": r.message_ja,
                "message_en": r.message_en,
                "start": r.start,
                "end": r.end,
            }
            for r in assessment.reasons
        ],
    }

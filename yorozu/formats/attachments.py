"""Competition entries carry files: what the files app needs to know about an entry (who sees
its files, the context they are judged in), registered from `FormatsConfig.ready()`.

Who sees an entry's files besides the entrant and the secretariat: the client, while the
competition is undecided (taking entries, or with the secretariat). Once it is decided the
rights settle: the client keeps the winning entry's files (the rights passed with the prize,
the `rights_transferred` event records which files), and the other entries' files are the
entrants' own again — as are all of them when the prize was refunded.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from yorozu.files.hosts import AttachmentHost, register
from yorozu.formats.models import CompetitionEntry, CompetitionStage
from yorozu.trust.screening import PRE_CONTRACT, Context

UNDECIDED = (CompetitionStage.OPEN, CompetitionStage.SECRETARIAT)


def client_may_see(entry: CompetitionEntry) -> bool:
    """Whether the competition's client sees this entry's files now (see the module)."""
    competition = entry.competition
    if competition.stage in UNDECIDED:
        return True
    return competition.stage == CompetitionStage.AWARDED and competition.winner_id == entry.pk


def _may_see(user: Any, entry: CompetitionEntry) -> bool:
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return False
    if entry.worker_id == user_id:
        return True
    return entry.competition.job.client_id == user_id and client_may_see(entry)


def entry_context(entry: CompetitionEntry, author: Any) -> Context:
    """An entry's files are judged as its text is: a worker's words to a client before any
    contract, about this competition."""
    job = entry.competition.job
    return Context(
        stage=PRE_CONTRACT, sender_role="worker", job_title=job.title, job_text=job.description
    )


def _url(entry: CompetitionEntry) -> str:
    return reverse("formats:competition", args=[entry.competition_id]) + f"#entry-{entry.pk}"


def _title(entry: CompetitionEntry) -> str:
    return f"{entry.competition.job.title} — #{entry.pk}"


def register_hosts() -> None:
    register(
        AttachmentHost(
            model=CompetitionEntry,
            name="entry",
            may_see=_may_see,
            context=entry_context,
            url=_url,
            title=_title,
        )
    )

"""Portfolio works carry pictures and files: what the files app needs to know about them,
registered from `PortfolioConfig.ready()`.

A work's files are judged as a message before escrow from a worker: contact details in a
portfolio picture (a LINE ID, a QR code to a chat app) are refused like the same text typed.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from yorozu.files.hosts import AttachmentHost, register
from yorozu.portfolio.models import PortfolioWork
from yorozu.portfolio.selectors import may_see_work
from yorozu.trust.screening import PRE_CONTRACT, Context


def work_context(work: PortfolioWork | None, author: Any) -> Context:
    return Context(stage=PRE_CONTRACT, sender_role="worker", scope="portfolio")


def register_hosts() -> None:
    register(
        AttachmentHost(
            model=PortfolioWork,
            name="portfolio_work",
            may_see=may_see_work,
            context=work_context,
            url=lambda work: reverse("workers:profile", args=[work.worker_id]) + f"#work-{work.pk}",
            title=lambda work: work.title,
        )
    )

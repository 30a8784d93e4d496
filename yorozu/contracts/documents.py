"""Invoices (請求書), receipts (領収書) and yearly payment statements (支払調書) as real PDFs.

Each document is a Django template rendered to HTML and laid out by WeasyPrint, which finds the
Japanese fonts (Noto Sans/Serif CJK JP, Debian's fonts-noto-cjk) through fontconfig and embeds
the subset it uses, so the PDF reads the same on any machine; no network is used. The documents
are Japanese whatever language the viewer browses in: they are tax papers for Japanese offices.
Why WeasyPrint and what the documents promise: `docs/payments.md`.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from yorozu.contracts.models import Contract, Milestone
from yorozu.contracts.money import Breakdown, consumption_tax_included
from yorozu.contracts.payments import breakdown
from yorozu.contracts.selectors.money import PaymentStatement


def _party_name(user, *, as_client: bool) -> str:
    profile = getattr(user, "client_profile", None) if as_client else None
    if profile is not None:
        return profile.public_name
    return user.display_name


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # heavy (cairo/pango bindings): load it only to render

    with translation.override("ja"):
        html = render_to_string(
            template, {**context, "issuer": settings.INVOICE_ISSUER, "now": timezone.now()}
        )
    return HTML(string=html).write_pdf()


def invoice_number(milestone: Milestone) -> str:
    return f"INV-{milestone.contract_id:06d}-{milestone.position:02d}"


def receipt_number(milestone: Milestone) -> str:
    return f"RCT-{milestone.contract_id:06d}-{milestone.position:02d}"


def _milestone_context(milestone: Milestone) -> dict:
    contract: Contract = milestone.contract
    money: Breakdown = breakdown(milestone.amount, withholding=contract.withholding)
    return {
        "contract": contract,
        "milestone": milestone,
        "money": money,
        "client_name": _party_name(contract.client, as_client=True),
        "worker_name": contract.worker.display_name,
    }


def invoice_pdf(milestone: Milestone) -> bytes:
    """The invoice for one milestone: its amount with the consumption tax it contains, the
    withholding the client keeps back, and what the client pays into escrow."""
    context = _milestone_context(milestone)
    context["number"] = invoice_number(milestone)
    context["issued_on"] = timezone.localtime(milestone.contract.accepted_at).date()
    return _render("contracts/documents/invoice.html", context)


def receipt_pdf(milestone: Milestone) -> bytes:
    """The receipt for the escrow payment of one milestone (only once it was paid)."""
    if milestone.funded_at is None:
        raise ValueError("no receipt before the milestone is funded")
    context = _milestone_context(milestone)
    received = milestone.amount - milestone.withholding
    context.update(
        number=receipt_number(milestone),
        issued_on=timezone.localtime(milestone.funded_at).date(),
        received=received,
        received_tax=consumption_tax_included(received),
    )
    return _render("contracts/documents/receipt.html", context)


def payment_statement_pdf(statement: PaymentStatement) -> bytes:
    """The yearly 支払調書 (報酬、料金、契約金及び賞金の支払調書) of a withholding client."""
    return _render(
        "contracts/documents/payment_statement.html",
        {
            "statement": statement,
            "client_name": _party_name(statement.client, as_client=True),
            "worker_name": statement.worker.display_name,
        },
    )

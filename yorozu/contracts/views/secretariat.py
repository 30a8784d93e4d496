"""The secretariat's money pages: the disputes queue and its decisions, withdrawals to approve in
batches and the Zengin transfer file. Disputes need `core.review_content`, payouts
`core.manage_payouts` (404 for anyone else).

These plug into the review console by URL until the console's registry of queues can take a
"disputes" queue from contracts (see docs/payments.md).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from yorozu.contracts import selectors, zengin
from yorozu.contracts.actions import (
    ContractError,
    do_approve_payouts,
    do_record_transfer_file_download,
    do_reject_withdrawal,
    do_resolve_dispute,
)
from yorozu.contracts.banks import data_version, find_bank, find_branch
from yorozu.contracts.forms import PayoutApprovalForm, RejectWithdrawalForm, ResolveDisputeForm
from yorozu.contracts.payments import breakdown
from yorozu.contracts.views.work import SignedInRequest
from yorozu.core.staff import MANAGE_PAYOUTS, REVIEW, staff_view

# ---- disputes -------------------------------------------------------------------------------


@staff_view(REVIEW)
def disputes(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "contracts/secretariat_disputes.html",
        {
            "open": selectors.open_disputes(),
            "resolved": selectors.recently_resolved_disputes(),
        },
    )


def _dispute_context(request: SignedInRequest, dispute, form=None) -> dict:
    contract = dispute.contract
    milestone = dispute.milestone
    return {
        "dispute": dispute,
        "contract": contract,
        "milestone": milestone,
        "money": breakdown(milestone.amount, withholding=contract.withholding),
        "statements": selectors.dispute_statements(dispute),
        "events": selectors.contract_timeline(contract),
        "messages_in_thread": selectors.dispute_thread(dispute),
        "form": form or ResolveDisputeForm(amount=milestone.amount),
    }


@staff_view(REVIEW)
def dispute_detail(request: SignedInRequest, dispute_id: int) -> HttpResponse:
    """Both sides' statements, the contract's history and messages, and the decision form."""
    dispute = selectors.access_dispute(request.user, dispute_id)
    return render(request, "contracts/secretariat_dispute.html", _dispute_context(request, dispute))


@staff_view(REVIEW)
@require_POST
def resolve_dispute(request: SignedInRequest, dispute_id: int) -> HttpResponse:
    dispute = selectors.access_dispute(request.user, dispute_id)
    form = ResolveDisputeForm(request.POST, amount=dispute.milestone.amount)
    if not form.is_valid():
        context = _dispute_context(request, dispute, form)
        return render(request, "contracts/secretariat_dispute.html", context, status=400)
    release, refund = form.amounts()
    try:
        do_resolve_dispute(
            dispute,
            release=release,
            refund=refund,
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except ContractError as err:
        messages.error(request, err.message)
        return redirect("contracts:dispute", dispute_id=dispute.pk)
    messages.success(
        request,
        _("Decided: ¥%(release)s to the worker, ¥%(refund)s to the client. Both were told.")
        % {"release": f"{release:,}", "refund": f"{refund:,}"},
    )
    return redirect("contracts:disputes")


# ---- payouts --------------------------------------------------------------------------------


def _approval_form(data=None) -> PayoutApprovalForm:
    pending = selectors.requested_withdrawals()
    return PayoutApprovalForm(
        data,
        choices=[(w.pk, str(w.pk)) for w in pending],
        initial={"transfer_date": timezone.localdate()},
    )


@staff_view(MANAGE_PAYOUTS)
def payouts(request: SignedInRequest) -> HttpResponse:
    """Requested withdrawals to approve together, and the batches with their transfer files."""
    form = _approval_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = do_approve_payouts(
                form.cleaned_data["withdrawals"],
                transfer_date=form.cleaned_data["transfer_date"],
                actor=request.user,
            )
        except ContractError as err:
            messages.error(request, err.message)
        else:
            messages.success(
                request,
                _(
                    "%(n)s withdrawals (¥%(total)s) were approved. Download the transfer file and "
                    "send it to the bank."
                )
                % {"n": batch.count, "total": f"{batch.total:,}"},
            )
            return redirect("contracts:payouts")
    return render(
        request,
        "contracts/secretariat_payouts.html",
        {
            "form": form,
            "pending": selectors.requested_withdrawals(),
            "batches": selectors.recent_batches(),
            "reject_form": RejectWithdrawalForm(),
            "bank_data_version": data_version(),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view(MANAGE_PAYOUTS)
@require_POST
def reject_withdrawal(request: SignedInRequest, withdrawal_id: int) -> HttpResponse:
    withdrawal = selectors.access_withdrawal_for_staff(request.user, withdrawal_id)
    form = RejectWithdrawalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the reason."))
        return redirect("contracts:payouts")
    try:
        do_reject_withdrawal(
            withdrawal,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ContractError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("The withdrawal was returned to the worker's balance."))
    return redirect("contracts:payouts")


@staff_view(MANAGE_PAYOUTS)
def transfer_file(request: SignedInRequest, batch_id: int) -> HttpResponse:
    """The batch's 全銀協 (Zengin) fixed-length file, Shift_JIS, for the bank."""
    batch = selectors.access_batch(request.user, batch_id)
    source = settings.PAYOUT_SOURCE_ACCOUNT
    requester = zengin.Requester(
        code=source["requester_code"],
        name=source["requester_name"],
        bank_code=source["bank_code"],
        bank_kana=_bank_kana(source["bank_code"]),
        branch_code=source["branch_code"],
        branch_kana=_branch_kana(source["bank_code"], source["branch_code"]),
        account_type=source["account_type"],
        account_number=source["account_number"],
    )
    transfers = [
        zengin.Transfer(
            bank_code=w.bank_code,
            bank_kana=w.bank_kana,
            branch_code=w.branch_code,
            branch_kana=w.branch_kana,
            account_type=w.account_type,
            account_number=w.account_number,
            holder_name=w.holder_name,
            amount=w.amount,
            customer_code=str(w.pk),
        )
        for w in selectors.batch_withdrawals(batch)
    ]
    content = zengin.transfer_file(requester, batch.transfer_date, transfers)
    do_record_transfer_file_download(batch, actor=request.user)
    response = HttpResponse(content, content_type="text/plain; charset=Shift_JIS")
    name = f"zengin-{batch.transfer_date:%Y%m%d}-batch{batch.pk}.txt"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _bank_kana(code: str) -> str:
    bank = find_bank(code)
    return bank.kana if bank else ""


def _branch_kana(bank_code: str, branch_code: str) -> str:
    branch = find_branch(bank_code, branch_code)
    return branch.kana if branch else ""

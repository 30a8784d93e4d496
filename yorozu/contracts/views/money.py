"""Views about a person's money: earnings and withdrawals, bank account, contract documents and
yearly payment statements (thin: access_* → one do_* → render)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from yorozu.contracts import documents, selectors
from yorozu.contracts.actions import (
    BankAccountData,
    ContractError,
    do_request_withdrawal,
    do_save_bank_account,
)
from yorozu.contracts.forms import BankAccountForm, WithdrawalForm
from yorozu.contracts.payments import breakdown
from yorozu.contracts.views.work import SignedInRequest, _page


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def earnings(request: SignedInRequest) -> HttpResponse:
    """/account/earnings/: released payments with fee and withholding, the balance, the bank
    account and withdrawals."""
    user = request.user
    balance = selectors.balance_of(user)
    withdrawal_form = WithdrawalForm(initial={"request_key": secrets.token_urlsafe(24)})
    return render(
        request,
        "contracts/earnings.html",
        {
            "balance": balance,
            "account": selectors.bank_account_of(user),
            "payments": _page(request, selectors.earnings_of(user)),
            "years": selectors.yearly_earnings(user),
            "withdrawals": _page(request, selectors.withdrawals_of(user), "wpage", 10),
            "withdrawal_form": withdrawal_form,
            "minimum": settings.WITHDRAWAL_MINIMUM,
            "statements": selectors.payment_statements_for(user),
        },
    )


@login_required
def bank_account(request: SignedInRequest) -> HttpResponse:
    """Register or change the account withdrawals are transferred to."""
    user = request.user
    current = selectors.bank_account_of(user)
    if request.method == "POST":
        form = BankAccountForm(request.POST)
        if form.is_valid():
            try:
                do_save_bank_account(
                    user=user, data=BankAccountData(**form.cleaned_data), actor=user
                )
            except ContractError as err:
                form.add_error(None, err.message)
            else:
                messages.success(request, _("Your bank account was saved."))
                return redirect("contracts:earnings")
    else:
        initial = {}
        if current is not None:
            initial = {
                "bank_code": current.bank_code,
                "branch_code": current.branch_code,
                "account_type": current.account_type,
                "account_number": current.account_number,
                "holder_name": current.holder_name,
            }
        form = BankAccountForm(initial=initial)
    return render(
        request,
        "contracts/bank_account.html",
        {"form": form, "account": current},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def withdraw(request: SignedInRequest) -> HttpResponse:
    """Request a withdrawal of part or all of the available balance."""
    form = WithdrawalForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("contracts:earnings")
    try:
        withdrawal = do_request_withdrawal(
            user=request.user,
            amount=form.cleaned_data["amount"],
            request_key=form.cleaned_data["request_key"],
            actor=request.user,
        )
    except ContractError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request,
            _(
                "Your withdrawal of ¥%(amount)s was requested. The secretariat transfers it in the "
                "next batch."
            )
            % {"amount": f"{withdrawal.amount:,}"},
        )
    return redirect("contracts:earnings")


@login_required
def contract_documents(request: SignedInRequest, contract_id: int) -> HttpResponse:
    """/contracts/<id>/documents/: the invoice and receipt of each payment (parties only)."""
    contract = selectors.access_contract_documents(request.user, contract_id)
    rows = [
        (m, breakdown(m.amount, withholding=contract.withholding))
        for m in selectors.billable_milestones(contract)
    ]
    return render(
        request,
        "contracts/contract_documents.html",
        {"contract": contract, "rows": rows, "issuer": settings.INVOICE_ISSUER},
    )


@login_required
def invoice(request: SignedInRequest, contract_id: int, position: int) -> HttpResponse:
    milestone = selectors.access_milestone_document(request.user, contract_id, position)
    return _pdf(documents.invoice_pdf(milestone), f"{documents.invoice_number(milestone)}.pdf")


@login_required
def receipt(request: SignedInRequest, contract_id: int, position: int) -> HttpResponse:
    milestone = selectors.access_milestone_document(request.user, contract_id, position)
    if milestone.funded_at is None:
        raise Http404
    return _pdf(documents.receipt_pdf(milestone), f"{documents.receipt_number(milestone)}.pdf")


@login_required
def payment_statement(
    request: SignedInRequest, year: int, client_id: int, worker_id: int
) -> HttpResponse:
    """A yearly 支払調書, for the withholding client or the worker it paid."""
    statement = selectors.access_payment_statement(
        request.user, year, client_id=client_id, worker_id=worker_id
    )
    return _pdf(
        documents.payment_statement_pdf(statement),
        f"payment-statement-{year}-{client_id}-{worker_id}.pdf",
    )

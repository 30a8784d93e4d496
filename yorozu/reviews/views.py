"""Views for reviews (thin: access_* then one do_* then render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from yorozu.accounts.requests import SignedInRequest
from yorozu.contracts.models import ContractStatus
from yorozu.contracts.selectors import access_contract
from yorozu.core.errors import Refused
from yorozu.reviews.actions import do_leave_review
from yorozu.reviews.forms import ReviewForm
from yorozu.reviews.selectors import has_reviewed
from yorozu.trust.screening import Blocked


@login_required
def review_new(request: SignedInRequest, contract_id: int) -> HttpResponse:
    """One party reviews the other after completion; anyone else never learns the contract."""
    user = request.user
    contract = access_contract(user, contract_id, staff_may_view=False)
    if contract.status != ContractStatus.COMPLETED:
        messages.error(request, _("You can leave a review once the contract is completed."))
        return redirect(contract)
    if has_reviewed(contract, user):
        messages.info(request, _("You have already reviewed this contract."))
        return redirect(contract)
    reviewee = contract.worker if user.pk == contract.client_id else contract.client
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_leave_review(contract=contract, reviewer=user, data=form.cleaned_data, actor=user)
        except Refused as err:
            form.add_error(None, err.message)
            if isinstance(err, Blocked):
                for reason in err.shown()["messages"]:
                    form.add_error("comment", reason)
        else:
            messages.success(request, _("Thank you. Your review was posted."))
            return redirect(contract)
    return render(
        request,
        "reviews/review_new.html",
        {"contract": contract, "reviewee": reviewee, "form": form},
        status=400 if request.method == "POST" else 200,
    )

"""What a usage restriction means for the contracts the account has under way: the other party
is told what happens next — never why — and a contract whose escrow is held goes to the
secretariat as a dispute. Registered with `enforcement.effects` (see apps.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q
from django.utils.translation import gettext as _

from yorozu.contracts.actions.closure import escalate_for_restriction
from yorozu.contracts.models import Contract, ContractStatus
from yorozu.notifications.actions import do_notify

# Contracts still under way: their counterparty must be told what happens next.
ACTIVE_CONTRACT_STATUSES = (
    ContractStatus.OFFERED,
    ContractStatus.ACCEPTED,
    ContractStatus.FUNDED,
    ContractStatus.DELIVERED,
    ContractStatus.DISPUTED,
)
# Levels and features that stop the account from carrying on with a contract.
STOPPING_LEVELS = ("suspended", "permanent")


def tell_counterparties(user, *, level: str, features: Sequence[str]) -> None:
    """Tell the other party of each contract under way — if the restriction stops the account
    from carrying on (a suspension, or no messaging)."""
    if level not in STOPPING_LEVELS and "message" not in features:
        return
    contracts = Contract.objects.filter(
        Q(client=user) | Q(worker=user), status__in=ACTIVE_CONTRACT_STATUSES
    ).select_related("client", "worker")
    for contract in contracts:
        other = contract.worker if contract.client_id == user.pk else contract.client
        if contract.status in (ContractStatus.FUNDED, ContractStatus.DELIVERED):
            # The escrow is held: the secretariat decides it (a dispute in the console).
            escalate_for_restriction(contract, restricted=user)
            body = _(
                "The other party cannot continue on yorozu for now. Your escrow payment stays "
                "protected: the secretariat will contact you within three business days about "
                "completing or cancelling the contract. You do not need to do anything now."
            )
        else:
            body = _(
                "The other party cannot continue on yorozu for now. The contract will not go "
                "ahead; no payment has been taken. You are free to look for another partner."
            )
        do_notify(
            other,
            kind="contract_counterparty_restricted",
            title=_("About your contract “%(title)s”") % {"title": contract.title},
            body=body,
            url=contract.get_absolute_url(),
        )

"""Every write to proposals and contracts (split by sub-domain; import from here)."""

from yorozu.contracts.actions.contracts import (
    TRANSITION_ACTIONS,
    do_accept_contract,
    do_cancel_contract,
    do_complete_contract,
    do_deliver_contract,
    do_dispute_contract,
    do_fund_contract,
)
from yorozu.contracts.actions.proposals import (
    do_decline_proposal,
    do_hire_proposal,
    do_reject_held_proposal,
    do_release_held_proposal,
    do_shortlist_proposal,
    do_submit_proposal,
    do_withdraw_proposal,
)
from yorozu.contracts.errors import ContractError

__all__ = [
    "TRANSITION_ACTIONS",
    "ContractError",
    "do_accept_contract",
    "do_cancel_contract",
    "do_complete_contract",
    "do_decline_proposal",
    "do_deliver_contract",
    "do_dispute_contract",
    "do_fund_contract",
    "do_hire_proposal",
    "do_reject_held_proposal",
    "do_release_held_proposal",
    "do_shortlist_proposal",
    "do_submit_proposal",
    "do_withdraw_proposal",
]

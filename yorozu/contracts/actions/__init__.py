"""Every write to proposals, contracts and payouts (split by sub-domain; import from here)."""

from collections.abc import Callable

from yorozu.contracts.actions.closure import (
    do_accept_cancellation,
    do_add_dispute_statement,
    do_decline_cancellation,
    do_dispute_contract,
    do_escalate_cancellation,
    do_propose_cancellation,
    do_remind_cancellation,
    do_resolve_dispute,
    do_withdraw_cancellation,
)
from yorozu.contracts.actions.contracts import (
    MilestoneTerms,
    client_may_withhold,
    do_accept_contract,
    do_auto_accept_milestone,
    do_cancel_contract,
    do_complete_contract,
    do_deliver_contract,
    do_edit_offer,
    do_fund_contract,
    do_request_changes,
)
from yorozu.contracts.actions.deadlines import do_remind_acceptance, sweep_deadlines
from yorozu.contracts.actions.payouts import (
    BankAccountData,
    do_approve_payouts,
    do_record_transfer_file_download,
    do_reject_withdrawal,
    do_request_withdrawal,
    do_save_bank_account,
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

# The steps the contract page may POST by name, and the action each runs. Each takes
# (contract, *, actor, note); the view passes the extra fields some need (a refund amount,
# the terms version the worker saw).
TRANSITION_ACTIONS: dict[str, Callable[..., object]] = {
    "accept": do_accept_contract,
    "fund": do_fund_contract,
    "deliver": do_deliver_contract,
    "complete": do_complete_contract,
    "request_changes": do_request_changes,
    "cancel": do_cancel_contract,
    "propose_cancellation": do_propose_cancellation,
    "accept_cancellation": do_accept_cancellation,
    "decline_cancellation": do_decline_cancellation,
    "withdraw_cancellation": do_withdraw_cancellation,
    "dispute": do_dispute_contract,
    "add_statement": do_add_dispute_statement,
}

__all__ = [
    "TRANSITION_ACTIONS",
    "BankAccountData",
    "ContractError",
    "MilestoneTerms",
    "client_may_withhold",
    "do_accept_cancellation",
    "do_accept_contract",
    "do_add_dispute_statement",
    "do_approve_payouts",
    "do_auto_accept_milestone",
    "do_cancel_contract",
    "do_complete_contract",
    "do_decline_cancellation",
    "do_decline_proposal",
    "do_deliver_contract",
    "do_dispute_contract",
    "do_edit_offer",
    "do_escalate_cancellation",
    "do_fund_contract",
    "do_hire_proposal",
    "do_propose_cancellation",
    "do_record_transfer_file_download",
    "do_reject_held_proposal",
    "do_reject_withdrawal",
    "do_release_held_proposal",
    "do_remind_acceptance",
    "do_remind_cancellation",
    "do_request_changes",
    "do_request_withdrawal",
    "do_resolve_dispute",
    "do_save_bank_account",
    "do_shortlist_proposal",
    "do_submit_proposal",
    "do_withdraw_cancellation",
    "do_withdraw_proposal",
    "sweep_deadlines",
]

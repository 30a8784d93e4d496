"""Every write to enforcement: reports, decisions, restrictions, strikes, appeals.

Split by sub-domain; import from here (`from yorozu.enforcement.actions import ...`).
"""

from yorozu.enforcement.actions.appeals import AppealError, do_decide_appeal, do_file_appeal
from yorozu.enforcement.actions.reports import (
    ReportRefused,
    do_decide_report_case,
    do_file_report,
)
from yorozu.enforcement.actions.restrictions import (
    RestrictionError,
    do_lift_restriction,
    do_restrict_account,
)

__all__ = [
    "AppealError",
    "ReportRefused",
    "RestrictionError",
    "do_decide_appeal",
    "do_decide_report_case",
    "do_file_appeal",
    "do_file_report",
    "do_lift_restriction",
    "do_restrict_account",
]

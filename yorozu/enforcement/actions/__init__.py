"""Every write to enforcement: reports, decisions, restrictions, strikes, appeals.

Split by sub-domain; import from here (`from yorozu.enforcement.actions import ...`).
"""

from yorozu.enforcement.actions.restrictions import (
    RestrictionError,
    do_lift_restriction,
    do_restrict_account,
)

__all__ = ["RestrictionError", "do_lift_restriction", "do_restrict_account"]

"""Every non-trivial read of proposals, contracts and money (split by sub-domain).

`access_*` functions fetch and authorize in one call: a person who may not see a thing gets a
404, never a hint that it exists.
"""

from yorozu.contracts.selectors.money import *  # noqa: F403
from yorozu.contracts.selectors.work import *  # noqa: F403
from yorozu.contracts.selectors.work import ACTIVE_STATUSES, CLIENT_PROPOSAL_STATUSES  # noqa: F401

"""Notifications about proposals and contracts.

`do_notify` renders them in the recipient's language (not the actor's): this module only keeps
the name the contracts actions call.
"""

from __future__ import annotations

from yorozu.notifications.actions import do_notify as notify

__all__ = ["notify"]

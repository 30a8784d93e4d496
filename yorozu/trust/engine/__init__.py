"""yorozu's trust engine: a plain-Python library (no Django) that assesses a text in context.

    from yorozu.trust.engine import assess, Context
    a = assess("LINE交換しませんか？", Context(kind="message", stage="pre_contract"))
    a.verdict, a.score, a.reasons

See docs/trust-engine.md for the design, the rule format and how to evaluate, train and bench.
"""

from .engine import THRESHOLDS, Engine, assess, default_engine
from .normalize import Normalized, normalize
from .values import Assessment, Context, Reason, Rule

__all__ = [
    "THRESHOLDS",
    "Assessment",
    "Context",
    "Engine",
    "Normalized",
    "Reason",
    "Rule",
    "assess",
    "default_engine",
    "normalize",
]

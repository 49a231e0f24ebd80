"""Default names of exported files: ASCII, no spaces, the plan's number and symbol in them.

``Ke-hoach-74-KH-SKHCN-2022.docx`` travels by e-mail and USB stick to machines whose file
systems and mail clients mangle Vietnamese letters, so the name is folded to plain ASCII.
"""

from __future__ import annotations

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.text import ascii_slug

__all__ = ["ascii_slug", "plan_file_name", "report_file_name"]


def _plan_part(plan: Plan) -> str:
    return ascii_slug(f"{plan.number} {plan.symbol}") or "Ke-hoach"


def plan_file_name(plan: Plan, suffix: str = ".docx") -> str:
    """``Ke-hoach-74-KH-SKHCN-2022.docx``; without a number ``Ke-hoach-KH-SKHCN-2022.docx``."""
    return f"Ke-hoach-{_plan_part(plan)}-{plan.year}{suffix}"


def report_file_name(plan: Plan, period: Period, suffix: str = ".xlsx") -> str:
    """``Bao-cao-Quy-I-2022-74-KH-SKHCN.xlsx``."""
    return f"Bao-cao-{ascii_slug(period.short_label())}-{_plan_part(plan)}{suffix}"

"""Where a plan's body points to its appendix (pure).

Decree 30 Phụ lục I wants the body to refer to its appendix; offices put the sentence
where the plan's tasks begin. That is the first top-level section named for its tasks
("NHIỆM VỤ …"), else the first one about content ("NỘI DUNG …"), else the first section
after "Mục đích, yêu cầu", else the first section.
"""

from __future__ import annotations

from collections.abc import Sequence

from cchc_desktop.domain.model import Plan, Section
from cchc_desktop.domain.search import search_key
from cchc_desktop.domain.text import fold


def prints_appendix(plan: Plan) -> bool:
    """The task table is printed as the appendix: "in phụ lục nhiệm vụ" is on and there is
    something to print (a task, or a title the clerk gave an appendix still to fill)."""
    return plan.print_appendix and (bool(plan.tasks) or bool(plan.appendix_title.strip()))


def body_refers_to_appendix(plan: Plan) -> bool:
    """The office's own text already points to the appendix ("Chi tiết tại Phụ lục …")."""
    paragraphs = [*plan.preamble]
    for numbered in plan.walk_sections():
        paragraphs.extend(numbered.section.body)
    return any("phu luc" in search_key(p.text) for p in paragraphs)


def reference_sentence(plan: Plan) -> str:
    """The sentence the body gets where its tasks begin ("" when none is printed)."""
    if not prints_appendix(plan) or body_refers_to_appendix(plan):
        return ""
    return plan.appendix_reference.strip()


def reference_section(plan: Plan) -> int | None:
    """Index (in ``plan.sections``) of the top-level section that carries the reference
    sentence, or None when the plan has no section (the sentence then ends the preamble)."""
    return reference_index(plan.sections)


def reference_index(sections: Sequence[Section]) -> int | None:
    """:func:`reference_section` for a list of top-level sections."""
    if not sections:
        return None
    headings = [fold(s.heading).lower() for s in sections]
    for word in ("nhiem vu", "noi dung"):
        for i, heading in enumerate(headings):
            if word in heading:
                return i
    for i, heading in enumerate(headings):
        if not heading.startswith("muc dich"):
            return i
    return 0

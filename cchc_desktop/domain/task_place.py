"""Where a new task goes in the appendix, given its group.

The plan's .docx prints a group heading whenever a task's group differs from the one
before it, so a task of group A added at the very end printed under the last group's
heading, or under a second "A" heading (issue 17). A new task goes at the end of its
group's rows instead; a task without a group, or of a new group, goes at the end.
"""

from __future__ import annotations

from collections.abc import Sequence

from cchc_desktop.domain.model import Task


def groups_in_order(tasks: Sequence[Task]) -> list[str]:
    """The groups named by ``tasks``, each once, in the order they first appear."""
    seen: dict[str, None] = {}
    for task in tasks:
        if task.group:
            seen.setdefault(task.group, None)
    return list(seen)


def place_in_group(tasks: Sequence[Task], group: str) -> int | None:
    """The row a new task of ``group`` is inserted at: after the last task of that group;
    None (the end) for no group, a group no task has, or a group that ends the list."""
    if not group:
        return None
    rows = [i for i, task in enumerate(tasks) if task.group == group]
    if not rows or rows[-1] == len(tasks) - 1:
        return None
    return rows[-1] + 1

"""A new task goes to the end of its group's rows (issue 17)."""

from __future__ import annotations

from cchc_desktop.domain.model import Task
from cchc_desktop.domain.task_place import groups_in_order, place_in_group


def _tasks(*groups: str) -> list[Task]:
    return [Task(key=f"T{i}", name=f"Nhiệm vụ {i}", group=g) for i, g in enumerate(groups)]


def test_a_new_task_goes_after_the_last_task_of_its_group() -> None:
    tasks = _tasks("Chỉ đạo", "Chỉ đạo", "Thủ tục", "Thủ tục", "Công vụ")
    assert place_in_group(tasks, "Chỉ đạo") == 2
    assert place_in_group(tasks, "Thủ tục") == 4
    assert place_in_group(tasks, "Công vụ") is None  # the last group: at the end
    assert place_in_group(tasks, "Nhóm mới") is None
    assert place_in_group(tasks, "") is None


def test_groups_in_the_order_of_the_appendix() -> None:
    tasks = _tasks("Thủ tục", "", "Chỉ đạo", "Thủ tục")
    assert groups_in_order(tasks) == ["Thủ tục", "Chỉ đạo"]

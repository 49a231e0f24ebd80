"""Who did what in "Theo dõi thực hiện" (issue 19, item 3): under the side form, "Nhập bởi
<clerk> lúc <time> ngày <date>" of the selected answer, in local time, as the database
recorded it; nothing for a task with no answer yet."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.model import CheckIn
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.services.checkins import record_checkin

from cchc_desktop.ui.widgets.checkin_form import entered_text

pytestmark = pytest.mark.gui
Q3 = Period.parse("2022-Q3")


def test_selected_answer_shows_who_entered_it_and_when(qtbot, window, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    db.clerk = "Nguyễn Thị Lan"  # another clerk's answer, stored before the window reads it
    record_checkin(db, hai_duong_id, CheckIn("T2", Q3, Status.IN_PROGRESS, 30, "của Lan"))
    window.doc.reload()
    tab = window.checkins_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_period(Q3)
    tab.select_task_key("T2")
    stored = window.doc.checkin("T2", Q3)
    local = stored.edited_at.replace(tzinfo=stored.edited_at.tzinfo or dt.UTC).astimezone()
    assert tab.form.entered_label.text() == (
        f"Nhập bởi Nguyễn Thị Lan lúc {local:%H:%M} ngày {local:%d/%m/%Y}"
    )
    assert abs(local - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    # This window's clerk edits it: the label says so at once.
    window.doc.db.clerk = "Trần Văn Bình"
    tab.form.result.setPlainText("Bình sửa lại")
    tab.form.result.commit()
    tab.select_task_key("T2")
    assert tab.form.entered_label.text().startswith("Nhập bởi Trần Văn Bình lúc ")
    # A task with no answer in the quarter: nothing to say.
    assert window.doc.checkin("T7", Q3) is None
    tab.select_task_key("T7")
    assert tab.form.entered_label.text() == ""


def test_entered_text_of_a_naive_utc_time() -> None:
    at = dt.datetime(2022, 9, 30, 2, 5)  # as SQLite gives it back: UTC without a zone
    local = at.replace(tzinfo=dt.UTC).astimezone()
    c = CheckIn("T1", Q3, edited_by="", edited_at=at)
    assert entered_text(c) == f"Nhập bởi (không rõ) lúc {local:%H:%M} ngày {local:%d/%m/%Y}"
    assert entered_text(None) == ""
    assert entered_text(CheckIn("T1", Q3)) == ""

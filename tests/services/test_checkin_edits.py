"""What an edit of the check-in tab makes of a check-in (plain functions, no window)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.model import CheckIn, Evidence
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.errors import ValidationError
from cchc_desktop.services.checkin_edits import (
    NEW_EVIDENCE_TITLE,
    copies_of_previous,
    with_field,
    with_file,
)

Q1, Q2 = Period.quarter(2022, 1), Period.quarter(2022, 2)


def _checkin(**fields: object) -> CheckIn:
    base: dict[str, object] = {"task": "T1", "period": Q1, "status": Status.IN_PROGRESS}
    return CheckIn(**{**base, **fields})  # type: ignore[arg-type]


def test_numbers_are_parsed_the_vietnamese_way() -> None:
    start = _checkin(progress=10)
    assert with_field(start, "progress", " 60 ").progress == 60
    assert with_field(start, "progress", "").progress == 0
    assert with_field(start, "achieved", "12,5").achieved == 12.5
    assert with_field(start, "achieved", "").achieved is None
    assert start.progress == 10  # the start is left alone


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("progress", "sáu mươi", "Tiến độ phải là số nguyên từ 0 đến 100 (đã nhập “sáu mươi”)."),
        ("progress", "12.5", "Tiến độ phải là số nguyên từ 0 đến 100 (đã nhập “12.5”)."),
        ("achieved", "mười", "Số lượng đạt được phải là một số (đã nhập “mười”)."),
    ],
)
def test_a_word_for_a_number_is_refused_in_vietnamese(field: str, typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        with_field(_checkin(), field, typed)
    assert caught.value.message == message


def test_done_means_one_hundred_percent() -> None:
    done = with_field(_checkin(progress=40), "status", Status.DONE.value)
    assert (done.status, done.progress) == (Status.DONE, 100)
    paused = with_field(_checkin(progress=40), "status", Status.NOT_STARTED)
    assert (paused.status, paused.progress) == (Status.NOT_STARTED, 40)


def test_text_fields_and_lists_are_copied_in() -> None:
    items = [Evidence("Báo cáo", "")]
    new = with_field(_checkin(), "evidence", items)
    items[0].title = "đổi sau"
    assert new.evidence == [Evidence("Báo cáo", "")]
    assert with_field(_checkin(), "result", "  Đã tổ chức 2 hội nghị  ").result == (
        "Đã tổ chức 2 hội nghị"
    )


def test_a_file_fills_an_empty_row_or_adds_one() -> None:
    start = _checkin(evidence=[Evidence(NEW_EVIDENCE_TITLE, "", 7), Evidence("Công văn", "a.pdf")])
    filled = with_file(start, 0, "abc.pdf", "Ke hoach.pdf")
    assert filled.evidence[0] == Evidence("Ke hoach.pdf", "abc.pdf", 7, "Ke hoach.pdf")
    # A row that already holds a file is not replaced: the file comes on a new row.
    added = with_file(start, 1, "def.pdf", "Bao cao.pdf")
    assert added.evidence[1] == Evidence("Công văn", "a.pdf")
    assert added.evidence[2] == Evidence("Bao cao.pdf", "def.pdf", None, "Bao cao.pdf")
    titled = with_file(_checkin(evidence=[Evidence("Biên bản", "")]), 0, "x.docx", "bb.docx")
    assert titled.evidence[0].title == "Biên bản"


def test_last_quarter_is_copied_only_where_this_quarter_is_empty() -> None:
    stored = {
        ("T1", Q1): _checkin(id=1, result="Q1 của T1", evidence=[Evidence("Ảnh", "p.png", 3)]),
        ("T2", Q1): _checkin(task="T2", id=2, result="Q1 của T2"),
        ("T2", Q2): _checkin(task="T2", period=Q2, id=3, result="đã có"),
    }
    today = dt.date(2022, 6, 3)
    copies = copies_of_previous(["T1", "T2", "T3"], Q2, lambda k, p: stored.get((k, p)), today)
    assert [(c.task, c.period, c.result, c.id, c.reported_on) for c in copies] == [
        ("T1", Q2, "Q1 của T1", None, today)
    ]
    assert copies[0].evidence == [Evidence("Ảnh", "p.png", None)]
    assert stored[("T1", Q1)].evidence[0].id == 3  # the original is untouched
    assert copies_of_previous(["T1"], Q1, lambda k, p: stored.get((k, p)), today) == []

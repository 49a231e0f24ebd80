import pytest

from cchc_desktop.domain.dates import BLANK, IssueDate, date_line


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (IssueDate(2022, 2, 5), "Hải Dương, ngày 05 tháng 02 năm 2022"),
        (IssueDate(2022, 7, 27), "Hải Dương, ngày 27 tháng 7 năm 2022"),
        (IssueDate(2022, 1, 28), "Hải Dương, ngày 28 tháng 01 năm 2022"),
        (IssueDate(2022, 12, 9), "Hải Dương, ngày 09 tháng 12 năm 2022"),
        (IssueDate(2022, 3, 10), "Hải Dương, ngày 10 tháng 3 năm 2022"),
    ],
)
def test_leading_zero_rule(date: IssueDate, expected: str) -> None:
    assert date_line("Hải Dương", date, 2022) == expected


def test_month_only_and_blank_dates_keep_room_to_write() -> None:
    assert date_line("Ninh Thuận", IssueDate(2022, 2), 2022) == (
        f"Ninh Thuận, ngày{BLANK}tháng 02 năm 2022"
    )
    assert date_line("Gio Sơn", None, 2022) == f"Gio Sơn, ngày{BLANK}tháng{BLANK}năm 2022"
    assert len(BLANK) >= 5


def test_parse_and_iso_round_trip() -> None:
    assert IssueDate.parse("2022-01-28", 2022) == IssueDate(2022, 1, 28)
    assert IssueDate.parse("2022-02", 2022) == IssueDate(2022, 2)
    assert IssueDate.parse(None, 2022) is None
    assert IssueDate(2022, 2).iso() == "2022-02"
    with pytest.raises(ValueError):
        IssueDate.parse("2022-02-30", 2022)
    with pytest.raises(ValueError):
        IssueDate.parse("28/01/2022", 2022)

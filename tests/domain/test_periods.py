import datetime as dt

import pytest

from cchc_desktop.domain.periods import Period, PeriodKind


def test_parse_and_format() -> None:
    assert str(Period.parse("2022-Q3")) == "2022-Q3"
    assert Period.parse("2022-H1").quarters == (1, 2)
    assert Period.parse("2022").kind is PeriodKind.YEAR
    assert Period.parse("2022").quarters == (1, 2, 3, 4)
    for bad in ("2022-Q5", "2022-H3", "22-Q1", "2022Q1", "", "2022-Y1"):
        with pytest.raises(ValueError):
            Period.parse(bad)


def test_labels() -> None:
    assert Period.parse("2022-Q1").label() == "quý I năm 2022"
    assert Period.parse("2022-H1").label() == "6 tháng đầu năm 2022"
    assert Period.parse("2022").label() == "năm 2022"
    assert Period.parse("2022-Q4").short_label() == "Quý IV/2022"


def test_default_cutoff_follows_decree_09() -> None:
    d = dt.date
    assert Period.parse("2022-Q1").cutoff() == (d(2021, 12, 15), d(2022, 3, 14))
    assert Period.parse("2022-Q3").cutoff() == (d(2022, 6, 15), d(2022, 9, 14))
    assert Period.parse("2022-H1").cutoff() == (d(2021, 12, 15), d(2022, 6, 14))
    assert Period.parse("2022-H2").cutoff() == (d(2022, 6, 15), d(2022, 12, 14))
    assert Period.parse("2022").cutoff() == (d(2021, 12, 15), d(2022, 12, 14))


def test_cutoff_day_is_configurable() -> None:
    d = dt.date
    assert Period.parse("2022-Q2").cutoff(20) == (d(2022, 3, 20), d(2022, 6, 19))
    assert Period.parse("2022-Q1").cutoff(1) == (d(2021, 12, 1), d(2022, 2, 28))


def test_period_end_dates() -> None:
    assert Period.parse("2024-Q1").end == dt.date(2024, 3, 31)
    assert Period.parse("2022-H1").end == dt.date(2022, 6, 30)
    assert Period.parse("2022-Q2").previous_quarter() == Period.quarter(2022, 1)
    assert Period.parse("2022-Q4").next_quarter() is None

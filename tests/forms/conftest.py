"""Fixtures for the unit-form tests: a database with the Hải Dương plan and a way to send
the forms of a quarter (write + record, as ``cchc export-forms`` does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop.domain.forms import SentForm
from cchc_desktop.domain.periods import Period
from cchc_desktop.exports.xlsx_forms import write_unit_forms
from cchc_desktop.services.forms import record_dispatch
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage import Database
from tests.forms.form_helpers import Q3


@pytest.fixture
def send(db: Database, hai_duong_id: int, tmp_path: Path) -> Callable[..., list[SentForm]]:
    """Write and record the forms of a quarter, as ``cchc export-forms`` does."""

    def run(period: Period = Q3, pid: int | None = None, **kwargs: Any) -> list[SentForm]:
        pid = pid or hai_duong_id
        folder = tmp_path / f"forms-{pid}-{period}"
        folder.mkdir(exist_ok=True)
        plan = load_plan(db, pid)
        # Sent in good time, ten days before the period's cut-off, as an office does; a form
        # sent after it (a quarter caught up on) gets its own test.
        cutoff = period.cutoff(plan.organization.cutoff_day)[1]
        kwargs.setdefault("now", dt.datetime.combine(cutoff - dt.timedelta(days=10), dt.time(8)))
        sent = write_unit_forms(plan, period, folder, **kwargs)
        record_dispatch(db, pid, sent)
        return sent

    return run

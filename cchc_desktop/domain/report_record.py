"""What the office writes on a period report and the app cannot know, one per plan × period.

The report's own number (…/BC-…), its date, "Kính gửi" (one or more), the signer, "Nơi
nhận", and the narrative of the outline's sections. The data part (figures, task by task)
is computed afresh at every export; a narrative section holds the clerk's ``text`` and the
data text it was written from (``basis``), so that regenerating the data never overwrites
the clerk's words and can say what changed since (:func:`changed_sections`).

Pure: no storage, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import Signer
from cchc_desktop.domain.periods import Period

# The narrative sections of the Bộ Nội vụ outline, in document order, with their headings.
NARRATIVE_HEADINGS: dict[str, str] = {
    "chi_dao": "Công tác chỉ đạo, điều hành",
    "uu_diem": "Ưu điểm",
    "han_che": "Tồn tại, hạn chế",
    "nguyen_nhan": "Nguyên nhân",
    "phuong_huong": "Phương hướng, nhiệm vụ kỳ tới",
    "de_xuat": "Đề xuất, kiến nghị",
}
NARRATIVE_KEYS: tuple[str, ...] = tuple(NARRATIVE_HEADINGS)
# Bounds, as for every other text the clerk types (safe_zip.MAX_TEXT is the plan's bound).
MAX_NARRATIVE = 20_000
MAX_FIELD = 500
MAX_LINES = 50


@dataclass(slots=True)
class ReportRecord:
    period: Period
    number: str = ""  # "12"; the symbol is the organization's "BC-<abbreviation>"
    issued_on: IssueDate | None = None
    addressees: list[str] = field(default_factory=list)  # Kính gửi; [] = the default
    recipients: list[str] = field(default_factory=list)  # Nơi nhận between "Như trên" and "Lưu"
    signer: Signer | None = None  # None = the plan's signer
    narrative: dict[str, str] = field(default_factory=dict)  # key → the clerk's text
    basis: dict[str, str] = field(default_factory=dict)  # key → the data text it came from
    id: int | None = None
    # Server mode (issue 19): the stored version (0: not stored yet) and who saved it last;
    # not part of what the record says (as on Task and CheckIn).
    version: int = field(default=0, compare=False)
    edited_by: str = field(default="", compare=False)

    def text(self, key: str) -> str:
        return self.narrative.get(key, "").strip()

    def set_text(self, key: str, text: str, basis: str) -> None:
        """Keep the clerk's ``text`` for ``key`` and the data text shown when it was typed."""
        if key not in NARRATIVE_HEADINGS:
            raise ValueError(f"unknown report section {key!r}")
        self.narrative[key] = text
        self.basis[key] = basis


def changed_sections(record: ReportRecord, fresh: dict[str, str]) -> list[str]:
    """Keys whose clerk-written text was based on data that have changed since: the window
    shows them, the clerk's text stays as written."""
    return [
        key
        for key in NARRATIVE_KEYS
        if record.text(key) and key in fresh and record.basis.get(key, "") != fresh[key]
    ]


def paragraphs_of(text: str) -> list[tuple[bool, str]]:
    """The clerk's text as (is_dash, line) per non-empty line; "- x" lines are dashes."""
    out: list[tuple[bool, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line[:1] in "-–+" and len(line) > 1:
            out.append((True, line[1:].strip()))
        else:
            out.append((False, line))
    return out


def check_record(record: ReportRecord) -> list[str]:
    """What is too long or too many in ``record`` (English, for a UserError detail)."""
    faults: list[str] = []
    if len(record.number) > 20:
        faults.append("report number longer than 20 characters")
    for name, items in (("addressees", record.addressees), ("recipients", record.recipients)):
        if len(items) > MAX_LINES:
            faults.append(f"more than {MAX_LINES} {name}")
        faults += [f"{name} line longer than {MAX_FIELD}" for x in items if len(x) > MAX_FIELD]
    for key, text in record.narrative.items():
        if key not in NARRATIVE_HEADINGS:
            faults.append(f"unknown section {key!r}")
        elif len(text) > MAX_NARRATIVE:
            faults.append(f"section {key} longer than {MAX_NARRATIVE} characters")
    return faults

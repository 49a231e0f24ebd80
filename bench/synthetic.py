"""A synthetic plan for benchmarks: N tasks led by 20 units, sections three levels deep,
check-ins for all four quarters. Deterministic for a given seed; returns a domain Plan.

    from synthetic import synthetic_plan      # with bench/ on sys.path
    plan = synthetic_plan(1000)
"""

from __future__ import annotations

import datetime as dt
import random

from cchc_desktop.domain.dates import IssueDate
from cchc_desktop.domain.model import (
    CheckIn,
    Evidence,
    Organization,
    Paragraph,
    ParagraphStyle,
    Plan,
    Recipient,
    Section,
    Signer,
    Target,
    Task,
    Unit,
    UnitKind,
)
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.status import Status
from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind

YEAR = 2022
UNITS = 20

_WORDS = [
    "tuyên",
    "truyền",
    "cải",
    "cách",
    "hành",
    "chính",
    "thủ",
    "tục",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "kiểm",
    "tra",
    "rà",
    "soát",
    "văn",
    "bản",
    "quy",
    "phạm",
    "pháp",
    "luật",
    "đánh",
    "giá",
    "chỉ",
    "số",
    "hài",
    "lòng",
    "người",
    "dân",
    "doanh",
    "nghiệp",
    "số",
    "hóa",
    "hồ",
    "sơ",
    "một",
    "cửa",
    "liên",
    "thông",
    "đào",
    "tạo",
    "bồi",
    "dưỡng",
    "công",
    "chức",
    "viên",
    "chức",
    "ứng",
    "dụng",
    "công",
    "nghệ",
    "thông",
    "tin",
    "tổ",
    "chức",
    "bộ",
    "máy",
    "tài",
    "chính",
    "công",
    "chính",
    "quyền",
    "điện",
    "tử",
    "kỷ",
    "luật",
    "kỷ",
    "cương",
]
_GROUPS = (
    "Công tác chỉ đạo, điều hành",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng chính quyền điện tử, chính quyền số",
)
_STATUSES = (
    (Status.IN_PROGRESS, 45),
    (Status.DONE, 25),
    (Status.NOT_STARTED, 10),
    (Status.DONE_LATE, 8),
    (Status.NOT_DONE, 7),
    (Status.CANCELLED, 5),
)


def _sentence(rnd: random.Random, low: int, high: int) -> str:
    words = rnd.choices(_WORDS, k=rnd.randint(low, high))
    return " ".join(words).capitalize()


def _timeframe(rnd: random.Random, i: int) -> Timeframe:
    kind = list(TimeframeKind)[i % len(TimeframeKind)]
    if kind is TimeframeKind.QUARTERS:
        first = rnd.randint(1, 4)
        return Timeframe(kind, quarters=list(range(first, min(4, first + 1) + 1)))
    if kind is TimeframeKind.MONTHS:
        return Timeframe(kind, months=[rnd.randint(1, 12)])
    if kind is TimeframeKind.DEADLINE:
        return Timeframe(kind, due=dt.date(YEAR, rnd.randint(1, 12), rnd.randint(1, 28)))
    return Timeframe(kind)


def _sections(rnd: random.Random) -> list[Section]:
    """Three levels: I. … / 1. … / a) …, each with a few paragraphs."""

    def body() -> list[Paragraph]:
        styles = (ParagraphStyle.PLAIN, ParagraphStyle.DASH, ParagraphStyle.PLUS)
        return [Paragraph(_sentence(rnd, 12, 40) + ".", rnd.choice(styles)) for _ in range(3)]

    return [
        Section(
            _sentence(rnd, 3, 6).upper(),
            body(),
            [
                Section(
                    _sentence(rnd, 3, 8),
                    body(),
                    [Section(_sentence(rnd, 3, 8), body()) for _ in range(3)],
                )
                for _ in range(3)
            ],
        )
        for _ in range(4)
    ]


def synthetic_plan(tasks: int = 1000, seed: int = 1) -> Plan:
    """A plan of ``tasks`` tasks for 2022 with a check-in for every task in each of the four
    quarters (4 × ``tasks`` check-ins)."""
    rnd = random.Random(seed)
    units = [Unit(f"Phòng chuyên môn số {n}", f"P{n}") for n in range(1, UNITS + 1)]
    units.append(Unit("Các phòng, đơn vị thuộc Sở", kind=UnitKind.GROUP))
    names = [u.name for u in units[:UNITS]]
    plan = Plan(
        organization=Organization("UBND TỈNH MẪU", "SỞ THỬ NGHIỆM", "STN", "Mẫu"),
        year=YEAR,
        symbol="KH-STN",
        number="99",
        title="Cải cách hành chính năm 2022 (kế hoạch tổng hợp để đo hiệu năng)",
        units=units,
        issued_on=IssueDate(YEAR, 1, 15),
        preamble=[Paragraph(_sentence(rnd, 20, 40) + ".")],
        sections=_sections(rnd),
        closing=[Paragraph("Trên đây là Kế hoạch cải cách hành chính năm 2022.")],
        recipients=[Recipient("UBND tỉnh", "để b/c"), Recipient("Các phòng, đơn vị")],
        signer=Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Mẫu"),
        appendix_title="CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2022",
    )
    statuses = [s for s, _ in _STATUSES]
    weights = [w for _, w in _STATUSES]
    for i in range(tasks):
        key = f"T{i + 1}"
        lead = [names[i % UNITS]] if i % 9 else [names[i % UNITS], names[(i + 7) % UNITS]]
        target = Target(rnd.choice((10, 20, 50, 100)), "tin, bài") if i % 4 == 0 else None
        task = Task(
            key=key,
            name=_sentence(rnd, 8, 30),
            product=_sentence(rnd, 2, 8),
            lead=lead,
            partners=rnd.sample(names, k=rnd.randint(0, 3)),
            timeframe=_timeframe(rnd, i),
            target=target,
            group=_GROUPS[i * len(_GROUPS) // max(tasks, 1)],
        )
        plan.tasks.append(task)
        progress = 0
        for q in range(1, 5):
            status = rnd.choices(statuses, weights)[0]
            progress = 100 if status.is_done else min(95, progress + rnd.randint(0, 30))
            plan.checkins.append(
                CheckIn(
                    task=key,
                    period=Period.quarter(YEAR, q),
                    status=status,
                    progress=progress,
                    result=_sentence(rnd, 15, 60) + ".",
                    achieved=(target.quantity * progress // 100) if target else None,
                    evidence=[Evidence(f"Công văn số {rnd.randint(1, 999)}/STN-VP")]
                    if rnd.random() < 0.4
                    else [],
                    difficulties=_sentence(rnd, 8, 25) if rnd.random() < 0.2 else "",
                    proposals=_sentence(rnd, 8, 25) if rnd.random() < 0.15 else "",
                    reported_by=lead[0],
                    reported_on=dt.date(YEAR, q * 3, rnd.randint(1, 28)),
                )
            )
    return plan

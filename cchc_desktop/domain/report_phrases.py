"""The sentences of a period report that name the plan and the period, built from data.

A report names its plan in five places (trích yếu, opening, part I, closing, appendix) and
the plan may come with or without a number, with a full, month-only or no issue date, and
its title may already end with the year ("… năm 2022") the period label repeats. String
concatenation gave "…năm 2022 6 tháng đầu năm 2022", "Kế hoạch ngày 27/07/2022" (no số) and
"Kế hoạch số /KH-…". Here each phrase is chosen from the facts:

- with a number, the plan is "Kế hoạch số 74/KH-SKHCN" followed by its date, and its subject
  comes after "về";
- without one, the plan is named by its subject ("Kế hoạch tuyên truyền cải cách hành chính
  năm 2022"), then its date; never "Kế hoạch ngày …";
- a date is "ngày 28/01/2022", "ban hành tháng 02/2022" or nothing;
- where the period label follows the subject, the subject's own "năm 2022" is dropped when
  it is the period's year.

Pure: strings in, strings out. ``tests/domain/test_report_phrases.py`` runs every
combination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_desktop.domain.dates import IssueDate, month_text, short_date
from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.names import agency_name
from cchc_desktop.domain.periods import Period

_LEADS = ("Về việc ", "về việc ", "Về ", "về ")
# A group of one to four words written twice in a row ("năm 2022 năm 2022").
_DOUBLED = re.compile(r"(?<!\w)((?:\w+[ ,/]?){1,4}\w+) \1(?!\w)")


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """What a sentence needs to know of the plan it names."""

    kind: str  # "Kế hoạch"
    number_symbol: str | None  # "74/KH-SKHCN", None when the plan has no number
    issued: IssueDate | None
    topic: str  # "tuyên truyền cải cách hành chính năm 2022"
    issuer: str  # "Sở Khoa học và Công nghệ"

    @classmethod
    def of(cls, plan: Plan) -> PlanFacts:
        number = plan.number.strip()
        return cls(
            kind=plan.doc_type.strip().capitalize() or "Kế hoạch",
            number_symbol=f"{number}/{plan.symbol}" if number else None,
            issued=plan.issued_on,
            topic=topic(plan.title),
            issuer=agency_name(plan.organization.name),
        )


def topic(title: str) -> str:
    """The plan's subject inside a sentence: "tuyên truyền cải cách hành chính năm 2022"."""
    text = " ".join(title.split())
    for lead in _LEADS:
        if text.startswith(lead):
            text = text[len(lead) :]
            break
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def without_year(text: str, year: int) -> str:
    """``text`` without a trailing "năm <year>" (the period label says it next)."""
    suffix = f" năm {year}"
    return text[: -len(suffix)] if text.endswith(suffix) else text


def date_words(issued: IssueDate | None) -> str:
    """ "ngày 28/01/2022", "ban hành tháng 02/2022" or "" (nothing known but the year)."""
    if issued is None or issued.month is None:
        return ""
    day = issued.as_date()
    if day is not None:
        return f"ngày {short_date(day)}"
    return f"ban hành tháng {month_text(issued.month).zfill(2)}/{issued.year}"


def _joined(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def plan_name(facts: PlanFacts, year: int | None = None) -> str:
    """The plan without its date: "Kế hoạch số 74/KH-SKHCN", else "Kế hoạch <subject>" (the
    subject without "năm ``year``" when given)."""
    if facts.number_symbol:
        return f"{facts.kind} số {facts.number_symbol}"
    subject = facts.topic if year is None else without_year(facts.topic, year)
    return _joined(facts.kind, subject)


def plan_reference(facts: PlanFacts) -> str:
    """The plan with its date: "Kế hoạch số 74/KH-SKHCN ngày 28/01/2022", "Kế hoạch tuyên
    truyền … năm 2022 ban hành tháng 02/2022", "Kế hoạch số 74/KH-SKHCN"."""
    return _joined(plan_name(facts), date_words(facts.issued))


def about(facts: PlanFacts) -> str:
    """ " về <subject>" where the reference does not already name the subject."""
    return f" về {facts.topic}" if facts.number_symbol and facts.topic else ""


def subject(facts: PlanFacts, period: Period) -> str:
    """The trích yếu: "Kết quả thực hiện Kế hoạch số 74/KH-SKHCN quý I năm 2022",
    "Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính 6 tháng đầu năm 2022"."""
    return f"Kết quả thực hiện {plan_name(facts, period.year)} {period.label()}"


def opening(facts: PlanFacts, period: Period, reporter: str) -> str:
    """ "Thực hiện Kế hoạch số 74/KH-SKHCN ngày 28/01/2022 của Sở … về …, Sở … báo cáo kết
    quả thực hiện quý I năm 2022 như sau:"."""
    return (
        f"Thực hiện {plan_reference(facts)} của {facts.issuer}{about(facts)}, {reporter} "
        f"báo cáo kết quả thực hiện {period.label()} như sau:"
    )


def issued_sentence(facts: PlanFacts) -> str:
    """Part I's first fact: "Sở … đã ban hành Kế hoạch số 74/KH-SKHCN ngày 28/01/2022 về …
    để triển khai thực hiện."."""
    return (
        f"{facts.issuer} đã ban hành {plan_reference(facts)}{about(facts)} để triển khai thực hiện."
    )


def closing(facts: PlanFacts, period: Period, reporter: str) -> str:
    """ "Trên đây là báo cáo kết quả quý I năm 2022 thực hiện Kế hoạch số 74/KH-SKHCN của
    Sở …./."."""
    return (
        f"Trên đây là báo cáo kết quả {period.label()} thực hiện {plan_name(facts)} "
        f"của {reporter}./."
    )


def doubled_groups(text: str) -> list[str]:
    """Word groups written twice in a row ("năm 2022 năm 2022"): a sentence glued wrong."""
    return [m.group(1) for m in _DOUBLED.finditer(text)]

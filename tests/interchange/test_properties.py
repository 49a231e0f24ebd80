"""Property-based tests of the JSON reader: valid plans round-trip, mutations never crash."""

from __future__ import annotations

import copy
import json
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.errors import InvalidFileError
from cchc_desktop.interchange import dump_plan, load_plan, parse_plan
from tests.conftest import HAI_DUONG

# NFC text: the reader normalises every string (a compatibility ideograph such as U+F96B
# comes back as U+53C3), so only NFC input can round-trip to the letter.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u0000"),
    max_size=30,
).map(lambda s: unicodedata.normalize("NFC", s))
nonblank = text.filter(lambda s: s.strip() != "")
paragraph = st.fixed_dictionaries(
    {"style": st.sampled_from(["plain", "dash", "plus"]), "text": text}
)


def sections(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    children = st.just([]) if depth >= 3 else st.lists(sections(depth + 1), max_size=2)
    return st.fixed_dictionaries(
        {"heading": text, "body": st.lists(paragraph, max_size=2), "children": children}
    )


timeframe = st.one_of(
    st.fixed_dictionaries({"kind": st.sampled_from(["recurring", "year"]), "label": text}),
    st.fixed_dictionaries(
        {
            "kind": st.just("quarters"),
            "label": text,
            "quarters": st.lists(st.integers(1, 4), min_size=1, max_size=4, unique=True),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("months"),
            "label": text,
            "months": st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("deadline"),
            "label": text,
            "due": st.dates().filter(lambda d: d.year == 2022).map(lambda d: d.isoformat()),
        }
    ),
)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(nonblank.map(str.strip), min_size=1, max_size=4, unique=True))
    units = [
        {"name": n, "short": draw(text), "kind": draw(st.sampled_from(["unit", "group"]))}
        for n in names
    ]
    n_tasks = draw(st.integers(0, 4))
    tasks = []
    for i in range(n_tasks):
        lead = draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
        target = draw(
            st.one_of(
                st.none(), st.fixed_dictionaries({"quantity": st.integers(0, 1000), "unit": text})
            )
        )
        tasks.append(
            {
                "key": f"T{i + 1}",
                "group": draw(text),
                "name": draw(nonblank),
                "product": draw(text),
                "lead": lead,
                "partners": draw(st.lists(st.sampled_from(names), max_size=2, unique=True)),
                "timeframe": draw(timeframe),
                "target": target,
                "note": draw(text),
            }
        )
    checkins = []
    for t in tasks:
        for q in draw(st.lists(st.integers(1, 4), max_size=2, unique=True)):
            status = draw(
                st.sampled_from(
                    ["not_started", "in_progress", "done", "done_late", "not_done", "cancelled"]
                )
            )
            progress = 100 if status in ("done", "done_late") else draw(st.integers(0, 100))
            checkins.append(
                {
                    "task": t["key"],
                    "period": f"2022-Q{q}",
                    "status": status,
                    "progress": progress,
                    "result": draw(text),
                    "achieved": draw(st.one_of(st.none(), st.integers(0, 50))),
                    "evidence": draw(
                        st.lists(
                            st.fixed_dictionaries({"title": nonblank, "file": st.just("")}),
                            max_size=2,
                        )
                    ),
                    "difficulties": draw(text),
                    "proposals": draw(text),
                    "reported_by": draw(st.sampled_from(["", *names])),
                    "reported_on": draw(st.one_of(st.none(), st.just("2022-03-28"))),
                }
            )
    return {
        "format": "cchc-plan",
        "version": 1,
        "organization": {
            "parent": draw(text),
            "name": draw(nonblank),
            "abbreviation": draw(text),
            "place": draw(text),
        },
        "units": units,
        "plan": {
            "year": 2022,
            "number": draw(text),
            "symbol": draw(nonblank),
            "issued_on": draw(st.sampled_from([None, "2022-02", "2022-01-28"])),
            "doc_type": draw(nonblank),
            "title": draw(text),
            "preamble": draw(st.lists(paragraph, max_size=2)),
            "sections": draw(st.lists(sections(1), max_size=3)),
            "closing": draw(st.lists(paragraph, max_size=2)),
            "recipients": draw(
                st.lists(st.fixed_dictionaries({"name": nonblank, "note": text}), max_size=3)
            ),
            "archive": draw(text),
            "signer": {"authority": draw(text), "title": draw(text), "name": draw(text)},
            "appendix_title": draw(text),
            "tasks": tasks,
            "checkins": checkins,
        },
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_random_valid_plans_round_trip(data: dict[str, Any]) -> None:
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    first = dump_plan(load_plan(raw))
    second = dump_plan(load_plan(first.encode("utf-8")))
    assert first == second
    reparsed = json.loads(first)
    assert len(reparsed["plan"]["tasks"]) == len(data["plan"]["tasks"])
    assert len(reparsed["plan"]["checkins"]) == len(data["plan"]["checkins"])
    assert [u["name"] for u in reparsed["units"]] == [u["name"] for u in data["units"]]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


BASE = json.loads(HAI_DUONG.read_text("utf-8"))
ALL_PATHS = [p for p in _paths(BASE) if p]
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(),
    text,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(text, st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), junk, st.booleans()), min_size=1, max_size=3))
def test_random_mutations_are_rejected_or_accepted_never_crash(
    mutations: list[tuple[tuple[Any, ...], Any, bool]],
) -> None:
    data = copy.deepcopy(BASE)
    for path, value, remove in mutations:
        node: Any = data
        try:
            for key in path[:-1]:
                node = node[key]
            if remove and isinstance(node, dict):
                node.pop(path[-1], None)
            else:
                node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        plan = parse_plan(data)
    except InvalidFileError as err:
        assert ":" in err.detail  # always a JSON path and a reason
    else:
        assert dump_plan(plan)  # an accepted file can be written back


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(raw: bytes) -> None:
    try:
        plan = load_plan(raw)
    except InvalidFileError as err:
        assert err.detail
    else:
        assert plan.symbol

"""The JSON reader's fast path (issue 18: import no slower than before): strings are only
NFC-normalised when the file cannot hold a CR or a control character in any string. These
tests hold that check to the control rule itself (``domain.text``) and show that a plan
read either way is the same plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_desktop.domain.text import control_fault
from cchc_desktop.errors import InvalidFileError
from cchc_desktop.interchange.plan_json import (
    RAW_CONTROL_BYTES,
    load_plan,
    parse_plan,
    plain_strings,
)

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def _refused(cp: int) -> bool:
    return control_fault(chr(cp)) is not None


def test_every_refused_character_a_json_string_can_hold_raw_is_seen_in_its_bytes() -> None:
    refused = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and _refused(cp)]
    assert len(refused) > 60  # C0 (but tab and newline), DEL, C1, U+FFFE, U+FFFF
    for cp in refused:
        if cp < 0x20:
            # A raw C0 character inside a string: strict JSON refuses the file itself.
            with pytest.raises(json.JSONDecodeError):
                json.loads(f'{{"t": "a{chr(cp)}b"}}')
            continue
        raw = json.dumps({"t": f"a{chr(cp)}b"}, ensure_ascii=False).encode("utf-8")
        assert any(p in raw for p in RAW_CONTROL_BYTES), hex(cp)
        assert not plain_strings(raw), hex(cp)


@pytest.mark.parametrize("escape", ["\\u001b", "\\b", "\\f", "\\r", "\\ud800", "\\u0085"])
def test_an_escape_that_can_make_a_control_character_or_a_cr_takes_the_checked_path(
    escape: str,
) -> None:
    assert not plain_strings(f'{{"t": "ab{escape}c"}}'.encode())


def test_plain_text_with_newlines_and_vietnamese_takes_the_fast_path() -> None:
    raw = json.dumps({"t": "Tuyên truyền\ncải cách\t“hành chính” Đ"}, ensure_ascii=False)
    assert plain_strings(raw.encode("utf-8"))


@pytest.mark.parametrize("name", sorted(p.name for p in PLANS.glob("*.plan.json")))
def test_a_plan_reads_the_same_either_way(name: str) -> None:
    raw = (PLANS / name).read_bytes()
    data = json.loads(raw)
    assert plain_strings(raw)  # the example plans take the fast path
    assert parse_plan(data, plain_strings=True) == parse_plan(data)


def test_a_raw_c1_control_in_a_utf8_file_is_still_refused_with_its_path() -> None:
    data = json.loads((PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json").read_bytes())
    data["plan"]["title"] = "Kế\x85 hoạch"
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_plan(raw)
    assert info.value.detail == "plan.title: control character U+0085 at position 3"


def test_decomposed_vietnamese_is_still_normalised_on_the_fast_path() -> None:
    data = json.loads((PLANS / "ke-hoach-74-skhcn-hai-duong-2022.plan.json").read_bytes())
    data["plan"]["title"] = "Ke\u0302\u0301 hoa\u0323ch"  # "Kế hoạch", decomposed
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert plain_strings(raw)
    assert load_plan(raw).title == "Kế hoạch"

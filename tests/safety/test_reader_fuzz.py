"""Random bytes and random mutations of valid files never crash a reader: a reader returns a
result or raises a UserError (the forms reader reports problems instead), nothing else."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from valid_inputs import ValidInputs

from cchc_desktop.errors import UserError
from cchc_desktop.imports.docx_plan import read_plan_docx
from cchc_desktop.imports.xlsx_forms import read_form
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.interchange.plan_json import load_plan, parse_plan

SLOW = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
XML_BITS = [
    b"<",
    b">",
    b"</w:p>",
    b"<w:p>",
    b"<w:tbl>",
    b"</w:tc>",
    b"&amp;",
    b"&#0;",
    b'"',
    b"\x00",
    b"\xff",
    b"<w:t>",
    b"</w:t>",
    b'<c r="A1" t="s"><v>99</v></c>',
    b'<row r="0">',
    b"<v>1e308</v>",
    b"<v>-1</v>",
]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few random edits: flips, deletions, duplications, insertions."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not out:
            out += draw(st.binary(max_size=8))
            continue
        at = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["flip", "delete", "dup", "insert", "token"]))
        if op == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif op == "dup":
            out[at:at] = out[at : at + draw(st.integers(1, 256))]
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            out[at:at] = draw(st.sampled_from(XML_BITS))
    return bytes(out)


def _rezip(source: bytes, member: str, content: bytes) -> bytes:
    """The zip with one member replaced: the container stays valid, the XML does not."""
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as src,
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == member else src.read(info))
    return buf.getvalue()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _read_docx(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        read_plan_docx(path)
    except UserError as err:
        assert err.message and err.detail


def _read_xlsx(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    form = read_form(path)  # never raises
    assert form.identity is not None or form.problems


# -- JSON ---------------------------------------------------------------------------------
@FAST
@given(raw=st.binary(max_size=2048))
def test_json_random_bytes(raw: bytes) -> None:
    try:
        load_plan(raw)
    except UserError as err:
        assert err.detail


@FAST
@given(st.data())
def test_json_mutations(valid_inputs: ValidInputs, data: st.DataObject) -> None:
    raw = data.draw(mutated(valid_inputs.json.read_bytes()))
    try:
        load_plan(raw)
    except UserError as err:
        assert err.detail


@st.composite
def _json_edit(draw: st.DrawFn, value: object) -> object:
    """Replace one node of the decoded plan by another JSON value (wrong types, sizes)."""
    if isinstance(value, dict) and value and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(value)))
        return {**value, key: draw(_json_edit(value[key]))}
    if isinstance(value, list) and value and draw(st.booleans()):
        i = draw(st.integers(0, len(value) - 1))
        return [*value[:i], draw(_json_edit(value[i])), *value[i + 1 :]]
    return draw(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-(2**70), 2**70),
            st.floats(allow_nan=False),
            st.text(max_size=20),
            st.lists(st.integers(), max_size=3),
            st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
        )
    )


@FAST
@given(st.data())
def test_json_structure_mutations(valid_inputs: ValidInputs, data: st.DataObject) -> None:
    decoded = json.loads(valid_inputs.json.read_text(encoding="utf-8"))
    try:
        parse_plan(data.draw(_json_edit(decoded)))
    except UserError as err:
        assert err.detail


def test_json_file_reader_on_a_mutated_file(valid_inputs: ValidInputs, scratch: Path) -> None:
    path = scratch / "cut.json"
    path.write_bytes(valid_inputs.json.read_bytes()[:-100])
    with pytest.raises(UserError) as err:
        read_plan_file(path)
    assert err.value.file == str(path)


# -- .docx --------------------------------------------------------------------------------
@SLOW
@given(raw=st.binary(max_size=4096))
def test_docx_random_bytes(scratch: Path, raw: bytes) -> None:
    _read_docx(scratch / "random.docx", raw)


@SLOW
@given(st.data())
def test_docx_byte_mutations(valid_inputs: ValidInputs, scratch: Path, data: st.DataObject) -> None:
    _read_docx(scratch / "bytes.docx", data.draw(mutated(valid_inputs.docx.read_bytes())))


@SLOW
@given(st.data())
def test_docx_xml_mutations(valid_inputs: ValidInputs, scratch: Path, data: st.DataObject) -> None:
    source = valid_inputs.docx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        members = sorted(n for n in z.namelist() if n.endswith((".xml", ".rels")))
        member = data.draw(st.sampled_from(["word/document.xml", *members]))
        xml = z.read(member)
    _read_docx(scratch / "xml.docx", _rezip(source, member, data.draw(mutated(xml))))


# -- .xlsx (returned unit forms) ----------------------------------------------------------
@SLOW
@given(raw=st.binary(max_size=4096))
def test_xlsx_random_bytes(scratch: Path, raw: bytes) -> None:
    _read_xlsx(scratch / "random.xlsx", raw)


@SLOW
@given(st.data())
def test_xlsx_byte_mutations(valid_inputs: ValidInputs, scratch: Path, data: st.DataObject) -> None:
    _read_xlsx(scratch / "bytes.xlsx", data.draw(mutated(valid_inputs.xlsx.read_bytes())))


@SLOW
@given(st.data())
def test_xlsx_xml_mutations(valid_inputs: ValidInputs, scratch: Path, data: st.DataObject) -> None:
    source = valid_inputs.xlsx.read_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        members = sorted(n for n in z.namelist() if n.endswith((".xml", ".rels")))
        member = data.draw(st.sampled_from(["xl/worksheets/sheet1.xml", *members]))
        xml = z.read(member)
    _read_xlsx(scratch / "xml.xlsx", _rezip(source, member, data.draw(mutated(xml))))

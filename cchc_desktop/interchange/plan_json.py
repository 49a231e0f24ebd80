"""Read and write one plan as cchc-plan v1 JSON (see shared/formats/cchc-plan-v1.md).

The reader validates everything before it returns: a rejected file raises
:class:`~cchc_desktop.errors.InvalidFileError` whose detail names the JSON path of the fault
(``plan.tasks[3].timeframe.kind: unknown value "weekly"``), so nothing half-read ever reaches
the database. The writer is deterministic: keys in spec order, ``ensure_ascii=False``,
two-space indent, final newline, so two exports of an unchanged plan are byte-identical.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from cchc_desktop.domain.model import Plan
from cchc_desktop.errors import InvalidFileError
from cchc_desktop.interchange.plan_json_read import PlanReader, SchemaFault
from cchc_desktop.interchange.plan_json_write import plan_to_dict
from cchc_desktop.logs import counts

log = logging.getLogger(__name__)

FORMAT = "cchc-plan"
VERSION = 1
# A plan of 10,000 tasks with a year of check-ins is about 15 MB; anything far bigger is not
# a plan and would only exhaust memory.
MAX_FILE_BYTES = 32 * 1024 * 1024


def parse_plan(data: Any, *, plain_strings: bool = False) -> Plan:
    """Validate an already-decoded JSON value and build the Plan aggregate (``plain_strings``:
    see :class:`PlanReader`)."""
    try:
        return PlanReader(FORMAT, VERSION, plain_strings=plain_strings).read(data)
    except SchemaFault as fault:
        raise InvalidFileError(
            f"Tệp kế hoạch không hợp lệ tại {fault.path}: {fault.reason}",
            detail=f"{fault.path}: {fault.reason}",
        ) from None


def load_plan(raw: bytes) -> Plan:
    """Decode UTF-8 JSON bytes and validate them."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidFileError(
            f"Tệp quá lớn ({len(raw) // (1024 * 1024)} MB), giới hạn là "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB.",
            detail=f"file too large: {len(raw)} bytes (limit {MAX_FILE_BYTES})",
        )
    if raw.startswith(b"\xef\xbb\xbf"):  # a BOM left by Notepad is harmless
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidFileError(
            f"Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start}).",
            detail=f"not UTF-8 text: invalid byte at offset {exc.start}",
        ) from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InvalidFileError(
            f"Tệp không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}.",
            detail=f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
        ) from None
    except RecursionError:
        raise InvalidFileError(
            "Tệp JSON lồng nhau quá sâu.", detail="not valid JSON: nested too deeply"
        ) from None
    return parse_plan(data, plain_strings=plain_strings(raw))


# In JSON a string holds a control character or a CR only through an escape (\b \f \r \uXXXX;
# strict JSON refuses raw C0 characters inside strings, and outside them only whitespace is
# allowed) or as a raw DEL, C1 control or non-character: in UTF-8 the bytes 7F, C2 80-9F and
# EF BF BE/BF (tests/interchange/test_plain_strings.py checks these against the rule itself).
_CONTROL_ESCAPE = re.compile(rb"\\[bfru]")
RAW_CONTROL_BYTES = (b"\x7f", b"\xc2", b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def plain_strings(raw: bytes) -> bool:
    """True when no string decoded from the UTF-8 JSON ``raw`` can hold a CR or a character
    the control rule (``domain.text``) refuses: then the reader only normalises each string
    (a 1,000-task plan has some 60,000) instead of checking each one. A false "no" (C2 also
    begins "¡"…"¿", rare in Vietnamese) only costs that check."""
    if any(pattern in raw for pattern in RAW_CONTROL_BYTES):
        return False
    return _CONTROL_ESCAPE.search(raw) is None


def read_plan_file(path: str | Path) -> Plan:
    """Read a .json plan file; every fault is an InvalidFileError naming the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidFileError(
                f"Tệp quá lớn ({size // (1024 * 1024)} MB), giới hạn là "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB.",
                detail=f"file too large: {size} bytes (limit {MAX_FILE_BYTES})",
                file=str(path),
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidFileError(
            f"Không đọc được tệp: {exc.strerror or exc}",
            detail=f"cannot read file: {exc.strerror or exc}",
            file=str(path),
        ) from None
    try:
        return load_plan(raw)
    except InvalidFileError as err:
        err.file = str(path)
        raise


def dump_plan(plan: Plan) -> str:
    """The plan as cchc-plan v1 JSON text (deterministic)."""
    data = {"format": FORMAT, "version": VERSION, **plan_to_dict(plan)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_plan_file(plan: Plan, path: str | Path) -> None:
    """Write the plan atomically (temporary file, then rename)."""
    from cchc_desktop.atomic import write_bytes_atomic

    write_bytes_atomic(Path(path), dump_plan(plan).encode("utf-8"))
    log.info("exported plan %s as JSON to %s: %s", plan.id, path, counts(plan))


def _reject_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not allowed", name, 0)

# ruff: noqa: E501  (a table of cases and a results line: long lines read better here)
"""How fast and how small the .docx import refuses an oversized document (issue 16, item 8),
and what a plan at the accepted limit costs to import and to export again.

Each case runs in a fresh interpreter (peak memory is the child's high-water mark, VmHWM, so
the interpreter and python-docx count too) and prints seconds and peak MB:

    .venv/bin/python bench/bench_docx_refusal.py            # this tree
    mkdir /tmp/old && git archive main | tar -x -C /tmp/old
    cd /tmp && PYTHONPATH=/tmp/old /work/wt-N/.venv/bin/python /work/wt-N/bench/bench_docx_refusal.py

(the child imports ``cchc_desktop`` from the first tree on its path: run it from a folder
that holds no ``cchc_desktop`` when comparing with another tree).

The hostile files are the attack's: empty paragraphs (``<w:p/>``) in a document.xml stored
without compression (so no zip-bomb ratio gives them away): 1.3 M of them is a 7.6 MB file,
and the worst a file may hold is what safe_zip lets through (a 32 MB part, 5.5 M paragraphs).
The target: every refusal under 2 s and 200 MB for any file under 50 MB.

Measured on 7 Dec (2 shared cores), before (main, limit 100,000, python-docx first) and after
(streaming count, limit 4,000):

    case                                    before              after
    1.3 M empty paragraphs (7.5 MB)         38.8 s   541 MB     0.10 s   23 MB
    300 k empty paragraphs (1.8 MB)         10.9 s   149 MB     0.04 s   23 MB
    5.5 M empty paragraphs (32 MB part)     (not run: GBs)      0.33 s   23 MB
    limit + 1 plan paragraphs                8.6 s   177 MB     0.10 s   21 MB
    plan at the limit: import + export      24.1 s  1132 MB     0.98 s   86 MB

(the "before" times are inflated by the other helpers' load; the issue measured 11.1 s /
862 MB for the first case on a quiet machine.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CHILD = r"""
import json, sys, time
from pathlib import Path
path, what = Path(sys.argv[1]), sys.argv[2]
import cchc_desktop
from cchc_desktop.errors import UserError
from cchc_desktop.imports.docx_plan import read_plan_docx
start = time.perf_counter()
outcome = "accepted"
try:
    result = read_plan_docx(path)
    if what == "export":
        from cchc_desktop.exports.docx_plan import write_plan_docx
        write_plan_docx(result.plan, path.with_name("again.docx"))
        outcome = "exported"
except UserError as err:
    outcome = "refused: " + err.one_line().split(": ", 1)[1][:70]
seconds = time.perf_counter() - start
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) / 1024
print(json.dumps({"s": seconds, "mb": peak, "outcome": outcome, "tree": cchc_desktop.__file__}))
"""


def _template() -> dict[str, bytes]:
    import docx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.docx"
        docx.Document().save(str(path))
        with zipfile.ZipFile(path) as z:
            return {name: z.read(name) for name in z.namelist()}


def write_docx(path: Path, body: str) -> Path:
    parts = _template()
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            if name == "word/document.xml":
                z.writestr(name, document.encode("utf-8"), zipfile.ZIP_STORED)
            else:
                z.writestr(name, data, zipfile.ZIP_DEFLATED)
    return path


def plan_body(paragraphs: int) -> str:
    """A plan-shaped document: a header, then numbered task paragraphs of ordinary length."""
    head = (
        "<w:p><w:r><w:t>UBND TỈNH HẢI DƯƠNG</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>SỞ KHOA HỌC VÀ CÔNG NGHỆ</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Số: 74/KH-SKHCN</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Cải cách hành chính năm 2022</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>I. MỤC ĐÍCH, YÊU CẦU</w:t></w:r></w:p>"
    )
    line = "Tiếp tục đẩy mạnh công tác tuyên truyền cải cách hành chính đến cán bộ, công chức."
    rows = "".join(
        f"<w:p><w:r><w:t>- {line} ({i})</w:t></w:r></w:p>" for i in range(paragraphs - 6)
    )
    return head + rows


def run(path: Path, what: str = "import") -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), what],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        from cchc_desktop.imports import docx_plan

        limit = getattr(docx_plan, "MAX_PARAGRAPHS", docx_plan.MAX_BLOCKS)
        cases = [
            ("1.3 M empty paragraphs", write_docx(folder / "a.docx", "<w:p/>" * 1_300_000), "import"),
            ("300 k empty paragraphs", write_docx(folder / "b.docx", "<w:p/>" * 300_000), "import"),
            ("5.5 M empty paragraphs (32 MB part)", write_docx(folder / "c.docx", "<w:p/>" * 5_500_000), "import"),
            (f"plan text, {limit + 1} paragraphs (limit + 1)", write_docx(folder / "d.docx", plan_body(limit + 1)), "import"),
            (f"plan text, {limit} paragraphs: import + export", write_docx(folder / "e.docx", plan_body(limit)), "export"),
        ]  # fmt: skip
        if "--skip-huge" in sys.argv:  # the old tree needs gigabytes for the 32 MB part
            cases = [c for c in cases if "5.5 M" not in c[0]]
        print(f"limit: {limit} paragraphs and table rows")
        for name, path, what in cases:
            r = run(path, what)
            size = path.stat().st_size / (1024 * 1024)
            print(
                f"{name:45} {size:6.1f} MB file  {r['s']:6.2f} s  {r['mb']:7.0f} MB peak  {r['outcome']}"
            )
        print(f"(tree: {Path(str(r['tree'])).parent.parent})")


if __name__ == "__main__":
    main()

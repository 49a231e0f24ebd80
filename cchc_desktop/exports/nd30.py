"""Every Decree 30/2020 (Nghị định 30/2020/NĐ-CP, Phụ lục I) measurement the .docx exports use.

One consistent set inside the legal ranges, as fixed in ``shared/docs/nd30-format.md`` ("Our
choice"): A4, margins 20/20/30/15 mm, Times New Roman black, the 13/14/13/14 header sizes of
the Government's own Mẫu 1.4, body 14 pt justified with a 1.27 cm first-line indent.

Lengths are in twips (1/20 pt, 1/1440 inch) because that is what OOXML stores; sizes in
points. This module imports nothing heavy so that the window can show the same figures.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

FONT = "Times New Roman"
COLOR = "000000"  # black, written explicitly so no theme colour can creep in
LANG = "vi-VN"

TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    """Millimetres to whole twips."""
    return round(value * TWIPS_PER_MM)


def cm(value: float) -> int:
    return mm(value * 10)


# -- page set-up (PL1 I.1-I.3) -----------------------------------------------------------------
PAGE_WIDTH = 11906  # A4 210 mm
PAGE_HEIGHT = 16838  # A4 297 mm
MARGIN_TOP = mm(20)
MARGIN_BOTTOM = mm(20)
MARGIN_LEFT = mm(30)
MARGIN_RIGHT = mm(15)
HEADER_DISTANCE = mm(10)  # the page number sits in the top margin
FOOTER_DISTANCE = mm(10)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm portrait
TEXT_WIDTH_LANDSCAPE = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT  # 252 mm landscape

# -- sizes in points ----------------------------------------------------------------------------
SIZE_QUOC_HIEU = 13  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold caps
SIZE_TIEU_NGU = 14  # "Độc lập - Tự do - Hạnh phúc", bold
SIZE_PARENT = 13  # tên cơ quan chủ quản, caps, not bold
SIZE_ISSUER = 13  # tên cơ quan ban hành, bold caps (same size as the parent line)
SIZE_NUMBER = 13  # "Số: 74/KH-SKHCN" (fixed by PL1-V)
SIZE_DATE = 14  # "Hải Dương, ngày 28 tháng 01 năm 2022", italic
SIZE_DOC_TYPE = 14  # "KẾ HOẠCH", bold caps
SIZE_SUBJECT = 14  # trích yếu, bold
SIZE_BODY = 14
SIZE_HEADING = 14  # I. bold caps, 1. bold, a) bold italic
SIZE_SIGNATURE = 14  # "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", bold caps; the name bold
SIZE_NOI_NHAN = 12  # "Nơi nhận:", bold italic (fixed)
SIZE_RECIPIENT = 11  # recipient lines (fixed)
SIZE_PAGE_NUMBER = 14
SIZE_APPENDIX_LABEL = 14  # "Phụ lục", bold (fixed)
SIZE_APPENDIX_TITLE = 14  # bold caps
SIZE_APPENDIX_REF = 14  # "(Kèm theo Kế hoạch số ...)", italic
SIZE_TABLE = 12  # appendix tables (not regulated; 12-13 suggested)

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
NOI_NHAN = "Nơi nhận:"
KINH_GUI = "Kính gửi:"  # ô 9b, a document sent to named bodies
APPENDIX_LABEL = "Phụ lục"  # a single appendix carries no number (PL1 III.1.a)

# -- paragraphs ---------------------------------------------------------------------------------
FIRST_LINE_INDENT = 720  # 1.27 cm
SPACE_AFTER_BODY = 120  # 6 pt after each paragraph (PL1 II.6.e: at least 6 pt)
LINE_SPACING = 1.2  # a multiple inside single ... 1.5 lines
SPACE_BEFORE_TITLE = 360  # between the header block and "KẾ HOẠCH"
SPACE_AFTER_SUBJECT_LINE = 240  # between the line under the trích yếu and the body
SIGNATURE_ROOM = 1600  # space above the signer's name for the signature and the seal (~2.8 cm)

# -- tables -------------------------------------------------------------------------------------
# The header block and the signature block share their columns so that the signature sits
# centred under the Quốc hiệu. The right column must hold the Quốc hiệu at 13 pt bold
# (about 9.6 cm); like the official Mẫu 1.4 the table overhangs the text area slightly.
HEADER_INDENT = -mm(6)
HEADER_LEFT = cm(7.3)
HEADER_RIGHT = cm(10.0)
HEADER_CELL_MARGIN = mm(1)
# The signature table starts at the margin ("Nơi nhận" flush left, PL1 II.9.d) and its right
# column lines up with the header block's.
SIGNATURE_LEFT = HEADER_LEFT + HEADER_INDENT
SIGNATURE_RIGHT = HEADER_RIGHT
TABLE_CELL_MARGIN = mm(1.2)
# Each column an office's own appendix had beyond ours (Kinh phí …), and Ghi chú.
EXTRA_COLUMN_WIDTH = mm(25)
# Top and bottom padding of the appendix cells: text never touches a rule (2 pt or more).
TABLE_CELL_PAD = 40
# "Nơi nhận" lines wrap under their text, not under the "- " that opens them.
RECIPIENT_HANGING = 130
BORDER_SIZE = 4  # eighths of a point: 0.5 pt table rules
LINE_BORDER_SIZE = 6  # 0.75 pt for the short lines under the names and the trích yếu
LINE_GAP = 80  # 4 pt between a line of text and the short line under it

# Landscape appendix of the plan: STT | Nhiệm vụ | Sản phẩm | Chủ trì | Phối hợp | Thời gian
PLAN_TABLE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", mm(12)),
    ("Nhiệm vụ cụ thể", mm(80)),
    ("Sản phẩm/Kết quả", mm(55)),
    ("Đơn vị chủ trì", mm(35)),
    ("Đơn vị phối hợp", mm(40)),
    ("Thời gian thực hiện", mm(30)),
)

# Landscape appendix of the period report: one row per task and its state.
REPORT_TABLE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", mm(12)),
    ("Nhiệm vụ", mm(62)),
    ("Đơn vị chủ trì", mm(32)),
    ("Thời gian thực hiện", mm(25)),
    ("Tình trạng", mm(28)),
    ("Kết quả thực hiện", mm(63)),
    ("Tài liệu kiểm chứng", mm(30)),
)


# -- the short lines (PL1 II.1.b, II.2.b, II.5.b) ------------------------------------------------
@dataclass(frozen=True, slots=True)
class Line:
    """A horizontal rule drawn as the top border of an empty paragraph indented to ``length``."""

    length: int  # twips


def tieu_ngu_line() -> Line:
    """As long as the Tiêu ngữ itself."""
    return Line(text_width(TIEU_NGU, SIZE_TIEU_NGU, bold=True))


def short_line(text: str, size: float, available: int) -> Line:
    """About 40 % (inside 1/3 ... 1/2) of the longest line ``text`` takes in ``available``;
    ``text`` may hold line breaks."""
    longest = max(text_width(part, size, bold=True) for part in text.split("\n"))
    return Line(round(0.4 * min(longest, available)))


# Administrative nouns before which a long agency name is best broken ("ỦY BAN NHÂN DÂN" /
# "HUYỆN GIO LINH"), as the official samples do.
_BREAK_BEFORE = ("TỈNH", "HUYỆN", "XÃ", "THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "QUẬN", "PHƯỜNG")


def name_lines(name: str, size: float, available: int, *, bold: bool) -> list[str]:
    """An agency name on one line, or on two balanced lines when it does not fit.

    Word would break it wherever the column ends ("ỦY BAN NHÂN DÂN HUYỆN GIO" / "LINH"); a
    break before the administrative noun, or else where the two lines are most even, reads
    as the official samples do.
    """
    words = name.split()
    if len(words) < 2 or text_width(name, size, bold=bold) <= available:
        return [name]
    # (not preferred, dangling, longest line): a preferred break wins if it fits at all.
    best: tuple[bool, bool, int, int] | None = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        longest = max(text_width(first, size, bold=bold), text_width(second, size, bold=bold))
        if longest > available:
            continue
        preferred = words[i - 1].endswith(",") or any(
            second.startswith(noun + " ") for noun in (*_BREAK_BEFORE, "VÀ")
        )
        # Never end a line on a joining word, nor start one with a dash.
        dangling = words[i - 1] in ("-", "VÀ", "CỦA") or words[i] == "-"
        candidate = (not preferred, dangling, longest, i)
        if best is None or candidate < best:
            best = candidate
    if best is None:  # even two lines do not fit: let Word wrap it
        return [name]
    return [" ".join(words[: best[3]]), " ".join(words[best[3] :])]


# -- text width estimate ------------------------------------------------------------------------
# Advance widths (1/1000 em) of the printable ASCII characters 32..126 in Times New Roman
# (taken from the metric-compatible Liberation Serif). Vietnamese letters take the width of
# their base letter; đ/Đ are listed. Used only to size the short lines, never for layout.
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
    722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
    722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
    500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
    444, 480, 200, 480, 541,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722,
    722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
    722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
    556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500,
    444, 394, 220, 394, 520,
)  # fmt: skip
_SPECIAL = {"đ": "d", "Đ": "D"}


def _advance(ch: str, table: tuple[int, ...]) -> int:
    base = _SPECIAL.get(ch) or unicodedata.normalize("NFD", ch)[:1]
    code = ord(base) if base else 32
    return table[code - 32] if 32 <= code <= 126 else 500


def text_width(text: str, size: float, *, bold: bool = False) -> int:
    """Estimated width of ``text`` on one line, in twips."""
    table = _BOLD if bold else _REGULAR
    units = sum(_advance(ch, table) for ch in text)
    return round(units * size * 20 / 1000)

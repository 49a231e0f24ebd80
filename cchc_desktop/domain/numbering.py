"""Vietnamese administrative numbering: I., II.; 1., 2.; a), b) … đ) … (levels 1 to 3).

The single source of truth for section numbers: the exporter, the importer and the window
all call :func:`section_number`.
"""

from __future__ import annotations

from functools import lru_cache

# The Vietnamese alphabet order used for "điểm": no f, j, w, z; đ comes after d.
VIETNAMESE_LETTERS: tuple[str, ...] = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
)  # fmt: skip

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip

MAX_DEPTH = 3


@lru_cache(maxsize=256)  # asked for every quarter of every check-in a report prints
def roman(n: int) -> str:
    """Upper-case Roman numeral of ``n`` (1 → I, 4 → IV, 14 → XIV)."""
    if n < 1:
        raise ValueError(f"roman numerals start at 1, got {n}")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """Parse an upper-case Roman numeral, or None when ``text`` is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    if not text or any(ch not in values for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        if i + 1 < len(text) and values[text[i + 1]] > v:
            total -= v
        else:
            total += v
    return total if total > 0 and roman(total) == text else None


def letter(n: int) -> str:
    """The ``n``-th (1-based) Vietnamese letter; after y it continues aa, ab … as Word does."""
    if n < 1:
        raise ValueError(f"letters start at 1, got {n}")
    count = len(VIETNAMESE_LETTERS)
    if n <= count:
        return VIETNAMESE_LETTERS[n - 1]
    return letter((n - 1) // count) + VIETNAMESE_LETTERS[(n - 1) % count]


def letter_index(text: str) -> int | None:
    """Inverse of :func:`letter` for single letters (``"đ"`` → 5), else None."""
    try:
        return VIETNAMESE_LETTERS.index(text) + 1
    except ValueError:
        return None


def section_number(depth: int, index: int) -> str:
    """The printed number of the ``index``-th (1-based) section at ``depth`` (1..3)."""
    if depth == 1:
        return f"{roman(index)}."
    if depth == 2:
        return f"{index}."
    if depth == 3:
        return f"{letter(index)})"
    raise ValueError(f"sections are at most {MAX_DEPTH} levels deep, got depth {depth}")

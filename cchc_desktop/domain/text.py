"""Text normalisation: every string that enters the application is NFC; the one diacritic
folding (search keys, ASCII file names) is here too, and the one rule for control characters
(:func:`plain`, :func:`control_at`, :func:`strip_controls`, :func:`printable`)."""

from __future__ import annotations

import re
import unicodedata

# Characters no text of a plan may hold: XML 1.0 (so .docx and .xlsx) cannot store C0
# controls, a lone surrogate cannot be encoded at all, and a terminal obeys ESC, BEL and the
# C1 controls (``cchc plans`` would print them). Tab and newline are text; U+FFFE/U+FFFF are
# not characters (XML refuses them too). One rule, used by every input (JSON, .docx, forms,
# the editing services) and by the command line's output.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_normalize = unicodedata.normalize

# Đ/đ is a letter of its own in Unicode, not D with a mark: decomposition leaves it alone.
# The marks Vietnamese letters decompose into are in U+0300-U+036F (every character there
# is a mark but U+034F, the grapheme joiner). A text that is ASCII and those marks once
# decomposed (nearly every text) is folded by C code alone: str.translate or a test of
# each character in Python costs ~60 ns a character, and search keys fold whole plans.
_BASIC_MARKS = "\u0300-\u034e\u0350-\u036f"
_MARK_RUNS = re.compile(f"[{_BASIC_MARKS}]+")
_NOT_ASCII_OR_MARK = re.compile(f"[^\x00-\x7f{_BASIC_MARKS}]")
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def nfc(text: str) -> str:
    """Return ``text`` NFC-normalised (Vietnamese typed on some keyboards arrives decomposed)."""
    return _normalize("NFC", text)


def clean(text: str) -> str:
    """NFC-normalise and strip surrounding white space."""
    return nfc(text).strip()


def plain(text: str) -> str:
    """NFC with every line end a ``"\\n"``: a Windows line end (CR LF, or CR alone, as Excel
    stores it) is a line break, not a control character."""
    # Called for every string of an imported plan (some 60,000 for 1,000 tasks): the common
    # case, no CR, costs one scan.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _normalize("NFC", text)


def control_at(text: str) -> int | None:
    """The index of the first character :data:`_CONTROLS` refuses, or None for clean text."""
    if text.isprintable():
        # Every character _CONTROLS refuses is unprintable (Cc, Cs, Cn), so printable text is
        # clean: one table look-up a character, where the search costs four times as much
        # (a plan file's 45,000 strings pass here on import). Text with a newline, a tab or
        # another unprintable character goes on to the search.
        return None
    found = _CONTROLS.search(text)
    return found.start() if found else None


def char_name(ch: str) -> str:
    """``"\\x1b"`` → ``"U+001B"``: how a message names an invisible character."""
    return f"U+{ord(ch):04X}"


def control_fault(text: str) -> tuple[str, str] | None:
    """What is wrong with ``text``, in Vietnamese and in English ("control character U+001B
    at position 5"), or None for clean text. The callers say where (JSON path, cell, field)
    and wrap it in their own error."""
    at = control_at(text)
    if at is None:
        return None
    name = char_name(text[at])
    return (
        f"có ký tự điều khiển không in được ({name}) ở vị trí {at + 1}",
        f"control character {name} at position {at + 1}",
    )


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without its control characters, and how many were removed."""
    return _CONTROLS.subn("", text)


def printable(text: str) -> str:
    """``text`` safe for a terminal: each control character shown as ``\\x1b`` / ``\\ud800``
    instead of obeyed (a title holding ESC must not recolour the clerk's console)."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def fold(text: str) -> str:
    """``"Đường Tuyên"`` → ``"Duong Tuyen"``: the letters without their marks, case kept."""
    bare = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    if _NOT_ASCII_OR_MARK.search(bare) is None:
        return bare.encode("ascii", "ignore").decode("ascii")  # drops the marks only
    bare = _MARK_RUNS.sub("", bare)
    for ch in set(_NOT_ASCII.findall(bare)):  # a few: quotes, dashes, other scripts
        if unicodedata.combining(ch):
            bare = bare.replace(ch, "")
    return bare


def ascii_slug(text: str) -> str:
    """``"Quý I/2022"`` → ``"Quy-I-2022"``: letters without marks, other runs become "-"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", fold(text)).strip("-")

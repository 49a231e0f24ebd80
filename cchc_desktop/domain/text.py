"""Text normalisation: every string that enters the application is NFC; the one diacritic
folding (search keys, ASCII file names) is here too."""

from __future__ import annotations

import re
import unicodedata

# Đ/đ is a letter of its own in Unicode, not D with a mark: decomposition leaves it alone.
_D_BAR = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """Return ``text`` NFC-normalised (Vietnamese typed on some keyboards arrives decomposed)."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC-normalise and strip surrounding white space."""
    return nfc(text).strip()


def fold(text: str) -> str:
    """``"Đường Tuyên"`` → ``"Duong Tuyen"``: the letters without their marks, case kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_BAR))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def ascii_slug(text: str) -> str:
    """``"Quý I/2022"`` → ``"Quy-I-2022"``: letters without marks, other runs become "-"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", fold(text)).strip("-")

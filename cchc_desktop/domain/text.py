"""Text normalisation: every string that enters the application is NFC."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Return ``text`` NFC-normalised (Vietnamese typed on some keyboards arrives decomposed)."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC-normalise and strip surrounding white space."""
    return nfc(text).strip()

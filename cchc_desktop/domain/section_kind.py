"""Is a numbered khoản or điểm a titled heading or an untitled item? (pure)

Phụ lục I Mục V of Decree 30: a khoản with a title ("1. Mục đích") is bold, a điểm with a
title bold (italic); a khoản or điểm without a title — the number, then a whole sentence —
is upright like the body. What was typed after the number tells them apart: a long text,
or a full sentence, is no title. "I." mục always have a title.

The .docx importer decides with this rule; files and databases written before sections
had a kind read their kind from it too, so they print as the office wrote them, and a
file only needs to say "kind" where it differs from the rule.
"""

from __future__ import annotations

from cchc_desktop.domain.model import SectionKind


def sentence_like(text: str) -> bool:
    """Long, or a full sentence: "Văn phòng Sở có trách nhiệm ... theo quy định."."""
    text = text.strip()
    return len(text) > 120 or (text.endswith((".", ";")) and len(text) > 60)


def inferred_kind(heading: str, depth: int) -> SectionKind:
    """The kind a section has when nothing says otherwise (``depth`` 1 = "I.")."""
    return SectionKind.ITEM if depth > 1 and sentence_like(heading) else SectionKind.HEADING

"""Text from the patient record made safe for a card.

A card's ``summary`` and its labels are plain text, one line; its ``detail`` is GitHub-flavoured
Markdown that the EHR renders (CDS Hooks 2.0, Card attributes). Names and free text from the record
(conditions, medicines, printed results) are data, never markup: in ``detail`` they are escaped so
that they show as typed but cannot become a link, an image, HTML or emphasis; in plain fields they
lose line breaks and control characters, which would break the EHR's one-line layout.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embedding, override and isolate marks: they reorder what the clinician reads.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
# Characters that open Markdown inline syntax: backslash, code, emphasis, strikethrough, links and
# images, tables, and '(' ')' so that no '](' pair survives. A backslash before ASCII punctuation
# always shows that character as typed (CommonMark 0.31, "Backslash escapes").
_INLINE = re.compile(r"([\\`*_~\[\]()!|{}])")
# GitHub's extended autolinks turn bare web addresses and 'mailto:'/'xmpp:' words into links;
# escaping the ':' of '://', 'mailto:' and 'xmpp:' and the '.' of 'www.' stops that. (A bare e-mail
# address still becomes a mailto: link in cmark-gfm whatever is escaped; it runs no script.)
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)|(?<=mailto):|(?<=xmpp):")
# A line that starts with '#', '+', '-' or '=', or with '1.' or '1)', would be a heading, a list or
# a rule: the escape goes before the mark, or before the '.' or ')' after the number.
_BLOCK = re.compile(r"^(?:(?=[#+=-])|\d{1,9}(?=[.)]))")
# HTML: '<' and '>' as character references, so no tag, comment or <autolink> can open; '&' too,
# so a reference typed in the record shows as typed.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def one_line(text: str) -> str:
    """``text`` without control characters, line breaks or bidirectional marks, spaces collapsed."""
    spaced = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in str(text).translate(_BIDI)
    )
    return " ".join(spaced.split())


def _escape(match: re.Match[str]) -> str:
    return match.group(0) + "\\"


def markdown(text: str) -> str:
    """``text`` as GitHub-flavoured Markdown that renders as the same characters, on one line."""
    escaped = _INLINE.sub(r"\\\1", one_line(text))
    escaped = _BLOCK.sub(_escape, _AUTOLINK.sub(lambda m: "\\" + m.group(0), escaped), count=1)
    return "".join(_HTML.get(c, c) for c in escaped)

"""Phone numbers and e-mail addresses inside free text: links on pages, left out of open data.

Numbers are found with ``phonenumbers`` (Google's libphonenumber rules, Norway as
the default region), so "912 34 567", "61 19 00 00" and "+47 46 82 19 05" are
found and dates, times and organisation numbers are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

__all__ = ["TextPart", "contact_parts", "without_contact_details"]

_REGION = "NO"
_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


@dataclass(frozen=True, slots=True)
class TextPart:
    """A piece of a text: plain (``href`` None) or a phone number or address to link."""

    text: str
    href: str | None = None


@lru_cache(maxsize=8192)  # the same contact text is on an event's page in every language
def _found(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, href) of every phone number and e-mail address, in order, not overlapping."""
    spans = [(m.start(), m.end(), "mailto:" + m.group()) for m in _EMAIL_IN_TEXT.finditer(text)]
    for match in phonenumbers.PhoneNumberMatcher(text, _REGION):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        spans.append((match.start, match.end, "tel:" + number))
    spans.sort()
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return tuple(kept)


def contact_parts(text: str) -> list[TextPart]:
    """``"Kari, tlf. 912 34 567"`` -> ``[TextPart("Kari, tlf. "), TextPart("912 34 567", "tel:+4791234567")]``."""
    parts: list[TextPart] = []
    position = 0
    for start, end, href in _found(text):
        if start > position:
            parts.append(TextPart(text[position:start]))
        parts.append(TextPart(text[start:end], href))
        position = end
    if position < len(text):
        parts.append(TextPart(text[position:]))
    return parts


def without_contact_details(text: str, replacement: str) -> str:
    """``text`` with every phone number and e-mail address replaced by ``replacement``."""
    pieces, position = [], 0
    for start, end, _ in _found(text):
        pieces += [text[position:start], replacement]
        position = end
    return "".join(pieces) + text[position:]

"""The association register's order: Norwegian A–Å, letter headings and a letter index.

Names sort with Æ, Ø, Å after Z; a name starting with a digit or sign goes
under :data:`OTHER_LETTER`. :func:`register_entries` is the register in order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from aktivitetsportal.submissions.models import Association
from aktivitetsportal.submissions.values import shorten, sort_key_nb
from aktivitetsportal.submissions.vocabulary import ASSOCIATION_CATEGORIES, Term

__all__ = [
    "RegisterEntry",
    "LetterGroup",
    "LetterLink",
    "register_entries",
    "letter_of",
    "letter_anchor",
    "letter_groups",
    "letter_index",
    "short_line",
    "ALPHABET",
    "OTHER_LETTER",
]

#: The Norwegian alphabet in order: the letter index always shows all of it.
ALPHABET = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + ("Æ", "Ø", "Å")
#: The group for names that start with a digit or a sign (sorted first, like sort_key_nb).
OTHER_LETTER = "0–9"
#: Lists shorter than this get no letter index (it would be mostly empty letters).
LETTER_INDEX_MIN = 12
#: Longest short line on the register page, in characters.
SHORT_LINE_MAX = 160

_NORDIC = {"æ": "Æ", "ä": "Æ", "ø": "Ø", "ö": "Ø", "å": "Å"}
_ANCHORS = {"Æ": "ae", "Ø": "oe", "Å": "aa", OTHER_LETTER: "tall"}


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One association as listed on the register: name, category and a short line."""

    association: Association
    category: Term
    letter: str
    short_line: str


@dataclass(frozen=True, slots=True)
class LetterGroup:
    """The entries under one letter heading."""

    letter: str
    anchor: str
    entries: tuple[RegisterEntry, ...]


@dataclass(frozen=True, slots=True)
class LetterLink:
    """One letter of the index; ``present`` letters link to their heading."""

    letter: str
    anchor: str
    present: bool


def letter_of(name: str) -> str:
    """The index letter of a name: ``Æ``/``Ø``/``Å`` as themselves, accents dropped
    (``É`` -> ``E``), :data:`OTHER_LETTER` for digits and signs."""
    for char in name.strip():
        if not char.isalnum():
            continue
        folded = char.casefold()
        if folded in _NORDIC:
            return _NORDIC[folded]
        base = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode().upper()
        return base[:1] if base[:1] in ALPHABET else OTHER_LETTER
    return OTHER_LETTER


def letter_anchor(letter: str) -> str:
    """HTML id of a letter heading; ASCII and distinct for Æ/Ø/Å (``Ø`` is not ``O``)."""
    return "bokstav-" + _ANCHORS.get(letter, letter.lower())


def _letter_order(letter: str) -> int:
    return -1 if letter == OTHER_LETTER else ALPHABET.index(letter)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"'(])")


def short_line(text: str, limit: int = SHORT_LINE_MAX) -> str:
    """The first sentence of a description, cut at a word (with …) if longer than ``limit``.

    A sentence ends at ``.``, ``!`` or ``?`` followed by a capital letter, so
    "17. mai" or "fra 3. klasse" do not end it.
    """
    paragraph = text.strip().split("\n", 1)[0].strip()
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()
    return shorten(sentence, limit)


def register_entries(associations) -> list[RegisterEntry]:
    """Register entries in Norwegian A–Å order of the name (slug breaks ties)."""
    ordered = sorted(associations, key=lambda a: (sort_key_nb(a.name), a.slug))
    return [
        RegisterEntry(a, ASSOCIATION_CATEGORIES.get(a.category), letter_of(a.name), short_line(a.body_text))
        for a in ordered
    ]


def letter_groups(entries: list[RegisterEntry]) -> list[LetterGroup]:
    """Entries under letter headings, letters in alphabet order (digits first)."""
    grouped: dict[str, list[RegisterEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.letter, []).append(entry)
    return [
        LetterGroup(letter, letter_anchor(letter), tuple(grouped[letter]))
        for letter in sorted(grouped, key=_letter_order)
    ]


def letter_index(groups: list[LetterGroup]) -> list[LetterLink]:
    """The whole alphabet A–Å (plus 0–9 if used); letters with entries are links."""
    present = {g.letter for g in groups}
    letters = ([OTHER_LETTER] if OTHER_LETTER in present else []) + list(ALPHABET)
    return [LetterLink(letter, letter_anchor(letter), letter in present) for letter in letters]



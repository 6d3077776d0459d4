"""Pages of the association register (lag- og foreningsregister).

* ``foreninger/``: every association A–Å (Æ, Ø, Å after Z) under letter
  headings, with a letter index and links to the category pages;
* ``foreninger/kategori/<slug>/``: the same list for one category, so the
  register can be filtered without JavaScript;
* ``foreninger/<slug>/``: one page per association with its contact details,
  upcoming events and calendar feed;
* ``apne-data/``: the page documenting the open-data exports (planned here,
  described by :mod:`aktivitetsportal.exports`).

Everything a template shows in a given order is computed here; the templates
only loop.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from .associations import enhetsregisteret_url, format_orgnr, tel_uri
from .dates import sort_key_nb
from .feed_pages import feed_path
from .models import Association
from .site import PlannedPage, PortalSite, page_at
from .urls import url_for
from .vocabulary import ASSOCIATION_CATEGORIES, AUDIENCES, Term

__all__ = [
    "plan_register_pages",
    "RegisterEntry",
    "LetterGroup",
    "LetterLink",
    "CategoryLink",
    "register_entries",
    "letter_of",
    "letter_anchor",
    "letter_groups",
    "letter_index",
    "short_line",
    "display_url",
    "association_feed_url",
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


@dataclass(frozen=True, slots=True)
class CategoryLink:
    """A category in the register's filter list."""

    term: Term
    count: int
    url: str
    current: bool


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
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def display_url(href: str) -> str:
    """A link as people read it: ``https://www.frifond.no/sok/`` -> ``www.frifond.no/sok``."""
    if href.startswith(("mailto:", "tel:")):
        return href.split(":", 1)[1]
    parts = urlsplit(href)
    shown = parts.netloc + parts.path.rstrip("/")
    if parts.query:
        shown += "?" + parts.query
    return shown or href


def association_feed_url(slug: str) -> str:
    """Site-relative URL of an association's calendar feed (``kalender/forening/<slug>.ics``).

    The feeds plugin writes one for every association, also those without events.
    """
    return feed_path("organizer", slug)


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


def _category_links(entries: list[RegisterEntry], current: Term | None) -> list[CategoryLink]:
    counts = {term.value: 0 for term in ASSOCIATION_CATEGORIES}
    for entry in entries:
        counts[entry.category.value] += 1
    return [
        CategoryLink(term, counts[term.value], url_for("association_category", term.slug), term == current)
        for term in ASSOCIATION_CATEGORIES
    ]


def _register_page(kind: str, key: str, title: str, entries: list[RegisterEntry],
                   all_entries: list[RegisterEntry], category: Term | None) -> PlannedPage:
    groups = letter_groups(entries)
    return page_at(
        kind, key, "associations",
        page_title=title,
        groups=groups,
        letter_index=letter_index(groups) if len(entries) >= LETTER_INDEX_MIN else [],
        categories=_category_links(all_entries, category),
        current_category=category,
        entry_count=len(entries),
        total_count=len(all_entries),
    )


def plan_register_pages(site: PortalSite) -> list[PlannedPage]:
    """The register (A–Å), one page per category, one per association, and the open-data page."""
    from .exports import plan_open_data_page  # local: exports imports this module

    entries = register_entries(site.catalog.associations.values())
    pages = [_register_page("associations", "", "Lag og foreninger", entries, entries, None)]
    for term in ASSOCIATION_CATEGORIES:
        chosen = [e for e in entries if e.category == term]
        pages.append(_register_page("association_category", term.slug, term.label, chosen, entries, term))

    cal = site.calendar
    by_organizer = cal.by_organizer()
    past_by_organizer: dict[str, int] = {}
    for event in cal.past_events():
        past_by_organizer[event.organizer] = past_by_organizer.get(event.organizer, 0) + 1
    for entry in entries:
        a = entry.association
        pages.append(page_at(
            "association", a.slug, "association",
            page_title=a.name,
            association=a,
            category=entry.category,
            short_line=entry.short_line,
            audience_terms=[AUDIENCES.get(value) for value in a.audiences],
            orgnr_display=format_orgnr(a.orgnr),
            enhetsregisteret_url=enhetsregisteret_url(a.orgnr) if a.orgnr else "",
            tel_href=tel_uri(a.phone) if a.phone else "",
            website_label=display_url(a.website) if a.website else "",
            logo_src=a.logo,  # always a checked file in content/images (fields.image)
            feed_url=association_feed_url(a.slug),
            summaries=cal.upcoming_events(by_organizer.get(a.slug, [])),
            past_count=past_by_organizer.get(a.slug, 0),
        ))
    pages.append(plan_open_data_page(site))
    return pages

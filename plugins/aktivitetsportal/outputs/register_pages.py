"""Pages of the association register (lag- og foreningsregister).

* ``foreninger/``: every association A–Å (Æ, Ø, Å after Z) under letter
  headings, with a letter index and links to the category pages;
* ``foreninger/kategori/<slug>/``: the same list for one category, so the
  register can be filtered without JavaScript;
* ``foreninger/<slug>/``: one page per association with its contact details,
  upcoming events and calendar feed;

Everything a template shows in a given order is computed here; the templates
only loop.
"""

from __future__ import annotations

from dataclasses import dataclass

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.domain.register import (
    LETTER_INDEX_MIN,
    RegisterEntry,
    letter_groups,
    letter_index,
    register_entries,
)
from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import association_feed_url, display_url, url_for
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.outputs.venue_pages import equipment_entries, venue_entry
from aktivitetsportal.outputs.volunteering_pages import assignment_entries
from aktivitetsportal.submissions.associations import enhetsregisteret_url, format_orgnr, tel_uri
from aktivitetsportal.submissions.vocabulary import ASSOCIATION_CATEGORIES, AUDIENCES, Term
from aktivitetsportal.text.phrases import term_label
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = ["plan_register_pages", "CategoryLink"]


@dataclass(frozen=True, slots=True)
class CategoryLink:
    """A category in the register's filter list."""

    term: Term
    count: int
    url: str
    current: bool



def _category_links(entries: list[RegisterEntry], current: Term | None) -> list[CategoryLink]:
    counts = {term.value: 0 for term in ASSOCIATION_CATEGORIES}
    for entry in entries:
        counts[entry.category.value] += 1
    return [
        CategoryLink(term, counts[term.value], url_for(PageKind.ASSOCIATION_CATEGORY, term.slug), term == current)
        for term in ASSOCIATION_CATEGORIES
    ]


def _register_page(kind: PageKind, key: str, title: str, entries: list[RegisterEntry],
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
    """The register (A–Å), one page per category and one per association."""
    entries = register_entries(site.catalog.associations.values())
    pages = [_register_page(PageKind.ASSOCIATIONS, "", lazy_text("Lag og foreninger"), entries, entries, None)]
    for term in ASSOCIATION_CATEGORIES:
        chosen = [e for e in entries if e.category == term]
        pages.append(_register_page(PageKind.ASSOCIATION_CATEGORY, term.slug, lazy(term_label, term), chosen, entries, term))

    cal = site.calendar
    by_organizer = cal.by_organizer()
    open_entries, _closed = assignment_entries(site, site.today)
    venues: dict[str, list] = {}
    for venue in sorted(site.catalog.venues.values(), key=lambda v: v.sort_key):
        venues.setdefault(venue.owner, []).append(venue_entry(site, venue))
    equipment: dict[str, list] = {}
    for item in equipment_entries(site):
        equipment.setdefault(item.item.owner, []).append(item)
    past_by_organizer: dict[str, int] = {}
    for event in cal.past_events():
        past_by_organizer[event.organizer] = past_by_organizer.get(event.organizer, 0) + 1
    for entry in entries:
        a = entry.association
        pages.append(page_at(
            PageKind.ASSOCIATION, a.slug, "association",
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
            assignments=[e for e in open_entries if e.assignment.organizer == a.slug],
            venues=venues.get(a.slug, []),
            equipment=equipment.get(a.slug, []),
        ))
    return pages

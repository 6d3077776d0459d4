"""Pages of volunteer assignments (frivillige oppdrag): "Bli frivillig".

* ``frivillig/``: open assignments first (dated efforts soonest first, then ongoing ones),
  then those no longer open; with filter links by kind, category and place;
* ``frivillig/<kind>/``, ``frivillig/kategori/<slug>/``, ``frivillig/sted/<slug>/``: the same
  list filtered, so filtering works without JavaScript;
* ``frivillig/oppdrag/<slug>/``: one page per assignment with a clear "Meld deg" action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aktivitetsportal.domain.places import Place
from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.domain.volunteering import closed_assignments, open_assignments
from aktivitetsportal.keys import AssignmentKind, FeedKind, PageKind
from aktivitetsportal.outputs.addresses import feed_path, url_for
from aktivitetsportal.outputs.pages import FilterLink, NavLink, PlannedPage, filter_link, page_at
from aktivitetsportal.submissions.models import Assignment, Event, Venue
from aktivitetsportal.submissions.vocabulary import ASSIGNMENT_SUITS, EVENT_CATEGORIES, Term
from aktivitetsportal.text.phrases import age_from, assignment_when, people_needed, term_label
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = ["plan_volunteering_pages", "AssignmentEntry", "assignment_entries",
           "KIND_LABELS", "FRONT_PAGE_ASSIGNMENTS"]

#: The two kinds of assignment, as the filter and the badges name them.
KIND_LABELS = {
    AssignmentKind.ONE_OFF: lazy_text("Enkeltoppdrag"),
    AssignmentKind.ONGOING: lazy_text("Fast oppdrag"),
}
#: How many open assignments the front page shows.
FRONT_PAGE_ASSIGNMENTS = 3


@dataclass(frozen=True, slots=True)
class AssignmentEntry:
    """An assignment with everything its card and its page show on a given day."""

    assignment: Assignment
    is_open: bool
    kind_label: object
    when: object  # lazy phrase
    category: Term
    place: Place | None
    venue: Venue | None
    organizer_name: str
    people: object  # lazy phrase or ""
    age: object  # lazy phrase or ""
    suits: tuple[Term, ...]
    events: tuple[Event, ...]  # related events that exist




def assignment_entries(site: PortalSite, today: date) -> tuple[list[AssignmentEntry], list[AssignmentEntry]]:
    """(open, no longer open) entries in the order they are shown."""
    events = {e.slug: e for e in site.catalog.events}

    def entry(a: Assignment, is_open: bool) -> AssignmentEntry:
        return AssignmentEntry(
            assignment=a,
            is_open=is_open,
            kind_label=KIND_LABELS[a.kind],
            when=lazy(assignment_when, a),
            category=EVENT_CATEGORIES.get(a.category),
            place=site.places.of(a.location),
            venue=site.venue_of(a),
            organizer_name=site.organizer_name(a.organizer),
            people=lazy(people_needed, a.people) if a.people else "",
            age=lazy(age_from, a.age_from) if a.age_from else "",
            suits=tuple(ASSIGNMENT_SUITS.get(value) for value in a.suits),
            events=tuple(events[slug] for slug in a.events if slug in events),
        )

    assignments = site.catalog.assignments
    return ([entry(a, True) for a in open_assignments(assignments, today)],
            [entry(a, False) for a in closed_assignments(assignments, today)])


def _filter_links(site: PortalSite, entries: list[AssignmentEntry], kind: PageKind, key: str) -> dict:
    """The kind, category and place filters, with counts of open assignments."""
    def link(label, link_kind: PageKind, link_key: str, chosen) -> FilterLink:
        return filter_link(label, link_kind, link_key, entries, chosen, (kind, key))
    return {
        "kinds": [link(label, PageKind.VOLUNTEERING_KIND, value.value,
                       lambda e, value=value: e.assignment.kind is value)
                  for value, label in KIND_LABELS.items()],
        "categories": [link(lazy(term_label, term), PageKind.VOLUNTEERING_CATEGORY, term.slug,
                            lambda e, term=term: e.category == term)
                       for term in EVENT_CATEGORIES if any(e.category == term for e in entries)],
        "places": [link(place.name, PageKind.VOLUNTEERING_PLACE, place.slug,
                        lambda e, place=place: e.place == place)
                   for place in site.places.places],
    }


def _listing(site, kind: PageKind, key: str, title, lead, open_entries, closed_entries, all_open) -> PlannedPage:
    return page_at(
        kind, key, "assignments",
        page_title=title,
        lead=lead,
        open_entries=open_entries,
        closed_entries=closed_entries,
        is_filtered=kind is not PageKind.VOLUNTEERING,
        all_link=NavLink(lazy_text("Alle"), url_for(PageKind.VOLUNTEERING)),
        rss_url=feed_path(FeedKind.ASSIGNMENTS, "", "rss"),
        **_filter_links(site, all_open, kind, key),
    )


def plan_volunteering_pages(site: PortalSite) -> list[PlannedPage]:
    """The overview, its filter pages, and one page per assignment."""
    open_entries, closed_entries = assignment_entries(site, site.today)
    pages = [_listing(
        site, PageKind.VOLUNTEERING, "", lazy_text("Bli frivillig"),
        lazy_text("Lag, foreninger og frivilligsentralen trenger hjelp. Her er oppdragene som er åpne nå: "
                  "noen er én dag, andre er faste. Du trenger ofte ingen erfaring."),
        open_entries, closed_entries, open_entries,
    )]
    for value, label in KIND_LABELS.items():
        pages.append(_listing(
            site, PageKind.VOLUNTEERING_KIND, value.value, label,
            lazy_text("Åpne frivillige oppdrag av typen «{kind}».", kind=label),
            [e for e in open_entries if e.assignment.kind is value], [], open_entries,
        ))
    for term in EVENT_CATEGORIES:
        chosen = [e for e in open_entries if e.category == term]
        if chosen:
            pages.append(_listing(
                site, PageKind.VOLUNTEERING_CATEGORY, term.slug,
                lazy_text("Frivillig innen {category}", category=lazy(term_label, term)),
                lazy_text("Åpne frivillige oppdrag i kategorien {category}.", category=lazy(term_label, term)),
                chosen, [], open_entries,
            ))
    for place in site.places.places:
        pages.append(_listing(
            site, PageKind.VOLUNTEERING_PLACE, place.slug,
            lazy_text("Frivillig i {place}", place=place.name),
            lazy_text("Åpne frivillige oppdrag med adresse i {place} og omegn.", place=place.name),
            [e for e in open_entries if e.place == place], [], open_entries,
        ))
    for entry in open_entries + closed_entries:
        pages.append(page_at(
            PageKind.ASSIGNMENT, entry.assignment.slug, "assignment",
            page_title=entry.assignment.title,
            entry=entry,
            assignment=entry.assignment,
        ))
    return pages

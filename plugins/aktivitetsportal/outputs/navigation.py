"""The main menu and the breadcrumbs: which section a page belongs to, and the way back up.

Every planned page belongs to one menu section (an event page to "Kalender", a grant to
"Tilskudd"); the menu marks that section with ``aria-current`` and the breadcrumbs lead from
the front page through the section (and a category or kind, where there is one) to the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from aktivitetsportal.keys import N_, PageKind
from aktivitetsportal.outputs.addresses import url_for
from aktivitetsportal.outputs.pages import NavLink, PlannedPage
from aktivitetsportal.submissions.vocabulary import (
    ASSOCIATION_CATEGORIES,
    EVENT_CATEGORIES,
    GRANT_KINDS,
)
from aktivitetsportal.text.phrases import term_label
from aktivitetsportal.text.translations import lazy, lazy_text

__all__ = ["MENU", "MenuLink", "section_of", "main_menu", "breadcrumbs"]

#: The main menu, in order: the page each item opens and its label.
MENU: tuple[tuple[PageKind, str], ...] = (
    (PageKind.FRONT, N_("Hva skjer")),
    (PageKind.CALENDAR, N_("Kalender")),
    (PageKind.CATEGORIES, N_("Kategorier")),
    (PageKind.FREE, N_("Gratis")),
    (PageKind.ASSOCIATIONS, N_("Lag og foreninger")),
    (PageKind.VOLUNTEERING, N_("Bli frivillig")),
    (PageKind.GRANTS, N_("Tilskudd")),
    (PageKind.VENUES, N_("Lokaler")),
    (PageKind.EQUIPMENT, N_("Utstyr")),
    (PageKind.FEEDS, N_("Abonner")),
    (PageKind.SUBMIT_FORM, N_("Send inn arrangement")),
)

# Pages that belong to another page's menu section; every other page is its own section.
_SECTIONS = {
    PageKind.EVENT: PageKind.CALENDAR,
    PageKind.WEEK: PageKind.CALENDAR,
    PageKind.MONTH: PageKind.CALENDAR,
    PageKind.DAY: PageKind.CALENDAR,
    PageKind.ARCHIVE: PageKind.CALENDAR,
    PageKind.CATEGORY: PageKind.CATEGORIES,
    PageKind.AUDIENCE: PageKind.CATEGORIES,
    PageKind.PLACES: PageKind.CATEGORIES,
    PageKind.PLACE: PageKind.CATEGORIES,
    PageKind.POSTER: PageKind.CALENDAR,
    PageKind.EMBED_HELP: PageKind.FEEDS,
    PageKind.ASSOCIATION: PageKind.ASSOCIATIONS,
    PageKind.ASSOCIATION_CATEGORY: PageKind.ASSOCIATIONS,
    PageKind.VOLUNTEERING_KIND: PageKind.VOLUNTEERING,
    PageKind.VOLUNTEERING_CATEGORY: PageKind.VOLUNTEERING,
    PageKind.VOLUNTEERING_PLACE: PageKind.VOLUNTEERING,
    PageKind.ASSIGNMENT: PageKind.VOLUNTEERING,
    PageKind.VENUE: PageKind.VENUES,
    PageKind.VENUES_PLACE: PageKind.VENUES,
    PageKind.VENUES_CAPACITY: PageKind.VENUES,
    PageKind.VENUES_STEP_FREE: PageKind.VENUES,
    PageKind.EQUIPMENT_ITEM: PageKind.EQUIPMENT,
    PageKind.GRANT: PageKind.GRANTS,
    PageKind.GRANT_KIND: PageKind.GRANTS,
    PageKind.GRANT_TARGET: PageKind.GRANTS,
    PageKind.ASSOCIATION_FORM: PageKind.ASSOCIATIONS,
}
# Pages of content/pages (they have no kind) that belong to a menu section, by address.
_PAGE_SECTIONS = {url_for(PageKind.SUBMIT): PageKind.SUBMIT_FORM}


@dataclass(frozen=True, slots=True)
class MenuLink:
    """One menu item; ``current`` is the value of its aria-current ("" when not current)."""

    label: object  # a lazy text, shown in the language being written
    url: str
    current: str


def section_of(kind: PageKind | None) -> PageKind | None:
    return _SECTIONS.get(kind, kind) if kind is not None else None


def main_menu(kind: PageKind | None, path: str) -> list[MenuLink]:
    """The menu for the page of ``kind`` at ``path`` (``kind`` None: a page from content/pages)."""
    section = section_of(kind) if kind is not None else _PAGE_SECTIONS.get(path)
    links = []
    for item, label in MENU:
        url = url_for(item)
        current = "page" if url == path else "true" if item == section else ""
        links.append(MenuLink(lazy_text(label), url, current))
    return links


def breadcrumbs(page: PlannedPage) -> list[NavLink]:
    """The links above a page, from the front page down to (not including) the page itself."""
    if page.kind is PageKind.FRONT or page.kind is PageKind.NOT_FOUND:
        return []
    trail = [NavLink(lazy_text("Forside"), url_for(PageKind.FRONT))]
    section = section_of(page.kind)
    if section != page.kind:
        label = next(label for kind, label in MENU if kind == section)
        trail.append(NavLink(lazy_text(label), url_for(section)))
    context = page.context
    if page.kind is PageKind.EVENT and "event" in context:
        term = EVENT_CATEGORIES.get(context["event"].category)
        trail.append(NavLink(lazy(term_label, term), url_for(PageKind.CATEGORY, term.slug)))
    elif page.kind is PageKind.ASSOCIATION and "association" in context:
        term = ASSOCIATION_CATEGORIES.get(context["association"].category)
        trail.append(NavLink(lazy(term_label, term), url_for(PageKind.ASSOCIATION_CATEGORY, term.slug)))
    elif page.kind is PageKind.GRANT and "grant" in context:
        term = GRANT_KINDS.get(context["grant"].kind)
        if term is not None:
            trail.append(NavLink(lazy(term_label, term), url_for(PageKind.GRANT_KIND, term.slug)))
    return trail

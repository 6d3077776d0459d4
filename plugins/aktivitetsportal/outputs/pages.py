"""A planned page: where it is written, its kind, its template and its data."""

from __future__ import annotations

from dataclasses import dataclass, field

from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import save_as, url_for
from aktivitetsportal.text.translations import lazy_text

__all__ = ["PlannedPage", "NavLink", "FilterLink", "filter_link", "page_at", "paged_at", "LISTING_PAGE_SIZE"]

#: Most events on one page of a listing (category, audience, free, place): a big site's
#: "for alle" would otherwise be one page of megabytes. Further pages are ``side/2/`` ...
LISTING_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class FilterLink:
    """One choice in a list of filter pages: its label, page, count and whether it is shown now."""

    label: object
    url: str
    count: int
    current: bool


def filter_link(label, kind: PageKind, key: str, items, chosen, shown: tuple[PageKind, str]) -> FilterLink:
    """The filter page of ``kind``/``key``, counting the ``items`` it keeps (``chosen``);
    current when it is the page ``shown`` (kind, key)."""
    return FilterLink(label, url_for(kind, key), sum(1 for item in items if chosen(item)), shown == (kind, key))


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """One page to render: where, with which template, with what data."""

    kind: PageKind
    save_as: str  # in the default language; other languages add their prefix
    url: str
    template: str
    context: dict = field(default_factory=dict, hash=False, compare=False)


def page_at(kind: PageKind, key: str, template: str, **context) -> PlannedPage:
    """The page of ``kind`` and ``key`` at its address from :mod:`.addresses`."""
    return PlannedPage(kind, save_as(kind, key), url_for(kind, key), template, context)


def paged_at(kind: PageKind, key: str, template: str, items: list, **context) -> list[PlannedPage]:
    """A listing split into pages of :data:`LISTING_PAGE_SIZE` ``summaries``; the first at the
    listing's own address, the others at ``<address>side/<n>/``, each with links to its neighbours.
    """
    chunks = [items[i:i + LISTING_PAGE_SIZE] for i in range(0, len(items), LISTING_PAGE_SIZE)] or [[]]
    base = url_for(kind, key)
    urls = [base] + [f"{base}side/{n}/" for n in range(2, len(chunks) + 1)]
    pages = []
    for index, chunk in enumerate(chunks):
        pager = None
        if len(chunks) > 1:
            pager = {
                "label": lazy_text("Side {number} av {total}", number=index + 1, total=len(chunks)),
                "previous": urls[index - 1] if index > 0 else "",
                "next": urls[index + 1] if index + 1 < len(chunks) else "",
            }
        pages.append(PlannedPage(kind, urls[index] + "index.html", urls[index], template,
                                 {**context, "summaries": chunk, "listing_pager": pager}))
    return pages

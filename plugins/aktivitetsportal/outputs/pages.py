"""A planned page: where it is written, its kind, its template and its data."""

from __future__ import annotations

from dataclasses import dataclass, field

from aktivitetsportal.keys import PageKind
from aktivitetsportal.outputs.addresses import save_as, url_for

__all__ = ["PlannedPage", "NavLink", "page_at"]


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    url: str


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

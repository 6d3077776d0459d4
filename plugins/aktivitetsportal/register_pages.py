"""Pages of the association register (lag- og foreningsregister)."""

from __future__ import annotations

from .site import PlannedPage, PortalSite, page_at

__all__ = ["plan_register_pages"]


def plan_register_pages(site: PortalSite) -> list[PlannedPage]:
    """One page per association with its upcoming events."""
    cal = site.calendar
    by_organizer = cal.by_organizer()
    pages = []
    for association in site.catalog.associations.values():
        events = by_organizer.get(association.slug, [])
        past = [e for e in events if cal.summary(e).next is None]
        pages.append(page_at("association", association.slug, "association",
                             page_title=association.name, association=association,
                             summaries=cal.upcoming_events(events), past_count=len(past)))
    return pages

"""The "Abonner på kalender" page listing every calendar and news feed."""

from __future__ import annotations

from .site import PlannedPage, PortalSite

__all__ = ["plan_feed_pages"]


def plan_feed_pages(site: PortalSite) -> list[PlannedPage]:
    """Feeds are not built yet (issue 4)."""
    return []

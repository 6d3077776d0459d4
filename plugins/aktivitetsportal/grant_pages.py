"""Pages of the grant overview (tilskuddsordninger)."""

from __future__ import annotations

from .site import PlannedPage, PortalSite

__all__ = ["plan_grant_pages"]


def plan_grant_pages(site: PortalSite) -> list[PlannedPage]:
    """The grant overview is not built yet (issue 5)."""
    return []

"""The site plan: every HTML page the portal writes, from each planner."""

from __future__ import annotations

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.outputs.calendar_pages import plan_calendar_pages
from aktivitetsportal.outputs.display_pages import plan_display_pages
from aktivitetsportal.outputs.exports import plan_open_data_page
from aktivitetsportal.outputs.feed_pages import plan_feed_pages
from aktivitetsportal.outputs.grant_pages import plan_grant_pages
from aktivitetsportal.outputs.pages import PlannedPage
from aktivitetsportal.outputs.place_pages import plan_place_pages
from aktivitetsportal.outputs.register_pages import plan_register_pages
from aktivitetsportal.outputs.search import plan_search_pages
from aktivitetsportal.outputs.submission_form import plan_submission_forms
from aktivitetsportal.outputs.venue_pages import plan_equipment_pages, plan_venue_pages
from aktivitetsportal.outputs.volunteering_pages import plan_volunteering_pages

__all__ = ["plan_pages"]


def plan_pages(site: PortalSite) -> list[PlannedPage]:
    """Every HTML page of the site that the portal writes (not content/pages)."""
    return (plan_calendar_pages(site) + plan_register_pages(site) + plan_grant_pages(site)
            + plan_feed_pages(site) + plan_search_pages(site) + [plan_open_data_page(site)]
            + plan_place_pages(site) + plan_display_pages(site) + plan_submission_forms(site)
            + plan_volunteering_pages(site) + plan_venue_pages(site) + plan_equipment_pages(site))

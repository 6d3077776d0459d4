"""Hand-made model objects for unit tests."""

from datetime import datetime, timedelta

from aktivitetsportal.submissions.models import Event


def make_event(slug: str = "test", **fields) -> Event:
    """A valid timed one-off event (Tuesday 1 December 2026, 18:00-20:00); ``fields`` override."""
    values = dict(
        slug=slug,
        source_path=f"events/lag/{slug}.md",
        title=slug.title(),
        start=datetime(2026, 12, 1, 18),
        duration=timedelta(hours=2),
        location="Huset, Vegen 1, 2830 Raufoss",
        organizer="lag",
        category="sosialt",
    )
    values.update(fields)
    return Event(**values)

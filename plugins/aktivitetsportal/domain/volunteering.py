"""Which volunteer assignments are open on a given day, and in what order they are shown."""

from __future__ import annotations

from datetime import date, datetime

from aktivitetsportal.keys import AssignmentKind
from aktivitetsportal.submissions.models import Assignment

__all__ = ["open_assignments", "closed_assignments", "first_day"]


def first_day(assignment: Assignment) -> date | None:
    start = assignment.start
    return start.date() if isinstance(start, datetime) else start


def open_assignments(assignments, today: date) -> list[Assignment]:
    """Open ones: dated efforts soonest first, then ongoing ones A–Å."""
    chosen = [a for a in assignments if a.is_open(today)]
    return sorted(chosen, key=lambda a: (
        a.kind is AssignmentKind.ONGOING,
        first_day(a) or date.min if a.kind is AssignmentKind.ONE_OFF else date.min,
        a.sort_key, a.slug,
    ))


def closed_assignments(assignments, today: date) -> list[Assignment]:
    """No longer open: the most recently closed first."""
    chosen = [a for a in assignments if not a.is_open(today)]
    return sorted(chosen, key=lambda a: (-a.open_until.toordinal(), a.sort_key, a.slug))

"""What theme/static/js/freshness.js needs to correct a page viewed on a later day than it was built.

The build writes the page for its "today"; the script hides what has ended since, moves "I dag"
and "I morgen" and recomputes deadline countdowns (docs/freshness.md). It only hides what the
build showed as current: an occurrence gets an end instant (``data-end``) when it had not ended
at the start of the build's day, so a week page's earlier days, which the build shows on purpose,
stay as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from aktivitetsportal.settings import OSLO
from aktivitetsportal.submissions.models import Occurrence
from aktivitetsportal.text.phrases import freshness_words, stale_notice, updated_text

__all__ = ["BuildStamp", "build_stamp", "end_instant", "ends_after_build"]


@dataclass(frozen=True, slots=True)
class BuildStamp:
    """When a page was built, in the words of one language."""

    day: str  # "2026-11-23": <body data-built>
    words: str  # JSON of phrases.freshness_words: <body data-freshness>
    updated: str  # "Oppdatert mandag 23. november 2026 kl. 04:30": the footer
    notice: str  # "Siden ble sist oppdatert ...": shown by the script on a later day


@lru_cache(maxsize=64)
def build_stamp(today: date, at: time | None, lang: str) -> BuildStamp:
    """The build's day and time as every page carries them in ``lang``."""
    words = json.dumps(freshness_words(lang), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return BuildStamp(today.isoformat(), words, updated_text(today, at, lang), stale_notice(today, lang))


def end_instant(occurrence: Occurrence) -> datetime:
    """When an occurrence is over, in Oslo: its end, or midnight after the last day if all-day."""
    if isinstance(occurrence.end, datetime):
        return occurrence.end.astimezone(OSLO)
    return datetime.combine(occurrence.end, time(), OSLO)


def ends_after_build(occurrence: Occurrence, today: date) -> str:
    """The end instant as ISO 8601 with its offset (``2026-11-23T20:00:00+01:00``) for an
    occurrence that had not ended when the build's day began; "" for one that had."""
    end = end_instant(occurrence)
    return end.isoformat() if end > datetime.combine(today, time(), OSLO) else ""

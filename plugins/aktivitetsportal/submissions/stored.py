"""Files a build keeps for the next one (the caches of PORTAL_CACHE): read leniently, written whole.

A missing, unreadable or foreign file reads as "nothing kept": a cache can always start empty.
A file is written under a temporary name and then renamed, so a stopped build leaves the old one.
"""

from __future__ import annotations

import pickle
from pathlib import Path

__all__ = ["load_kept", "load_labelled", "save_kept"]


def load_kept(path: Path, default):
    """What :func:`save_kept` wrote at ``path``, or ``default`` when there is nothing usable."""
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return default


def load_labelled(path: Path) -> tuple[object, dict]:
    """A ``(label, entries)`` pair :func:`save_kept` wrote at ``path`` (the label says what the
    entries are valid for: a code version, a build's constants); ``(None, {})`` if none is usable."""
    kept = load_kept(path, None)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], dict):
        return kept
    return None, {}


def save_kept(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as file:
        pickle.dump(data, file, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)

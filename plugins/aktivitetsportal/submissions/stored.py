"""Files a build keeps for the next one (the caches of PORTAL_CACHE): read leniently, written whole.

A missing, unreadable or foreign file reads as "nothing kept": a cache can always start empty.
A file is written under a temporary name and then renamed, so a stopped build leaves the old one.
"""

from __future__ import annotations

import pickle
from pathlib import Path

__all__ = ["load_kept", "save_kept"]


def load_kept(path: Path, default):
    """What :func:`save_kept` wrote at ``path``, or ``default`` when there is nothing usable."""
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return default


def save_kept(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as file:
        pickle.dump(data, file, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)

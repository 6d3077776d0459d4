"""Files kept between builds: a page or calendar file whose inputs are unchanged is neither
made nor written again.

A page's key is a digest of what it is made from: the build's constants (code, templates,
catalogues, settings, everything in content/ except the events: see the plugin) and the
page's own planned data, language, template and address. Events reach pages only through
their planned data, so editing one event changes the keys of the pages that show it and of no
other. A calendar file's key is its properties and the keys of its events, in order
(:meth:`.ical.CalendarFileWriter.file_key`). Data :func:`.fingerprints.fingerprint` does not
know makes a file uncacheable (it is always made): never a stale file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from aktivitetsportal.submissions.stored import load_labelled, save_kept

__all__ = ["FEEDS_FILE", "PAGES_FILE", "SEARCH_FILE", "OutputCache"]

#: The keys of the pages, of the calendar files and of the search index's files, in the build's
#: cache folder.
PAGES_FILE = "pages.pickle"
FEEDS_FILE = "feeds.pickle"
SEARCH_FILE = "search.pickle"


@dataclass
class OutputCache:
    """Keys of the files the last build wrote, by output file name (``en/arrangement/x/index.html``).

    With each key the file's size and modification time as the build left it: a file written
    since by anything else (a build with the cache off, a build stopped half-way, a hand) is
    made again, whatever its key. ``build``: what every file depends on (see the plugin).
    """

    keys: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    build: str | None = None
    written: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    kept: int = 0

    @classmethod
    def load(cls, path: Path) -> OutputCache:
        """The cache saved at ``path``, or an empty one (none yet, unreadable, another format)."""
        build, keys = load_labelled(path)
        return cls({name: entry for name, entry in keys.items()
                    if isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 3}, build)

    def save(self, path: Path, build: str | None = None) -> None:
        """Write the keys of this build's files (atomically)."""
        save_kept(path, (build, self.written))

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def unchanged(self, name: str, key: str | None, output: Path) -> bool:
        r"""True if the last build wrote ``name`` with ``key`` and the file is still as it left it.

        Only looks: the build then :meth:`record`\s every file, kept or made (a page may be
        checked in another process than the one that keeps the record).
        """
        entry = self.keys.get(name)
        if key is None or entry is None or entry[0] != key:
            return False
        return _as_left(output / name, entry)

    def record(self, name: str, key: str | None, kept: bool, output: Path) -> None:
        """``name`` was kept (``kept``) or made now (``key`` None: not cacheable), and is in ``output``."""
        if key is not None:
            found = os.stat(output / name)
            self.written[name] = (key, found.st_size, found.st_mtime_ns)
        self.kept += kept

    def files_as_left(self, output: Path) -> set[str]:
        """Files of the last build still as it left them (the same size and modification time)."""
        return {name for name, entry in self.keys.items() if _as_left(output / name, entry)}

    def files_to_keep(self, planned: set[str]) -> set[str]:
        """Files of the last build that this build may keep: those it plans again."""
        return {name for name in self.keys if name in planned}


def _as_left(path: Path, entry: tuple[str, int, int]) -> bool:
    """The file is there with the size and modification time recorded in ``entry``."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    return (found.st_size, found.st_mtime_ns) == entry[1:]

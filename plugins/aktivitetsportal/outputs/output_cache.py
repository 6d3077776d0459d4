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
from dataclasses import dataclass, field
from pathlib import Path

from aktivitetsportal.submissions.stored import load_kept, save_kept

__all__ = ["FEEDS_FILE", "PAGES_FILE", "OutputCache"]

#: The keys of the pages and of the calendar files, in the build's cache folder.
PAGES_FILE = "pages.pickle"
FEEDS_FILE = "feeds.pickle"


@dataclass
class OutputCache:
    """Keys of the files the last build wrote, by output file name (``en/arrangement/x/index.html``)."""

    keys: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    kept: int = 0

    @classmethod
    def load(cls, path: Path) -> OutputCache:
        """The cache saved at ``path``, or an empty one."""
        keys = load_kept(path, {})
        return cls(keys if isinstance(keys, dict) else {})

    def save(self, path: Path) -> None:
        """Write the keys of this build's files (atomically)."""
        save_kept(path, self.written)

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def unchanged(self, name: str, key: str | None, output: Path) -> bool:
        r"""True if the last build wrote ``name`` with ``key`` and the file is still there.

        Only looks: the build then :meth:`record`\s every file, kept or made (a page may be
        checked in another process than the one that keeps the record).
        """
        return key is not None and self.keys.get(name) == key and (output / name).is_file()

    def record(self, name: str, key: str | None, kept: bool = False) -> None:
        """``name`` was kept (``kept``) or made now (``key`` None: not cacheable)."""
        if key is not None:
            self.written[name] = key
        self.kept += kept

    def files_to_keep(self, planned: set[str]) -> set[str]:
        """Files of the last build that this build may keep: those it plans again."""
        return {name for name in self.keys if name in planned}

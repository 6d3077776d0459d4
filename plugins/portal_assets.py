"""Pelican plugin: fingerprinted theme files, so browsers may keep them for a year.

Templates link ``{{ SITEURL }}/{{ asset('css/portal.css') }}``, which names the file with
the first characters of a hash of its bytes (``theme/css/portal.3f2a9c1b4d.css``). When the
file changes, so does its name: a host can send these files with
``Cache-Control: max-age=31536000, immutable`` (docs/server-headers.md) and visitors still
get the new CSS the moment a page that links it is published. The plain names stay too,
for anything that links them from outside.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path, PurePosixPath

from pelican import signals

#: Hex digits of the content hash in a file name: collisions are harmless (the next
#: build renames), 10 keeps names short.
HASH_LENGTH = 10


def fingerprinted(relative: str, data: bytes, static_dir: str = "theme") -> str:
    """``css/portal.css`` -> ``theme/css/portal.3f2a9c1b4d.css`` for these bytes."""
    path = PurePosixPath(static_dir, relative)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


class _ThemeAssets:
    """The theme's static files and their fingerprinted names, read once per build."""

    def __init__(self, settings):
        self.source = Path(settings["THEME"], "static")
        self.static_dir = settings.get("THEME_STATIC_DIR", "theme")
        self.names: dict[str, str] = {}

    def __call__(self, relative: str) -> str:
        """The fingerprinted path of a theme file (templates call this as ``asset``)."""
        if relative not in self.names:
            data = (self.source / relative).read_bytes()  # a missing file fails the build: a typo
            self.names[relative] = fingerprinted(relative, data, self.static_dir)
        return self.names[relative]

    def copy_into(self, output: Path) -> None:
        """Every file of the theme's static folder, fingerprinted.

        Not only what this build's templates asked for: pages kept from the last build
        (PORTAL_CACHE) were rendered then, and pages rendered in a forked process (see
        :mod:`aktivitetsportal.parallel`) asked there; both link their files too.
        """
        for path in self.source.rglob("*"):
            if path.is_file():
                self(path.relative_to(self.source).as_posix())
        for relative, name in sorted(self.names.items()):
            target = output / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.source / relative, target)


# One per theme of the build that is running; emptied when it is finished.
_assets: dict[str, _ThemeAssets] = {}


def _add_asset_function(generator) -> None:
    assets = _assets.setdefault(str(generator.settings["THEME"]), _ThemeAssets(generator.settings))
    generator.env.globals["asset"] = assets


def _write_fingerprinted_copies(pelican) -> None:
    for assets in _assets.values():
        assets.copy_into(Path(pelican.output_path))
    _assets.clear()


def register():
    signals.generator_init.connect(_add_asset_function)
    signals.finalized.connect(_write_fingerprinted_copies)

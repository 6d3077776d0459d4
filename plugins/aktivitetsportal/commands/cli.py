"""What the commands share: the ``--lang`` and ``--settings`` options and the folder they read."""

from __future__ import annotations

import argparse
import runpy
import sys
from collections.abc import Callable
from pathlib import Path

from aktivitetsportal.keys import N_
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.text.translations import SOURCE_LANGUAGE, translator

__all__ = ["add_language_option", "message_text", "existing_folder", "add_settings_option", "site_places"]

_MISSING = N_("Fant ikke mappen {path}.")


def add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default=SOURCE_LANGUAGE,
                        help="language of the messages: nb (default), nn, en, uk, pl, ar, ...")


def message_text(parser: argparse.ArgumentParser, lang: str) -> Callable[[str], str]:
    """gettext for the language asked for; an unknown language is a usage error."""
    try:
        return translator(lang).gettext
    except LookupError:
        parser.error(f"unknown language {lang!r}")


def existing_folder(path: str, text: Callable[[str], str]) -> Path | None:
    """The folder, or None after saying (in the asked language) that it is missing."""
    root = Path(path)
    if not root.is_dir():
        print(text(_MISSING).format(path=root), file=sys.stderr)
        return None
    return root


def add_settings_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings", type=Path,
                        help="the site's settings file (e.g. pelicanconf.py): checks postcodes against PORTAL_PLACES")


def site_places(settings_file: Path | None) -> dict[str, str] | None:
    """PORTAL_PLACES (postcode -> place) of a settings file, as the build reads it; None without one."""
    if settings_file is None:
        return None
    return dict(PortalSettings.from_mapping(runpy.run_path(str(settings_file))).places)

"""What the commands share: the ``--lang`` option and the folder they read."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from aktivitetsportal.keys import N_
from aktivitetsportal.text.translations import SOURCE_LANGUAGE, translator

__all__ = ["add_language_option", "message_text", "existing_folder"]

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

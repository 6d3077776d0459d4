"""Check every submitted file: ``python -m aktivitetsportal.commands.validate content/``.

Uses the same :func:`load_catalog` as the build, so a file this command
accepts is a file the build accepts. Prints every problem with file, line,
field, what is wrong and what to write instead (bokmål; ``--lang nn|en|uk|pl|ar`` for another
language). Exit status: 0 when all files are valid (warnings allowed), 1 when
any file is invalid, 2 when the folder does not exist.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

from aktivitetsportal.commands.cli import add_language_option, existing_folder, message_text
from aktivitetsportal.keys import N_
from aktivitetsportal.settings import PortalSettings
from aktivitetsportal.submissions.catalog import load_catalog
from aktivitetsportal.text.problem_messages import format_problems

__all__ = ["main"]

_OK = N_("Alt i orden: {files} filer sjekket ({events} arrangementer, {associations} foreninger, {grants} tilskudd).")
_BAD = N_("{invalid} av {files} filer har feil. Rett feilene over og kjør sjekken på nytt.")
_WARNINGS = N_("{count} advarsel(er): filene blir publisert, men se over dem.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m aktivitetsportal.commands.validate",
        description="Sjekk arrangementer, foreninger og tilskudd før publisering.",
    )
    parser.add_argument("content", nargs="?", default="content", help="content folder (default: content)")
    parser.add_argument("--settings", type=Path,
                        help="the site's settings file (e.g. pelicanconf.py): checks postcodes against PORTAL_PLACES")
    add_language_option(parser)
    args = parser.parse_args(argv)
    text = message_text(parser, args.lang)
    root = existing_folder(args.content, text)
    if root is None:
        return 2
    settings = PortalSettings.from_mapping(runpy.run_path(str(args.settings))) if args.settings else None
    # Rendered too, and with the same places, exactly as the build does.
    catalog = load_catalog(root, places=dict(settings.places) if settings else None)
    if catalog.problems:
        print(format_problems(catalog.problems, args.lang))
        print()
    counts = {
        "files": catalog.files_read,
        "events": len(catalog.events),
        "associations": len(catalog.associations),
        "grants": len(catalog.grants),
    }
    if catalog.warnings:
        print(text(_WARNINGS).format(count=len(catalog.warnings)))
    if catalog.errors:
        print(text(_BAD).format(invalid=len(catalog.invalid_files), **counts))
        return 1
    print(text(_OK).format(**counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())

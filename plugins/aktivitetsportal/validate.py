"""Check every submitted file: ``python -m aktivitetsportal.validate content/``.

Uses the same :func:`load_catalog` as the build, so a file this command
accepts is a file the build accepts. Prints every problem with file, line,
field, what is wrong and what to write instead (Norwegian; ``--lang en`` for
English). Exit status: 0 when all files are valid (warnings allowed), 1 when
any file is invalid, 2 when the folder does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import load_catalog
from .problems import format_problems

__all__ = ["main"]

_TEXT = {
    "nb": {
        "ok": "Alt i orden: {files} filer sjekket ({events} arrangementer, {associations} foreninger, {grants} tilskudd).",
        "bad": "{invalid} av {files} filer har feil. Rett feilene over og kjør sjekken på nytt.",
        "warnings": "{count} advarsel(er): filene blir publisert, men se over dem.",
        "missing": "Fant ikke mappen {path}.",
    },
    "en": {
        "ok": "All good: {files} files checked ({events} events, {associations} associations, {grants} grants).",
        "bad": "{invalid} of {files} files have errors. Fix the errors above and run the check again.",
        "warnings": "{count} warning(s): the files are published, but have a look.",
        "missing": "Folder {path} not found.",
    },
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m aktivitetsportal.validate",
        description="Sjekk arrangementer, foreninger og tilskudd før publisering.",
    )
    parser.add_argument("content", nargs="?", default="content", help="content folder (default: content)")
    parser.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the messages")
    args = parser.parse_args(argv)
    text = _TEXT[args.lang]
    root = Path(args.content)
    if not root.is_dir():
        print(text["missing"].format(path=root), file=sys.stderr)
        return 2
    catalog = load_catalog(root)  # rendered too, exactly as the build does
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
        print(text["warnings"].format(count=len(catalog.warnings)))
    if catalog.errors:
        print(text["bad"].format(invalid=len(catalog.invalid_files), **counts))
        return 1
    print(text["ok"].format(**counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())

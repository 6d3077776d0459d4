"""``python -m aktivitetsportal.import_ics``: import a published calendar (see commands/import_ics.py)."""

import sys

from aktivitetsportal.commands.import_ics import main

if __name__ == "__main__":
    sys.exit(main())

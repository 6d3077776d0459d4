"""Pelican settings for publishing: absolute URLs, today's date."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "https://aktiviteter.vestre-toten.example")
RELATIVE_URLS = False
# A published site follows the calendar: "today" is the build date in Europe/Oslo.
PORTAL_TODAY = os.environ.get("PORTAL_TODAY", "")
# Publishing with PORTAL_SKIP_INVALID=1 keeps the site up to date when one
# submission is broken: the broken file is listed in the log and left out.
PORTAL_SKIP_INVALID = os.environ.get("PORTAL_SKIP_INVALID", "") == "1"

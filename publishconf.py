"""Pelican settings for publishing: absolute URLs, today's date."""

import os
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

# The municipality's address (PUBLISH_SITEURL in pelicanconf.py or municipalities/<name>/settings.py).
SITEURL = os.environ.get("SITEURL", PUBLISH_SITEURL)  # noqa: F405
RELATIVE_URLS = False
# A published site follows the calendar: "today" is the build date in Europe/Oslo, and every
# page says when it was built ("Oppdatert tirsdag 1. desember 2026 kl. 04:30"). Both come from
# one reading of the clock, so a build just before midnight cannot mix two days. A pinned
# PORTAL_TODAY gives no time unless PORTAL_BUILD_TIME=HH:MM is set too (the same output again).
_NOW = datetime.now(ZoneInfo("Europe/Oslo"))
PORTAL_TODAY = os.environ.get("PORTAL_TODAY") or _NOW.date().isoformat()
PORTAL_BUILD_TIME = os.environ.get("PORTAL_BUILD_TIME") or (
    "" if os.environ.get("PORTAL_TODAY") else _NOW.strftime("%H:%M"))
# Publishing with PORTAL_SKIP_INVALID=1 keeps the site up to date when one
# submission is broken: the broken file is listed in the log and left out.
PORTAL_SKIP_INVALID = os.environ.get("PORTAL_SKIP_INVALID", "") == "1"

# Next to every text file a .gz and a .br copy, for servers that send them as they are
# (pelican-precompress; docs/caching.md). Without a time stamp: the same build, the same bytes.
PLUGINS = PLUGINS + ["pelican.plugins.precompress"]  # noqa: F405
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_OVERWRITE = True  # a rebuild into the same output/ replaces stale copies
PRECOMPRESS_TEXT_EXTENSIONS = {".html", ".css", ".js", ".json", ".xml", ".ics", ".txt", ".csv", ".svg"}

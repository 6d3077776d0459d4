"""Pelican settings for the demo site (development and `make serve`).

The portal's own settings are the PORTAL_* keys, documented in
plugins/aktivitetsportal/settings.py and docs/architecture.md. With the environment variable
MUNICIPALITY=<name> (`make html MUNICIPALITY=lorenskog`) the settings of
municipalities/<name>/settings.py apply over these (docs/municipalities.md).
"""

import os
import runpy
from pathlib import Path

AUTHOR = "Vestre Toten frivilligsentral"
SITENAME = "Aktivitetsportalen"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Oslo"
DEFAULT_LANG = "nb"
THEME = "theme"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["portal_site", "portal_feeds", "portal_search", "portal_exports", "portal_sitemap",
           "portal_submission_form", "portal_theme", "portal_assets"]

# Events, associations and grants are read by the portal plugin, not as blog
# articles (Pelican would read all of content/ as articles otherwise).
ARTICLE_PATHS = ["nyheter"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Translated pages (Lang: en) are written by the portal under /en/<slug>/, like every page.
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = ""
# The portal writes the front page and all listings itself.
DIRECT_TEMPLATES = []
for _kind in ("TAG", "CATEGORY", "AUTHOR"):
    globals()[f"{_kind}_SAVE_AS"] = ""
    globals()[f"{_kind}S_SAVE_AS"] = ""
ARCHIVES_SAVE_AS = ""
ARTICLE_SAVE_AS = "nyheter/{slug}/index.html"
ARTICLE_URL = "nyheter/{slug}/"

# Feeds are written by the portal (icalendar and feedgen), not Pelican.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Submitted text is untrusted: escape everything unless a template says otherwise.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "extensions": ["jinja2.ext.i18n"]}
# A build keeps what it can in CACHE_PATH ("cache/"): parsed files, and the key of every page, so
# a page whose data, templates, texts and settings are unchanged is not rendered again. The
# portal then empties output/ itself, keeping those pages (docs/performance.md); with
# PORTAL_CACHE = False Pelican empties it and every page is rendered.
PORTAL_CACHE = True
DELETE_OUTPUT_DIRECTORY = not PORTAL_CACHE
# Pelican's own cache of content/pages as read, checked by the files' bytes (a file saved twice
# in one clock tick keeps its mtime); the portal empties it when settings or versions change.
CACHE_CONTENT = LOAD_CONTENT_CACHE = PORTAL_CACHE
CHECK_MODIFIED_METHOD = "sha256"
# Compressed copies only where publishconf.py turns them on: a plugin's signal outlives its
# build, so a process (a test run, `make serve`) that once built with publishconf would
# otherwise compress every later build too.
PRECOMPRESS_GZIP = PRECOMPRESS_BROTLI = PRECOMPRESS_ZOPFLI = PRECOMPRESS_ZSTANDARD = False
OUTPUT_RETENTION = [".git"]
# Pages are rendered by this many processes at once (forked; one where fork is unavailable).
# None: every core the build may use. The output is the same with any number.
PORTAL_PROCESSES = None

# --- Aktivitetsportalen -------------------------------------------------------
# "Today" of the build. The demo content is written around Monday 23 November
# 2026, so the demo pins it; a real site leaves it empty (= the build date in
# Europe/Oslo), see publishconf.py. Override with PORTAL_TODAY=YYYY-MM-DD.
PORTAL_TODAY = os.environ.get("PORTAL_TODAY", "2026-11-23")
PORTAL_DAYS_AHEAD = 365
PORTAL_DAYS_BACK = 60
PORTAL_MUNICIPALITY = "Vestre Toten"
# Interface languages; the first is the default at /, the others at /<code>/.
# Each needs plugins/aktivitetsportal/locales/<code>/LC_MESSAGES/messages.po.
PORTAL_LANGUAGES = ["nb", "nn", "en", "uk", "pl", "ar"]
# The municipality's places (tettsteder) by postcode: events get a place from the postcode
# in Location, with a page per place and a place filter in search.
PORTAL_PLACES = {"2830": "Raufoss", "2831": "Raufoss", "2840": "Reinsvoll", "2843": "Eina",
                 "2846": "Bøverbru"}
# The submission form (send-inn/): the volunteer centre's address for "send by e-mail", and
# where content/ is kept on GitHub or GitLab for "open a new file there" (empty: no such link;
# the demo names an example repository).
PORTAL_SUBMISSION_EMAIL = "post@vestretoten-frivilligsentral.no"
PORTAL_REPOSITORY_URL = os.environ.get("PORTAL_REPOSITORY_URL",
                                       "https://github.com/vestre-toten-frivilligsentral/aktivitetsportalen")
PORTAL_REPOSITORY_BRANCH = "main"
# Where content/ is in that repository (the form links to a new file there).
PORTAL_REPOSITORY_FOLDER = "content"
# The municipality's colours (custom properties of theme/static/css/portal.css: brand,
# brand-dark, link; white text must stay readable on brand) and its logo, a PNG or WebP in
# content/images/. The demo keeps the theme's colours and has no logo.
PORTAL_COLOURS = {}
PORTAL_LOGO = ""
# True: build even if some files are invalid (they are listed in the log and left out).
PORTAL_SKIP_INVALID = os.environ.get("PORTAL_SKIP_INVALID", "") == "1"
# The site's public address for `make publish` (publishconf.py; the SITEURL environment
# variable overrides it).
PUBLISH_SITEURL = "https://aktiviteter.vestre-toten.example"

# --- Several municipalities ---------------------------------------------------
# MUNICIPALITY=<name> builds municipalities/<name>/content into output-<name>/ with the
# settings of municipalities/<name>/settings.py over the ones above; empty builds the
# Vestre Toten demo in content/ into output/. See docs/municipalities.md.
MUNICIPALITY = os.environ.get("MUNICIPALITY", "").strip()
if MUNICIPALITY:
    _municipalities = Path(__file__).resolve().parent / "municipalities"
    _known = sorted(p.parent.name for p in _municipalities.glob("*/settings.py"))
    if MUNICIPALITY not in _known:
        raise SystemExit(f"Ukjent kommune «{MUNICIPALITY}» (MUNICIPALITY). Kjente kommuner: "
                         f"{', '.join(_known) or 'ingen'} (mappene i municipalities/), eller tom "
                         "for demoen i content/.")
    globals().update({key: value for key, value in
                      runpy.run_path(str(_municipalities / MUNICIPALITY / "settings.py")).items()
                      if key.isupper() and not key.startswith("_")})
    PATH = f"municipalities/{MUNICIPALITY}/content"
    OUTPUT_PATH = f"output-{MUNICIPALITY}"
    PORTAL_REPOSITORY_FOLDER = PATH

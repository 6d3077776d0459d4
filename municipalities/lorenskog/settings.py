"""Lørenskog: the second demo municipality (made-up content from the volunteering report).

Settings over pelicanconf.py for `make html MUNICIPALITY=lorenskog` (docs/municipalities.md).
Only UPPERCASE names count; every PORTAL_* key is described in plugins/aktivitetsportal/settings.py.
"""

AUTHOR = "Lørenskog frivilligsentral"
PORTAL_MUNICIPALITY = "Lørenskog"
# The first is the default at /; nynorsk is left out here (each municipality picks its own).
PORTAL_LANGUAGES = ["nb", "en", "uk", "pl", "ar"]
PORTAL_PLACES = {"1470": "Lørenskog sentrum", "1471": "Lørenskog sentrum", "1472": "Fjellhamar",
                 "1473": "Skårer", "1474": "Nordbyhagen", "1475": "Finstadjordet", "1476": "Rasta"}
PORTAL_SUBMISSION_EMAIL = "frivilligsentralen@lorenskog.example"
# PORTAL_REPOSITORY_URL is the shared repository's (pelicanconf.py); the form's "open a new file
# there" link goes to municipalities/lorenskog/content/ in it.
# Custom properties of theme/static/css/portal.css. White text is on "brand" (the header,
# buttons), "brand-dark" is text on white, "link" is links on white: all at least 4.5:1.
PORTAL_COLOURS = {"brand": "#005f5a", "brand-dark": "#003f3c", "link": "#00605f"}
# A PNG or WebP in content/images/ (not SVG: it can carry scripts).
PORTAL_LOGO = "images/lorenskog-logo.png"
# `make publish MUNICIPALITY=lorenskog`; the SITEURL environment variable overrides it.
PUBLISH_SITEURL = "https://aktiviteter.lorenskog.example"

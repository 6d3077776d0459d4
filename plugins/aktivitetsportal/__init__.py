"""Aktivitetsportalen's domain core: events, associations, grants, calendar, feeds.

Plain functions and dataclasses; nothing here imports Pelican. The Pelican
plugins next to this package (``plugins/portal_*.py``) adapt it to the build.
Start reading at :mod:`aktivitetsportal.catalog` (loading and validation) and
:mod:`aktivitetsportal.site` (which pages exist).
"""

__version__ = "0.1.0"

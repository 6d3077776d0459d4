"""Pelican plugin: writes the open-data files (events.json, associations.json,
associations.csv, grants.json) into the output folder.

Thin writer only: the bytes come from :func:`aktivitetsportal.exports.build_exports`
for the site that ``portal_site`` loaded into ``context["portal"]``. Needs
``portal_site`` in PLUGINS before it. The files are made and written in a forked process
while the build goes on (PORTAL_PROCESSES above 1); portal_site waits for it at the end.
"""

from __future__ import annotations

import logging
import os

from aktivitetsportal.outputs.exports import EventRecordTexts, build_exports
from aktivitetsportal.parallel import in_background, processes_for
from aktivitetsportal.settings import portal_cache_dir
from aktivitetsportal.submissions.stored import load_kept, save_kept
from pelican import signals
from pelican.utils import sanitised_join

logger = logging.getLogger(__name__)

#: events.json's records kept for the next build, in the portal's cache folder.
RECORDS_FILE = "records.pickle"


class PortalExportsGenerator:
    """Writes the export files, in the background from when the site is planned."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_context(self):
        # Started once the site is planned (portal_site's generate_context ran before this):
        # in a build after an edit, beside the pages being looked up and rendered.
        site = self.context.get("portal")
        if site is None:
            logger.error("portal_exports: context['portal'] mangler (er portal_site i PLUGINS?)")
            return
        in_background(lambda: self._write(site), processes_for(self.settings.get("PORTAL_PROCESSES")),
                      group=str(self.output_path))

    def _write(self, site) -> None:
        # With PORTAL_CACHE, events.json's records of unchanged events are kept between builds,
        # under the build's constants (portal_site's page key: code, settings, register...).
        folder = portal_cache_dir(self.settings, self.output_path)
        constants = self.context.get("portal_build_key")
        records = None
        if folder is not None and constants is not None:
            stored = load_kept(folder / RECORDS_FILE, {})
            records = EventRecordTexts(constants, stored if isinstance(stored, dict) else {},
                                       memo=self.context.get("portal_fingerprints", {}))
        for name, data in build_exports(site, records).items():
            path = sanitised_join(self.output_path, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # Bytes, not the writer's text mode: the files must be identical on every
            # OS (no newline translation) and the CSV starts with a BOM for Excel.
            with open(path, "wb") as f:
                f.write(data)
            logger.info('Writing "%s"', path)
        if records is not None:
            save_kept(folder / RECORDS_FILE, records.used)


def get_generators(pelican_object):
    return PortalExportsGenerator


def register():
    signals.get_generators.connect(get_generators)

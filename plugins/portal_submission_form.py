"""Pelican plugin: writes the submission form's schema and the associations' current entries.

Thin writer only: the data comes from :mod:`aktivitetsportal.outputs.submission_form` for the
site that ``portal_site`` loaded into ``context["portal"]`` (which also renders the form pages).
Needs ``portal_site`` in PLUGINS before it.

* ``send-inn/skjema.json`` in every language (``en/send-inn/skjema.json`` ...): the rules,
  lists and messages the form's script checks a submission with;
* ``send-inn/forening/<slug>.json``: each association's entry as its file has it, which the
  association form is filled in from (the same in every language).

Written in a forked process while the build goes on (PORTAL_PROCESSES above 1); portal_site
waits for it at the end.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from aktivitetsportal.outputs.addresses import association_entry_path, submission_schema_path
from aktivitetsportal.outputs.submission_form import entry_json, schema_json
from aktivitetsportal.parallel import in_background, processes_for
from aktivitetsportal.submissions.sourcefile import read_source
from aktivitetsportal.text.translations import language
from pelican import signals
from pelican.utils import sanitised_join

logger = logging.getLogger(__name__)


class SubmissionFormGenerator:
    """Writes the form's files, in the background from when the site is planned."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.content_path = Path(path)
        self.output_path = output_path

    def generate_context(self):
        # Started once the site is planned (portal_site's generate_context ran before this):
        # in a build after an edit, beside the pages being looked up and rendered.
        site = self.context.get("portal")
        if site is None:
            logger.error("portal_submission_form: context['portal'] mangler (er portal_site i PLUGINS?)")
            return
        in_background(lambda: self._write_all(site), processes_for(self.settings.get("PORTAL_PROCESSES")),
                      group=str(self.output_path))

    def _write_all(self, site) -> None:
        codes = site.settings.languages
        for code in codes:
            self._write(language(code, codes[0]).prefix + submission_schema_path(), schema_json(site, code))
        for association in site.catalog.associations.values():
            source = read_source(self.content_path / association.source_path, self.content_path)
            self._write(association_entry_path(association.slug), entry_json(association, source))

    def _write(self, name: str, data: bytes) -> None:
        # Bytes, not Pelican's writer: a content_written receiver expects HTML pages.
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)


def get_generators(pelican_object):
    return SubmissionFormGenerator


def register():
    signals.get_generators.connect(get_generators)

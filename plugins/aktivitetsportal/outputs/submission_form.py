"""The submission forms: "Send inn arrangement" (``send-inn/``) and an association's entry
(``send-inn/forening/``), for submitters who do not use Git.

The site is static, so the forms work in the browser (``theme/static/js/submission-form.js``):
they check what they can, show a preview and produce the finished file to download, copy, send
to the volunteer centre by e-mail or open pre-filled on the code host. Without JavaScript the
pages explain the format and link to the guide instead.

The script knows nothing of its own about the format. It reads the form's schema
(:func:`submission_schema`, written as ``send-inn/skjema.json`` in every language): field names
and their order, required fields, lists and labels, the organizers and places, limits, the
link, e-mail and picture rules, example values and the validator's own messages in the page's
language. Everything in it comes from the core, so the form and ``make validate`` cannot drift
apart; the file it writes is laid out as :func:`~aktivitetsportal.submissions.writing.source_text`
writes it. The association form is filled in from the association's current entry
(:func:`association_entry`, ``send-inn/forening/<slug>.json``): the same public text as its
page in the register.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from babel.dates import get_day_names

from aktivitetsportal.domain.portal import PortalSite
from aktivitetsportal.keys import N_, PageKind
from aktivitetsportal.outputs.addresses import submission_schema_path, url_for
from aktivitetsportal.outputs.pages import PlannedPage, page_at
from aktivitetsportal.settings import SOURCE_LANGUAGE, PortalSettings
from aktivitetsportal.submissions.catalog import ASSOCIATIONS_DIR, EVENTS_DIR
from aktivitetsportal.submissions.field_names import field_label
from aktivitetsportal.submissions.fields import (
    DEFAULT_MAX_CHARS,
    IMAGE_SUFFIXES,
    MAX_BODY_BRACKETS,
    MAX_BODY_CHARS,
    MAX_CHARS,
)
from aktivitetsportal.submissions.models import Association
from aktivitetsportal.submissions.recurrence import MAX_RULE_YEARS
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.values import (
    EMAIL_PATTERN,
    FIRST_YEAR,
    LAST_YEAR,
    LONGEST_DURATION,
    SAFE_SCHEMES,
    SLUG_FOLD,
    SLUG_RE,
    UNSAFE_TARGET_PATTERN,
    sort_key_nb,
)
from aktivitetsportal.submissions.vocabulary import (
    ASSOCIATION_CATEGORIES,
    AUDIENCES,
    DEFAULT_AUDIENCE,
    EVENT_CATEGORIES,
    Vocabulary,
)
from aktivitetsportal.submissions.writing import (
    ASSOCIATION_FIELD_ORDER,
    EVENT_FIELD_ORDER,
    source_text,
)
from aktivitetsportal.text.phrases import gettext, term_label
from aktivitetsportal.text.problem_messages import PROBLEM_TEXTS
from aktivitetsportal.text.translations import Language, language, lazy, lazy_text

__all__ = [
    "plan_submission_forms",
    "submission_schema",
    "schema_json",
    "association_entry",
    "entry_json",
    "repository_new_file",
    "RepositoryLink",
    "FormOption",
    "PRICE_CHOICES",
    "STEP_FREE_CHOICES",
    "EVENT_FORM_FIELDS",
    "ASSOCIATION_FORM_FIELDS",
    "REQUIRED_FIELDS",
    "EXAMPLES",
    "FORM_PROBLEMS",
    "REPEAT_FORMS",
    "ORDINAL_WORDS",
    "MAILTO_LIMIT",
    "REPOSITORY_LINK_LIMIT",
]

#: The fields each form writes, in the order of the format (``Title-en`` and ``Summary-en``
#: follow their field, for every language of the site).
EVENT_FORM_FIELDS = (
    "title", "start", "end", "repeat", "except", "cancelled-dates", "status", "location", "venue",
    "step-free", "organizer", "category", "audience", "price", "registration", "accessibility", "contact",
    "image", "summary", "added", "modified",
)
ASSOCIATION_FORM_FIELDS = (
    "name", "category", "orgnr", "email", "phone", "website", "address", "audience",
    "membership", "contact", "logo", "summary", "modified", "slug",
)
#: What the readers refuse a file without (tests/test_submission_form.py checks it against them).
REQUIRED_FIELDS = {
    "event": ("title", "start", "location", "organizer", "category"),
    "association": ("name", "category"),
}
#: Example values the messages offer ("Skriv for eksempel «…»"), keyed by the form's controls.
EXAMPLES = {
    "title": "Tirsdagskaffe på frivilligsentralen",
    "name": "Raufoss Pensjonistforening",
    "start-date": "2026-12-01",
    "start-time": "18:00",
    "location": "Frivilligsentralen, Storgata 1, 2830 Raufoss",
    "price-adults": "100",
}
#: The validator's messages the form shows (with the nested reasons they use).
FORM_PROBLEMS = (
    "empty_field", "value_too_long", "body_too_long", "body_markup", "bad_date", "missing_end",
    "end_before_start", "too_long", "bad_repeat", "repeat_until_before_first",
    "repeat_until_too_far", "repeat_start_not_in_rule", "bad_price",
    "unsafe_link", "unsafe_text", "bad_email", "bad_image", "bad_orgnr", "orgnr_length",
    "orgnr_format", "bad_slug",
)
#: How the form writes its repeat choices in ``Repeat:``; ``{nth}`` is one of :data:`ORDINAL_WORDS`,
#: ``{weekday}`` the English name of the first day's weekday.
REPEAT_FORMS = {
    "weekly": "weekly",
    "biweekly": "every 2 weeks",
    "monthly": "monthly on {nth} {weekday}",
    "until": "{rule} until {date}",
}
#: ``{nth}`` of :data:`REPEAT_FORMS`: the n-th weekday of the month (1-5), or the last (-1).
ORDINAL_WORDS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}
#: Longest mailto: link the form offers, encoded. Mail programs (Outlook among them) cut or
#: refuse longer ones; a longer file is downloaded and attached instead.
MAILTO_LIMIT = 1800
#: Longest link to a code host's "new file" page. Their servers refuse request lines longer
#: than about 8 KiB; a longer file is downloaded and uploaded there instead.
REPOSITORY_LINK_LIMIT = 8000

# Phrases of the preview, as the pages say them (the same message ids as text/phrases.py).
_PREVIEW_PHRASES = {
    "weekly": N_("Hver {weekdays}"),
    "biweekly": N_("Annenhver {weekdays}"),
    "monthly": N_("{weekday} i måneden"),
    "allDay": N_("Hele dagen"),
    "next": N_("Neste gang:"),
    "cancelled": N_("AVLYST"),
}
_ORDINAL_PHRASES = {1: N_("første {weekday}"), 2: N_("andre {weekday}"), 3: N_("tredje {weekday}"),
                    4: N_("fjerde {weekday}"), 5: N_("femte {weekday}"), -1: N_("siste {weekday}")}


@dataclass(frozen=True, slots=True)
class FormOption:
    """One choice of a pick list: what the file gets, and what the list shows."""

    value: str
    label: object  # a lazy text (a vocabulary label) or text as written (an association's name)
    as_written: bool = False  # True: the label is bokmål in every language


@dataclass(frozen=True, slots=True)
class RepositoryLink:
    """How to open the code host's "new file" page pre-filled: the page of a folder is
    ``folder_url`` + the folder, the file's name and text go in two query parameters."""

    host: str  # "GitHub" or "GitLab", as the button names it
    folder_url: str  # e.g. "https://github.com/owner/repo/new/main/content/"
    name_parameter: str
    text_parameter: str


def repository_new_file(settings: PortalSettings) -> RepositoryLink | None:
    """The code host's pre-filled "new file" page for ``PORTAL_REPOSITORY_URL``, or None.

    GitHub: ``/OWNER/REPO/new/BRANCH/FOLDER?filename=NAME&value=TEXT``; GitLab:
    ``/OWNER/REPO/-/new/BRANCH/FOLDER?file_name=NAME&content=TEXT`` (the parameters its
    "new file" page reads into the name field and the editor).
    """
    if not settings.repository_url:
        return None
    branch = quote(settings.repository_branch, safe="/")
    base = settings.repository_url
    folder = quote(settings.repository_folder, safe="/")  # where the content folder is (PORTAL_REPOSITORY_FOLDER)
    if "gitlab" in (urlsplit(base).hostname or ""):
        return RepositoryLink("GitLab", f"{base}/-/new/{branch}/{folder}/", "file_name", "content")
    return RepositoryLink("GitHub", f"{base}/new/{branch}/{folder}/", "filename", "value")


def _translation_languages(site: PortalSite) -> list[Language]:
    """The site's languages other than bokmål: the ones a ``Title-xx`` or ``Summary-xx`` shows in."""
    return [language(code) for code in site.settings.languages if code != SOURCE_LANGUAGE]


def _organizers(site: PortalSite) -> list[Association]:
    return sorted(site.catalog.associations.values(), key=lambda a: (sort_key_nb(a.name), a.slug))


def _venues(site: PortalSite) -> list:
    return sorted(site.catalog.venues.values(), key=lambda v: (v.sort_key, v.slug))


def _vocabulary_options(vocabulary: Vocabulary) -> list[FormOption]:
    return [FormOption(term.value, lazy(term_label, term)) for term in vocabulary]


def _known_locations(site: PortalSite) -> list[str]:
    """Every place events are held, as written: the location field suggests them."""
    return sorted({event.location for event in site.catalog.events}, key=sort_key_nb)


#: The price choices: free, an amount (adults, and children if they pay less), or not given.
PRICE_CHOICES = (
    FormOption("free", lazy_text("Gratis")),
    FormOption("paid", lazy_text("Det koster penger")),
    FormOption("none", lazy_text("Ikke oppgitt")),
)
#: The answers to Step-free (the reader takes ja/nei; no answer leaves it to the venue).
STEP_FREE_CHOICES = (
    FormOption("ja", lazy_text("Ja, uten trapper eller terskler")),
    FormOption("nei", lazy_text("Nei, det er trapper eller terskler")),
)
# The files the pages show as an example when the form cannot run (written by the writer).
_EXAMPLE_EVENT = source_text({
    "title": EXAMPLES["title"], "start": "2026-12-01 10:00", "end": "2026-12-01 12:00",
    "location": EXAMPLES["location"], "organizer": "vestre-toten-frivilligsentral", "category": "sosialt",
}, "Velkommen til en kopp kaffe og en prat!")
_EXAMPLE_ASSOCIATION = source_text({
    "name": EXAMPLES["name"], "category": "eldre", "email": "post@pensjonistforening.no",
    "address": "Storgata 10, 2830 Raufoss",
}, "Vi møtes hver onsdag til kaffe, foredrag og turer. Alle pensjonister er velkomne.",
    order=ASSOCIATION_FIELD_ORDER)


def plan_submission_forms(site: PortalSite) -> list[PlannedPage]:
    """The form for an event and the form for an association's entry."""
    shared = dict(
        schema_path=submission_schema_path(),
        submission_email=site.settings.submission_email,
        repository=repository_new_file(site.settings),
        translation_languages=_translation_languages(site),
        audiences=_vocabulary_options(AUDIENCES),
        organizers=[FormOption(a.slug, a.name, as_written=True) for a in _organizers(site)],
    )
    return [
        page_at(PageKind.SUBMIT_FORM, "", "submission_form", page_title=lazy_text("Send inn arrangement"),
                categories=_vocabulary_options(EVENT_CATEGORIES), price_choices=PRICE_CHOICES,
                places=[FormOption(code, f"{code} {name}", as_written=True) for code, name in site.settings.places],
                known_locations=_known_locations(site), example_file=_EXAMPLE_EVENT,
                venues=[FormOption(v.slug, v.name, as_written=True) for v in _venues(site)],
                step_free_choices=STEP_FREE_CHOICES, **shared),
        page_at(PageKind.ASSOCIATION_FORM, "", "submission_form_association",
                page_title=lazy_text("Send inn eller oppdater en forening"),
                categories=_vocabulary_options(ASSOCIATION_CATEGORIES),
                entries_path=url_for(PageKind.ASSOCIATION_FORM), example_file=_EXAMPLE_ASSOCIATION, **shared),
    ]


def _limit(name: str) -> int:
    return MAX_CHARS.get(name, DEFAULT_MAX_CHARS)


def _terms(vocabulary: Vocabulary, lang: str) -> list[dict]:
    return [{"value": t.value, "slug": t.slug, "label": term_label(t, lang)} for t in vocabulary]


def submission_schema(site: PortalSite, lang: str) -> dict:
    """Everything the form's script needs to know about the format, in language ``lang``."""
    translations = [code.code for code in _translation_languages(site)]
    names = set(EVENT_FORM_FIELDS + ASSOCIATION_FORM_FIELDS)
    repository = repository_new_file(site.settings)
    weekdays = get_day_names("wide", locale="en")
    return {
        "language": lang,
        "forms": {
            "event": {"order": list(EVENT_FIELD_ORDER), "required": list(REQUIRED_FIELDS["event"]),
                      "folder": EVENTS_DIR},
            "association": {"order": list(ASSOCIATION_FIELD_ORDER), "required": list(REQUIRED_FIELDS["association"]),
                            "folder": ASSOCIATIONS_DIR},
        },
        "keys": {name: field_label(name) for name in sorted(names)},
        "translations": translations,
        "limits": {
            "chars": {name: _limit(name) for name in sorted(names)},
            "body": MAX_BODY_CHARS,
            "brackets": MAX_BODY_BRACKETS,
            "repeatYears": MAX_RULE_YEARS,
            "longestDays": LONGEST_DURATION.days,
            "firstYear": FIRST_YEAR,
            "lastYear": LAST_YEAR,
        },
        "vocabularies": {
            "category": _terms(EVENT_CATEGORIES, lang),
            "audience": _terms(AUDIENCES, lang),
            "associationCategory": _terms(ASSOCIATION_CATEGORIES, lang),
        },
        "defaultAudience": str(DEFAULT_AUDIENCE),
        "organizers": [{"slug": a.slug, "name": a.name, "path": a.source_path} for a in _organizers(site)],
        "eventFiles": {event.slug: event.source_path for event in site.catalog.events},
        "places": [{"postcode": code, "name": name} for code, name in site.settings.places],
        "venues": [{"slug": v.slug, "name": v.name, "address": v.address} for v in _venues(site)],
        "examples": {
            **EXAMPLES,
            "organizer": next((a.name for a in _organizers(site)), ""),
            "category": term_label(EVENT_CATEGORIES.get("sosialt"), lang),
            "associationCategory": term_label(ASSOCIATION_CATEGORIES.get("eldre"), lang),
        },
        "rules": {
            "unsafeTarget": UNSAFE_TARGET_PATTERN,
            "email": EMAIL_PATTERN,
            "safeSchemes": list(SAFE_SCHEMES),
            "imageSuffixes": sorted(IMAGE_SUFFIXES),
            "slug": SLUG_RE.pattern,
            "slugFold": SLUG_FOLD,
        },
        "repeat": {
            "forms": REPEAT_FORMS,
            "ordinals": {str(n): word for n, word in ORDINAL_WORDS.items()},
            "weekdays": [weekdays[index].lower() for index in range(7)],
        },
        "messages": {code: gettext(PROBLEM_TEXTS[code], lang) for code in FORM_PROBLEMS},
        "phrases": {
            **{name: gettext(message, lang) for name, message in _PREVIEW_PHRASES.items()},
            "ordinals": {str(n): gettext(message, lang) for n, message in _ORDINAL_PHRASES.items()},
        },
        "send": {
            "email": site.settings.submission_email,
            "mailtoLimit": MAILTO_LIMIT,
            "repository": None if repository is None else {
                "host": repository.host, "folderUrl": repository.folder_url,
                "nameParameter": repository.name_parameter, "textParameter": repository.text_parameter,
            },
            "repositoryLimit": REPOSITORY_LINK_LIMIT,
        },
    }


def _json(data: dict) -> bytes:
    """Sorted keys and no spaces: the same content gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"


def schema_json(site: PortalSite, lang: str) -> bytes:
    """The schema of :func:`submission_schema` as the file the form reads."""
    return _json(submission_schema(site, lang))


def association_entry(association: Association, source: SourceFile) -> dict:
    """An association's entry as the form fills it in: its fields (as the register reads them)
    and its description as written, and where its file is."""
    fields = {
        "name": association.name,
        "category": association.category,
        "orgnr": association.orgnr,
        "email": association.email,
        "phone": association.phone,
        "website": association.website,
        "address": association.address,
        "audience": ", ".join(association.audiences),
        "membership": association.membership,
        "contact": association.contact,
        "logo": association.logo,
        "modified": source.value("modified"),
        "slug": source.value("slug"),
        **{f"summary-{t.lang}": t.summary for t in association.translations if t.summary},
    }
    return {
        "slug": association.slug,
        "path": association.source_path,
        "fields": {name: value for name, value in fields.items() if value},
        "body": source.body,
    }


def entry_json(association: Association, source: SourceFile) -> bytes:
    """The entry of :func:`association_entry` as the file the association form reads
    (at :func:`~aktivitetsportal.outputs.addresses.association_entry_path`)."""
    return _json(association_entry(association, source))

"""Association register entries: one Markdown file -> one :class:`Association`.

Organisation numbers are checked with python-stdnum (length and mod-11 check
digit) and linked to the public Enhetsregisteret page.
"""

from __future__ import annotations

import re

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.no import orgnr as stdnum_orgnr

from aktivitetsportal.submissions.fields import FieldReader
from aktivitetsportal.submissions.models import Association
from aktivitetsportal.submissions.problems import Message
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.vocabulary import ASSOCIATION_CATEGORIES, AUDIENCES

__all__ = [
    "parse_association",
    "ASSOCIATION_FIELDS",
    "enhetsregisteret_url",
    "check_orgnr",
    "format_orgnr",
    "tel_uri",
]

ASSOCIATION_FIELDS = {
    "name", "title", "category", "orgnr", "email", "phone", "website", "address", "audience",
    "membership", "contact", "logo", "slug", "modified", "date",
}
_PHONE_RE = re.compile(r"^\+?[0-9 ()-]{8,20}$")


def enhetsregisteret_url(orgnr: str) -> str:
    """The public Enhetsregisteret page of an organisation number."""
    return f"https://data.brreg.no/enhetsregisteret/oppslag/enheter/{orgnr}"


def format_orgnr(orgnr: str) -> str:
    """``899603087`` -> ``899 603 087``, the way Enhetsregisteret prints it."""
    return stdnum_orgnr.format(orgnr) if orgnr else ""


def tel_uri(phone: str) -> str:
    """A ``tel:`` link for a phone number as written, e.g. ``92 18 45 60`` -> ``tel:+4792184560``.

    Eight digits without a country code are Norwegian numbers; ``+47`` is added
    so the link also works from a foreign phone.
    """
    digits = re.sub(r"[^0-9]", "", phone)
    if not digits:
        return ""
    if phone.strip().startswith("+"):
        return "tel:+" + digits
    if phone.strip().startswith("00"):
        return "tel:+" + digits[2:]
    if len(digits) == 8:
        return "tel:+47" + digits
    return "tel:" + digits


_ORGNR_REASONS = {
    InvalidChecksum: "orgnr_checksum",
    InvalidLength: "orgnr_length",
    InvalidFormat: "orgnr_format",
}


def check_orgnr(text: str) -> tuple[str | None, Message | None]:
    """(9-digit number, None) if valid, else (None, the reason as a message)."""
    try:
        return stdnum_orgnr.validate(text), None
    except (InvalidChecksum, InvalidLength, InvalidFormat) as exc:
        return None, Message(next(code for kind, code in _ORGNR_REASONS.items() if isinstance(exc, kind)))


def parse_association(source: SourceFile, *, render: bool = True) -> tuple[Association | None, list]:
    """Parse one register entry. Returns the association (None on errors) and all problems."""
    r = FieldReader(source, ASSOCIATION_FIELDS, translatable=("summary",))
    if not source.fields:
        return None, r.problems
    slug = r.slug()
    name = r.text("name") or r.text("title")
    if not name:  # report it against "Name", the documented field
        r.text("name", required=True, example="Name: Raufoss Pensjonistforening")
    category = r.choice("category", ASSOCIATION_CATEGORIES, required=True, example="Category: eldre")
    orgnr = ""
    if orgnr_text := r.text("orgnr"):
        valid, reason = check_orgnr(orgnr_text)
        if valid is None:
            r.error("bad_orgnr", "orgnr", value=orgnr_text, reason=reason)
        else:
            orgnr = valid
    phone = r.text("phone")
    if phone and not _PHONE_RE.match(phone):
        r.error("bad_phone", "phone", value=phone)
    email = r.email("email")
    website = r.link("website")
    logo = r.image("logo")
    audiences = r.choices("audience", AUDIENCES)
    translations = r.translations()
    address, membership, contact = r.text("address"), r.text("membership"), r.free_text("contact")
    description = r.description(render)
    if r.has_errors or description is None:
        return None, r.problems
    body_html, body_text = description
    return Association(
        slug=slug,
        source_path=source.path,
        name=name,
        category=category,
        orgnr=orgnr,
        email=email,
        phone=phone,
        website=website,
        address=address,
        audiences=audiences,
        membership=membership,
        contact=contact,
        logo=logo,
        body_html=body_html,
        body_text=body_text,
        translations=translations,
    ), r.problems

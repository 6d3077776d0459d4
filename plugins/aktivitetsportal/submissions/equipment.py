"""The equipment bank (utstyrsbanken): one Markdown file -> one :class:`EquipmentItem`.

``content/equipment/<slug>.md``: something an association or the centre lends out.
The owner and the pick-up venue are checked in :mod:`submissions.catalog`.
"""

from __future__ import annotations

from collections.abc import Mapping

from aktivitetsportal.submissions.fields import FieldReader
from aktivitetsportal.submissions.models import EquipmentItem
from aktivitetsportal.submissions.sourcefile import SourceFile
from aktivitetsportal.submissions.values import classify_link, parse_price
from aktivitetsportal.submissions.vocabulary import EQUIPMENT_CATEGORIES

__all__ = ["parse_equipment", "EQUIPMENT_FIELDS", "MAX_QUANTITY"]

EQUIPMENT_FIELDS = {
    "name", "title", "category", "owner", "sizes", "quantity", "price", "pickup", "venue",
    "opening-hours", "booking", "contact", "image", "modified", "slug", "summary",
}
#: The most items of one kind believed (a bank may have a few hundred pairs of skis).
MAX_QUANTITY = 5000


def parse_equipment(source: SourceFile, *, owners: Mapping[str, str] | None = None,
                    venues: Mapping[str, str] | None = None,
                    render: bool = True) -> tuple[EquipmentItem | None, list]:
    """Parse one equipment file. Returns the item (None if it has errors) and all problems.

    ``owners`` and ``venues`` map what may be written (slug or name) to slugs; None: not checked.
    """
    r = FieldReader(source, EQUIPMENT_FIELDS, translatable=("summary",))
    if not source.fields:
        return None, r.problems
    slug = r.slug()
    name = r.text("name") or r.text("title")
    if not name:
        r.text("name", required=True, example="Name: Langrennski til barn")
    category = r.choice("category", EQUIPMENT_CATEGORIES, required=True, example="Category: vintersport")
    owner = r.reference("owner", r.text("owner", required=True, example="Owner: utstyrsbanken"),
                        owners, "unknown_owner")
    venue = r.reference("venue", r.text("venue"), venues, "unknown_venue")
    price_text = r.text("price")  # "gratis", "50 kr", or with its unit: "500 kr per helg"
    booking = None
    if booking_text := r.text("booking"):
        booking = classify_link(booking_text)
        if booking is None:
            r.error("unsafe_link", "booking", value=booking_text)
    if not (r.text("pickup") or r.text("venue")):
        r.error("missing_field", "pickup", example="Pickup: Utstyrsbanken, Storgata 1, 2830 Raufoss")
    quantity = r.whole_number("quantity", low=1, high=MAX_QUANTITY)
    image, translations, modified = r.image("image"), r.translations(), r.date("modified")
    contact = r.free_text("contact")
    description = r.description(render)
    if r.has_errors or description is None:
        return None, r.problems
    body_html, body_text = description
    return EquipmentItem(
        slug=slug, source_path=source.path, name=name, category=category, owner=owner,
        sizes=r.text("sizes"), quantity=quantity, price=parse_price(price_text) if price_text else None,
        price_text=price_text, pickup=r.text("pickup"),
        venue=venue, opening_hours=r.text("opening-hours"), booking=booking,
        contact=contact, image=image, body_html=body_html, body_text=body_text,
        modified=modified, translations=translations,
    ), r.problems

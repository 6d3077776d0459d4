"""Field value parsers: local times, durations, prices, links, DST gaps."""

from datetime import date, datetime, timedelta

import pytest
from aktivitetsportal.submissions.values import (
    classify_link,
    is_ambiguous,
    is_nonexistent,
    localize,
    parse_duration,
    parse_local,
    parse_price,
    slugify,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-01 18:00", datetime(2026, 12, 1, 18, 0)),
        ("2026-12-01T18:00", datetime(2026, 12, 1, 18, 0)),
        ("  2026-12-01   18:00 ", datetime(2026, 12, 1, 18, 0)),
        ("01.12.2026 18:00", datetime(2026, 12, 1, 18, 0)),
        ("2026-12-01 kl. 18:00", datetime(2026, 12, 1, 18, 0)),
        ("2026-12-01", date(2026, 12, 1)),
        ("01.12.2026", date(2026, 12, 1)),
        ("1. desember 2026", date(2026, 12, 1)),
        ("tirsdag 1. des. 2026", date(2026, 12, 1)),
        ("1. desember 2026 kl. 18:00", datetime(2026, 12, 1, 18, 0)),
        ("01.12.2026 kl. 18.00", datetime(2026, 12, 1, 18, 0)),
        ("32. desember 2026", None),
        ("1. desember 2026 kl. 25:00", None),
        ("2026-13-01 18:00", None),
        ("2026-02-30", None),
        ("1. desember", None),  # no year: we will not guess
        ("i morgen", None),
        ("", None),
    ],
)
def test_parse_local(text, expected):
    assert parse_local(text) == expected


@pytest.mark.parametrize(
    "text, minutes",
    [("2h", 120), ("90min", 90), ("1h30min", 90), ("1h 30min", 90), ("1,5 timer", 90),
     ("2 timer", 120), ("45 min", 45), ("PT1H30M", 90), ("pt2h", 120)],
)
def test_duration_forms(text, minutes):
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "to timer", "0h", "-2h", "h", "2x", "PT0M"])
def test_bad_durations(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    "text, label, free",
    [("gratis", "Gratis", True), ("0", "Gratis", True), ("Gratis", "Gratis", True),
     ("100", "kr 100", False), ("50 kr", "kr 50", False), ("kr 75", "kr 75", False),
     ("100/50", "kr 100 / 50", False), ("150,-", "kr 150", False)],
)
def test_price_forms(text, label, free):
    price = parse_price(text)
    assert price.label == label
    assert price.is_free is free


@pytest.mark.parametrize("text", ["billig", "100 euro", "ca 50", "-"])
def test_bad_prices(text):
    assert parse_price(text) is None


@pytest.mark.parametrize(
    "text, href",
    [("https://vestre-toten.no/pamelding", "https://vestre-toten.no/pamelding"),
     ("post@forening.no", "mailto:post@forening.no"),
     ("www.forening.no", "https://www.forening.no"),
     ("Ring Kari på 61 19 00 00", None)],
)
def test_links(text, href):
    assert classify_link(text).href == href


@pytest.mark.parametrize(
    "text",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(document.cookie)",
     "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "Se javascript:alert(1) her"],
)
def test_unsafe_links_are_refused(text):
    assert classify_link(text) is None


def test_spring_gap_is_nonexistent_and_autumn_overlap_is_ambiguous():
    assert is_nonexistent(datetime(2027, 3, 28, 2, 30))
    assert not is_nonexistent(datetime(2027, 3, 28, 3, 0))
    assert is_ambiguous(datetime(2026, 10, 25, 2, 30))
    assert not is_ambiguous(datetime(2026, 10, 25, 3, 30))


def test_localize_keeps_wall_clock_across_dst():
    before = localize(datetime(2027, 3, 23, 18, 0))
    after = localize(datetime(2027, 3, 30, 18, 0))
    assert (before.hour, after.hour) == (18, 18)
    assert before.utcoffset() == timedelta(hours=1)
    assert after.utcoffset() == timedelta(hours=2)


def test_slugify_folds_norwegian_letters():
    assert slugify("Tirsdagskaffe på Raufoss") == "tirsdagskaffe-pa-raufoss"
    assert slugify("Språkkafé Ø") == "sprakkafe-o"


def test_plain_text_keeps_paragraphs_list_items_and_link_addresses():
    from aktivitetsportal.submissions.html import html_to_text, render_markdown

    html = render_markdown("Meld deg på [her](https://a.no/p) eller <kari@x.no>.\n\n- en\n- to & tre\n\nLinje 1  \nLinje 2")
    assert html_to_text(html) == (
        "Meld deg på her (https://a.no/p) eller kari@x.no.\n\n- en\n- to & tre\n\nLinje 1\nLinje 2"
    )

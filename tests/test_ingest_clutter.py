"""Scraped-page clutter (navigation, captions, prompts, credits, cookie notices) out of the text;
prose that merely uses the same words stays. All pages and sentences are invented."""

from __future__ import annotations

import pytest

from eventwire.ingest import clean_text
from eventwire.ingest.clean import clean_title

P1 = "Flooding closed the main road into Northbridge on Sunday, the regional council said."
P2 = "Engineers from the water board expect the river to fall by Wednesday."

CLUTTER = [
    "Skip to main content",
    "Skip to navigation",
    "Home | World | Business | Sport | Culture",
    "News World Europe Politics Science Health",
    "Menu",
    "Sign in",
    "Volunteers fill sandbags by the bridge on Saturday. Photograph: Ola Berg/Nordic Pictures",
    "Item 1 of 5 A van drives through a flooded street in Northbridge, May 4, 2025. REUTERS/Tom Vale",
    "River levels rise again as rain returns Read more",
    "Sign up for our weekly climate newsletter",
    "Subscribe now",
    "Subscribe now for unlimited access",
    "Get our free morning briefing newsletter in your inbox",
    "- [Storm warning extended](https://example.org/storm)",
    "* [Council meets on flood plan](https://example.org/council)",
    "[Map of closed roads](https://example.org/map)",
    "We use cookies to improve your experience on our site.",
    "Accept all cookies",
    "Manage cookies",
    "Reporting by Ana Cruz in Northbridge; Editing by Paul Lind",
    "(Reporting by Ana Cruz; Additional reporting by Joe Kay; Editing by Mia Fox)",
    "Reporting by Ana Cruz and Joe Kay",
    "Share this article",
    "Share on Facebook",
    "Facebook Twitter Email",
    "Share",
    "Follow us on Instagram",
    "Advertisement",
]


@pytest.mark.parametrize("junk", CLUTTER)
def test_clutter_line_is_dropped(junk: str) -> None:
    assert clean_text(f"{P1}\n\n{junk}\n\n{P2}") == f"{P1}\n\n{P2}"


PAGE = "\n".join([
    "Skip to main content",
    "Home | World | Business | Sport | Culture",
    "We use cookies to improve your experience on our site. By continuing you agree to our policy.",
    "Accept all cookies",
    "",
    P1,
    "",
    "Volunteers fill sandbags by the bridge on Saturday. Photograph: Ola Berg/Nordic Pictures",
    "",
    "Residents of the lower town spent the night in a school hall"
    " (Photo by Ola Berg/AFP via Getty Images) as the water rose.",
    "Advertisement",
    "Item 2 of 5 Sandbags line a doorway in Northbridge, May 4, 2025. REUTERS/Tom Vale",
    "River levels rise again as rain returns Read more",
    "",
    P2,
    "Sign up for our weekly climate newsletter",
    "Get our free morning briefing newsletter",
    "- [Storm warning extended](https://example.org/storm)",
    "- [Council meets on flood plan](https://example.org/council)",
    "Share this article",
    "Facebook Twitter Email",
    "Reporting by Ana Cruz in Northbridge; Editing by Paul Lind",
])


def test_scraped_page_leaves_only_the_article() -> None:
    out = clean_text(PAGE)
    assert out == (
        f"{P1}\n\nResidents of the lower town spent the night in a school hall as the water rose.\n\n{P2}"
    )
    for junk in ("Skip to", "cookies", "Photograph:", "Getty", "Advertisement", "Item 2 of 5", "Read more",
                 "Sign up", "newsletter", "](", "Share", "Facebook", "Reporting by", "Editing by", "| World"):
        assert junk not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a flattened (one-paragraph) page
            "The bridge reopened on Monday. Item 3 of 4 Cars cross the bridge, May 5, 2025. REUTERS/Tom Vale "
            "Traffic was light.",
            "The bridge reopened on Monday. Traffic was light.",
        ),
        (
            "Shops reopened on Tuesday. Subscribe now Owners counted the losses.",
            "Shops reopened on Tuesday. Owners counted the losses.",
        ),
        (
            "Shops reopened on Tuesday. Get our free weekly newsletter here. Owners counted the losses.",
            "Shops reopened on Tuesday. Owners counted the losses.",
        ),
        (
            "The vote is set for June. Reporting by Ana Cruz; Editing by Paul Lind",
            "The vote is set for June.",
        ),
    ],
)
def test_inline_clutter_is_cut(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_hard_wrapped_prose_keeps_its_short_lines() -> None:
    # Reuters-style fixed-width text: a paragraph may end in a lone lower-case word
    text = "The company said profit rose to 1.20 dlrs a\nshare.\nIt will hold a\nsearch.\nThe chairman will\nfollow us."
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "prose",
    [
        "He signed up for the army when he was seventeen.",
        "Sign up for the army, the poster said, and thousands did.",
        "The photograph showed three soldiers standing by a burnt truck.",
        "Reporting by the ministry suggests the harvest will be late this year.",
        "Independent reporting by local journalists contradicted the official account.",
        "Reporting by Reuters suggests the plan was dropped in March.",
        "She said readers could read more about the case in the court papers.",
        "The newspaper ran an advertisement for the rally on Friday.",
        "Share prices fell by 4% after the announcement.",
        "Members were asked to share their views before the vote.",
        "Item 4 on the agenda was the budget for the new bridge.",
        "The council said it would follow us on the new rules if the court agreed.",
        "Users who accept cookies see fewer warnings, the regulator found in a survey of 2,000 sites.",
        "Subscribers complained that the service had been cut for a week.",
        "The board will get the newsletter approved before it is sent to members, she said.",
    ],
)
def test_prose_with_clutter_words_survives(prose: str) -> None:
    assert clean_text(prose) == prose
    assert clean_text(f"{P1}\n\n{prose}\n\n{P2}") == f"{P1}\n\n{prose}\n\n{P2}"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Floods close road into Northbridge | The Guardian", "Floods close road into Northbridge"),
        ("Floods close road into Northbridge - BBC News", "Floods close road into Northbridge"),
        ("Floods close road into Northbridge – Reuters", "Floods close road into Northbridge"),
        ("Floods close road | World news | The Guardian", "Floods close road"),
        ("Floods close road into Northbridge", "Floods close road into Northbridge"),
        ("War in the north - what we know so far", "War in the north - what we know so far"),
        ("| The Guardian", "| The Guardian"),
        ("Can the talks still be saved? | Jane Roe", "Can the talks still be saved? | Jane Roe"),  # a byline
        ("Bridges, not walls | Letters", "Bridges, not walls | Letters"),
        ("Port strike ends – as it happened", "Port strike ends – as it happened"),
        (None, None),
    ],
)
def test_clean_title_strips_site_suffix(title: str | None, expected: str | None) -> None:
    assert clean_title(title) == expected

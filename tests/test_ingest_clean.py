"""clean_text: page furniture out, every other byte of the story kept."""

from __future__ import annotations

import pytest

from eventwire.ingest import clean_text
from eventwire.ingest.clean import boilerplate, is_signoff

P1 = "The city council approved the new budget on Tuesday after a long debate."
P2 = "Opposition members said the spending plan ignored the eastern districts."


@pytest.mark.parametrize(
    "junk",
    [
        "READ ALSO: Storm Damage Closes Coastal Railway For A Week",
        "Read more: Mayor Unveils Plan For Night Buses",
        "Related: Council Votes To Extend Parking Zones",
        "RELATED: Budget Row Deepens",
        "See also: How The Budget Is Spent",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sign up",
        "Sign up to Morning Digest, our free daily newsletter – every weekday at 7am",
        "Sign up for the evening briefing",
        "Subscribe to our channel for more videos",
        "Click here to get alerts on your phone",
        "Councillors leave the chamber after the vote. Photograph: Jane Doe/Reuters",
        "A view of the town hall at night. Photo: City Press Office",
        "Photograph: Getty Images",
        "John Smith/AFP via Getty Images",
        "Updated at 21.40 BST",
        "Morning Digest is delivered to thousands of inboxes every weekday. Not subscribed yet? Sign up now.",
    ],
)
def test_clean_text_drops_boilerplate_line(junk: str) -> None:
    assert clean_text(f"{P1}\n\n{junk}\n\n{P2}") == f"{P1}\n\n{P2}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a VOA-style run-on teaser between two sentences
            "The vote passed narrowly, officials said. Related: Council Faces Angry Residents Over Cuts "
            "The mayor then thanked the members.",
            "The vote passed narrowly, officials said. The mayor then thanked the members.",
        ),
        (
            "The vote passed narrowly. READ ALSO: Bus Fares To Rise In Spring Opposition leaders walked out.",
            "The vote passed narrowly. Opposition leaders walked out.",
        ),
        (  # teaser at the end of the paragraph
            "The vote passed narrowly. See also: Five Things To Know About The Budget",
            "The vote passed narrowly.",
        ),
        (
            "Fans gathered outside the arena. WATCH: Maria Lopez's video report Organisers later apologised.",
            "Fans gathered outside the arena. Organisers later apologised.",
        ),
        (
            "The bridge was closed on Monday. Read more here: Bridge closed after cracks found Read more",
            "The bridge was closed on Monday.",
        ),
        (
            "Rescuers searched the rubble (Photo by Ana Perez/AFP via Getty Images) until dawn.",
            "Rescuers searched the rubble until dawn.",
        ),
        (
            "Rescuers worked through the night. Photograph: Ana Perez/AP Residents brought them tea.",
            "Rescuers worked through the night. Residents brought them tea.",
        ),
        (
            "Tickets sold out fast. Click here to join the waiting list. Organisers added a second date.",
            "Tickets sold out fast. Organisers added a second date.",
        ),
    ],
)
def test_clean_text_removes_inline_boilerplate(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    "prose",
    [
        # the words appear, but as prose: never delete them
        "Related: the minister said the two cases were not connected at all.",
        "He said the ban was related: officials denied it on Friday.",
        "The company said subscribers would get a refund. Subscribers welcomed the news.",
        "Turkey announced the tender with an advertisement in local newspapers.",
        "She urged voters to sign up for the new postal ballot before Friday.",
        "The court ruled on a copyright dispute over photographs taken by a local artist.",
        "Officials said. Related: ministers meet in the capital to discuss the crisis and then leave",
        "The studio said Getty Images had licensed the archive for ten years.",
        "The photo agency, Reuters/Ipsos, ran the poll.",
    ],
)
def test_clean_text_keeps_prose(prose: str) -> None:
    assert clean_text(prose) == prose


@pytest.mark.parametrize(
    "text",
    [
        "",
        "One line.",
        "  indented first line\n\n\n\nthree blank lines kept\ttab kept  \n",
        "Line one\r\nstays as given",
        "A para.\n\n\nAnother para, spacing untouched.",
    ],
)
def test_clean_text_is_identity_without_boilerplate(text: str) -> None:
    assert clean_text(text) == text


def test_clean_text_collapses_blank_lines_left_by_removal() -> None:
    text = f"{P1}\n\n\nAdvertisement\n\n\n{P2}\n\nSign up\n"
    assert clean_text(text) == f"{P1}\n\n{P2}"


def test_clean_text_single_newlines_stay_single() -> None:
    text = f"{P1}\nAdvertisement\n{P2}"
    assert clean_text(text) == f"{P1}\n{P2}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("AFP", True),
        ("(Reuters)", True),
        ("- VOA", True),
        ("AFP/Reuters", True),
        ("dpa", True),
        ("AP", True),
        ("Staff and agencies", True),
        ("AFP said", False),
        ("Reuters reported the deal.", False),
        ("", False),
    ],
)
def test_is_signoff_recognises_agency_lines(line: str, expected: bool) -> None:
    assert is_signoff(line) is expected


def test_boilerplate_resource_loads_once() -> None:
    assert boilerplate() is boilerplate()

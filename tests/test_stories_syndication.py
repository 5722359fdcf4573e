"""Syndicated copies: MinHash signatures, bands, and the store's copy groups (invented texts only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.store import copies
from eventwire.store.core import Store
from eventwire.stories.syndication import BANDS, THRESHOLD, bands, signature, similarity

WIRE = [
    "Floodwater swept through the river town of Marlow Ferry on Tuesday after three days of rain, "
    "forcing about 2,000 residents from their homes, the regional emergency office said.",
    "Rescue crews in flat-bottomed boats worked through the night to reach families stranded on rooftops "
    "in the low-lying eastern districts, where the water rose faster than forecasters had expected.",
    "The office said two elderly men were missing and that a bridge on the coastal road had collapsed, "
    "cutting the town off from the provincial capital for most of the day.",
    "Governor Elsa Brandt, who visited a shelter set up in a school gymnasium, promised emergency funds "
    "and said the army would send engineers to build a temporary crossing by the weekend.",
    "Farmers upstream reported heavy losses, with fields of wheat and barley under a metre of water and "
    "hundreds of cattle moved to higher ground by volunteers.",
    "Meteorologists warned that another band of storms could arrive on Thursday, bringing as much rain "
    "again to catchments that are already saturated.",
    "The last comparable flood in the region, in the spring of a dry decade, destroyed more than 400 homes "
    "and led to a decade of work on levees that engineers now say were never finished.",
    "Residents who stayed behind described watching furniture float down the main street while church bells "
    "rang to warn neighbours who had not heard the sirens.",
]
COPY = ["MARLOW FERRY — Thousands fled their homes as a river burst its banks in the east of the province, "
        "officials said, in the worst flooding in years.", *WIRE[1:6]]
OTHER = (
    "Governor Elsa Brandt on Wednesday toured Marlow Ferry, where floods this week drove some 2,000 people "
    "from their homes, and announced a reconstruction fund for the town. Speaking to reporters beside the "
    "collapsed bridge, she said the army's engineers had begun work on a temporary crossing and that the "
    "two missing men had not yet been found. Shopkeepers on the main street, still ankle-deep in mud, said "
    "they feared the promised money would arrive too late, and several asked why the levee works begun "
    "after the last great flood had never been completed. The regional emergency office said the water was "
    "receding but warned of more storms on Thursday.")


def test_signature_is_deterministic_and_sized() -> None:
    text = " ".join(WIRE)
    assert signature(text) == signature(text)
    assert len(signature(text)) == 512
    keys = bands(signature(text))
    assert len(keys) == BANDS and all(-(2**63) <= k < 2**63 for k in keys)
    assert bands(signature("")) == [] and similarity(signature(""), signature("")) == 0.0


def test_copy_with_new_lead_and_cut_end_matches_a_separate_report_does_not() -> None:
    wire, copy, other = signature(" ".join(WIRE)), signature(" ".join(COPY)), signature(OTHER)
    assert similarity(wire, copy) >= THRESHOLD
    assert similarity(wire, other) < 0.1
    assert similarity(copy, other) < 0.1
    assert set(bands(wire)) & set(bands(copy))


def _doc(doc: str, text: str, published: str | None) -> dict[str, Any]:
    return {"schema": "eventwire/1", "document": {"id": doc, "text": text, "published": published},
            "actors": [], "places": [], "times": [], "statements": [], "events": []}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "s.db")


def _add(store: Store, doc: str, text: str, published: str | None) -> str | None:
    store.add(_doc(doc, text, published))  # Store.add decides whether it is a copy
    row = store.connection.execute("SELECT copy_of FROM doc_copies WHERE doc_id = ?", (doc,)).fetchone()
    return row[0] if row else None


def _copy_of(store: Store) -> dict[str, str | None]:
    return {r[0]: r[1] for r in store.connection.execute("SELECT doc_id, copy_of FROM doc_copies")}


def test_a_copy_points_to_the_earliest_and_an_earlier_arrival_takes_over(store: Store) -> None:
    assert _add(store, "wire", " ".join(WIRE), "2025-03-04T10:00:00Z") is None
    assert _add(store, "other", OTHER, "2025-03-05T09:00:00Z") is None
    assert _add(store, "copy", " ".join(COPY), "2025-03-04T12:00:00Z") == "wire"
    # a second reprint published before the wire's own page: it becomes the original
    assert _add(store, "early", " ".join(WIRE[:7]), "2025-03-04T09:30:00Z") is None
    assert _copy_of(store) == {"wire": "early", "copy": "early", "early": None, "other": None}
    assert copies.original_of(store.connection, "copy") == "early"


def test_forget_repoints_copies_to_the_next_earliest(store: Store) -> None:
    _add(store, "wire", " ".join(WIRE), "2025-03-04T10:00:00Z")
    _add(store, "copy", " ".join(COPY), "2025-03-04T12:00:00Z")
    _add(store, "late", " ".join(WIRE[:7]), "2025-03-05T08:00:00Z")
    store.remove("wire")
    assert _copy_of(store) == {"copy": None, "late": "copy"}
    assert store.connection.execute("SELECT count(*) FROM doc_bands WHERE doc_id = 'wire'").fetchone()[0] == 0

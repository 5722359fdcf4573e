"""Story events: one real-world event across many reports (issue 11).

The modules, one job each:

- ``mention.py``: ``Mention``, the clusterable view of one record event (type, dates, place,
  store-wide actor identities, trigger stem, sentence terms), built from a record.
- ``text.py``: the crude, model-free normalisation both the store and the eval use (stems, terms).
- ``score.py``: blocking keys, the pair features and the pair score (weights in
  ``resources/en/stories/weights.tsv``), the never-merge rules.
- ``documents.py``: predicted document clusters (TF-IDF, average link) that set ``Mention.group``
  (the ECB+ eval; no gold topics).
- ``cluster.py``: the incremental clusterer over an index of open clusters (``MemoryIndex`` here;
  the store's SQLite index is ``eventwire.store.stories``).
- ``identity.py``: store-wide actor identities (normalised full name + country).
- ``syndication.py``: MinHash near-duplicate documents (syndicated copies count once).
- ``figures.py``: the members' counts by source and attribution, and whether they are contested.
"""

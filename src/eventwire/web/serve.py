"""Run the app: check the extra is installed, warn before exposing a store beyond this machine, fail with a
coded error when the port is taken, then hand over to uvicorn until Ctrl-C."""

from __future__ import annotations

import importlib.util
import ipaddress
import logging
import socket
from pathlib import Path

from ..errors import Serve

DEFAULT_PORT = 8050
log = logging.getLogger("eventwire")


def loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db: str | Path, *, port: int = DEFAULT_PORT, host: str = "127.0.0.1") -> None:
    """Serve store ``db`` read-only at http://host:port until interrupted (``eventwire serve``)."""
    missing = [name for name in ("fastapi", "uvicorn", "jinja2") if importlib.util.find_spec(name) is None]
    if missing:
        raise Serve.NEEDS_WEB.error(missing=", ".join(missing))
    import uvicorn

    from .app import LOCAL_HOSTS, create_app

    hosts: tuple[str, ...] = LOCAL_HOSTS
    if not loopback(host):
        log.warning("warning: listening on %s makes the store readable from the network: anyone who can reach "
                    "this port can read it", host)
        wildcard = host in ("0.0.0.0", "::")
        hosts = (*LOCAL_HOSTS, "*") if wildcard else (*LOCAL_HOSTS, host)
    app = create_app(db, hosts=hosts)
    _check_port(host, port)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    log.info("serving %s at http://%s:%d (Ctrl-C stops)", db, shown, port)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _check_port(host: str, port: int) -> None:
    """Fail with ``Serve.CANNOT_BIND`` before uvicorn does (its own message is a log line and exit 1)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise Serve.CANNOT_BIND.error(host=host, port=port, error=exc.strerror or exc) from exc

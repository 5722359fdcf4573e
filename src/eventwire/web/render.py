"""One way to answer a page: the HTML template, or with ``?format=json`` the same data as JSON.

Why the data dict is the contract: the JSON a page returns is exactly what its template was given (minus
the page's helpers), so the JSON rows are the HTML rows, same ids, same order — the browser tests check it.
Jinja2 autoescapes everything; story text reaches the page only through escaping (see ``document``).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__

#: The navigation bar: (path, label).
NAV = (("/events", "Events"), ("/timeline", "Timeline"), ("/map", "Map"), ("/actors", "Actors"),
       ("/stories", "Story events"))

_ENV = Environment(loader=PackageLoader("eventwire.web", "templates"), autoescape=select_autoescape(default=True),
                   trim_blocks=True, lstrip_blocks=True)


def wants_json(request: Request) -> bool:
    return request.query_params.get("format") == "json"


def page(request: Request, template: str, data: dict[str, Any], *, title: str, status_code: int = 200,
         **helpers: Any) -> Response:
    """The page as HTML, or ``data`` as JSON when asked (``?format=json``)."""
    if wants_json(request):
        return JSONResponse(data, status_code=status_code)
    html = _ENV.get_template(template).render(**data, **helpers, title=title, nav=NAV, path=request.url.path,
                                              version=__version__)
    return HTMLResponse(html, status_code=status_code)

"""The actors page(s) of ``eventwire serve`` (being built: no routes yet)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()

"""The CLI's one error policy: every command is wrapped in :func:`exits`.

An ``EventwireError`` ends the command with one line on stderr (``Error: EW-…: message``) and
the exit status its code has in the error table (``docs/errors.md``):

    0  success
    1  bad input or query: a story or gold file that cannot be read, a bad date, a refused query
    2  usage, or the command cannot run: a wrong option (click), a store that cannot be opened or
       created, a missing model or resource file, an unexpected error
    130 interrupted (Ctrl-C), where the command says how to resume

Anything else that escapes a command is unexpected: one line too, exit 2, never a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from ..errors import EventwireError, exit_status

UNEXPECTED_EXIT = 2
INTERRUPTED_EXIT = 130

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(click.ClickException):
    """A one-line error with the exit status the table gives it."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.status = exit_code

    @property  # click declares ``exit_code`` a class variable; each error here carries its own
    def exit_code(self) -> int:  # type: ignore[override]
        return self.status


def exits(*, interrupted: str | None = None, unexpected_hint: str = "") -> Callable[[F], F]:
    """Map what a command raises to one stderr line and an exit status.

    ``interrupted``: the line to print on Ctrl-C (exit 130); without it click's own "Aborted!"
    applies. ``unexpected_hint`` is appended to the line of an unexpected error.
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return command(*args, **kwargs)
            except (click.ClickException, click.exceptions.Abort, click.exceptions.Exit):
                raise
            except EventwireError as exc:
                raise CommandError(str(exc), exit_status(exc)) from None
            except KeyboardInterrupt:
                if interrupted is None:
                    raise
                click.echo(f"eventwire: {interrupted}", err=True)
                sys.exit(INTERRUPTED_EXIT)
            except Exception as exc:   # a full disk, a locked file, a bug: one line, not a traceback
                raise CommandError(f"unexpected {type(exc).__name__}: {exc}{unexpected_hint}",
                                   UNEXPECTED_EXIT) from None

        return cast(F, run)

    return decorate

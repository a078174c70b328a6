"""Where output goes and how it may look: the one decision about width, colour and terminals, made once per run.

- A terminal gets its own width (or $COLUMNS), ANSI styles unless TERM is dumb, and colours unless $NO_COLOR.
- A pipe or a file gets PIPE_WIDTH columns (or $COLUMNS) and plain text, so what is saved or compared stays the
  same from one machine to the next.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple, TextIO

PIPE_WIDTH = 100
MIN_WIDTH = 40  # narrower than this, tables would be unreadable anyway: lay them out for 40 and let lines run on

_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "red": "31", "green": "32", "yellow": "33",
        "blue": "34", "magenta": "35", "cyan": "36"}
_COLOURS = {"red", "green", "yellow", "blue", "magenta", "cyan"}


class Terminal(NamedTuple):  # not a dataclass: importing dataclasses costs `list` about 4 ms
    """An output stream with its width and whether it takes ANSI styles and colours."""

    file: TextIO
    width: int = PIPE_WIDTH
    is_tty: bool = False
    styled: bool = False
    colour: bool = False

    def paint(self, text: str, style: str) -> str:
        """The text in an ANSI style ("bold red", "dim"), or as it is where styles do not apply."""
        if not self.styled or not style or not text:
            return text
        codes = [_SGR[word] for word in style.split()
                 if word in _SGR and (self.colour or word not in _COLOURS)]
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text

    def write(self, text: str) -> None:
        self.file.write(text)

    def line(self, text: str = "") -> None:
        self.file.write(text + "\n")


def terminal_for(file: TextIO | None = None, environ=None) -> Terminal:
    """The Terminal for a stream (default: stdout), by the rules above."""
    file = file or sys.stdout
    environ = os.environ if environ is None else environ
    columns = environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else None
    if not _isatty(file):
        return Terminal(file, max(width or PIPE_WIDTH, MIN_WIDTH))
    styled = environ.get("TERM", "").strip().lower() not in ("dumb", "unknown")
    return Terminal(file, max(width or _terminal_width(file), MIN_WIDTH), True, styled,
                    styled and environ.get("NO_COLOR", "") == "")


def _isatty(file: TextIO) -> bool:
    try:
        return file.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width(file: TextIO) -> int:
    try:
        return os.get_terminal_size(file.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80

"""Deterministic TOML for task files: same data, same bytes, so git diffs stay minimal.

tomli-w writes arrays of tables inline; a task's progress log reads and merges better as `[[progress]]` blocks,
one per entry, so top-level layout is decided here and tomli-w only formats plain values.
"""

from __future__ import annotations

import math
import re
import sys
from datetime import date, datetime, time
from typing import Any

from duban.errors import BrokenFile

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_NEEDS_ESCAPE_MULTILINE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f"\\]')


def _escape(match: re.Match) -> str:
    ch = match.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def format_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else format_string(key)


def format_string(text: str, multiline: bool = False) -> str:
    if multiline and "\n" in text:
        return '"""\n' + _NEEDS_ESCAPE_MULTILINE.sub(_escape, text) + '"""'
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def format_value(value: Any, multiline: bool = False) -> str:
    """One TOML value; nested tables are written inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return format_string(value, multiline)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{format_key(k)} = {format_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [format_value(v) for v in value]
        if any(isinstance(v, dict) for v in value) or sum(len(i) for i in items) > 80:
            return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dumps(data: dict[str, Any], array_tables: tuple[str, ...] = ("progress",),
          inline_tables: tuple[str, ...] = ("source",)) -> str:
    """Plain keys first in the order given; then `[table]`s and `[[array tables]]` in the order given."""
    head: list[str] = []
    tail: list[str] = []
    for key, value in data.items():
        name = format_key(key)
        if isinstance(value, dict) and key not in inline_tables:
            tail.append(f"\n[{name}]\n" + "".join(f"{format_key(k)} = {format_value(v, True)}\n"
                                                  for k, v in value.items()))
        elif key in array_tables and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for entry in value:
                tail.append(f"\n[[{name}]]\n" + "".join(f"{format_key(k)} = {format_value(v, True)}\n"
                                                        for k, v in entry.items()))
        else:
            head.append(f"{name} = {format_value(value, True)}\n")
    return "".join(head) + "".join(tail)


_LINE_RE = re.compile(r"at line (\d+)")
_fast_loads = None


def _compiled_parser():
    """rtoml's loads; False where rtoml has no wheel for the platform (tomllib alone then)."""
    try:
        from rtoml import loads
    except ImportError:  # pragma: no cover - rtoml is a dependency
        return False
    return loads


def loads(text: str, path) -> dict[str, Any]:
    """Parse TOML; a syntax error becomes a BrokenFile naming the path and line.

    rtoml (compiled) parses a task file ten times faster than tomllib, which counts when thousands are read after
    a clone. What rtoml refuses goes to tomllib, which names the line of a fault and reads the little rtoml does
    not (a float too large for it, 1e400, is inf)."""
    global _fast_loads
    if _fast_loads is None:
        _fast_loads = _compiled_parser()
    if _fast_loads:
        try:
            return _fast_loads(text)
        except Exception:  # noqa: BLE001 - rtoml's errors name no line; tomllib says what and where
            pass
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _LINE_RE.search(message)
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message) or "not valid TOML"
        raise BrokenFile(path, f"not valid TOML: {reason}", line) from None


def read_text(path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BrokenFile(path, f"cannot read: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BrokenFile(path, "not UTF-8 text", line) from None

"""Deterministic TOML for task files: same data, same bytes, so git diffs stay minimal.

A new file is written here in one layout (`dumps`): a task's progress log as `[[progress]]` blocks, one per entry,
which read, diff and merge better than the inline arrays tomli-w writes, and which tomli-w cannot be told to write.
A file that exists is updated in place through tomlkit (`update_text`), so that a person's comments and order of
keys survive; Python's tomllib reads.
"""

from __future__ import annotations

import math
import re
import sys
from datetime import date, datetime, time
from typing import Any

from duban.errors import BrokenFile, Said

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_NEEDS_ESCAPE_MULTILINE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f"\\]')
# A line that git could take for a conflict marker (<<<<<<<, =======, >>>>>>>, |||||||, or longer runs when
# merge.conflictMarkerSize says so): a string holding one is written on one line, its line breaks escaped.
MARKER_LIKE_LINE = re.compile(r"^([<=>|])\1{6}", re.MULTILINE)


def _escape(match: re.Match) -> str:
    ch = match.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def format_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else format_string(key)  # fullmatch: "$" would let "0\n" pass


def format_string(text: str, multiline: bool = False) -> str:
    """A basic string; with `multiline`, text with line breaks as a multi-line string, one line of the file for each
    of its lines, unless one of them looks like a git conflict marker: then `\\n` keeps it inside one line."""
    if multiline and "\n" in text and not MARKER_LIKE_LINE.search(text):
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
            tail.append(f"\n[{name}]\n" + _key_lines(value))
        elif key in array_tables and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for entry in value:
                tail.append(f"\n[[{name}]]\n" + _key_lines(entry))
        else:
            head.append(f"{name} = {format_value(value, True)}\n")
    return "".join(head) + "".join(tail)


def _key_lines(table: dict[str, Any]) -> str:
    """A table's keys, one `key = value` line each, as every writer here lays them out."""
    return "".join(f"{format_key(k)} = {format_value(v, True)}\n" for k, v in table.items())


# The tokens that can hold a line break or a quote that is not TOML syntax: multi-line strings (their closing
# quotes may be three to five, the extra ones content), one-line strings and comments. An unclosed multi-line
# string runs to the end of the text.
_TEXT_TOKEN_RE = (r'''"""(?:[^"\\]+|\\(?:[\s\S]|\Z)|"{1,2}(?!"))*(?:"{3,5}|\Z)|'{3}[\s\S]*?(?:'{3,5}|\Z)'''
                  r'''|"(?:[^"\\\n]+|\\.)*"?|'[^'\n]*'?|#[^\n]*''')


def multiline_string_spans(text: str) -> list[tuple[int, int]]:
    """Where the multi-line strings of a TOML text are, as (start, end) offsets: what looks like syntax there (a
    line `=======` in a note) is a string's content. Works on text that does not parse, as far as it goes."""
    return [match.span() for match in re.finditer(_TEXT_TOKEN_RE, text) if match.group().startswith(('"""', "'''"))]


_WHERE_RE = r"\s*\(at (?:line (\d+), column \d+|(end of document))\)$"

# tomllib's reasons (the start of its message) as a clerk can act on them: each a key of views/words.py, whose
# Chinese says what to fix and whose English is tomllib's own words. A reason not here is shown as tomllib said it.
_TOML_REASONS = (
    ("Cannot overwrite a value", "toml_duplicate"),
    ("Cannot declare", "toml_duplicate"),
    ("Duplicate inline table key", "toml_duplicate"),
    ("Cannot mutate immutable namespace", "toml_duplicate"),
    ("Cannot redefine namespace", "toml_duplicate"),
    ("Invalid date or datetime", "toml_bad_date"),
    ("Expected newline or end of document after a statement", "toml_after_value"),
    ("Unterminated string", "toml_unclosed_string"),
    ("Illegal character '\\n'", "toml_unclosed_string"),  # a one-line string that runs into the line's end
    ("Invalid value", "toml_bad_value"),
    ("Invalid statement", "toml_bad_statement"),
    ("Expected '=' after a key", "toml_no_equals"),
    ("Invalid initial character for a key part", "toml_bad_statement"),
    ("Unclosed array", "toml_unclosed_array"),
    ("Unclosed inline table", "toml_unclosed_inline_table"),
    ("Expected ']' at the end of a table declaration", "toml_unclosed_header"),
    ("Expected ']]' at the end of an array declaration", "toml_unclosed_header"),
    ("Unescaped '\\' in a string", "toml_backslash"),
)
# `due = 2019-12-32`: tomllib reads a date only when it is one, and says what follows 2019 is out of place.
_NO_SUCH_DATE_RE = r"=\s*([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?![0-9:T])"


_fast_loads = None


def _compiled_parser():
    """rtoml's loads; False where rtoml has no wheel for the platform (tomllib alone then)."""
    try:
        from rtoml import loads
    except ImportError:  # pragma: no cover - rtoml is a dependency
        return False
    return loads


def loads(text: str, path) -> dict[str, Any]:
    """Parse TOML; a syntax error becomes a BrokenFile naming the path and line, and saying what to fix.

    rtoml (compiled) parses a task file ten times faster than tomllib, which counts when thousands are read after
    a clone. What rtoml refuses goes to tomllib, which names the line of a fault and reads the little rtoml does
    not (a float too large for it, 1e400, is inf)."""
    if text.startswith("\ufeff"):  # what some Windows editors put first: TOML does not allow it
        raise BrokenFile(path, "utf8_bom", 1)
    global _fast_loads
    if _fast_loads is None:
        _fast_loads = _compiled_parser()
    if _fast_loads:
        try:
            return _fast_loads(text)
        except Exception:  # noqa: BLE001 - rtoml's errors name no line; tomllib says what and where
            pass
    if sys.version_info >= (3, 11):  # here: only a file rtoml refused needs it
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(_WHERE_RE, message)
        line = None
        if where:
            line = int(where.group(1)) if where.group(1) else max(len(text.splitlines()), 1)
            message = message[:where.start()]
        raise BrokenFile(path, "not_toml", line, reason=toml_reason(message or "?", text, line)) from None


def toml_reason(message: str, text: str, line: int | None):
    """What tomllib's `message` means for the file: a Said of the words table, or the message itself."""
    line_text = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    written = re.search(_NO_SUCH_DATE_RE, line_text)
    if written and not _is_date(written.group(1)):
        return Said("toml_no_such_date", value=written.group(1))
    key = next((key for start, key in _TOML_REASONS if message.startswith(start)), None)
    return Said(key, raw=message) if key else message


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def read_text(path, follow_links: bool = True, opened: list | None = None) -> str:
    """A workspace file's text: a regular file within the input limit (duban.inputs), in UTF-8; else BrokenFile
    (also for a symlink, unless `follow_links`). `opened` as for `inputs.read_bytes`."""
    from duban.inputs import read_bytes

    try:
        raw = read_bytes(path, follow_links, opened)
    except OSError as error:
        raise BrokenFile(path, "cannot_read_file", reason=error.strerror or str(error)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BrokenFile(path, "not_utf8", line) from None


# --- updating a file a person may have edited -------------------------------------------------------
#
# A task file is updated, not rewritten: tomlkit keeps what a person wrote around the values (comments, blank
# lines, their order of keys), and only the values that changed are replaced, each written as `dumps` writes it.
# Keys the data no longer has are removed; new keys go where `dumps` would put them, after the key before them in
# the data's order. A file `dumps` wrote gets the bytes `dumps` would write, so files nobody touched stay
# deterministic. The three steps are separate for other writers (a merge driver): parse_document, apply, dump.


def parse_document(text: str, path=None):
    """The file as tomlkit's document (its comments and layout with it); BrokenFile as `loads` raises it."""
    loads(text, path)  # tomllib names the line of a syntax error; tomlkit's messages are its own
    import tomlkit  # here, not at the top: only commands that change a file need it

    return tomlkit.parse(text)


def dump_document(document) -> str:
    return document.as_string()


def update_text(text: str | None, data: dict[str, Any], path=None,
                array_tables: tuple[str, ...] = ("progress",), inline_tables: tuple[str, ...] = ("source",)) -> str:
    """The file's text changed to hold `data`; a new file (text None or empty) as `dumps` writes it."""
    if not text:
        return dumps(data, array_tables, inline_tables)
    appended = _appended(text, data, array_tables, path)
    if appended is not None:
        return appended
    document = parse_document(text, path)
    apply(document, data, array_tables, inline_tables)
    return dump_document(document)


_KEY_LINE = re.compile(r"[A-Za-z0-9_-]+ = [^\n]*\n\Z")


def _appended(text: str, data: dict[str, Any], array_tables: tuple[str, ...], path) -> str | None:
    """The text with what `update` most often does, written without tomlkit (whose import and parse are most of
    an update's time): entries added at the end of the last array of tables, and plain values changed on lines of
    their own (`status = "done"`); None for anything else, which `apply` does. Its bytes are those `apply` writes
    (tests compare the two), and the data it holds are checked before it is used."""
    current = loads(text, path)
    if list(current) != list(data) or not text.endswith("\n") or text.endswith("\n\n"):
        return None
    last_key = list(data)[-1]
    old, new = current[last_key], data[last_key]
    if last_key not in array_tables or not isinstance(old, list) or not _is_prefix(old, new) or len(new) == len(old):
        return None
    if not _KEY_LINE.search(text[text.rfind("\n", 0, len(text) - 1) + 1:]):
        return None  # the file ends in a comment, a multi-line string …: apply knows where the entry goes
    for key in list(data)[:-1]:
        if same(current[key], data[key]):
            continue
        text = _value_replaced(text, key, current[key], data[key])
        if text is None:
            return None
    text += "".join(f"\n[[{format_key(last_key)}]]\n" + _key_lines(entry) for entry in new[len(old):])
    try:
        return text if same(loads(text, path), data) else None
    except BrokenFile:
        return None


def _value_replaced(text: str, key: str, old: Any, new: Any) -> str | None:
    """The one line `key = old` of the file's head (before its first table) written as `key = new`; None when
    the value is not a plain one, or the line is not there exactly once as `dumps` wrote it."""
    plain = (str, int, float, date, time)
    if not (isinstance(old, plain) and isinstance(new, plain)) or isinstance(old, bool) or isinstance(new, bool):
        return None
    line = f"{format_key(key)} = {format_value(old, True)}\n"
    head_end = text.find("\n[")
    head = text if head_end < 0 else text[:head_end + 1]
    at = head.find(line)
    if (at != 0 and (at < 0 or head[at - 1] != "\n")) or head.count(line) != 1 or "\n" in line[:-1]:
        return None
    return text[:at] + f"{format_key(key)} = {format_value(new, True)}\n" + text[at + len(line):]


def apply(document, data: dict[str, Any], array_tables: tuple[str, ...] = ("progress",),
          inline_tables: tuple[str, ...] = ("source",)) -> None:
    """Change the document by key so that it holds `data`, keeping everything a person wrote around the values."""
    current = document.unwrap()
    for key in [k for k in current if k not in data]:
        document.remove(key)
    shape = _Shape(array_tables, inline_tables)
    for index, (key, value) in enumerate(data.items()):
        if key not in current:
            _add(document, data, index, shape)
        elif not same(current[key], value):
            _change(document, data, index, shape)


class _Shape:
    """How `dumps` writes each key: a plain `key = value`, a `[table]` or `[[array of tables]]`."""

    def __init__(self, array_tables, inline_tables):
        self.array_tables, self.inline_tables = array_tables, inline_tables

    def of(self, key: str, value: Any) -> str:
        if isinstance(value, dict) and key not in self.inline_tables:
            return "table"
        if key in self.array_tables and isinstance(value, list) and value and all(isinstance(v, dict)
                                                                                    for v in value):
            return "array"
        return "plain"


def same(a: Any, b: Any) -> bool:
    """Equal as TOML values: 1 is not 1.0 nor true, a date is not a datetime."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _parsed(text: str):
    import tomlkit

    return tomlkit.parse(text)


def _value_item(key: str, value: Any):
    """A value as tomlkit's item, written as `dumps` writes it (`item`, not `[key]`: tomlkit hands a boolean
    back as a plain bool, without the trivia that keeps a line's comment)."""
    return _parsed(f"{format_key(key)} = {format_value(value, True)}\n").item(key)


def _table_item(key: str, value: dict[str, Any]):
    return _parsed(f"[{format_key(key)}]\n" + _key_lines(value))[key]


def _entry_item(key: str, entry: dict[str, Any], blank_line_after: bool = False):
    """One `[[key]]` entry as a tomlkit table (ending with a blank line when another entry follows it)."""
    return _parsed(f"[[{format_key(key)}]]\n" + _key_lines(entry) + ("\n" if blank_line_after else ""))[key][0]


def _change(document, data: dict[str, Any], index: int, shape: _Shape) -> None:
    key, value = list(data.items())[index]
    kind = shape.of(key, value)
    old = document.item(key)
    if kind == "plain" and _is_value(old):
        new = _value_item(key, value)
        _keep_trivia(old, new)
        document[key] = new
    elif kind == "table" and _is_table(old):
        apply(old, value, (), tuple(value))  # inside a table every value is written inline, as `dumps` does
    elif kind == "array" and _is_array_of_tables(old) and _is_prefix(old.unwrap(), value):
        for entry in value[len(old.unwrap()):]:
            _append_entry(old, key, entry)
    elif kind == "array" and _is_array_of_tables(old) and _is_subsequence(old.unwrap(), value):
        _insert_entries(old, key, value)  # a merge puts the other side's entries among this side's, by date
    else:  # the kind changed (a table became a value …): written anew where the data puts it
        document.remove(key)
        _add(document, data, index, shape)


def _keep_trivia(old, new) -> None:
    """The comment after a value and the line's indent stay when the value changes."""
    new.trivia.indent = old.trivia.indent
    new.trivia.comment_ws = old.trivia.comment_ws
    new.trivia.comment = old.trivia.comment
    new.trivia.trail = old.trivia.trail


def _is_value(item) -> bool:
    from tomlkit.items import AoT, Table

    return not isinstance(item, (AoT, Table))


def _is_table(item) -> bool:
    from tomlkit.items import Table

    return isinstance(item, Table) and not item.is_super_table()


def _is_array_of_tables(item) -> bool:
    from tomlkit.items import AoT

    return isinstance(item, AoT)


def _is_prefix(old: list, new: list) -> bool:
    return len(old) <= len(new) and same(old, new[:len(old)])


def _is_subsequence(old: list, new: list) -> bool:
    """Every old entry is in new, in the same order (new entries may stand between them)."""
    position = 0
    for entry in new:
        if position < len(old) and same(old[position], entry):
            position += 1
    return position == len(old)


def _insert_entries(array, key: str, entries: list[dict[str, Any]]) -> None:
    """The entries that the array of tables lacks, each put where it stands in `entries`; the entries already there
    keep their comments and layout."""
    kept = array.unwrap()
    position = inserted = 0  # entries of `kept` passed, and entries put in so far
    for entry in entries:
        if position < len(kept) and same(kept[position], entry):
            position += 1
            continue
        index = position + inserted
        if index >= len(array.body):
            _append_entry(array, key, entry)
        else:
            array.insert(index, _entry_item(key, entry, blank_line_after=True))
        inserted += 1


def _append_entry(array, key: str, entry: dict[str, Any]) -> None:
    """A new `[[key]]` entry after the last one. Comments that sit after a blank line at the end of the last entry
    head what follows it (the next table), so they move below the new entry; comments right under its last key
    stay with it."""
    from tomlkit.items import Comment, Whitespace

    last = array.body[-1].value.body
    tail = 0
    while tail < len(last) and last[-1 - tail][0] is None and isinstance(last[-1 - tail][1], (Comment, Whitespace)):
        tail += 1
    run = last[len(last) - tail:]
    split = next((i for i, (_, item) in enumerate(run) if isinstance(item, Whitespace)), len(run))
    moved = run[split:]
    del last[len(last) - len(moved):]
    last.append((None, Whitespace("\n")))
    new = _entry_item(key, entry)
    new.value.body.extend(moved)
    array.append(new)


def _add(document, data: dict[str, Any], index: int, shape: _Shape) -> None:
    """A key new to the document, where `dumps` would put it: a plain value after the last plain key before it in
    the data's order (else first); a table or array of tables after the tables the data puts before it."""
    key, value = list(data.items())[index]
    kind = shape.of(key, value)
    earlier = list(data)[:index]
    if kind == "plain":
        before = [k for k in earlier if k in document and _is_value(document.item(k))]
        item = _value_item(key, value)
        container = document if hasattr(document, "_insert_after") else document.value  # a table: its body
        first = _first_key_index(container)
        if before:
            container._insert_after(before[-1], key, item)
        elif first < len(container.body):
            container._insert_at(first, key, item)
        else:  # a table with no key yet (only blank lines or comments): tomlkit inserts only before an item
            container.append(key, item)
        return
    later = [k for k in list(data)[index + 1:] if k in document and not _is_value(document.item(k))]
    moved = [(k, document.item(k)) for k in later]  # tables after it: taken off and put back after the new one
    for k, _ in moved:
        document.remove(k)
    _end_with_blank_line(document)
    if kind == "table":
        document.append(key, _table_item(key, value))
    else:
        array = _parsed("".join(f"[[{format_key(key)}]]\n" + _key_lines(entry) + "\n"
                                for entry in value).rstrip("\n") + "\n")[key]
        document.append(key, array)
    for k, item in moved:
        _end_with_blank_line(document)
        document.append(k, item)


def _first_key_index(container) -> int:
    return next((i for i, (k, _) in enumerate(container.body) if k is not None), len(container.body))


def _end_with_blank_line(document) -> None:
    """A table header follows a blank line, as `dumps` writes it."""
    text = document.as_string()
    if text and not text.endswith("\n\n"):
        from tomlkit.items import Whitespace

        document.add(Whitespace("\n" if text.endswith("\n") else "\n\n"))

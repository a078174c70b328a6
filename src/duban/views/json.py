"""Machine output and warnings: JSON on stdout, one-line warnings on stderr. No rich, so JSON listings start fast."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any, Iterable, TextIO


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dump_json(data: Any, file: TextIO | None = None) -> None:
    """JSON with two-space indents and Chinese as is; a listing of flat records takes a fast path, same bytes."""
    file = file or sys.stdout
    text = _flat_records(data)
    if text is None:
        text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    file.write(text)
    file.write("\n")


def _flat_records(data: Any) -> str | None:
    """`[{"id": "2019H2-03", "due": null, …}, …]` as json.dumps(indent=2) writes it, or None for other shapes.

    json's indenting encoder is pure Python: 10,000 listing records take it 50 ms. Here each field is encoded for
    all records at once (strings by json's C encoder) and the records are filled into one template.
    """
    if type(data) is not list or not data or type(data[0]) is not dict or not data[0]:
        return None
    keys = tuple(data[0])
    if any(type(record) is not dict or tuple(record) != keys for record in data):
        return None
    if any(type(key) is not str for key in keys):
        return None
    columns = []
    for key in keys:
        column = [record[key] for record in data]
        encoded = _encode_scalars(column)
        if encoded is None:
            return None
        columns.append(encoded)
    template = "  {\n" + _members_template(keys) + "\n  }"
    return "[\n" + ",\n".join([template % values for values in zip(*columns)]) + "\n]"


def _members_template(keys) -> str:
    return ",\n".join(f"    {_encode_string(k).replace('%', '%%')}: %s" for k in keys)


def record_members(record: dict) -> str | None:
    """The `"key": value` lines of a flat record as it stands in a JSON list written with indent=2; None when a
    value is not a string, integer, boolean or null."""
    values = []
    for value in record.values():
        encoded = _encode_scalars([value])
        if encoded is None or any(type(key) is not str for key in record):
            return None
        values.append(encoded[0])
    return _members_template(tuple(record)) % tuple(values)


_encode_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses for strings
_SCALARS = {type(None): lambda v: "null", bool: lambda v: "true" if v else "false", int: int.__repr__}


def _encode_scalars(values: list) -> list[str] | None:
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(_encode_string, values))
    if not kinds <= {str, int, bool, type(None)}:
        return None
    return [_encode_string(v) if type(v) is str else _SCALARS[type(v)](v) for v in values]


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        print(f"duban: warning: {line}", file=sys.stderr)

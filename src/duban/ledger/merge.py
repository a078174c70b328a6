"""Three-way merge of the workspace's TOML files by key: the git merge driver (`duban merge-file %O %A %B %P`).

git hands the driver three versions of a file: the common ancestor (base), ours and theirs. Lines are the wrong unit
for a task file: two clerks who each add a progress entry both append at the end of the file, which a line merge
calls a conflict. Here the three are parsed and merged key by key:

- a key that only one side changed takes that side (a key one side removed is removed);
- `[[progress]]` entries are merged as a set (an entry is the same entry when all its fields are): every entry either
  side added is kept, none twice, each put among the others by its date; one that a side removed is removed;
- `co_owners` likewise, as a set of names;
- a table (`[check]`, the tables of duban.toml) is merged key by key inside;
- a key that both sides changed differently (status, due, owner …) is a real conflict: it is written with git's
  markers around both values, confined to its lines, and every other key is merged. `duban validate` names the lines.

The merged data is written into each side's own text (tomlfile.apply: only the values that differ are replaced, so
comments and layout stay), and the sides' layouts are then merged as lines by `git merge-file`, so that what either
side wrote around the values (comments, blank lines) survives too; where both wrote lines at one place, both are
kept. Every text is checked to read back as exactly the merged data before it is used, else ours' layout is. A side that is not valid TOML (or
anything else this merge cannot vouch for) falls back to git's own line merge, as if there were no driver.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from duban.ledger import tomlfile
from duban.ledger.schema import conflict_faults
from duban.ledger.taskid import task_file_number

_MISSING = object()  # a key a version does not have

# Lists merged as sets rather than as one value; progress entries are also kept in date order.
SET_KEYS = ("progress", "co_owners")
DATED_KEYS = ("progress",)


@dataclass
class Merged:
    """The merge's result: the text to write, the keys left in conflict (`check.verdict` for a key inside a table),
    and whether it was a line merge (a side could not be read as TOML) that left `conflicts_in_text` conflicts."""

    text: str
    conflicts: list[str] = field(default_factory=list)
    line_merge: bool = False
    conflicts_in_text: int = 0

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.conflicts_in_text


@dataclass(frozen=True)
class Labels:
    """The words after git's markers: `<<<<<<< ours` and `>>>>>>> theirs`."""

    ours: str = "ours"
    base: str = "base"
    theirs: str = "theirs"


def merge_texts(base: str, ours: str, theirs: str, path: str = "", labels: Labels = Labels()) -> Merged:
    """Merge three versions of one TOML file of the workspace (`path` says which kind: task files merge their
    progress and co-owners as sets); a line merge when a side is not valid TOML."""
    if ours == theirs or theirs == base:
        return Merged(ours)
    if ours == base:
        return Merged(theirs)
    try:
        ours_data, theirs_data = tomlfile.loads(ours, path), tomlfile.loads(theirs, path)
    except tomlfile.BrokenFile:
        return line_merge(base, ours, theirs, labels)
    try:
        base_data = tomlfile.loads(base, path)
    except tomlfile.BrokenFile:  # a broken ancestor (conflict markers committed): merged as if both sides were new
        base, base_data = "", {}
    try:
        merged = _merge_by_key(base, ours, theirs, (base_data, ours_data, theirs_data), path, labels)
    except Exception:  # git must get a result whatever happens here: the line merge git itself would have made
        merged = None
    return merged or line_merge(base, ours, theirs, labels)


def _merge_by_key(base: str, ours: str, theirs: str, data: tuple[dict, dict, dict], path: str,
                  labels: Labels) -> Merged | None:
    conflicts: dict[str, tuple[str, Any, Any]] = {}
    merged = _merge_tables(*data, (), _is_task_file(path), conflicts)
    text = _render(base, ours, theirs, merged, labels)
    if text is not None and conflicts:
        text = _with_markers(text, conflicts, labels)
    if text is None:
        return None
    return Merged(text, [where for where, _, _ in conflicts.values()])


def line_merge(base: str, ours: str, theirs: str, labels: Labels = Labels()) -> Merged:
    """git's own line merge (`git merge-file`), conflicts marked as git marks them."""
    text, conflicts = merge_lines(base.encode(), ours.encode(), theirs.encode(), labels)
    return Merged(text.decode("utf-8", errors="replace"), line_merge=True, conflicts_in_text=conflicts)


def _is_task_file(path: str) -> bool:
    return task_file_number(Path(path).name) is not None if path else True


# --- the data ------------------------------------------------------------------------------------------------


def _merge_tables(base: dict, ours: dict, theirs: dict, where: tuple[str, ...], task_file: bool,
                  conflicts: dict) -> dict:
    """One table's keys merged; a key both sides changed differently holds a sentinel string, recorded in
    `conflicts` with both values."""
    merged = {}
    for key in _key_order(ours, theirs):
        value = _merge_value(base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING),
                             (*where, key), task_file, conflicts)
        if value is not _MISSING:
            merged[key] = value
    return merged


def _key_order(ours: dict, theirs: dict) -> list[str]:
    """Ours' keys in ours' order; a key only theirs has goes after the key it follows in theirs."""
    order = list(ours)
    for index, key in enumerate(theirs):
        if key in order:
            continue
        before = [k for k in list(theirs)[:index] if k in order]
        order.insert(order.index(before[-1]) + 1 if before else 0, key)
    return order


def _merge_value(base: Any, ours: Any, theirs: Any, where: tuple[str, ...], task_file: bool, conflicts: dict) -> Any:
    if tomlfile.same(ours, theirs):
        return ours
    if tomlfile.same(base, ours):
        return theirs
    if tomlfile.same(base, theirs):
        return ours
    key = where[-1]
    if task_file and len(where) == 1 and key in SET_KEYS and all(_is_list(v) for v in (ours, theirs)):
        merged = merge_sets(*(v if isinstance(v, list) else [] for v in (base, ours, theirs)), dated=key in DATED_KEYS)
        return merged or _MISSING  # duban writes no `progress` when there is none
    if len(where) == 1 and all(isinstance(v, dict) for v in (ours, theirs)) and key not in _INLINE_TABLES:
        return _merge_tables(base if isinstance(base, dict) else {}, ours, theirs, where, task_file, conflicts)
    sentinel = f"duban-merge-conflict-{len(conflicts)}-{secrets.token_hex(8)}"
    conflicts[sentinel] = (".".join(where), ours, theirs)
    return sentinel


_INLINE_TABLES = ("source",)  # written as `key = { … }` on one line (tomlfile.dumps): merged as one value


def _is_list(value: Any) -> bool:
    """A list, or none at all (a side that removed the last entry writes no key)."""
    return isinstance(value, list) or value is _MISSING


def merge_sets(base: list, ours: list, theirs: list, dated: bool = False) -> list:
    """Three versions of a list merged as a set of entries (a multiset: an entry twice stays twice): what either side
    added is added, what either side removed is removed, what both added is added once. Ours' entries keep their
    order; theirs' new ones go after the last entry of the same or an earlier date (`dated`), else at the end."""
    counts = [Counter(map(_identity, version)) for version in (base, ours, theirs)]
    wanted = {key: _three_way_count(counts[0][key], counts[1][key], counts[2][key])
              for key in counts[1].keys() | counts[2].keys()}
    taken = Counter()

    def wanted_still(entry) -> bool:
        key = _identity(entry)
        taken[key] += 1
        return taken[key] <= wanted[key]

    merged = [entry for entry in ours if wanted_still(entry)]
    for entry in theirs:
        if wanted_still(entry):
            merged.insert(_place(merged, entry) if dated else len(merged), entry)
    return merged


def _three_way_count(base: int, ours: int, theirs: int) -> int:
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    return max(ours, theirs)  # both added it (or one added while the other removed): at least as often as either


def _identity(entry: Any) -> str:
    """The same entry when all its fields are the same, in whatever order they were written."""
    if isinstance(entry, dict):
        entry = dict(sorted(entry.items()))
    return tomlfile.format_value(entry)


def _day(entry: Any) -> date | None:
    day = entry.get("date") if isinstance(entry, dict) else None
    if isinstance(day, datetime):
        return day.date()
    return day if isinstance(day, date) else None


def _place(merged: list, entry: Any) -> int:
    """After the last entry dated on or before the entry's date (an undated entry goes last)."""
    day = _day(entry)
    if day is None:
        return len(merged)
    for index in range(len(merged) - 1, -1, -1):
        other = _day(merged[index])
        if other is None or other <= day:
            return index + 1
    return 0


# --- the text ------------------------------------------------------------------------------------------------


def _render(base: str, ours: str, theirs: str, merged: dict, labels: Labels) -> str | None:
    """The merged data as text: written into each version's own layout, then those layouts merged as lines so that
    comments either side added survive (where both added lines at one place, both sides' lines); else ours' layout;
    else the deterministic writer's. None when no text reads back as exactly the merged data."""
    base_text, ours_text, theirs_text = (_applied(text, merged) for text in (base, ours, theirs))
    candidates = []
    if ours_text == theirs_text:
        candidates.append(ours_text)
    elif None not in (base_text, ours_text, theirs_text):
        candidates.append(_merge_layouts(base_text, ours_text, theirs_text))
    candidates += [ours_text, _dumped(merged)]
    return next((text for text in candidates if text is not None and _holds(text, merged)), None)


_LAYOUT_MARKER = 40  # markers of the layouts' line merge: longer than any line a TOML file could start with


def _merge_layouts(base: str, ours: str, theirs: str) -> str:
    """Three texts that hold the same data, merged as lines; where both sides changed one place (a comment each
    above one key), both sides' lines, the lines they share once."""
    merged, conflicts = merge_lines(base.encode(), ours.encode(), theirs.encode(), marker_size=_LAYOUT_MARKER)
    lines = split_lines(merged.decode("utf-8", errors="replace"))
    if not conflicts:
        return "".join(lines)
    out, sides, side = [], ([], []), None
    for line in lines:
        if line.startswith("<" * _LAYOUT_MARKER):
            side = 0
        elif side == 0 and line.startswith("=" * _LAYOUT_MARKER):
            side = 1
        elif side == 1 and line.startswith(">" * _LAYOUT_MARKER):
            out += _interleaved(*sides)
            sides, side = ([], []), None
        else:
            (out if side is None else sides[side]).append(line)
    return "".join(out)


def _interleaved(ours: list[str], theirs: list[str]) -> list[str]:
    """Two runs of lines as one: what they share once, in its place, with what each has apart from the other.
    Where both runs hold the same value lines, those anchor the merge: the lines each side wrote before a value
    stay before it (a comment above `id` on one side and above `title` on the other is not matched across)."""
    ours_runs, theirs_runs = _runs_by_value(ours), _runs_by_value(theirs)
    if [value for _, value in ours_runs] == [value for _, value in theirs_runs]:
        out = []
        for (ours_before, value), (theirs_before, _) in zip(ours_runs, theirs_runs):
            out += ours_before + [line for line in theirs_before if line not in ours_before]
            out += [value] if value is not None else []
        return out
    from difflib import SequenceMatcher  # only when both sides changed one place of a layout

    out = []
    for tag, ours_start, ours_end, theirs_start, theirs_end in SequenceMatcher(
            None, ours, theirs, autojunk=False).get_opcodes():
        out += ours[ours_start:ours_end]
        if tag != "equal":
            out += theirs[theirs_start:theirs_end]
    return out


def _runs_by_value(lines: list[str]) -> list[tuple[list[str], str | None]]:
    """The lines as (the comment and blank lines before a value line, that line); the last run's line is None."""
    runs, before = [], []
    for line in lines:
        if line.strip() == "" or line.lstrip().startswith("#"):
            before.append(line)
        else:
            runs.append((before, line))
            before = []
    return runs + [(before, None)]


def _applied(text: str, merged: dict) -> str | None:
    """The text changed by key to hold the merged data, keeping its comments and layout (tomlfile.apply)."""
    if not text.strip():
        return _dumped(merged)
    try:
        document = tomlfile.parse_document(text)
        tomlfile.apply(document, merged)
        return tomlfile.dump_document(document)
    except Exception:  # a layout tomlkit cannot rearrange: the other candidates remain
        return None


def _dumped(merged: dict) -> str | None:
    try:
        return tomlfile.dumps(merged)
    except TypeError:
        return None


def _holds(text: str, merged: dict) -> bool:
    """The text reads back as exactly the merged data (and holds no conflict marker)."""
    if conflict_faults(text):
        return False
    try:
        return tomlfile.same(tomlfile.loads(text, None), merged)
    except tomlfile.BrokenFile:
        return False


_SENTINEL_RE = re.compile(r'"(duban-merge-conflict-\d+-[0-9a-f]{16})"')


def _with_markers(text: str, conflicts: dict[str, tuple[str, Any, Any]], labels: Labels) -> str | None:
    """Each sentinel's line replaced by git's markers around ours' and theirs' values, conflicts on adjacent lines in
    one block; None unless every sentinel is on a line of its own and both sides of every block read as TOML."""
    if any(text.count(sentinel) != 1 for sentinel in conflicts):
        return None
    merged, ours_only, theirs_only = [], [], []
    lines = split_lines(text)
    index = 0
    while index < len(lines):
        block = []
        while index < len(lines) and (found := _SENTINEL_RE.search(lines[index])) and found.group(1) in conflicts:
            block.append(_sides(lines[index], found, conflicts[found.group(1)]))
            index += 1
        if not block:
            for version in (merged, ours_only, theirs_only):
                version.append(lines[index])
            index += 1
            continue
        ours_lines = [line for ours, _ in block for line in ours]
        theirs_lines = [line for _, theirs in block for line in theirs]
        merged += [f"<<<<<<< {labels.ours}\n", *ours_lines, "=======\n", *theirs_lines, f">>>>>>> {labels.theirs}\n"]
        ours_only += ours_lines
        theirs_only += theirs_lines
    for resolved in (ours_only, theirs_only):
        try:
            tomlfile.loads("".join(resolved), None)
        except tomlfile.BrokenFile:
            return None
    return "".join(merged)


def split_lines(text: str) -> list[str]:
    """The lines of a text, each with its "\\n": lines as TOML and git count them (str.splitlines also breaks at
    \\x85, \\u2028 and other characters a string may hold)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _sides(line: str, found: re.Match, conflict: tuple[str, Any, Any]) -> tuple[list[str], list[str]]:
    """The line `key = "sentinel"  # comment` as ours' and theirs' lines (none for a side that removed the key)."""
    _, ours, theirs = conflict
    head, tail = line[:found.start()], line[found.end():].rstrip("\r\n")
    return tuple([] if value is _MISSING else [f"{head}{tomlfile.format_value(value, True)}{tail}\n"]
                 for value in (ours, theirs))


def merge_lines(base: bytes, ours: bytes, theirs: bytes, labels: Labels = Labels(),
                marker_size: int = 7) -> tuple[bytes, int]:
    """`git merge-file`: the line merge of three texts and how many conflicts it marked."""
    from duban.ledger.git import GitError

    with tempfile.TemporaryDirectory(prefix="duban-merge-") as folder:
        paths = []
        for name, content in (("ours", ours), ("base", base), ("theirs", theirs)):
            paths.append(Path(folder) / name)
            paths[-1].write_bytes(content)
        try:
            done = subprocess.run(["git", "merge-file", "-p", f"--marker-size={marker_size}", "-L", labels.ours,
                                   "-L", labels.base, "-L", labels.theirs, *map(str, paths)],
                                  capture_output=True, check=False)
        except FileNotFoundError:
            raise GitError("git_missing") from None
    if not 0 <= done.returncode < 128:
        raise GitError("git_failed", what="merge-file", detail=done.stderr.decode(errors="replace").strip())
    return done.stdout, done.returncode


def merge_files(base: Path, ours: Path, theirs: Path, path: str, labels: Labels = Labels()) -> Merged:
    """The merge driver: merges git's three temporary files and writes the result over `ours` (git's %A)."""
    from duban.ledger.store import atomic_write_bytes

    raw = [Path(p).read_bytes() for p in (base, ours, theirs)]
    try:
        texts = [content.decode("utf-8") for content in raw]
    except UnicodeDecodeError:  # not a text duban wrote: merged by lines, byte for byte
        data, conflicts = merge_lines(*raw, labels)
        merged = Merged("", line_merge=True, conflicts_in_text=conflicts)
    else:
        merged = merge_texts(*texts, path, labels)
        data = merged.text.encode("utf-8")
    atomic_write_bytes(Path(ours), data, durable=False)
    return merged

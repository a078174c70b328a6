"""The words table holds every key the library says things by, in both languages."""

import re
import string
from pathlib import Path

import pytest

from duban.views.words import WORDS, words

SOURCE = Path(__file__).resolve().parents[2] / "src" / "duban"
_ERRORS = r"(?:DubanError|UsageError|BadInput|BrokenFile|GitError|UnknownTask|WorkspaceNotFound|WorkspaceBusy|" \
          r"BrowserMissing|Said)"
# Error("key", …), Said("key", …), and BrokenFile(path, "key", …) with the key second
_KEY_RE = re.compile(rf'\b{_ERRORS}\(\s*(?:[\w.]+(?:\s*/\s*\w+)*,\s*)?"([a-z][a-z0-9_]*)"')


def keys_used() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        found.update(_KEY_RE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_key_the_library_raises_is_in_the_table():
    used = keys_used()
    assert len(used) > 60  # the scan finds them: errors of the ledger, reports, dates, git …
    assert sorted(used - WORDS.keys()) == []


@pytest.mark.parametrize("key", sorted(WORDS))
def test_both_languages_take_the_same_values(key):
    zh, en = WORDS[key]
    fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (zh, en)]
    assert fields[0] == fields[1], key
    assert zh and en


def test_an_error_is_said_in_either_language():
    from duban.errors import UsageError

    error = UsageError("bad_week", text="2019-W60")
    assert error.render(words("zh")) == "无法识别的周“2019-W60”：请用 YYYY-Www，如 2019-W36"
    assert error.message == "bad week '2019-W60': use YYYY-Www, e.g. 2019-W36"

"""A report in UTF-8 with a few bytes that are not (issue 15, item 6): read, the bytes replaced and counted."""

import pytest

from duban.errors import BadInput
from duban.report.formats import decode_text, read_report
from sample_reports import SEEDS

SEED = next(SEEDS.glob("000_*.txt"))
TEXT = SEED.read_bytes()
MIDDLE = TEXT.index("应急保障".encode()) + 1  # inside the three bytes of 应, mid-paragraph


@pytest.mark.parametrize("damage, replaced", [
    (lambda data: data[:MIDDLE] + b"\xff" + data[MIDDLE:], 4),  # a stray byte inside a character: its 3 and itself
    (lambda data: data[:MIDDLE] + data[MIDDLE + 1:], 2),  # a byte lost mid-character: the other two
    (lambda data: data[:MIDDLE], 1),  # a download cut mid-character
    (lambda data: data.replace("卫生".encode(), b"\xff", 5), 5),  # five stray bytes in 14,000
])
def test_a_few_bad_bytes_do_not_make_a_utf8_report_unreadable(tmp_path, damage, replaced):
    path = tmp_path / "report.txt"
    path.write_bytes(damage(TEXT))
    report = read_report(path)  # on main: "not a text file"
    assert [(said.key, said.values) for said in report.warnings] == [("bytes_replaced", {"path": path,
                                                                                         "n": replaced})]
    whole = read_report(SEED).lines
    damaged = [number for number, (a, b) in enumerate(zip(report.lines, whole)) if a != b]
    assert damaged and all("\ufffd" in report.lines[n] for n in damaged)  # the rest as it was


def test_the_warning_is_said_by_import_and_check(cli_run, tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT[:MIDDLE] + b"\xff" + TEXT[MIDDLE:])
    imported = cli_run("import", str(path), "--period", "2019H2", "--dry-run")
    assert imported.exit_code == 0
    assert imported.stderr == f"duban: 警告：{path}：有 4 个字节不是有效的 UTF-8（下载不完整？），已替换为 �\n"
    checked = cli_run("--lang", "en", "check", str(path), "--plan", "2019H2")
    assert checked.exit_code == 0
    assert f"duban: warning: {path}: 4 bytes were not valid UTF-8 (a cut download?) and replaced with �\n" \
        in checked.stderr


def test_clean_text_has_no_warning():
    assert read_report(SEED).warnings == ()


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_other_encodings_are_not_taken_for_damaged_utf8(encoding):
    """GB18030 read as UTF-8 has more bad bytes than good characters: it is still read as GB18030."""
    text = TEXT.decode("utf-8")
    notes = []
    assert decode_text(text.encode(encoding), SEED, notes=notes) == text
    assert notes == []


def test_bytes_that_are_no_text_at_all_are_still_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(BadInput):
        read_report(path)

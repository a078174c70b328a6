"""`duban import` on reports however broken: truncated or corrupted .docx and .pdf, wrong encodings, binary, empty
and huge files. Each gets a preview or one clear line on stderr with exit 2 (usage) or 3 (bad input), never a
traceback."""

import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.cli import cli
from duban.errors import BadInput, DubanError
from duban.report.formats import read_report
from duban.ledger.store import init_workspace
from sample_reports import DATA, SEEDS, seed

SEEDS = sorted((DATA / "reports").glob("0*.txt"))
SEED_TEXT = SEEDS[0].read_text(encoding="utf-8")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "plans"
    init_workspace(root, "区卫生健康局")
    return root


def import_dry_run(plans: Path, path: Path, *extra: str):
    return CliRunner().invoke(cli, ["--plans", str(plans), "import", str(path), "--dry-run", *extra])


def assert_clear(result, path: Path) -> None:
    """A preview (exit 0), or exactly one `duban: …` line on stderr with exit 2 or 3; never a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output + result.stderr
    if result.exit_code == 0:
        return
    assert result.exit_code in (2, 3), (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("duban: "), result.stderr
    if result.exit_code == 3:
        assert path.name in lines[0]


def read_or_bad_input(path: Path) -> None:
    try:
        report = read_report(path)
    except BadInput as error:
        assert "\n" not in error.message and path.name in error.message
    else:
        assert report.text.endswith("\n")


def mutate(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    data = bytearray(data[: cut % (len(data) + 1)])
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    return bytes(data)


mutations = st.tuples(st.integers(0, 10**7), st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)),
                                                     max_size=6))


@pytest.fixture(scope="module")
def seed_docx():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in SEED_TEXT.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "责任单位", "完成时限"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_unbroken_docx_imports(plans, seed_docx, tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(seed_docx)
    result = import_dry_run(plans, path, "--period", "2019H2")
    assert result.exit_code == 0, result.stderr
    assert "2019H2-09" in result.stdout


@FUZZ
@given(mutation=mutations)
def test_truncated_or_corrupted_docx(plans, seed_docx, tmp_path, mutation):
    cut, flips = mutation
    path = tmp_path / "报告.docx"
    path.write_bytes(mutate(seed_docx, cut, flips))
    read_or_bad_input(path)
    assert_clear(import_dry_run(plans, path), path)


@FUZZ
@given(mutation=mutations)
def test_truncated_or_corrupted_pdf(plans, tmp_path, mutation):
    cut, flips = mutation
    path = tmp_path / "plan.pdf"
    path.write_bytes(mutate((DATA / "plan.pdf").read_bytes(), cut, flips))
    read_or_bad_input(path)
    assert_clear(import_dry_run(plans, path), path)


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "shift_jis", "euc-kr", "utf-16", "utf-16-le",
             "utf-16-be", "utf-32", "latin-1", "cp1252", "koi8-r"]


@FUZZ
@given(seed=st.sampled_from(SEEDS), encoding=st.sampled_from(ENCODINGS), cut=st.integers(0, 10**6),
       suffix=st.sampled_from([".txt", ".html", ".htm", ""]))
def test_reports_in_any_encoding_cut_anywhere(plans, tmp_path, seed, encoding, cut, suffix):
    data = seed.read_text(encoding="utf-8").encode(encoding, errors="replace")
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(data[: cut % (len(data) + 1)])
    read_or_bad_input(path)
    assert_clear(import_dry_run(plans, path), path)
    assert_clear(import_dry_run(plans, path, "--period", "2019H2", "--json"), path)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".docx", ".pdf", ".html", ".mht", ".mhtml",
                                                              ".doc", ".xyz", ""]))
def test_arbitrary_bytes_through_the_command(plans, tmp_path, data, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    assert_clear(import_dry_run(plans, path), path)


@FUZZ
@given(junk=st.lists(st.sampled_from(["<", ">", "</p>", "<script>", "<!--", "&#x", "&amp", "\x00", "<meta charset=x>",
                                      "<br/>", "]]>", "\ufffd", "<table><tr><td>"]), max_size=8),
       positions=st.lists(st.integers(0, 10**6), max_size=8))
def test_broken_web_pages(plans, tmp_path, junk, positions):
    page = f"<html><head><meta charset=\"gbk\"></head><body><p>{SEED_TEXT.replace(chr(10), '</p><p>')}</p></body>"
    for piece, position in zip(junk, positions):
        cut = position % (len(page) + 1)
        page = page[:cut] + piece + page[cut:]
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk", errors="replace"))
    assert_clear(import_dry_run(plans, path), path)


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""), ("empty.docx", b""), ("empty.pdf", b""), ("empty.html", b""), ("blank.txt", b" \r\n\t\n"),
    ("bom-only.txt", b"\xef\xbb\xbf"), ("nul.txt", b"\x00" * 4096), ("zip-header.docx", b"PK\x03\x04"),
    ("pdf-header.pdf", b"%PDF-1.7\n"), ("no-suffix", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
])
def test_empty_and_stub_files_are_bad_input(plans, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = import_dry_run(plans, path)
    assert_clear(result, path)
    assert result.exit_code == 3


def test_a_folder_or_a_missing_file_is_bad_input(plans, tmp_path):
    (tmp_path / "folder.txt").mkdir()
    for path in (tmp_path / "folder.txt", tmp_path / "missing.docx"):
        result = import_dry_run(plans, path)
        assert_clear(result, path)
        assert result.exit_code in (2, 3)


# --- huge inputs, through real processes ----------------------------------------------------------------


def run_import(plans: Path, path: Path, *extra: str):
    return subprocess.run([sys.executable, "-m", "duban", "--plans", str(plans), "import", str(path), "--dry-run",
                           *extra], capture_output=True, text=True, timeout=600)


def test_huge_files(plans, tmp_path):
    rng = random.Random(6)
    cases = {
        "huge.txt": SEED_TEXT.encode("utf-8") * 300,  # 3.8 MB of report
        "one-line.txt": SEED_TEXT.replace("\n", "").encode("utf-8") * 100,  # 1.3 MB without a line break
        "noise.txt": rng.randbytes(3_000_000),
        "noise.docx": b"PK\x03\x04" + rng.randbytes(2_000_000),
        "noise.pdf": b"%PDF-1.4\n" + rng.randbytes(2_000_000),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        done = run_import(plans, path, "--period", "2019H2")
        assert "Traceback" not in done.stderr, (name, done.stderr[-2000:])
        if name.startswith("noise"):
            assert done.returncode == 3 and done.stderr.count("\n") == 1 and name in done.stderr, done.stderr
        else:
            assert done.returncode == 0, done.stderr
            assert "2019H2-01" in done.stdout


def test_any_error_of_the_importer_is_a_duban_error(plans, tmp_path):
    """The library side of the same promise: prepare_import raises DubanError subclasses only."""
    from duban.plan.importer import prepare_import
    from duban.ledger.store import Workspace

    workspace = Workspace(plans)
    rng = random.Random(3)
    for n in range(40):
        data = SEED_TEXT.encode("gb18030")
        data = bytearray(data[: rng.randrange(len(data))])
        for _ in range(rng.randrange(4)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"r{n}.txt"
        path.write_bytes(bytes(data))
        try:
            prepare_import(workspace, path)
        except DubanError as error:
            assert error.exit_code in (2, 3) and "\n" not in error.message

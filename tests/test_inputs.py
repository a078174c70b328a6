"""Reading inputs (duban.inputs): regular files only, the size limit and how to change it, zip bombs, file names."""

import io
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from duban.cli import cli
from duban.errors import BrokenFile, UsageError
from duban.inputs import LIMIT_ENV, MB, check_zip, input_limit, name_text, read_bytes
from duban.report.formats import read_report
from sample_reports import SEEDS

SEED = next(SEEDS.glob("000_*.txt"))
TABLES = Path(__file__).resolve().parent / "data" / "tables"


# --- regular files only (issue 15, item 10) ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "04.toml"
    os.mkfifo(fifo)
    with pytest.raises(BrokenFile) as refused:
        read_bytes(fifo)  # on main this waited for a writer forever
    assert refused.value.reason.key == "not_regular_fifo"


def test_a_folder_is_refused_as_one(tmp_path):
    with pytest.raises(BrokenFile) as refused:
        read_bytes(tmp_path)
    assert refused.value.reason.key == "not_regular_folder"


def test_a_missing_file_is_the_os_error_it_always_was(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "gone.txt")


HANG = 30  # seconds a command may take before it counts as hanging on the FIFO


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("args, code, said", [
    (["list"], 0, "04.toml: 是命名管道（FIFO），不是普通文件"),
    (["validate"], 1, "04.toml: 是命名管道（FIFO），不是普通文件"),
    (["overdue"], 0, "04.toml: 是命名管道（FIFO），不是普通文件"),
    (["weekly"], 0, "04.toml: 是命名管道（FIFO），不是普通文件"),
    (["show", "2019H2-04"], 3, "04.toml: 是命名管道（FIFO），不是普通文件"),
    (["import", "{fifo}", "--dry-run"], 3, "report.txt: 是命名管道（FIFO），不是普通文件"),
    (["check", "{fifo}", "--plan", "2019H2"], 3, "report.txt: 是命名管道（FIFO），不是普通文件"),
])
def test_no_command_hangs_on_a_fifo(workspace, tmp_path, args, code, said):
    """A FIFO named like a task file or given as a report: one line naming it, and the command goes on or stops
    with its exit code — in a real process, so that a hang fails the test instead of stopping the suite."""
    task = workspace.task_path("2019H2-04")
    task.unlink()
    os.mkfifo(task)
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    run = subprocess.run([sys.executable, "-m", "duban", "--plans", str(workspace.root), "--today", "2019-11-20",
                          *[arg.format(fifo=fifo) for arg in args]], capture_output=True, text=True, timeout=HANG,
                         env={**os.environ, "DUBAN_LANG": "zh"})
    assert run.returncode == code, run.stderr
    assert said in run.stdout + run.stderr and "Traceback" not in run.stderr


# --- the size limit (issue 15, item 9) --------------------------------------------------------------------


def test_the_limit_comes_from_the_environment():
    assert input_limit({}) == 32 * MB
    assert input_limit({LIMIT_ENV: "100"}) == 100 * MB
    assert input_limit({LIMIT_ENV: "0.5"}) == MB // 2
    for bad in ("0", "-3", "many", "nan", "inf"):
        with pytest.raises(UsageError):
            input_limit({LIMIT_ENV: bad})


def test_a_report_over_the_limit_is_refused_naming_the_limit_and_how_to_change_it(tmp_path, monkeypatch):
    big = tmp_path / "大报告.txt"
    big.write_bytes(SEED.read_bytes() * 100)  # 1.2 MB
    monkeypatch.setenv(LIMIT_ENV, "1")
    with pytest.raises(BrokenFile) as refused:
        read_report(big)
    assert str(refused.value) == (f"{big}: 1.2 MB, over the input limit of 1 MB "
                                  f"(set DUBAN_MAX_INPUT_MB, in MB, to change the limit)")
    monkeypatch.setenv(LIMIT_ENV, "2")
    assert read_report(big).name == "大报告.txt"


def test_import_says_the_limit_in_one_line(cli_run, tmp_path, monkeypatch):
    big = tmp_path / "大报告.txt"
    big.write_bytes(SEED.read_bytes() * 100)
    monkeypatch.setenv(LIMIT_ENV, "1")
    result = cli_run("import", str(big), "--period", "2019H2", "--dry-run")
    assert result.exit_code == 3
    assert result.stderr == (f"duban: {big}: 1.2 MB，超过输入上限 1 MB（可用环境变量 DUBAN_MAX_INPUT_MB 调整上限，"
                             f"单位 MB）\n")
    monkeypatch.setenv(LIMIT_ENV, "many")
    assert cli_run("import", str(big), "--dry-run").stderr == \
        "duban: 环境变量 DUBAN_MAX_INPUT_MB=“many” 不是正数（单位 MB）\n"


def test_a_task_file_over_the_limit_is_a_broken_file_and_the_others_list(cli_run, workspace, monkeypatch):
    path = workspace.task_path("2019H2-02")
    path.write_bytes(path.read_bytes() + b"\n# " + b"x" * 2 * MB + b"\n")
    monkeypatch.setenv(LIMIT_ENV, "1")
    result = cli_run("list", "--json")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"duban: 警告：{path}: 2 MB，超过输入上限 1 MB")
    assert result.stdout.count('"id"') == 3


# --- zip bombs ------------------------------------------------------------------------------------------


def zip_bomb(unpacked: int, part: str = "word/document.xml") -> bytes:
    """A real zip bomb: a .docx-shaped zip whose one XML part unpacks to `unpacked` bytes (1 GiB in 5 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open(part, "w") as stream:
            chunk = b"<w:p><w:r><w:t>" + "全力做好创建国家卫生城市复审工作".encode() * 20_000 + b"</w:t></w:r></w:p>"
            written = 0
            while written < unpacked:
                stream.write(chunk)
                written += len(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def gigabyte_bomb():
    return zip_bomb(1 << 30)


@pytest.mark.parametrize("name", ["炸弹.docx", "炸弹.xlsx"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, gigabyte_bomb, name, monkeypatch):
    """1 GiB of XML in a 5 MB .docx took 2.1 GB of memory before failing (issue 15, item 9). Now its declared size
    is read from the zip's directory and it is refused, the memory it took measured: the file itself and little
    more."""
    from duban.plan.importer import prepare_imports
    from duban.ledger.store import Workspace

    from conftest import make_workspace

    monkeypatch.delenv(LIMIT_ENV, raising=False)
    workspace = make_workspace(tmp_path / "plans")
    bomb = tmp_path / name
    bomb.write_bytes(gigabyte_bomb)
    tracemalloc.start()
    try:
        with pytest.raises(BrokenFile) as refused:
            prepare_imports(Workspace(workspace.root), bomb, period="2019H2")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    unpacked = sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(gigabyte_bomb)).infolist())
    assert unpacked > 1 << 30
    assert str(refused.value) == (f"{bomb}: {unpacked / MB:.1f} MB when unpacked (largest part word/document.xml), "
                                  f"over the input limit of 32 MB (set DUBAN_MAX_INPUT_MB, in MB, to change the limit)")
    assert peak < 4 * len(gigabyte_bomb) + 8 * MB


def test_a_part_that_unpacks_to_more_than_it_declares_is_damaged(tmp_path):
    """A bomb that lies about its size in both headers: unpacked in chunks that are thrown away, it stops at the
    size it declared and fails its checksum, before any reader (calamine's own unzip among them) sees it."""
    data = bytearray(zip_bomb(20 * MB, "xl/worksheets/sheet1.xml"))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    central = data.rfind(b"PK\x01\x02")  # its directory entry: the last one
    data[info.header_offset + 22:info.header_offset + 26] = (1000).to_bytes(4, "little")  # local header: 1000 bytes
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")  # and the directory says the same
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    with pytest.raises(BrokenFile) as refused:
        check_zip(bytes(data), Path("表.xlsx"))
    assert refused.value.reason.key == "zip_damaged"


def test_a_zip_of_a_million_parts_is_refused_before_its_directory_is_read():
    end = b"PK\x05\x06" + b"\x00" * 4 + (0xFFFF).to_bytes(2, "little") * 2 + b"\x00" * 10
    with pytest.raises(BrokenFile) as refused:
        check_zip(b"PK\x03\x04" + b"\x00" * 100 + end, Path("多.docx"))
    assert refused.value.reason.key == "zip_too_many_parts"


def test_real_office_files_pass_the_zip_check():
    for name in ("任务分解表.docx", "任务分解表.xlsx", "任务分解表.xls"):
        path = TABLES / name
        check_zip(path.read_bytes(), path)


# --- names in other encodings ---------------------------------------------------------------------------


def test_a_gbk_file_name_is_read_as_chinese():
    gbk = os.fsdecode("报告.txt".encode("gb18030"))
    assert name_text(Path("/tmp") / gbk) == "报告.txt"
    assert name_text(os.fsdecode(b"\xff\xfe.txt")) == "\ufffd\ufffd.txt"
    assert name_text("报告.txt") == "报告.txt"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names must be UTF-8")
def test_a_report_with_a_gbk_name_imports_under_its_chinese_name(workspace, tmp_path):
    name = os.fsdecode("上半年工作总结.txt".encode("gb18030"))
    path = tmp_path / name
    path.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "import", str(path), "--period", "2019H2",
                                      "--yes"])
    assert result.exit_code == 0, result.output
    assert 'report = "上半年工作总结.txt"' in (workspace.root / "2019H2" / "plan.toml").read_text(encoding="utf-8")

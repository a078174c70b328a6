"""`duban import` through click's CliRunner: preview, confirmation, dry run, JSON, errors."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from duban.cli import cli
from duban.ledger.store import init_workspace
from sample_reports import SEEDS, STATE_COUNCIL, needs_shared, state_council

SEED_000 = str(SEEDS / "000_39b622c591527ef1.txt")


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.delenv("DUBAN_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    root = tmp_path / "plans"
    init_workspace(root, "区卫生健康局")

    def invoke(*args, stdin=None):
        return CliRunner().invoke(cli, ["--plans", str(root), *args], input=stdin)

    invoke.root = root
    return invoke


def lines(output):
    return [line.rstrip() for line in output.splitlines()]


PREVIEW = [
    '计划 2019H2  区卫生健康局  2019-07-01 – 2019-12-31  报告：000_39b622c591527ef1.txt',
    '编号       标题                                分类          责任单位      完成时限           目标',
    "─" * 102,
    '2019H2-01  圆满完成市区综合考核工作            重点工作打算  区卫生健康局  2019-12-31 (期末)',
    '2019H2-02  全力推动区办实事、重点项目进展      重点工作打算  区卫生健康局  2019-12-31 (期末)',
    '2019H2-03  全力做好创建国家卫生城市复审工作    重点工作打算  区卫生健康局  2019-12-31 (期末)',
    '2019H2-04  全面推进社区卫生服务工作            重点工作打算  区卫生健康局  2019-12-31 (年底)',
    '2019H2-05  进一步提升中医药服务能力            重点工作打算  中医科        2019-12-31 (期末)',
    '2019H2-06  进一步提升公共卫生服务体系建设水平  重点工作打算  疾控中心      2019-12-31 (期末)',
    '2019H2-07  强力推进医疗服务信息化建设          其他工作打算  规划信息科    2019-12-31 (期末)',
    '2019H2-08  进一步深化计划生育管理服务          其他工作打算  人口家庭科    2019-12-31 (期末)',
    '2019H2-09  进一步加强党建和宣传工作            其他工作打算  办公室        2019-12-31 (期末)',
]


def test_dry_run_shows_the_preview_and_writes_nothing(run):
    result = run("import", SEED_000, "--period", "2019H2", "--dry-run")
    assert result.exit_code == 0
    assert lines(result.output) == PREVIEW + ["试运行：未写入任何文件"]
    assert not (run.root / "2019H2").exists()


def test_confirmation_no_writes_nothing_and_yes_writes(run):
    result = run("import", SEED_000, "--period", "2019H2", stdin="n\n")
    assert result.exit_code == 0
    assert lines(result.output)[-2:] == ["写入计划 2019H2 的 9 项任务？ [y/N]: n", "未写入"]
    assert not (run.root / "2019H2").exists()
    result = run("import", SEED_000, "--period", "2019H2", stdin="y\n")
    assert lines(result.output)[-1] == "2019H2：9 项任务，写入 11 个文件"
    result = run("--lang", "en", "import", SEED_000, "--period", "2019H2", "--yes")
    assert lines(result.output)[-1] == "2019H2: 9 tasks, already up to date"


def test_dry_run_json_is_exactly_the_design_shape(run):
    result = run("import", SEED_000, "--period", "2019H2", "--dry-run", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["plan", "tasks"]
    assert data["plan"] == {"id": "2019H2", "org": "区卫生健康局", "period": "2019H2", "start": "2019-07-01",
                            "end": "2019-12-31"}
    assert len(data["tasks"]) == 9
    assert data["tasks"][3] == {
        "title": "全面推进社区卫生服务工作", "category": "重点工作打算", "owner": "区卫生健康局", "due": "2019-12-31",
        "due_basis": "年底",
        "detail": "加大对社区卫生机构标准化建设的督导力度,促进社区卫生服务项目规范化管理年底达到标准化建设要求。"
                  "将家庭医生签约服务工作落实到实处,为居民提供综合、连续、协同的基本医疗卫生服务。",
        "targets": []}


def test_json_with_targets_and_in_step(run):
    result = run("import", str(state_council(2014)), "--dry-run", "--json")
    tasks = json.loads(result.stdout)["tasks"]
    assert "今年经济社会发展的主要预期目标" not in [task["title"] for task in tasks]  # the goals paragraph is no item
    goals = [target for task in tasks for target in task["targets"] if target.get("scope") == "goals"]
    assert goals == [
        {"metric": "国内生产总值增长", "comparator": "about", "value": 7.5, "unit": "%", "scope": "goals"},
        {"metric": "居民消费价格涨幅", "comparator": "about", "value": 3.5, "unit": "%", "scope": "goals"},
        {"metric": "城镇新增就业", "comparator": "at_least", "value": 1000, "unit": "万人", "scope": "goals"},
        {"metric": "城镇登记失业率", "comparator": "at_most", "value": 4.6, "unit": "%", "scope": "goals"},
        {"metric": "居民收入", "comparator": "in_step", "value": 0, "unit": "", "reference": "经济发展",
         "scope": "goals"},
    ]


@pytest.mark.parametrize("args, code, message", [
    (["import", str(SEEDS / "003_b22197d4e3c8e662.txt")], 3,
     "duban: 003_b22197d4e3c8e662.txt 中没有工作计划部分；它可以用于 `duban check`"),
    (["import", SEED_000], 2,
     "duban: 看不出 000_39b622c591527ef1.txt 的计划属于哪个期间：请加 --period，如 --period 2019H2"),
    (["import", SEED_000, "--period", "2019X"], 2,
     "duban: 无法识别的期间“2019X”：请用 2019、2019H1、2019H2、2019Q3 或 2019M04"),
    (["import", "missing.docx"], 3, "duban: missing.docx：无法读取：No such file or directory"),
    (["import", SEED_000, "--period", "2019H2", "--json"], 2,
     "duban: --json 只输出 JSON，无法询问确认：请加 --dry-run 或 --yes"),
    pytest.param(["import", str(STATE_COUNCIL / "gwr-2018.txt"), "--org", "国务院", "--dry-run"], 2, None,
                 marks=needs_shared),
])
def test_errors_are_one_line_with_exit_codes(run, args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    err = result.stderr
    assert len(err.strip().splitlines()) == 1
    if message:
        assert err.strip() == message
    else:
        assert "ASCII 编号后缀" in err


def test_org_with_suffix_and_english_preview(run):
    settings = run.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[orgs]\n"国务院" = "gwr"\n', encoding="utf-8")
    result = run("--lang", "en", "import", str(state_council(2019)), "--org", "国务院", "--yes")
    out = lines(result.output)
    assert out[0] == "Plan 2019-gwr  国务院  2019-01-01 – 2019-12-31  Report: gwr-2019.txt"
    # piped, 100 columns: the targets go under the title, so the titles keep their room
    assert out[1].split() == ["ID", "Title", "Category", "Owner", "Due"]
    assert any(line.startswith("             Targets: 税率 ≤ 13%; 税率 ≤ 9%; 一般性支出压减 ≥ 5%;") for line in out)
    assert any(line.startswith("2019-gwr-01  继续创新和完善宏观调控，确保经济运行在合理区间  ") for line in out)
    assert out[-1] == "2019-gwr: 10 tasks, 12 files written"
    listed = run("list", "--plan", "2019-gwr", "--json")
    assert [t["id"] for t in json.loads(listed.stdout)][:2] == ["2019-gwr-01", "2019-gwr-02"]


def test_commit_records_the_imported_files(run, monkeypatch):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "duban test")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "test@duban.invalid")
    subprocess.run(["git", "init", "-q", str(run.root.parent)], check=True)
    result = run("import", SEED_000, "--period", "2019H2", "--yes", "--commit")
    assert result.exit_code == 0
    log = subprocess.run(["git", "log", "--format=%s", "--name-only"], cwd=run.root.parent, capture_output=True,
                         text=True, check=True).stdout.split("\n")
    assert log[0] == "duban: 导入《000_39b622c591527ef1.txt》为计划 2019H2"
    assert sorted(line for line in log[1:] if line) == sorted(
        [f"plans/2019H2/{n:02d}.toml" for n in range(1, 10)] + ["plans/2019H2/plan.toml", "plans/2019H2/report.txt"])


# --- task tables and ledger sheets ----------------------------------------------------------------------

TABLES = Path(__file__).resolve().parents[1] / "data" / "tables"


def task_files(root):
    return {path.relative_to(root): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()
            and ".duban-cache" not in path.parts}


@pytest.mark.parametrize("name", ["任务分解表.xlsx", "任务分解表.docx", "任务分解表.xls"])
def test_a_task_table_imports_like_a_report(run, name):
    result = run("import", str(TABLES / name), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["plan"] == {"id": "2019H2", "org": "区卫生健康局", "period": "2019H2", "start": "2019-07-01",
                            "end": "2019-12-31"}
    assert [(t["title"][:10], t["owner"], t["due"]) for t in data["tasks"]] == [
        ("圆满完成市区综合考核", "办公室", "2019-12-31"), ("全力推动区办实事、重", "规划信息科", "2019-10-31"),
        ("为辖区医疗机构发放创", "爱卫办", "2019-09-30"), ("加大对四小单位的精准", "卫生监督所", "2019-11-30"),
        ("全面推进社区卫生服务", "基层卫生科", "2019-12-31"), ("强力推进医疗服务信息", "规划信息科", "2019-12-31"),
        ("进一步加强党建和宣传", "办公室", "2019-12-31")]


def test_a_csv_without_a_period_asks_for_one(run):
    result = run("import", str(TABLES / "任务分解表.csv"), "--yes")
    assert result.exit_code == 2
    assert lines(result.output) == ["duban: 看不出 任务分解表.csv 中的任务属于哪个期间：请加 --period，如 --period 2019H2"]
    assert run("import", str(TABLES / "任务分解表.csv"), "--period", "2019H2", "--yes").exit_code == 0
    assert (run.root / "2019H2" / "07.toml").is_file()


def test_a_table_that_holds_no_tasks(run, tmp_path):
    path = tmp_path / "通讯录.xlsx"
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(path)
    result = run("import", str(path), "--yes")
    assert result.exit_code == 3
    assert lines(result.output) == ["duban: 通讯录.xlsx：没有找到任务表：没有写明 工作任务（或 重点任务、任务内容）和 牵头单位 "
                                    "或 完成时限 的表头行"]
    english = run("--lang", "en", "import", str(path), "--yes")
    assert lines(english.output) == ["duban: 通讯录.xlsx: no task table found: no header row naming 工作任务 (or 重点任务, "
                                     "任务内容) and 牵头单位 or 完成时限 columns"]


def test_re_importing_the_same_table_changes_nothing(run):
    assert run("import", str(TABLES / "任务分解表.xlsx"), "--yes").exit_code == 0
    before = task_files(run.root)
    result = run("import", str(TABLES / "任务分解表.xlsx"), "--yes")
    assert lines(result.output)[-1] == "2019H2：7 项任务，无变化"
    assert task_files(run.root) == before


def test_round_trip_excel_duban_excel(run, tmp_path):
    """A 任务分解表 → tasks → updates → an exported sheet → imported back: the same files, byte for byte."""
    assert run("import", str(TABLES / "任务分解表.xlsx"), "--yes").exit_code == 0
    assert run("--today", "2019-11-20", "update", "2019H2-02", "--status", "推进中", "--note", "东院区主体完工",
               "--by", "张三").exit_code == 0
    before = task_files(run.root)
    for args in ([], ["--by-plan"], ["--lang", "en"]):
        sheet = tmp_path / f"台账{len(args)}.xlsx"
        lang = args[:2] if args[:1] == ["--lang"] else []
        assert run(*lang, "--today", "2019-11-20", "export", "-o", str(sheet), *args[len(lang):]).exit_code == 0
        result = run("import", str(sheet), "--yes")
        assert result.exit_code == 0, result.output
        assert lines(result.output)[-1] in ("表中内容与台账一致，无需更新", "the sheet matches the ledger: nothing to update")
        assert task_files(run.root) == before


def test_the_shipped_plans_go_out_to_excel_and_back_unchanged(tmp_path, monkeypatch):
    import shutil

    monkeypatch.delenv("DUBAN_LANG", raising=False)
    root = tmp_path / "plans"
    shutil.copytree(Path(__file__).resolve().parents[2] / "plans", root, ignore=shutil.ignore_patterns(".duban-cache"))
    before = task_files(root)
    for name in ("台账.xlsx", "台账.csv"):
        sheet = tmp_path / name
        assert CliRunner().invoke(cli, ["--plans", str(root), "export", "-o", str(sheet)]).exit_code == 0
        result = CliRunner().invoke(cli, ["--plans", str(root), "import", str(sheet), "--yes"])
        assert result.exit_code == 0, result.output
        assert task_files(root) == before


def test_a_ledger_sheet_edited_in_excel_updates_its_tasks(run, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setenv("DUBAN_USER", "李四")
    assert run("import", str(TABLES / "任务分解表.xlsx"), "--yes").exit_code == 0
    sheet = tmp_path / "台账.xlsx"
    assert run("--today", "2019-11-20", "export", "-o", str(sheet)).exit_code == 0
    book = openpyxl.load_workbook(sheet)
    rows = {row[1].value: row for row in book.active.iter_rows(min_row=3)}
    rows["2019H2-03"][6].value = "已完成"
    rows["2019H2-03"][8].value = "已通过复审"
    rows["2019H2-05"][3].value = "医政科"
    rows["2019H2-07"][5].value = "2019年12月20日前"
    rows["2019H2-07"][7].value = 99  # 逾期天数 is only shown: never read back
    book.save(sheet)
    result = run("--today", "2019-11-21", "import", str(sheet), "--dry-run", "--new-owner")
    assert lines(result.output)[-6:] == [
        "表中与台账不同之处（3 项任务）：",
        "  2019H2-03  状态：未开始 → 已完成",
        "  2019H2-03  新进展：已通过复审",
        "  2019H2-05  责任单位：基层卫生科 → 医政科",
        "  2019H2-07  完成时限：2019-12-31 → 2019-12-20",
        "试运行：未写入任何文件"]
    result = run("--today", "2019-11-21", "import", str(sheet), "--yes", "--new-owner")
    assert lines(result.output)[-1] == "2019H2：3 项任务，写入 3 个文件"
    shown = run("show", "2019H2-03", "--json")
    task = json.loads(shown.stdout)
    assert task["status"] == "done"
    assert task["progress"] == [{"date": "2019-11-21", "status": "done", "note": "已通过复审", "by": "李四",
                                 "changes": {"status": ["todo", "done"]}}]
    due = json.loads(run("show", "2019H2-07", "--json").stdout)
    assert (due["due"], due["due_basis"]) == ("2019-12-20", "2019年12月20日前")
    assert run("import", str(sheet), "--yes").output.splitlines()[-1] == "表中内容与台账一致，无需更新"


def _edited_sheet(run, tmp_path, **cells):
    """The ledger exported to Excel, then cells changed as a unit would: {task id: {column: value}}."""
    openpyxl = pytest.importorskip("openpyxl")
    sheet = tmp_path / "台账.xlsx"
    assert run("--today", "2019-11-20", "export", "-o", str(sheet)).exit_code == 0
    book = openpyxl.load_workbook(sheet)
    rows = {row[1].value: row for row in book.active.iter_rows(min_row=3)}
    for task_id, values in cells.items():
        for column, value in values.items():
            rows[task_id][column].value = value
    book.save(sheet)
    return sheet


def test_a_unit_typed_into_a_sheet_is_guarded_as_update_guards_it(run, tmp_path, monkeypatch):
    """区疾控中心 typed into 牵头单位 is no unit of this workspace: refused, naming the row and the nearest unit, nothing
    written; --new-owner accepts it; 疾控 (the [owners] keyword of 疾控中心) is that unit."""
    monkeypatch.setenv("DUBAN_USER", "李四")
    assert run("import", str(TABLES / "任务分解表.xlsx"), "--yes").exit_code == 0
    before = task_files(run.root)
    sheet = _edited_sheet(run, tmp_path, **{"2019H2-05": {3: "区疾控中心"}, "2019H2-07": {4: "疾控"}})
    refused = run("--today", "2019-11-21", "import", str(sheet), "--yes")
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        2, "", "duban: 台账.xlsx，第 7 行（2019H2-05）：没有“区疾控中心”这个单位：是否指 疾控中心？新单位请加 --new-owner\n")
    english = run("--lang", "en", "import", str(sheet), "--dry-run")
    assert english.stderr == ("duban: 台账.xlsx, line 7 (2019H2-05): no unit '区疾控中心': did you mean 疾控中心? "
                              "For a new unit add --new-owner\n")
    assert task_files(run.root) == before
    accepted = run("--today", "2019-11-21", "import", str(sheet), "--dry-run", "--new-owner")
    assert lines(accepted.output)[-4:] == [
        "表中与台账不同之处（2 项任务）：",
        "  2019H2-05  责任单位：基层卫生科 → 区疾控中心",
        "  2019H2-07  配合单位：— → 疾控中心",
        "试运行：未写入任何文件"]
    sheet = _edited_sheet(run, tmp_path, **{"2019H2-05": {3: "疾控"}})
    aliased = run("--today", "2019-11-21", "import", str(sheet), "--yes")
    assert lines(aliased.output)[-3:] == ["表中与台账不同之处（1 项任务）：", "  2019H2-05  责任单位：基层卫生科 → 疾控中心",
                                          "2019H2：1 项任务，写入 1 个文件"]
    assert json.loads(run("show", "2019H2-05", "--json").stdout)["owner"] == "疾控中心"
    # read back unchanged, the sheet names the unit as the ledger does: nothing to do
    assert lines(run("import", str(_edited_sheet(run, tmp_path)), "--yes").output)[-1] == "表中内容与台账一致，无需更新"


def corrected_seed(tmp_path):
    """Seed 000 corrected: one item's detail changed (2019H2-05), one item added (2019H2-10)."""
    text = Path(SEED_000).read_text(encoding="utf-8")
    text = text.replace("建设x家“精品国医馆”", "建设3家“精品国医馆”").replace("(转载请注明)", "4.做好年度考核迎检工作。(转载请注明)")
    path = tmp_path / "corrected" / Path(SEED_000).name  # its name as before: each task's source is the same
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("lang, said", [
    ("zh", ["计划 2019H2 已在台账中，导入将按报告更新它：修改 1 项，新增 1 项，8 项不变（状态、进展记录和核查结果保留）",
            "更新计划 2019H2（修改 1 项，新增 1 项，8 项不变）？ [y/N]: n", "未写入"]),
    ("en", ["plan 2019H2 is already in the ledger: importing updates it from the report: 1 changed, 1 new, 8 unchanged "
            "(statuses,", "progress logs and checks are kept)",  # wrapped at 120 columns
            "Update plan 2019H2 (1 changed, 1 new, 8 unchanged)? [y/N]: n", "nothing written"]),
])
def test_re_importing_into_a_plan_says_it_updates_it_and_how(run, tmp_path, lang, said):
    assert run("import", SEED_000, "--period", "2019H2", "--yes").exit_code == 0
    before = task_files(run.root)
    result = run("--lang", lang, "import", corrected_seed(tmp_path), "--period", "2019H2", stdin="n\n")
    assert (result.exit_code, lines(result.output)[-len(said):]) == (0, said)
    assert task_files(run.root) == before
    written = run("import", corrected_seed(tmp_path), "--period", "2019H2", stdin="y\n")
    assert lines(written.output)[-1] == "2019H2：10 项任务，写入 4 个文件"  # 05, 10, plan.toml, report.txt


def test_the_same_report_under_another_name_is_said_to_change_only_its_source(run, tmp_path):
    assert run("import", SEED_000, "--period", "2019H2", "--yes").exit_code == 0
    renamed = tmp_path / "2019年下半年工作计划.txt"
    renamed.write_bytes(Path(SEED_000).read_bytes())
    result = run("import", str(renamed), "--period", "2019H2", "--dry-run")
    assert "9 项只改来源文件名（000_39b622c591527ef1.txt → 2019年下半年工作计划.txt）" in result.output.replace("\n", "")


def test_re_importing_the_same_report_asks_nothing_and_writes_nothing(run):
    assert run("import", SEED_000, "--period", "2019H2", "--yes").exit_code == 0
    before = task_files(run.root)
    result = run("import", SEED_000, "--period", "2019H2")  # no answer given: none is asked for
    assert (result.exit_code, lines(result.output)[-2:]) == (0, ["计划 2019H2 已在台账中，与报告一致", "2019H2：9 项任务，无变化"])
    english = run("--lang", "en", "import", SEED_000, "--period", "2019H2")
    assert lines(english.output)[-2:] == ["plan 2019H2 is already in the ledger, as the report has it",
                                          "2019H2: 9 tasks, already up to date"]
    assert task_files(run.root) == before


@needs_shared
def test_another_governments_report_is_imported_for_the_office_that_follows_it(tmp_path, monkeypatch):
    """An office may follow another government's plan (a district's 督查室 the city's tasks): the report is read,
    not refused, and the preview shows whose it is (trial C's refusal was taken back: it stopped such imports)."""
    from sample_reports import local

    monkeypatch.delenv("DUBAN_LANG", raising=False)
    district = local("shenzhen-districts/罗湖区-2024.txt")
    root = tmp_path / "plans"
    init_workspace(root, "深圳市人民政府")
    result = CliRunner().invoke(cli, ["--plans", str(root), "import", str(district), "--dry-run"])
    assert result.exit_code == 0
    assert lines(result.output)[0].split("  ")[:2] == ["计划 2024", "深圳市人民政府"]


def test_a_unit_of_twenty_cells_stays_whole_in_the_preview(run, monkeypatch):
    """市文化广电旅游体育局 was broken as 市文化广电旅游体 / 育局 at 100 columns (the owner column was capped at 16)."""
    monkeypatch.setenv("COLUMNS", "100")
    result = run("import", SEED_000, "--period", "2019H2", "--owner", "市文化广电旅游体育局", "--dry-run")
    assert lines(result.output)[1:4] == [
        "编号       标题                                分类          责任单位              完成时限",
        "─" * 100,
        "2019H2-01  圆满完成市区综合考核工作            重点工作打算  市文化广电旅游体育局  2019-12-31 (期末)",
    ]


def test_a_ledger_sheet_read_back_shows_only_what_it_changes(run, tmp_path):
    """Trial C (U1): the sheet's tasks are the ledger's own; listing them all again hid the one changed cell."""
    assert run("import", str(TABLES / "任务分解表.xlsx"), "--yes").exit_code == 0
    sheet = _edited_sheet(run, tmp_path, **{"2019H2-05": {3: "疾控中心"}})
    result = run("--today", "2019-11-21", "import", str(sheet), "--dry-run")
    assert lines(result.output)[1:] == ["表中与台账不同之处（1 项任务）：", "  2019H2-05  责任单位：基层卫生科 → 疾控中心",
                                        "试运行：未写入任何文件"]
    assert lines(result.output)[0].startswith("计划 2019H2  ")


def test_the_preview_shows_the_units_the_text_names_to_support_an_item(run, tmp_path):
    report = tmp_path / "2024年上半年工作总结.txt"
    report.write_text("区卫生健康局2024年上半年工作总结\n一、上半年工作回顾\n完成了建设。\n二、下半年工作打算\n"
                      "1.推进医共体建设。牵头单位：医政科；配合单位：区人民医院、区中医院。\n2.加强妇幼健康服务。\n",
                      encoding="utf-8")
    result = run("import", str(report), "--dry-run")
    assert result.exit_code == 0
    assert lines(result.output)[1] == ("编号       标题              分类            责任单位    完成时限           "
                                       "配合单位              目标")
    assert lines(result.output)[3] == ("2024H2-01  推进医共体建设    下半年工作打算  医政科      2024-12-31 (期末)  "
                                       "区人民医院、区中医院")
    narrow = CliRunner(env={"COLUMNS": "70"}).invoke(cli, ["--plans", str(run.root), "import", str(report),
                                                           "--dry-run"])
    assert "           配合单位：区人民医院、区中医院" in lines(narrow.output)  # under its row where it does not fit

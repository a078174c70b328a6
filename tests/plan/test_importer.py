"""Importing reports into a workspace: files, ids, idempotent re-import, corrected reports keep progress."""

from datetime import date
from pathlib import Path

import pytest

from duban.errors import BadInput, UsageError
from duban.plan.importer import Reimport, plan_id_for, prepare_import, write_import
from duban.text.dates import parse_period
from duban.ledger.model import ProgressEntry
from duban.ledger.store import Workspace, init_workspace
from sample_reports import SEEDS, state_council

SEED_000 = SEEDS / "000_39b622c591527ef1.txt"


@pytest.fixture
def empty(tmp_path) -> Workspace:
    init_workspace(tmp_path / "plans", "区卫生健康局")
    return Workspace(tmp_path / "plans")


def import_(workspace, path, **options):
    prepared = prepare_import(workspace, path, **options)
    return prepared, write_import(workspace, prepared)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_import_writes_plan_report_text_and_tasks_in_source_order(empty):
    prepared, changed = import_(empty, SEED_000, period="2019H2")
    folder = empty.root / "2019H2"
    assert sorted(p.name for p in changed) == ["01.toml", "02.toml", "03.toml", "04.toml", "05.toml", "06.toml",
                                               "07.toml", "08.toml", "09.toml", "plan.toml", "report.txt"]
    plan = empty.read_plan("2019H2")
    assert (plan.org, plan.period, plan.start, plan.end, plan.report) == (
        "区卫生健康局", "2019H2", date(2019, 7, 1), date(2019, 12, 31), SEED_000.name)
    assert plan.sha256 == prepared.report.sha256
    assert (folder / "report.txt").read_text(encoding="utf-8") == prepared.report.text
    tasks = empty.load_tasks().tasks
    assert [t.id for t in tasks] == [f"2019H2-{n:02d}" for n in range(1, 10)]
    third = empty.get_task("2019H2-03")
    assert third.title == "全力做好创建国家卫生城市复审工作"
    assert third.source == {"report": SEED_000.name, "line": 26}
    lines = (folder / "report.txt").read_text(encoding="utf-8").splitlines()
    assert lines[26 - 1].startswith("3.全力做好创建国家卫生城市复审工作。")
    assert empty.get_task("2019H2-05").owner == "中医科"  # the workspace's keyword rule


def test_reimporting_the_same_report_changes_nothing(empty):
    import_(empty, SEED_000, period="2019H2")
    before = snapshot(empty.root)
    _, changed = import_(empty, SEED_000, period="2019H2")
    assert changed == []
    assert snapshot(empty.root) == before


def test_corrected_report_updates_titles_and_keeps_status_progress_and_hand_set_owner(empty, tmp_path):
    import_(empty, SEED_000, period="2019H2")
    task = empty.get_task("2019H2-03")
    task.status = "in_progress"
    task.progress.append(ProgressEntry(date(2019, 9, 2), "in_progress", "完成四小单位摸排", "张三"))
    task.extra["remark"] = "区长督办"
    empty.save_task(task)
    moved = empty.get_task("2019H2-07")
    moved.owner = "信息中心"  # set by hand
    empty.save_task(moved)
    corrected = tmp_path / SEED_000.name
    text = SEED_000.read_text(encoding="utf-8")
    corrected.write_text(text.replace("3.全力做好创建国家卫生城市复审工作。", "3.全力做好国家卫生城市复审工作。")
                         .replace("完成x处急救点建设", "年底前完成x处急救点建设"), encoding="utf-8")
    prepared, changed = import_(empty, corrected, period="2019H2")
    assert sorted(p.name for p in changed) == ["02.toml", "03.toml", "plan.toml", "report.txt"]
    task = empty.get_task("2019H2-03")
    assert task.title == "全力做好国家卫生城市复审工作"
    assert task.status == "in_progress"
    assert [p.note for p in task.progress] == ["完成四小单位摸排"]
    assert task.extra == {"remark": "区长督办"}
    assert empty.get_task("2019H2-02").due_basis == "年底前"
    assert empty.get_task("2019H2-07").owner == "信息中心"
    assert prepared.gone == []
    assert prepared.reimport == Reimport(changed=["2019H2-02", "2019H2-03"], new=[], plan_changed=True,
                                         same=["2019H2-01", "2019H2-04", "2019H2-05", "2019H2-06", "2019H2-07",
                                               "2019H2-08", "2019H2-09"])  # what the preview said it would change


def test_a_plan_new_to_the_ledger_is_no_reimport_and_the_same_report_changes_nothing(empty):
    first, _ = import_(empty, SEED_000, period="2019H2")
    again, _ = import_(empty, SEED_000, period="2019H2")
    assert first.reimport is None
    assert (again.reimport.changes_nothing, len(again.reimport.same)) == (True, 9)


def test_items_keep_their_ids_when_a_corrected_report_inserts_one(empty, tmp_path):
    text = "2019年上半年工作总结\n一、工作回顾\n完成了建设。\n二、下半年工作打算\n1.推进医联体建设。\n2.做好复审工作。\n"
    first = tmp_path / "a.txt"
    first.write_text(text, encoding="utf-8")
    import_(empty, first)
    second = tmp_path / "b.txt"
    second.write_text(text.replace("2.做好复审工作。", "2.开展中医药培训。\n3.做好复审工作。"), encoding="utf-8")
    prepared, _ = import_(empty, second)
    assert [(t.id, t.title) for t in prepared.tasks] == [
        ("2019H2-01", "推进医联体建设"), ("2019H2-03", "开展中医药培训"), ("2019H2-02", "做好复审工作")]


def test_several_organisations_get_id_suffixes(empty):
    settings = empty.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[orgs]\n"国务院" = "gwr"\n', encoding="utf-8")
    workspace = Workspace(empty.root)
    prepared, _ = import_(workspace, state_council(2018), org="国务院")
    assert prepared.plan.id == "2018-gwr"
    assert prepared.tasks[0].id == "2018-gwr-01"
    assert prepared.tasks[0].owner == "国务院"
    assert workspace.get_task("2018-gwr-09").title == "提高保障和改善民生水平"
    with pytest.raises(UsageError, match="give it an ASCII id suffix"):
        plan_id_for(workspace, "省政府", parse_period("2018"))


def test_report_without_plan_and_unknown_period(empty):
    with pytest.raises(BadInput) as error:
        prepare_import(empty, next(SEEDS.glob("003_*.txt")))
    assert error.value.message == "no plan section found in 003_b22197d4e3c8e662.txt; use it with `duban check`"
    assert error.value.exit_code == 3
    with pytest.raises(UsageError, match="pass --period"):
        prepare_import(empty, SEED_000)


def test_owner_option_and_dry_run_write_nothing(empty):
    prepared = prepare_import(empty, SEED_000, period="2019H2", owner="局办公室")
    assert prepared.tasks[0].owner == "局办公室"
    assert not (empty.root / "2019H2").exists()


def test_tasks_whose_item_is_gone_are_left_and_reported(empty, tmp_path):
    text = "2019年上半年工作总结\n一、工作回顾\n完成了建设。\n二、下半年工作打算\n1.推进医联体建设。\n2.做好复审工作。\n"
    first = tmp_path / "a.txt"
    first.write_text(text, encoding="utf-8")
    import_(empty, first)
    kept = (empty.root / "2019H2" / "02.toml").read_bytes()
    (tmp_path / "corrected").mkdir()
    second = tmp_path / "corrected" / "a.txt"
    second.write_text(text.replace("2.做好复审工作。\n", ""), encoding="utf-8")
    prepared, changed = import_(empty, second)
    assert prepared.gone == ["2019H2-02"]
    assert (empty.root / "2019H2" / "02.toml").read_bytes() == kept
    assert sorted(p.name for p in changed) == ["plan.toml", "report.txt"]


def test_another_place_s_report_is_never_merged_into_a_plan_made_from_this_place_s(tmp_path):
    init_workspace(tmp_path / "plans", "宝安区人民政府")
    workspace = Workspace(tmp_path / "plans")
    own, other = tmp_path / "宝安区-2021.txt", tmp_path / "罗湖区-2021.txt"
    body = ("一、2020年工作回顾\n全区生产总值增长5%，完成了年度目标任务。\n二、2021年工作安排\n"
            "（一）加快构建现代化产业体系。推动工业上楼。\n（二）提升城市功能品质。推进城市更新。\n")
    own.write_text("现在，我代表区人民政府向大会作政府工作报告，请予以审议。\n" + body, encoding="utf-8")
    other.write_text("现在，我代表罗湖区人民政府，向大会报告政府工作，请予审议。\n" + body, encoding="utf-8")
    write_import(workspace, prepare_import(workspace, own))
    with pytest.raises(UsageError) as refused:
        prepare_import(workspace, other)
    assert refused.value.key == "plan_other_place"
    assert refused.value.values["speaker"] == "罗湖区人民政府"
    settings = tmp_path / "plans" / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[orgs]\n"罗湖区人民政府" = "lh"\n', encoding="utf-8")
    assert prepare_import(Workspace(tmp_path / "plans"), other, org="罗湖区人民政府").plan.id == "2021-lh"

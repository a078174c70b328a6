import json

from click.testing import CliRunner

from duban.cli import cli


def test_init(tmp_path):
    target = tmp_path / "new"
    result = CliRunner().invoke(cli, ["init", str(target), "--org", "某区卫生健康局"])
    assert (result.exit_code, result.output) == (0, f"已创建工作区 {target}\n")
    assert (target / "duban.toml").is_file() and (target / ".gitignore").read_text() == ".duban-cache\n.*.tmp\n"
    again = CliRunner().invoke(cli, ["init", str(target)])
    assert again.output == f"{target} 已是 duban 工作区\n"
    english = CliRunner().invoke(cli, ["--lang", "en", "init", str(tmp_path / "other")])
    assert english.output == f"created workspace {tmp_path / 'other'}\n"


def _owner_rules(root):
    import tomllib

    return tomllib.loads((root / "duban.toml").read_text(encoding="utf-8"))["owners"]


def test_only_a_health_body_gets_the_health_bureau_s_owner_rules(tmp_path):
    """A city government's items must not go to 中医科 or 规划信息科: its duban.toml keeps the rules as an example."""
    for name, org in (("health", "某区卫生健康局"), ("county", "县卫计委"), ("cdc", "区疾控中心"), ("city", "某市人民政府"),
                      ("insurance", "区医疗保障局"), ("unnamed", None)):
        args = ["init", str(tmp_path / name)] + (["--org", org] if org else [])
        assert CliRunner().invoke(cli, args).exit_code == 0
    for name in ("health", "county", "cdc"):
        assert _owner_rules(tmp_path / name)["中医"] == "中医科"
    for name in ("city", "insurance", "unnamed"):
        assert _owner_rules(tmp_path / name) == {}
        assert '[owners]\n# e.g.\n# "中医" = "中医科"\n# "妇幼" = "妇幼健康科"\n' in (
            tmp_path / name / "duban.toml").read_text(encoding="utf-8")


def test_a_workspace_made_without_an_organisation_sends_no_item_to_a_health_unit(tmp_path):
    """Imported into a workspace made without --org, items naming 信息化 and 中医 are nobody's yet (the health
    bureau's rules would have given them to 规划信息科 and 中医科)."""
    root = tmp_path / "plans"
    report = tmp_path / "2019年上半年工作总结.txt"
    report.write_text("某市人民政府2019年上半年工作总结\n一、上半年工作回顾\n各项工作稳步推进。\n二、下半年工作打算\n"
                      "（一）加快推进政务信息化建设。整合各部门政务服务系统。\n（二）做好中医药产业园招商工作。年底前完成。\n",
                      encoding="utf-8")
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    result = CliRunner().invoke(cli, ["--plans", str(root), "import", str(report), "--period", "2019H2", "--dry-run",
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert [(t["title"], t["owner"]) for t in json.loads(result.stdout)["tasks"]] == [
        ("加快推进政务信息化建设", ""), ("做好中医药产业园招商工作", "")]

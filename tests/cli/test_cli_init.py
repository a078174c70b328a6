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

import json

import pytest

from conftest import lines

UNITS = '\n[units]\n"疾控中心" = ["疾控", "区疾控中心"]\n"中医科" = []\n"规划信息科" = ["信息科"]\n"办公室" = []\n'


@pytest.fixture
def units(workspace):
    settings = workspace.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + UNITS, encoding="utf-8")
    return workspace


def test_owners_lists_units_with_open_and_late_counts(cli_run, units):
    assert lines(cli_run("owners").output) == [
        "单位          别名              未完成  逾期",
        "─" * 44,
        "疾控中心      疾控、区疾控中心       0     0",
        "中医科                               1     0",
        "规划信息科    信息科                 1     1",
        "办公室                               0     0",
        "区卫生健康局                         1     1",
    ]
    assert lines(cli_run("--lang", "en", "owners").output)[0] == "Unit          Aliases           Open  Overdue"
    assert json.loads(cli_run("owners", "--json").output)[0] == {"unit": "疾控中心", "aliases": ["疾控", "区疾控中心"],
                                                                 "open": 0, "late": 0}


def test_an_alias_is_mapped_and_an_unknown_owner_refused(cli_run, units):
    assert cli_run("update", "2019H2-01", "--owner", "疾控").output == "2019H2-01 责任单位 区卫生健康局 → 疾控中心\n"
    typo = cli_run("update", "2019H2-02", "--owner", "疾控中")
    assert (typo.exit_code, typo.stderr) == (2, "duban: 没有“疾控中”这个单位：是否指 疾控中心？新单位请加 --new-owner\n")
    english = cli_run("--lang", "en", "add", "x", "--co-owner", "信息")
    assert english.stderr == "duban: no unit '信息': did you mean 规划信息科? For a new unit add --new-owner\n"
    new = cli_run("update", "2019H2-02", "--owner", "医保办", "--new-owner")
    assert new.output == "2019H2-02 责任单位 中医科 → 医保办\n"


def test_without_units_the_ledger_s_owners_are_the_known_ones(cli_run, workspace):
    typo = cli_run("update", "2019H2-02", "--owner", "中医所")
    assert typo.stderr == "duban: 没有“中医所”这个单位：是否指 中医科？新单位请加 --new-owner\n"
    assert lines(cli_run("owners").output)[2:4] == ["中医科                       1     0",
                                                    "办公室                       0     0"]


def test_the_owner_rules_keywords_are_aliases_of_their_units(cli_run, workspace):
    """duban.toml's [owners] says 疾控 → 疾控中心 for import: a person typing 疾控 means the same unit."""
    assert cli_run("update", "2019H2-01", "--owner", "疾控").output == "2019H2-01 责任单位 区卫生健康局 → 疾控中心\n"
    assert cli_run("add", "做好冬季流感防控", "--owner", "传染病", "--co-owner", "妇幼").output == (
        "已添加 2019H2-jb-01：做好冬季流感防控（疾控中心，完成时限 2019-12-31）\n")
    assert json.loads(cli_run("show", "2019H2-jb-01", "--json").output)["co_owners"] == ["妇幼健康科"]
    # the rules' units are known ones (none of their tasks yet), the keywords not shown as aliases
    assert lines(cli_run("owners").output) == [
        "单位          别名      未完成  逾期",
        "─" * 36,
        "中医科                       1     0",
        "办公室                       0     0",
        "妇幼健康科                   0     0",
        "疾控中心                     2     1",
        "规划信息科                   1     1",
        "区卫生健康局                 0     0",
        "人口家庭科                   0     0",
    ]
    typo = cli_run("update", "2019H2-02", "--owner", "疾控中")
    assert typo.stderr == "duban: 没有“疾控中”这个单位：是否指 疾控中心？新单位请加 --new-owner\n"


def test_units_is_the_list_and_a_rule_cannot_add_to_it(cli_run, units):
    """With [units], a keyword of a unit it lists is an alias; one whose unit it leaves out is no unit at all."""
    assert cli_run("update", "2019H2-01", "--owner", "中医").output == "2019H2-01 责任单位 区卫生健康局 → 中医科\n"
    refused = cli_run("update", "2019H2-01", "--owner", "妇幼")
    assert (refused.exit_code, refused.stderr) == (2, "duban: 没有“妇幼”这个单位（已知：疾控中心、中医科、规划信息科、"
                                                      "办公室、区卫生健康局）；新单位请加 --new-owner\n")

"""duban.toml's spec: the [weekly] table of the printout's 公文 form, read and checked like every other setting."""

from duban.ledger.validate import validate
from duban.settings import Settings, WeeklyForm, faults


def test_the_weekly_table_fills_the_form():
    form = Settings({"organisation": "区卫生健康局", "weekly": {
        "issuer": "区卫生健康局办公室", "first_week": "2019-W27", "submit_to": ["区政府办公室", " ", "分管副区长"],
        "copy_to": "各科室", "signed_by": "王立新", "reviewed_by": "周敏"}}).weekly
    assert form == WeeklyForm("区卫生健康局办公室", "2019-W27", ("区政府办公室", "分管副区长"), ("各科室",), "王立新", "周敏")


def test_without_a_weekly_table_the_organisation_issues_it():
    assert Settings({"organisation": "区卫生健康局"}).weekly == WeeklyForm(issuer="区卫生健康局")


def test_a_bad_weekly_table_is_a_fault_and_falls_back_to_the_default():
    for bad in ({"first_week": "2019-27"}, {"first_week": "2019-W54"}, {"signed_by": ["王立新"]},
                {"copy_to": [1, 2]}, {"issuer": "办公室", "printed_by": "x"}, "办公室"):
        assert [key for key, _ in faults({"weekly": bad})] == ["weekly"], bad
        assert Settings({"organisation": "局", "weekly": bad}).weekly == WeeklyForm(issuer="局")


def test_validate_names_the_line_of_a_bad_weekly_table(workspace):
    settings = workspace.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[weekly]\nfirst_week = "W27"\n', encoding="utf-8")
    [fault] = validate(workspace).faults
    line = settings.read_text(encoding="utf-8").splitlines().index("[weekly]") + 1
    assert str(fault).startswith(f"{settings}:{line}: 'weekly' must be a table of issuer, first_week, ")


def test_a_new_workspace_gets_the_health_bureaus_words_only_when_it_is_a_health_body():
    import tomllib

    from duban.settings import default_text

    health = tomllib.loads(default_text("区卫生健康局"))
    assert health["synonyms"]["效劳"] == "服务" and "医联体" in health["vocabulary"]["words"]
    assert health["owners"]["疾控"] == "疾控中心"
    government = tomllib.loads(default_text("宝安区人民政府"))
    assert government["synonyms"] == {} and government["vocabulary"] == {} and government["owners"] == {}
    assert "# \"效劳\" = \"服务\"" in default_text("宝安区人民政府")  # shown as an example

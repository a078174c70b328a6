"""Regenerate the shipped plans/ workspace from the seed reports in tests/data/reports, with duban's own commands.

    python scripts/build_plans.py            # rebuild plans/ from scratch (same bytes every run)
    python scripts/build_plans.py --keep     # re-import the reports into the existing plans/, keeping progress
    python scripts/build_plans.py --plans DIR

What goes in:
- The reports' words. Seed 000, the district health bureau's half-year report, becomes plan 2019H2 of
  区卫生健康局 (its years are anonymised, xxxx年下半年, so the period is given). Seed 001, a 区卫计局
  work-meeting speech, becomes plan 2017-wjj (anonymised too; it cites the national health conference of
  19 August 2016 and the 十三五 plan's early years, so its plan is for 2017). Titles, details, categories and
  report.txt are what the seeds say.
- Example office work, written here (EXAMPLE_* and STORY below), run through duban's own commands with fixed
  dates: the office assigns lead units and deadlines, units report progress week by week, a task is blocked,
  deadlines are extended twice, a 交办 meeting adds two tasks (imported from the example minutes) and one of
  them is dropped, one unit stops reporting and falls behind, and the 2017 plan is checked against an example
  year-end summary. Every note, name, date and figure of that work is made up for the example.
Seeds 002–004 are summaries of other districts with no plan part: tests use them, the workspace does not.
Only the seeds are used: the State Council's and local reports come from public repositories and stay out of this
repository. README's quick start (`duban --plans plans --today 2019-11-20 weekly`) shows week 47 of this story.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "tests" / "data" / "reports"
ORGANISATION = "区卫生健康局"
ORGS = {"区卫计局": "wjj"}
IMPORTS = [
    ("000_39b622c591527ef1.txt", "2019H2", ORGANISATION),
    ("001_9f2447f6adad0cf5.txt", "2017", "区卫计局"),
]
# The bureau's units, each with the other names it is written as: the office sets them up before assigning tasks.
UNITS = """
# The units tasks go to, each with the other names it is written as (an unknown owner is refused).
[units]
"办公室" = ["局办公室"]
"规划财务科" = ["规财科"]
"规划信息科" = ["信息科"]
"医政医管科" = ["医政科"]
"基层卫生科" = []
"中医科" = []
"妇幼健康科" = ["妇幼科"]
"人口家庭科" = []
"爱卫办" = ["爱国卫生运动委员会办公室"]
"疾控中心" = ["区疾控中心", "疾控"]
"卫生监督所" = ["区卫生监督所", "监督所"]
"""
WEEKLY = """
# The weekly printout's 公文 form: 编发单位, 期号 (counted from the first issue's week), 版记.
[weekly]
issuer = "区卫生健康局办公室"
first_week = "2019-W27"
submit_to = ["区政府办公室", "分管副区长"]
copy_to = ["局领导班子成员", "各科室", "各直属单位"]
signed_by = "王立新"
reviewed_by = "周敏"
"""

# Example minutes of a 局长办公会 (交办 tasks): imported as plan 2019Q4. Made up for the example.
EXAMPLE_MINUTES_NAME = "局长办公会议纪要（2019年10月14日）.txt"
EXAMPLE_MINUTES = """区卫生健康局局长办公会议纪要
（2019年10月14日）

10月14日，局长办公会议听取了冬季传染病防控和安全生产工作情况汇报，研究部署第四季度重点工作。

一、会议议定的工作安排
1.做好冬季流感疫苗接种工作。11月15日前完成60岁以上老年人和重点人群流感疫苗接种，接种人数不少于8000人（牵头单位：疾控中心；配合单位：基层卫生科）。
2.开展医疗机构安全生产大检查。11月30日前完成辖区二级以上医院和社区卫生服务中心消防、用电安全检查全覆盖（牵头单位：卫生监督所；配合单位：医政医管科）。
"""

# Example year-end summary of the 区卫计局, against which plan 2017-wjj is checked. Made up for the example.
EXAMPLE_SUMMARY_NAME = "区卫计局2017年工作总结.txt"
EXAMPLE_SUMMARY = """区卫计局2017年工作总结

2017年，区卫计局在区委、区政府的坚强领导下，围绕“一个中心”推动综合医改向纵深发展，各项工作取得明显成效。

一、2017年工作回顾
（一）分级诊疗模式不断完善。全面推行家庭医生签约服务，组建签约服务团队56支，落实基层首诊，全年签约服务覆盖率达到32%，重点人群覆盖率达到62%。建立健全双向转诊标准，全年上转患者1800余人次、下转患者900余人次。以支付方式改革为纽带组建医共体，县域内就诊率达到90.5%。
（二）公立医院改革持续深化。协调财政、发改等部门加大政策支持和投入保障，全区公立医院全部取消药品加成，同步调整医疗服务价格，区人民医院完成章程制定试点，现代医院管理制度建设迈出坚实步伐。

二、存在的问题
基层医疗卫生人才短缺，全科医生数量不足。

三、2018年工作打算
（一）巩固分级诊疗成果。继续做实家庭医生签约服务，提升基层服务能力。
"""

# The example half-year, in date order: (date, duban arguments). `update` records each entry on its date.
STORY: list[tuple[str, list[str]]] = [
    # 2017: the 区卫计局 works through its plan; the year-end summary is checked in January.
    ("2017-03-06", ["update", "2017-wjj-01", "--status", "推进中", "--by", "钱峰",
                    "--note", "印发家庭医生签约服务实施方案，组建签约服务团队56支"]),
    ("2017-04-10", ["update", "2017-wjj-02", "--status", "推进中", "--by", "钱峰",
                    "--note", "全区公立医院取消药品加成，医疗服务价格同步调整"]),
    ("2017-06-30", ["update", "2017-wjj-01", "--by", "钱峰", "--note", "签约服务覆盖率达到22%，重点人群覆盖率48%"]),
    ("2017-11-28", ["update", "2017-wjj-02", "--by", "钱峰", "--note", "区人民医院完成章程制定试点"]),
    ("2018-01-22", ["check", "SUMMARY", "--plan", "2017-wjj", "--mark-done", "--yes", "--by", "钱峰"]),
    # 2019H2: the office assigns lead units and deadlines in the plan's first week.
    ("2019-07-08", ["update", "2019H2-01", "--owner", "办公室", "--by", "周敏",
                    "--note", "局长办公会分解任务：办公室牵头，年底前完成"]),
    ("2019-07-08", ["update", "2019H2-02", "--owner", "规划财务科", "--due", "10月底", "--by", "周敏",
                    "--note", "局长办公会分解任务：区办实事10月底前完成"]),
    ("2019-07-08", ["update", "2019H2-03", "--owner", "爱卫办", "--due", "10月底", "--by", "周敏",
                    "--note", "局长办公会分解任务：迎接国家暗访前完成整改"]),
    ("2019-07-08", ["update", "2019H2-04", "--owner", "基层卫生科", "--by", "周敏",
                    "--note", "局长办公会分解任务：基层卫生科牵头，年底前完成"]),
    ("2019-07-08", ["update", "2019H2-07", "--due", "三季度末", "--by", "周敏",
                    "--note", "局长办公会分解任务：平台一期三季度末上线"]),
    ("2019-07-08", ["update", "2019H2-08", "--due", "10月底", "--by", "周敏",
                    "--note", "局长办公会分解任务：亲子教室10月底前建成"]),
    ("2019-07-08", ["update", "2019H2-09", "--due", "11月底", "--by", "周敏",
                    "--note", "局长办公会分解任务：主题活动11月底前完成"]),
    # Units report as the weeks go by.
    ("2019-07-12", ["update", "2019H2-03", "--status", "推进中", "--by", "刘洋",
                    "--note", "向辖区医疗机构发放创城宣传画和禁烟标识1200套"]),
    ("2019-07-15", ["update", "2019H2-01", "--status", "推进中", "--by", "周敏",
                    "--note", "制定综合考核指标分解方案，实行周通报、月总结"]),
    ("2019-07-17", ["update", "2019H2-07", "--status", "推进中", "--by", "陈晨",
                    "--note", "下发全员人口健康信息平台接口规范"]),
    ("2019-07-19", ["update", "2019H2-05", "--status", "推进中", "--by", "赵静",
                    "--note", "与中医药大学签订战略合作协议"]),
    ("2019-07-22", ["update", "2019H2-02", "--status", "推进中", "--by", "郑凯",
                    "--note", "东院区完成土地征收，康养项目开始地下工程开挖"]),
    ("2019-07-24", ["update", "2019H2-08", "--status", "推进中", "--by", "孙丽", "--note", "亲子教室项目完成选址"]),
    ("2019-07-29", ["update", "2019H2-06", "--status", "推进中", "--by", "王磊", "--note", "启动夏季病媒生物监测"]),
    ("2019-07-30", ["update", "2019H2-09", "--status", "推进中", "--by", "周敏",
                    "--note", "召开“两严两实两提升”主题活动动员部署会"]),
    ("2019-08-05", ["update", "2019H2-04", "--status", "推进中", "--by", "李建华",
                    "--note", "完成社区卫生机构标准化建设第一轮督导"]),
    ("2019-08-20", ["update", "2019H2-03", "--by", "刘洋", "--note", "四小单位持证率由85%提升到93%"]),
    ("2019-08-26", ["update", "2019H2-02", "--by", "郑凯", "--note", "3处急救点完成场地装修和人员培训"]),
    ("2019-09-02", ["update", "2019H2-08", "--by", "孙丽", "--note", "计生特殊家庭帮扶资金发放到位"]),
    ("2019-09-06", ["update", "2019H2-05", "--by", "赵静", "--note", "3家精品国医馆通过市级验收"]),
    ("2019-09-09", ["update", "2019H2-07", "--status", "受阻", "--by", "陈晨",
                    "--note", "平台一期接口方案待区电政办审批，基层机构联网暂停"]),
    ("2019-09-16", ["update", "2019H2-06", "--by", "王磊", "--note", "完成公共场所卫生监测480家"]),
    ("2019-09-19", ["update", "2019H2-09", "--by", "周敏", "--note", "举办医院开放日、市民体验日活动6场"]),
    ("2019-09-23", ["update", "2019H2-02", "--by", "郑凯", "--note", "疫苗接种区办实事完成全年任务的85%"]),
    ("2019-09-25", ["update", "2019H2-03", "--by", "刘洋", "--note", "完成预检分诊、发热门诊专项督查，整改问题23处"]),
    ("2019-09-30", ["update", "2019H2-01", "--by", "周敏", "--note", "完成前三季度指标自评，群众满意度调查得分91.2"]),
    ("2019-10-08", ["update", "2019H2-08", "--by", "孙丽", "--note", "社区养老示范点建设方案待民政局会签"]),
    ("2019-10-14", ["update", "2019H2-04", "--by", "李建华", "--note", "家庭医生签约服务新增签约3.2万人"]),
    # The 局长办公会 of 14 October hands out two more tasks (交办).
    ("2019-10-14", ["import", "MINUTES", "--period", "2019Q4", "--yes"]),
    ("2019-10-21", ["update", "2019Q4-01", "--status", "推进中", "--by", "王磊",
                    "--note", "流感疫苗到货1万支，接种点排班完成"]),
    ("2019-10-23", ["update", "2019Q4-02", "--status", "推进中", "--by", "马超", "--note", "制定医疗机构安全生产检查方案"]),
    ("2019-10-28", ["update", "2019H2-02", "--due", "2019-11-30", "--by", "郑凯",
                    "--note", "老年查体受体检中心搬迁影响，完成时限延至11月底"]),
    ("2019-10-30", ["update", "2019H2-03", "--status", "已完成", "--by", "刘洋",
                    "--note", "通过国家卫生城市复审暗访，反馈问题全部整改"]),
    ("2019-11-04", ["update", "2019Q4-02", "--status", "已取消", "--by", "周敏",
                    "--note", "区安委办统一组织全区安全生产大检查，本项并入，不再单独开展"]),
    ("2019-11-13", ["update", "2019Q4-01", "--by", "王磊", "--note", "已接种6100人"]),
    ("2019-11-15", ["update", "2019H2-06", "--by", "王磊", "--note", "印发冬春季传染病防控方案，流感监测哨点启动"]),
    # Week 47 (18–24 November): the week of README's quick start.
    ("2019-11-18", ["update", "2019H2-02", "--by", "郑凯", "--note", "老年查体完成9200人，剩余800人月底前完成"]),
    ("2019-11-18", ["update", "2019Q4-01", "--by", "王磊", "--note", "已接种7400人，11月底前完成扫尾"]),
    ("2019-11-19", ["update", "2019H2-01", "--by", "周敏", "--note", "迎接市考核组年终考核预检，补齐台账资料23项"]),
    ("2019-11-19", ["update", "2019H2-05", "--due", "明年一季度", "--by", "赵静",
                    "--note", "中医药特色小镇创建材料待市中医药管理局评审，完成时限延至明年一季度"]),
    ("2019-11-19", ["update", "2019H2-07", "--by", "陈晨", "--note", "区电政办召开协调会，接口方案修改后重新报审"]),
    ("2019-11-20", ["update", "2019H2-04", "--by", "李建华",
                    "--note", "标准化建设验收完成12家，剩余4家12月中旬验收"]),
    ("2019-11-20", ["update", "2019H2-09", "--status", "已完成", "--by", "周敏",
                    "--note", "健康暖民行动义诊宣传完成全年计划，累计服务群众1.2万人次"]),
]


def duban(*args: str) -> None:
    """Run one duban command in this process (the CLI's own entry point), quietly; stop on failure."""
    from contextlib import redirect_stdout
    from io import StringIO

    from duban.cli import cli

    with redirect_stdout(StringIO()):
        try:
            cli.main(list(args), prog_name="duban")
        except SystemExit as done:
            if done.code:
                raise SystemExit(f"build_plans: `duban {' '.join(args)}` failed (exit {done.code})") from None


def clean(plans: Path) -> None:
    """Remove what this script makes: duban.toml, .gitignore, .gitattributes and every plan folder."""
    if not plans.is_dir():
        return
    for entry in sorted(plans.iterdir()):
        if entry.is_dir() and (entry / "plan.toml").is_file():
            shutil.rmtree(entry)
        elif entry.name in ("duban.toml", ".gitignore", ".gitattributes"):
            entry.unlink()


def add_settings(plans: Path) -> None:
    """The [orgs] suffixes, the [units] and the [weekly] form, after what `duban init` wrote."""
    settings = plans / "duban.toml"
    text = settings.read_text(encoding="utf-8")
    if "[orgs]" in text:
        return
    lines = ["", "# Other organisations followed here, each with the ASCII suffix of its plan ids (2017-wjj).", "[orgs]"]
    lines += [f'"{name}" = "{suffix}"' for name, suffix in ORGS.items()]
    settings.write_text(text + "\n".join(lines) + "\n" + UNITS + WEEKLY, encoding="utf-8")


def import_seeds(plans: Path) -> None:
    for name, period, org in IMPORTS:
        duban("--plans", str(plans), "import", str(REPORTS / name), "--period", period, "--org", org, "--yes")
        print(f"imported {name} as {period} of {org}")


def play_story(plans: Path) -> None:
    """The example half-year: each step on its date, the example texts written to a scratch folder first."""
    with tempfile.TemporaryDirectory(prefix="duban-build-") as scratch:
        texts = {"MINUTES": Path(scratch) / EXAMPLE_MINUTES_NAME, "SUMMARY": Path(scratch) / EXAMPLE_SUMMARY_NAME}
        texts["MINUTES"].write_text(EXAMPLE_MINUTES, encoding="utf-8")
        texts["SUMMARY"].write_text(EXAMPLE_SUMMARY, encoding="utf-8")
        for day, args in STORY:
            args = [str(texts.get(arg, arg)) for arg in args]
            duban("--plans", str(plans), "--today", day, *args)
    print(f"played {len(STORY)} steps of example office work, {STORY[0][0]} to {STORY[-1][0]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", default=str(ROOT / "plans"), help="workspace to build (default: plans/)")
    parser.add_argument("--keep", action="store_true",
                        help="only re-import the seeds into the existing workspace, keeping its progress")
    options = parser.parse_args()
    plans = Path(options.plans)
    for name in ("DUBAN_PLANS", "DUBAN_TODAY", "DUBAN_LANG", "DUBAN_USER"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT / "src"))  # duban from this checkout, installed or not
    if options.keep:
        import_seeds(plans)
        return 0
    clean(plans)
    # Not in the git repository of this checkout: `init` would register duban's merge driver in its config.
    os.environ["GIT_CEILING_DIRECTORIES"] = str(plans.resolve().parent)
    duban("init", str(plans), "--org", ORGANISATION)
    add_settings(plans)
    import_seeds(plans)
    play_story(plans)
    return 0


if __name__ == "__main__":
    sys.exit(main())

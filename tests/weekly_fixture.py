"""A small workspace for the weekly report tests, built with the store API.

As of 2019-09-04 (a Wednesday in ISO week 2019-W36, 2 to 8 September) it holds: progress inside and just outside
the week, overdue tasks with and without notes, tasks due within the two-week horizon and on its last day,
a deadline moved in the week (延期) and one moved the week before, a dropped task, a task without an owner, a
title with HTML/Markdown specials, checks of the first-half plan against two summaries (only the later one is
shown), and one broken task file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from duban.ledger.model import Plan, ProgressEntry, Task
from duban.ledger.store import Workspace, atomic_write, init_workspace

TODAY = date(2019, 9, 4)
ORG = "城南区卫生健康局"
SPECIAL_TITLE = '规范<母婴>服务 & "两癌"筛查 | *重点*'


def _p(day: str, status: str, note: str = "", by: str = "", due: tuple[str, str] | None = None) -> ProgressEntry:
    entry = ProgressEntry(date.fromisoformat(day), status, note, by)
    if due:
        entry.extra["changes"] = {"due": list(due)}
    return entry


def build_workspace(root: Path) -> Workspace:
    init_workspace(root, ORG)
    workspace = Workspace(root)
    workspace.save_plan(Plan("2019H1", ORG, "2019H1", date(2019, 1, 1), date(2019, 6, 30), "2018年工作总结.docx"))
    workspace.save_plan(Plan("2019H2", ORG, "2019H2", date(2019, 7, 1), date(2019, 12, 31),
                             "2019年上半年工作总结.docx"))
    summary, earlier = "2019年上半年工作总结.docx", "2019年一季度工作总结.docx"
    tasks = [
        Task("2019H1-01", "完成医联体建设", status="done", owner="医政科", due=date(2019, 6, 30),
             progress=[_p("2019-06-20", "done", "医联体挂牌运行", "陈七")],
             check={"report": summary, "date": date(2019, 7, 20), "verdict": "done", "score": 0.82,
                    "evidence": ["区域医联体建设全面完成，三家医院挂牌运行。"]}),
        Task("2019H1-02", "推进分级诊疗制度建设", status="in_progress", owner="医政科", due=date(2019, 6, 30),
             check={"report": summary, "date": date(2019, 7, 20), "verdict": "in_progress", "score": 0.55,
                    "evidence": ["分级诊疗稳步推进。"]}),
        Task("2019H1-03", "创建国家级慢性病综合防控示范区", status="todo", owner="疾控中心", due=date(2019, 6, 30),
             check={"report": summary, "date": date(2019, 7, 20), "verdict": "not_found", "score": 0.1,
                    "evidence": []}),
        Task("2019H1-04", "开展卫生应急演练", status="done", owner="疾控中心", due=date(2019, 3, 31),
             check={"report": earlier, "date": date(2019, 4, 10), "verdict": "done", "score": 0.7,
                    "evidence": ["组织卫生应急综合演练2次。"]}),
        Task("2019H2-01", "全力做好创建国家卫生城市复审工作", status="in_progress", owner="区卫生健康局",
             due=date(2019, 8, 31), progress=[_p("2019-07-15", "in_progress", "完成四小单位摸排", "张三"),
                                              _p("2019-09-01", "in_progress", "督查组现场检查", "张三")]),
        Task("2019H2-02", "推进家庭医生签约服务", status="in_progress", owner="基层卫生科", due=date(2019, 9, 10),
             progress=[_p("2019-08-20", "in_progress", "签约率达到28%", "李四"),
                       _p("2019-09-03", "in_progress", "新增签约1200人", "李四")]),
        Task("2019H2-03", "完成疾控中心实验室改造", status="blocked", owner="疾控中心", due=date(2019, 7, 31),
             progress=[_p("2019-07-10", "in_progress", "完成设计方案", "王五"),
                       _p("2019-09-02", "blocked", "改造资金未到位", "王五")]),
        Task("2019H2-04", "开展中医药进社区活动", status="done", owner="中医科", due=date(2019, 9, 30),
             progress=[_p("2019-08-01", "in_progress", "制定活动方案", "赵六"),
                       _p("2019-09-04", "done", "已举办活动3场", "赵六")]),
        Task("2019H2-05", SPECIAL_TITLE, status="todo", owner="妇幼健康科", due=date(2019, 9, 18)),
        Task("2019H2-06", "推进全民健康信息平台建设", status="todo", owner="规划信息科", due=date(2020, 3, 31),
             progress=[_p("2019-08-30", "todo", "平台一期先行建设", "孙七", ("2019-12-31", "2019-10-31")),
                       _p("2019-09-05", "todo", "招标文件待区财政评审，平台建设延至明年一季度", "孙七",
                          ("2019-10-31", "2020-03-31"))]),
        Task("2019H2-07", "筹建区级医学影像中心", status="dropped", owner="区卫生健康局", due=date(2019, 8, 15)),
        Task("2019H2-08", "开展爱国卫生月活动", status="todo", owner="", due=date(2019, 9, 1),
             progress=[_p("2019-09-03", "todo", "方案已报区政府", "办公室"),
                       _p("2019-09-09", "in_progress", "下周启动", "办公室")]),
    ]
    for task in tasks:
        workspace.save_task(task)
    atomic_write(root / "2019H2" / "09.toml", 'id = "2019H2-09"\ntitle = \n')
    return workspace


# The weekly report of this workspace as text, 100 columns, exactly (tests of the view and of the command).
TEXT_ZH = [
    '督办周报\u3000第36期',
    '城南区卫生健康局 · 2019年第36周（2019-09-02 至 2019-09-08） · 截至 2019-09-04',
    '',
    '一、总体情况',
    '共 12 项任务：已完成 3 项，推进中 3 项，未开始 4 项，受阻 1 项，已取消 1 项；逾期 5 项，两周内到期',
    '2 项。本周记录进展 5 条，其中状态变化 2 条，延期 1 项。',
    '全部事项  未完成  已完成  推进中  受阻  已取消  逾期  两周内到期',
    '────────────────────────────────────────────────────────────────',
    '      12       8       3       3     1       1     5           2',
    '',
    '二、本周进展  5 条进展记录，其中状态变化 2 条',
    '日期   编号       事项                      状态             进展',
    '───────────────────────────────────────────────────────────────────────────────────────────────────',
    '中医科',
    '09-04  2019H2-04  开展中医药进社区活动      推进中 → 已完成  已举办活动3场（赵六）',
    '',
    '基层卫生科',
    '09-03  2019H2-02  推进家庭医生签约服务      推进中           新增签约1200人（李四）',
    '',
    '疾控中心',
    '09-02  2019H2-03  完成疾控中心实验室改造    推进中 → 受阻    改造资金未到位（王五）',
    '',
    '规划信息科',
    '09-05  2019H2-06  推进全民健康信息平台建设  未开始           完成时限 2019-10-31 → 2020-03-31；招标',
    '                                                             文件待区财政评审，平台建设延至明年一季',
    '                                                             度（孙七）',
    '',
    '（未指定）',
    '09-03  2019H2-08  开展爱国卫生月活动        未开始           方案已报区政府（办公室）',
    '',
    '三、时限调整  本周调整完成时限 1 项',
    '编号       事项                      责任单位    原时限      新时限      调整',
    '──────────────────────────────────────────────────────────────────────────────────',
    '2019H2-06  推进全民健康信息平台建设  规划信息科  2019-10-31  2020-03-31  延期152天',
    '           说明：09-05 招标文件待区财政评审，平台建设延至明年一季度（孙七）',
    '',
    '四、逾期事项  5 项，按逾期天数排列',
    '逾期  编号       事项                              责任单位      完成时限    状态',
    '───────────────────────────────────────────────────────────────────────────────────',
    '66天  2019H1-02  推进分级诊疗制度建设              医政科        2019-06-30  推进中',
    '66天  2019H1-03  创建国家级慢性病综合防控示范区    疾控中心      2019-06-30  未开始',
    '35天  2019H2-03  完成疾控中心实验室改造            疾控中心      2019-07-31  受阻',
    '                 最新进展：09-02 改造资金未到位',
    ' 4天  2019H2-01  全力做好创建国家卫生城市复审工作  区卫生健康局  2019-08-31  推进中',
    '                 最新进展：09-01 督查组现场检查',
    ' 3天  2019H2-08  开展爱国卫生月活动                （未指定）    2019-09-01  未开始',
    '                 最新进展：09-09 下周启动',
    '',
    '五、近两周到期  2 项，2019-09-04 至 2019-09-18',
    '完成时限    剩余  编号       事项                                  责任单位    状态',
    '─────────────────────────────────────────────────────────────────────────────────────',
    '2019-09-10   6天  2019H2-02  推进家庭医生签约服务                  基层卫生科  推进中',
    '2019-09-18  14天  2019H2-05  规范<母婴>服务 & "两癌"筛查 | *重点*  妇幼健康科  未开始',
    '',
    '六、各单位情况',
    '责任单位      未完成  已完成  已取消  逾期  完成率  完成情况',
    '────────────────────────────────────────────────────────────────────────',
    '疾控中心           2       1       0     2     33%  ███████▓▓▓▓▓▓▓▓▓▓▓▓▓',
    '区卫生健康局       1       0       1     1      0%  ▓▓▓▓▓▓▓',
    '医政科             1       1       0     1     50%  ███████▓▓▓▓▓▓▓',
    '（未指定）         1       0       0     1      0%  ▓▓▓▓▓▓▓',
    '基层卫生科         1       0       0     0      0%  ░░░░░░░',
    '妇幼健康科         1       0       0     0      0%  ░░░░░░░',
    '规划信息科         1       0       0     0      0%  ░░░░░░░',
    '中医科             0       1       0     0    100%  ███████',
    '█ 已完成  ░ 未完成  ▓ 逾期',
    '',
    '七、核查结果  每个计划最近一次核查',
    '',
    '（一）2019H1 对照《2019年上半年工作总结.docx》  2019-07-20核查：已完成 1，推进中 1，未提及 1',
    '编号       事项                            结论    得分  依据',
    # the evidence column (max 40 cells) takes the room the table leaves: the passage stands on one line
    '─' * 99,
    '2019H1-01  完成医联体建设                  已完成  0.82  区域医联体建设全面完成，三家医院挂牌运行。',
    '2019H1-02  推进分级诊疗制度建设            推进中  0.55  分级诊疗稳步推进。',
    '2019H1-03  创建国家级慢性病综合防控示范区  未提及  0.10',
    '',
    '另有 1 个任务文件无法读取，未计入本报告（运行 duban validate 查看）。',
]

"""Every word duban shows a person, in Chinese (the default) and English: labels, messages and their templates.

`words(lang)` gives a `Words` for one language; `w("key", name=value)` fills a template. Views and the command
line take their words from here and never branch on the language themselves.
"""

from __future__ import annotations

from functools import lru_cache

from duban.ledger.model import STATUSES, VERDICTS

LANGS = ("zh", "en")

# key: (中文, English). Templates use str.format fields.
WORDS: dict[str, tuple[str, str]] = {
    # fields of a task
    "id": ("编号", "ID"),
    "plan": ("计划", "Plan"),
    "title": ("标题", "Title"),
    "task": ("事项", "Task"),
    "category": ("分类", "Category"),
    "detail": ("内容", "Detail"),
    "owner": ("责任单位", "Owner"),
    "co_owners": ("配合单位", "Co-owners"),
    "due": ("完成时限", "Due"),
    "due_basis": ("时限依据", "Due basis"),
    "status": ("状态", "Status"),
    "overdue": ("逾期", "Overdue"),
    "days_overdue": ("逾期天数", "Days late"),
    "days_left": ("剩余天数", "Days left"),
    "targets": ("目标", "Targets"),
    "source": ("来源", "Source"),
    "progress": ("进展记录", "Progress"),
    "date": ("日期", "Date"),
    "note": ("说明", "Note"),
    "by": ("记录人", "By"),
    "last_note": ("最新进展", "Last note"),
    "check": ("核查", "Check"),
    "verdict": ("结论", "Verdict"),
    "score": ("得分", "Score"),
    "evidence": ("依据", "Evidence"),
    "report": ("报告", "Report"),
    "target": ("目标", "Target"),
    "actual": ("实际", "Actual"),
    "actual_text": ("原文", "Reported as"),
    "problems": ("问题", "problems"),
    "period end": ("期末", "period end"),
    "no_owner": ("（未指定）", "(no owner)"),
    # target comparators and verdicts
    "at_least": ("不低于", "at least"),
    "at_most": ("不超过", "at most"),
    "about": ("左右", "about"),
    "in_step": ("同步", "in step with"),
    "in_step_with": ("与{reference}同步", "in step with {reference}"),
    "met": ("达成", "met"),
    "not_met": ("未达成", "not met"),
    "unknown": ("未知", "unknown"),
    # amounts and references
    "days": ("{n}天", "{n} days"),
    "line_ref": ("第{line}行", "line {line}"),
    "line_short": ("第{line}行：", "L{line}:"),
    "count_tasks": ("共 {n} 项任务", "{n} tasks"),
    "source_ref": ("{report} 第{line}行", "{report}, line {line}"),
    "list_sep": ("，", ", "),
    "clause_sep": ("；", "; "),
    "colon": ("：", ": "),
    "full_stop": ("。", "."),
    "arrow": (" → ", " → "),
    "signed": ("{note}（{by}）", "{note} ({by})"),
    # listings
    "no_tasks": ("没有符合条件的任务", "no matching tasks"),
    "no_overdue": ("没有逾期任务", "nothing is overdue"),
    "overdue_title": ("逾期任务（{n}）", "Overdue tasks ({n})"),
    "owner_heading": ("{owner}（{n}）", "{owner} ({n})"),
    # history
    "created": ("新建", "created"),
    "deleted": ("文件被删除", "file deleted"),
    "unreadable": ("无法读取", "unreadable"),
    "no_history": ("{task}：没有 git 历史记录", "{task}: no git history"),
    # command results
    "status_changed": ("{task} {old} → {new}", "{task} {old} → {new}"),
    "progress_recorded": ("{task} 已记录进展", "{task} progress recorded"),
    "import_question": ("写入计划 {plan} 的 {n} 项任务？", "Write {n} tasks to plan {plan}?"),
    "nothing_written": ("未写入", "nothing written"),
    "dry_run": ("试运行：未写入任何文件", "dry run: nothing written"),
    "import_written": ("{plan}：{n} 项任务，写入 {files} 个文件", "{plan}: {n} tasks, {files} files written"),
    "import_unchanged": ("{plan}：{n} 项任务，无变化", "{plan}: {n} tasks, already up to date"),
    "import_gone": ("{task} 已不在 {report} 中；保持原样", "{task} is no longer in {report}; left as it is"),
    "import_heading": ("计划 {plan}  {org}  {start} – {end}  报告：{report}",
                       "Plan {plan}  {org}  {start} – {end}  Report: {report}"),
    "check_title": ("核查 {plan} ← {summary}", "Check {plan} ← {summary}"),
    "check_note": ("核查《{summary}》：{verdict}（{score}）", "check against {summary}: {verdict} ({score})"),
    "check_note_evidence": ("，第{line}行：{text}", ", line {line}: {text}"),
    "no_review_part": ("{summary}：未找到回顾部分，没有可作依据的内容", "{summary}: no review part found: nothing reports on the plan"),
    # check: the guards, the preview of what it writes, the kept summary text
    "refuse_own_report": ("《{summary}》就是计划 {plan} 的来源报告 {report}（sha256 相同），用它核查只会重复计划本身",
                          "{summary} is plan {plan}'s own source report {report} (same sha256): it only repeats "
                          "the plan"),
    "refuse_same_text": ("《{summary}》与计划 {plan} 的来源报告 {report} 文字相同，用它核查只会重复计划本身",
                         "{summary} has the same text as plan {plan}'s source report {report}: it only repeats "
                         "the plan"),
    "refuse_before": ("《{summary}》回顾的是 {period}，早于计划 {plan} 的期间 {plan_period}，不会报告它的完成情况",
                      "{summary} reviews {period}, before plan {plan}'s period {plan_period}: it cannot report on it"),
    "refuse_long_after": ("《{summary}》回顾的是 {period}，既不是计划 {plan} 的期间 {plan_period}，也不是紧接其后的期间",
                          "{summary} reviews {period}: neither plan {plan}'s period {plan_period} nor the one right "
                          "after it"),
    "refuse_other_org": ("《{summary}》是{orgs}的报告，计划 {plan} 属于{org}",
                         "{summary} is a report of {orgs}; plan {plan} belongs to {org}"),
    "check_refused": ("未核查计划 {plan}：总结与计划不符（确认无误可加 --force 仍然核查）",
                      "plan {plan} not checked: the summary does not fit it (add --force to check anyway)"),
    "check_json_cannot_ask": ("--json 只输出 JSON，无法询问：请加 --dry-run 或 --yes",
                              "--json prints only JSON, so it cannot ask: add --dry-run or --yes"),
    "check_facts": ("《{summary}》：回顾 {period}，按 {date} 的情况计", "{summary}: reviews {period}, as of {date}"),
    "check_facts_unknown": ("《{summary}》：未能从文字判断其期间和日期，以下状态变化不受日期限制",
                            "{summary}: its words give no period or date, so no status is kept for being newer"),
    "check_moves": ("将改变状态的任务（{n}）", "Statuses the check changes ({n})"),
    "check_kept": ("保持原状的任务（{n}）", "Left as they are ({n})"),
    "change": ("变化", "Change"),
    "left_blocked": ("受阻的任务须由人工确认后再改状态", "a blocked task changes only when a person says so"),
    "left_dropped": ("核查不恢复已取消的任务", "a check never revives a dropped task"),
    "left_set_after": ("{by}于 {date} 设定状态，晚于总结的 {summary_date}", "{by} set its status on {date}, after the "
                       "summary's {summary_date}"),
    "check_will_write": ("将写入 {n} 项任务的核查结果：改变状态 {moves} 项，保持原状 {kept} 项",
                         "writes the check into {n} tasks: {moves} status changes, {kept} left as they are"),
    "check_question": ("写入计划 {plan} 的 {n} 项任务？", "Write the check into {n} tasks of plan {plan}?"),
    "check_unchanged": ("台账已有这次核查的结果，无需写入", "the ledger already holds this check: nothing to write"),
    "check_written": ("已写入核查结果：{n} 项任务，改变状态 {moves} 项", "check written to {n} tasks, {moves} status changes"),
    "check_text_kept": ("总结全文（依据的行号指向它）：{path}", "the summary's text (evidence lines refer to it): {path}"),
    "check_risk": ("问题", "Problem"),
    "check_targets": ("目标完成情况", "Targets"),
    "checks_targets": ("{plan} 数值目标", "{plan}: numeric targets"),
    "workspace_created": ("已创建工作区 {root}", "created workspace {root}"),
    "workspace_exists": ("{root} 已是 duban 工作区", "{root} is already a duban workspace"),
    "validate_ok": ("检查通过：{plans} 个计划，{tasks} 项任务", "ok: {plans} plans, {tasks} tasks"),
    "validate_faults": ("{root} 中有 {n} 处问题", "{n} fault(s) in {root}"),
    "wrote": ("已写入 {path}", "wrote {path}"),
    "aborted": ("已取消", "aborted"),
    "update_progress": ("进展：{note}", "progress: {note}"),
    "warning": ("警告：{message}", "warning: {message}"),
    # the weekly report
    "weekly_title": ("督办周报", "Weekly Status Report"),
    "issue_no": ("第{n}期", "No. {n}"),
    "headline": ("{title}　{issue}", "{title}, {issue}"),
    "long_date": ("{year}年{month}月{day}日", "{iso}"),
    "scope": ("范围：{what}", "Scope: {what}"),
    "org": ("单位", "Organisation"),
    "signed_by": ("签发", "Signed off by"),
    "reviewed_by": ("审核", "Reviewed by"),
    "submit_to": ("报送", "To"),
    "copy_to": ("抄送", "Copy to"),
    "issued": ("{date}印发", "issued {date}"),
    "section_no": ("{n}、", "{n}. "),
    "subsection_no": ("（{n}）", "({n}) "),
    "week": ("{year}年第{week}周（{monday} 至 {sunday}）", "Week {week} of {year} ({monday} to {sunday})"),
    "as_of": ("截至 {today}", "as of {today}"),
    "counts": ("总体情况", "Overview"),
    "overview": ("共 {total} 项任务：已完成 {done} 项，推进中 {in_progress} 项，未开始 {todo} 项，受阻 {blocked} 项，"
                 "已取消 {dropped} 项；逾期 {overdue} 项，两周内到期 {due_soon} 项。本周记录进展 {entries} 条，"
                 "其中状态变化 {changes} 条，延期 {moved} 项。",
                 "{total} tasks: {done} done, {in_progress} in progress, {todo} to do, {blocked} blocked, "
                 "{dropped} dropped; {overdue} overdue, {due_soon} due within two weeks. This week: {entries} "
                 "progress entries, {changes} status changes, {moved} deadlines moved."),
    "total": ("全部事项", "All tasks"),
    "open": ("未完成", "Open"),
    "done": ("已完成", "Done"),
    "in_progress": ("推进中", "In progress"),
    "blocked": ("受阻", "Blocked"),
    "dropped": ("已取消", "Dropped"),
    "due_soon": ("两周内到期", "Due in 14 days"),
    "moved": ("本周进展", "This week"),
    "moved_summary": ("{entries} 条进展记录，其中状态变化 {changes} 条", "{entries} progress entries, {changes} status changes"),
    "moved_none": ("本周无进展记录。", "No progress recorded this week."),
    "due_changes": ("延期事项", "Deadlines moved"),
    "due_changes_summary": ("本周调整完成时限 {n} 项", "{n} deadlines moved this week"),
    "due_changes_none": ("本周无延期事项。", "No deadline moved this week."),
    "old_due": ("原时限", "Was due"),
    "new_due": ("新时限", "Now due"),
    "reason": ("说明", "Why"),
    "left": ("剩余", "Left"),
    "late": ("逾期事项", "Overdue"),
    "late_summary": ("{n} 项，按逾期天数排列", "{n} tasks, most days late first"),
    "late_none": ("无逾期事项。", "Nothing is overdue."),
    "soon": ("近两周到期", "Due in the next two weeks"),
    "soon_summary": ("{n} 项，{today} 至 {horizon}", "{n} tasks, {today} to {horizon}"),
    "soon_none": ("近两周无到期事项。", "Nothing falls due in the next two weeks."),
    "owners": ("各单位情况", "By owner"),
    "owners_none": ("暂无事项。", "No tasks yet."),
    "checks": ("核查结果", "Check results"),
    "checks_summary": ("{plan} 对照《{report}》", "{plan} against {report}"),
    "checks_none": ("尚无核查结果。", "No plan has been checked yet."),
    "checks_latest": ("每个计划最近一次核查", "The latest check of each plan"),
    "checks_on": ("{date}核查：{verdicts}", "checked {date}: {verdicts}"),
    "weekly_note": ("进展", "Progress"),
    "days_late": ("逾期天数", "Days late"),
    "rate": ("完成率", "Done %"),
    "chart": ("完成情况", "Progress"),
    "legend_done": ("已完成", "done"),
    "legend_open": ("未完成", "open"),
    "legend_overdue": ("逾期", "overdue"),
    "skipped": ("另有 {n} 个任务文件无法读取，未计入本报告（运行 duban validate 查看）。",
                "Left out, as they could not be read: {n} task file(s) (run duban validate to see why)."),
    "footer": ("由 duban 生成", "Generated by duban"),
    # the exported ledger (duban export): sheet columns, titles, file name; `import` reads these headers back
    "seq": ("序号", "No."),
    "work_task": ("工作任务", "Task"),
    "lead_owner": ("牵头单位", "Lead unit"),
    "check_verdict": ("核查结论", "Check verdict"),
    "unit_sep": ("、", ", "),
    "export_sheet": ("工作台账", "Ledger"),
    "export_title": ("{org}工作任务台账（截至 {today}）", "{org} task ledger (as of {today})"),
    "export_plan_title": ("{org} {plan} 工作任务台账（{start} 至 {end}，截至 {today}）",
                          "{org} {plan} task ledger ({start} to {end}, as of {today})"),
    "export_file": ("工作台账-{today}", "ledger-{today}"),
    "exported": ("已导出 {n} 项任务：{path}", "exported {n} tasks: {path}"),
    "last_note_new": ("新进展", "new note"),
    "import_changes": ("表中与台账不同之处（{n} 项任务）：", "What the sheet changes ({n} tasks):"),
    "import_no_changes": ("表中内容与台账一致，无需更新", "the sheet matches the ledger: nothing to update"),
    "import_update_question": ("按表更新计划 {plan} 的 {n} 项任务？", "Update {n} tasks of plan {plan} from the sheet?"),
}

_STATUS_EN = {"todo": "to do", "in_progress": "in progress", "done": "done", "blocked": "blocked",
              "dropped": "dropped"}
_VERDICT_EN = {"done": "done", "in_progress": "in progress", "at_risk": "at risk", "not_found": "not found"}
_SYMBOLS = {"at_least": "≥", "at_most": "≤", "about": "≈"}
_CN_NUMBERS = ("〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
               "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十")


class Words:
    """The words of one language."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "zh"
        self._index = 1 if self.lang == "en" else 0

    def __call__(self, key: str, **values) -> str:
        text = WORDS[key][self._index]
        return text.format(**values) if values else text

    def status(self, status: str) -> str:
        return _STATUS_EN.get(status, status) if self._index else STATUSES.get(status, status)

    def verdict(self, verdict: str) -> str:
        return _VERDICT_EN.get(verdict, verdict) if self._index else VERDICTS.get(verdict, verdict)

    def due_basis(self, basis: str) -> str:
        return self("period end") if basis == "period end" else basis

    def owner(self, owner: str) -> str:
        return owner or self("no_owner")

    def days(self, n: int) -> str:
        return self("days", n=n)

    def signed(self, note: str, by: str) -> str:
        """`已举办活动3场（赵六）`: a note with who reported it."""
        return self("signed", note=note, by=by) if by else note

    def change(self, key: str, old, new) -> str:
        """`完成时限 2019-10-31 → 2019-11-30`: a field's change as a progress entry records it."""
        return f"{self(key)} {old or '—'}{self('arrow')}{new or '—'}"

    def move(self, status: str, previous: str) -> str:
        """`推进中 → 已完成`, or the status alone when it did not change."""
        if status == previous:
            return self.status(status)
        return self.status(previous) + self("arrow") + self.status(status)

    def long_date(self, day) -> str:
        """`2019年11月20日` (the date line of a 公文; ISO in English)."""
        return self("long_date", year=day.year, month=day.month, day=day.day, iso=day.isoformat())

    def numbered(self, number: int, title: str, sub: bool = False) -> str:
        """`二、本周进展` (or `（一）…` for a part of a section): a title with its number, Chinese numerals in
        Chinese."""
        shown = _CN_NUMBERS[number] if self.lang == "zh" and number < len(_CN_NUMBERS) else number
        return self("subsection_no" if sub else "section_no", n=shown) + title

    def week(self, report) -> str:
        """`2019年第36周（2019-09-02 至 2019-09-08）`."""
        year, week = report.week.split("-W")
        return self("week", year=year, week=int(week), monday=report.monday, sunday=report.sunday)

    def target(self, target) -> str:
        """`签约服务覆盖率 ≥ 30%`; in_step targets name their reference: `居民收入 与经济增长同步`."""
        if target.comparator == "in_step":
            reference = target.extra.get("reference")
            return f"{target.metric} " + (self("in_step_with", reference=reference) if reference
                                         else self("in_step"))
        value = f"{target.value:g}" if isinstance(target.value, float) else str(target.value)
        return f"{target.metric} {_SYMBOLS.get(target.comparator, target.comparator)} {value}{target.unit}"


@lru_cache(maxsize=None)
def words(lang: str = "zh") -> Words:
    return Words(lang)

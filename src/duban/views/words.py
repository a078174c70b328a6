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
    "unit": ("单位", "Unit"),
    "aliases": ("别名", "Aliases"),
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
    "arrow": (" → ", " → "),
    "signed": ("{note}（{by}）", "{note} ({by})"),
    # listings
    "no_tasks": ("没有符合条件的任务", "no matching tasks"),
    "no_overdue": ("没有逾期任务", "nothing is overdue"),
    "overdue_title": ("逾期任务（{n}）", "Overdue tasks ({n})"),
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
    "check_applied": ("已写入核查结果：{n} 项任务", "check written to {n} tasks"),
    "check_note": ("核查《{summary}》：{verdict}（{score}）", "check against {summary}: {verdict} ({score})"),
    "check_note_evidence": ("，第{line}行：{text}", ", line {line}: {text}"),
    "no_review_part": ("{summary}：未找到回顾部分，没有可作依据的内容", "{summary}: no review part found: nothing reports on the plan"),
    "workspace_created": ("已创建工作区 {root}", "created workspace {root}"),
    "workspace_exists": ("{root} 已是 duban 工作区", "{root} is already a duban workspace"),
    "validate_ok": ("检查通过：{plans} 个计划，{tasks} 项任务", "ok: {plans} plans, {tasks} tasks"),
    "validate_faults": ("{root} 中有 {n} 处问题", "{n} fault(s) in {root}"),
    "wrote": ("已写入 {path}", "wrote {path}"),
    "aborted": ("已中止", "aborted"),
    "update_progress": ("进展：{note}", "progress: {note}"),
    "warning": ("警告：{message}", "warning: {message}"),
    # what a change did (Words.changes): the feedback line and the commit message
    "due_set": ("完成时限 {new}", "due {new}"),
    "due_later": ("延期 {old} → {new}", "deadline moved {old} → {new}"),
    "due_earlier": ("提前 {old} → {new}", "deadline brought forward {old} → {new}"),
    "detail_changed": ("内容已修改", "detail changed"),
    "nothing_changed": ("{task} 没有变化", "{task}: nothing changed"),
    "task_added": ("已添加 {task}：{title}（{owner}，完成时限 {due}）", "added {task}: {title} ({owner}, due {due})"),
    "added_subject": ("添加 {task} {title}", "add {task} {title}"),
    "task_saved": ("已保存 {task}", "saved {task}"),
    "edited_subject": ("{task} 手工编辑", "{task} edited by hand"),
    "edit_reopen": ("文件有误，未保存。重新打开编辑？", "The file has faults and was not saved. Edit it again?"),
    "task_cancelled": ("{task} 已取消：{note}", "{task} dropped: {note}"),
    "task_removed": ("已删除 {task} {title}（git 历史中仍可找回）", "deleted {task} {title} (git history keeps it)"),
    "removed_subject": ("删除 {task} {title}", "delete {task} {title}"),
    "undo_subject": ("撤销 {subject}", "undo {subject}"),
    "undone": ("已撤销 {commit}：{subject}", "undid {commit}: {subject}"),
    "source_added": ("{by} {date} 添加", "added by {by} on {date}"),
    # errors (errors.DubanError keys): what went wrong, and what to do
    "unknown_owner_near": ("没有“{owner}”这个单位：是否指 {nearest}？新单位请加 --new-owner",
                           "no unit {owner!r}: did you mean {nearest}? For a new unit add --new-owner"),
    "unknown_owner": ("没有“{owner}”这个单位（已知：{known}）；新单位请加 --new-owner",
                      "no unit {owner!r} (known: {known}); for a new unit add --new-owner"),
    "nothing_to_update": ("没有要更新的内容：请给出 --status、--owner、--due、--note 等选项",
                          "nothing to update: give --status, --owner, --due, --note or another field"),
    "cancel_needs_note": ("取消任务须说明理由：--note 理由", "say why the task is dropped: --note WHY"),
    "already_dropped": ("{task} 已经是已取消状态", "{task} is already dropped"),
    "bad_target": ("无法识别的目标“{text}”：请写成“指标 ≥ 值 单位”，如“签约服务覆盖率 ≥ 30 %”",
                   "bad target {text!r}: write 'metric ≥ value unit', e.g. '签约服务覆盖率 ≥ 30 %'"),
    "title_empty": ("标题不能为空", "the title cannot be empty"),
    "edit_id_changed": ("编号不能改（{old} → {new}）", "the id cannot change ({old} → {new})"),
    "edit_changed_meanwhile": ("{task} 在编辑期间被他人修改，未保存：请重新编辑",
                               "{task} was changed by someone else while you edited it; nothing saved: edit again"),
    "unknown_task_file": ("没有任务 {task}：找不到 {path}", "unknown task {task!r}: no {path}"),
    "rm_needs_yes": ("删除 {task} 的文件须加 --yes 确认（只是不再办理的任务请用 duban cancel）",
                     "deleting {task}'s file needs --yes (to drop a task and keep it, use duban cancel)"),
    "undo_needs_git": ("{root} 不在 git 仓库中，无法撤销", "{root} is not in a git repository: nothing to undo"),
    "undo_nothing": ("{root} 中没有 duban 的提交可撤销", "no commit of duban's to undo in {root}"),
    "undo_dirty": ("有未提交的修改，未撤销：{files}", "not undone: these files have uncommitted changes: {files}"),
    "undo_changed_since": ("“{subject}”之后这些文件又有提交，未撤销", "not undone: the files of {subject!r} were "
                                                                "changed by later commits"),
    "file_fault": ("{path}: {reason}", "{path}: {reason}"),  # file:line: as compilers say it, for editors
    "file_fault_at": ("{path}:{line}: {reason}", "{path}:{line}: {reason}"),
    "bad_period": ("无法识别的期间“{text}”：请用 2019、2019H1、2019H2、2019Q3 或 2019M04",
                   "bad period {text!r}: use 2019, 2019H1, 2019H2, 2019Q3 or 2019M04"),
    "bad_iso_date": ("无法识别的 {what}“{text}”：请用 YYYY-MM-DD", "bad {what} {text!r}: use YYYY-MM-DD"),
    "bad_week": ("无法识别的周“{text}”：请用 YYYY-Www，如 2019-W36", "bad week {text!r}: use YYYY-Www, e.g. 2019-W36"),
    "bad_date": ("无法识别的日期“{text}”：请用 YYYY-MM-DD，或 年底、6月底前、三季度末、下周五 等说法",
                 "bad date {text!r}: use YYYY-MM-DD or a phrase such as 年底, 6月底前, 三季度末, 下周五"),
    "due_past": ("“{text}”是 {due}，已经过去：新的完成时限不能早于今天（{today}）；是否指 {later}？",
                 "{text!r} is {due}, which has passed: a new deadline cannot be before today ({today}); "
                 "did you mean {later}?"),
    "due_which_festival": ("“{text}”是哪个节日前？请写明，如 春节前（{spring}）或 国庆节前（{national}）",
                           "{text!r}: before which festival? Say 春节前 ({spring}) or 国庆节前 ({national})"),
    # the weekly report
    "weekly_title": ("督办周报", "Weekly Status Report"),
    "week": ("{year}年第{week}周（{monday} 至 {sunday}）", "Week {week} of {year} ({monday} to {sunday})"),
    "as_of": ("截至 {today}", "as of {today}"),
    "counts": ("总体情况", "Overview"),
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
}

_STATUS_EN = {"todo": "to do", "in_progress": "in progress", "done": "done", "blocked": "blocked",
              "dropped": "dropped"}
_VERDICT_EN = {"done": "done", "in_progress": "in progress", "at_risk": "at risk", "not_found": "not found"}
_SYMBOLS = {"at_least": "≥", "at_most": "≤", "about": "≈"}


class Words:
    """The words of one language."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "zh"
        self._index = 1 if self.lang == "en" else 0

    def __call__(self, key: str, **values) -> str:
        pair = WORDS.get(key)
        if pair is None:  # a message not yet in the table is shown as it was written
            return key
        text = pair[self._index]
        return text.format(**values) if values else text

    def status(self, status: str) -> str:
        return _STATUS_EN.get(status, status) if self._index else STATUSES.get(status, status)

    def verdict(self, verdict: str) -> str:
        return _VERDICT_EN.get(verdict, verdict) if self._index else VERDICTS.get(verdict, verdict)

    def said(self, value) -> str:
        """Something the library said (errors.Said, a DubanError) in this language; plain text as it is."""
        return value.render(self) if hasattr(value, "render") else str(value)

    def changes(self, changes: dict) -> str:
        """`未开始 → 推进中；延期 2019-12-31 → 2020-06-30`: what apply_change changed ({field: [old, new]})."""
        arrow, parts = self("arrow"), []
        for key, (old, new) in changes.items():
            if key == "status":
                parts.append(self.status(old) + arrow + self.status(new))
            elif key == "due":
                parts.append(self("due_set", new=new) if not old else
                             self("due_later" if new > old else "due_earlier", old=old, new=new))
            elif key == "co_owners":
                parts.append(f"{self(key)} {'、'.join(new) or '—'}")
            elif key == "targets":
                from duban.ledger.model import Target

                parts.append(f"{self(key)} " + (self("clause_sep").join(self.target(Target.from_dict(t))
                                                                       for t in new) or "—"))
            elif key == "detail":
                parts.append(self("detail_changed"))
            else:
                parts.append(f"{self(key)} {old or '—'}{arrow}{new or '—'}")
        return self("clause_sep").join(parts)

    def due_basis(self, basis: str) -> str:
        return self("period end") if basis == "period end" else basis

    def owner(self, owner: str) -> str:
        return owner or self("no_owner")

    def days(self, n: int) -> str:
        return self("days", n=n)

    def signed(self, note: str, by: str) -> str:
        """`已举办活动3场（赵六）`: a note with who reported it."""
        return self("signed", note=note, by=by) if by else note

    def move(self, status: str, previous: str) -> str:
        """`推进中 → 已完成`, or the status alone when it did not change."""
        if status == previous:
            return self.status(status)
        return self.status(previous) + self("arrow") + self.status(status)

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

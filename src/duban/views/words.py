"""Every word duban shows a person, in Chinese (the default) and English: labels, messages and their templates.

`words(lang)` gives a `Words` for one language; `w("key", name=value)` fills a template. Views and the command
line take their words from here and never branch on the language themselves.
"""

from __future__ import annotations

import re
from functools import lru_cache

from duban.ledger.values import STATUSES, VERDICTS

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
    "year_goals": ("全年预期目标", "Year's goals"),
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
    "in_step": ("同步增长", " in step"),  # after the metric's name, with the space English needs
    "in_step_with": ("与{reference}同步", " in step with {reference}"),
    "target_by": ("（到{year}年）", " (by {year})"),
    "met": ("达成", "met"),
    "not_met": ("未达成", "not met"),
    "unknown": ("未知", "unknown"),
    # amounts and references
    "days": ("{n}天", "{n:day|days}"),
    "line_ref": ("第{line}行", "line {line}"),
    "line_short": ("第{line}行：", "L{line}:"),
    "count_tasks": ("共 {n} 项任务", "{n:task|tasks}"),
    "source_ref": ("{report}（整理稿 {kept} 第{line}行）", "{report} (line {line} of its clean text, {kept})"),
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
    "import_question": ("写入计划 {plan} 的 {n} 项任务？", "Write {n:task|tasks} to plan {plan}?"),
    "nothing_written": ("未写入", "nothing written"),
    "dry_run": ("试运行：未写入任何文件", "dry run: nothing written"),
    "import_written": ("{plan}：{n} 项任务，写入 {files} 个文件", "{plan}: {n:task|tasks}, {files:file|files} written"),
    "import_unchanged": ("{plan}：{n} 项任务，无变化", "{plan}: {n:task|tasks}, already up to date"),
    "import_existing": ("计划 {plan} 已在台账中，导入将按报告更新它：{counts}（状态、进展记录和核查结果保留）",
                        "plan {plan} is already in the ledger: importing updates it from the report: {counts} "
                        "(statuses, progress logs and checks are kept)"),
    "import_existing_same": ("计划 {plan} 已在台账中，与报告一致", "plan {plan} is already in the ledger, as the report has it"),
    "import_existing_question": ("更新计划 {plan}（{counts}）？", "Update plan {plan} ({counts})?"),
    "import_count_changed": ("修改 {n} 项", "{n} changed"),
    "import_count_renamed": ("{n} 项只改来源文件名（{old} → {new}）", "{n} only renamed their source ({old} → {new})"),
    "import_count_new": ("新增 {n} 项", "{n} new"),
    "import_count_same": ("{n} 项不变", "{n} unchanged"),
    "import_count_gone": ("{n} 项已不在报告中，保持原样", "{n} no longer in the report, left as they are"),
    "import_count_plan": ("计划信息和报告全文更新", "the plan's record and report text updated"),
    "import_gone": ("{task} 已不在 {report} 中；保持原样", "{task} is no longer in {report}; left as it is"),
    "import_heading": ("计划 {plan}  {org}  {start} – {end}  报告：{report}",
                       "Plan {plan}  {org}  {start} – {end}  Report: {report}"),
    "check_title": ("核查 {plan} ← {summary}", "Check {plan} ← {summary}"),
    "check_note": ("核查《{summary}》：{verdict}（{score}）", "check against {summary}: {verdict} ({score})"),
    "check_note_recorded": ("按已记录的核查《{summary}》结论（{verdict}）改变状态",
        "status set by the recorded check against {summary} ({verdict})"),
    "check_note_evidence": ("，第{line}行：{text}", ", line {line}: {text}"),
    "summary_not_chinese": ("{summary} 中几乎没有中文，看不出是一份工作总结或报告",
                            "{summary} holds almost no Chinese text: it does not read as a summary or report"),
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
    "refuse_after": ("《{summary}》回顾的是 {period}，在计划 {plan} 的期间 {plan_period} 之后：请确认它报告的是这个计划",
                     "{summary} reviews {period}, after plan {plan}'s period {plan_period}: make sure it reports on "
                     "this plan"),
    "refuse_other_org": ("《{summary}》是{orgs}的报告，计划 {plan} 属于{org}",
                         "{summary} is a report of {orgs}; plan {plan} belongs to {org}"),
    "check_refused": ("未核查计划 {plan}：总结与计划不符（确认无误可加 --force 仍然核查）",
                      "plan {plan} not checked: the summary does not fit it (add --force to check anyway)"),
    "check_chosen_plan": ("核查计划 {plan}（{period}）：未给 --plan，按工作区和总结选定",
                          "checking plan {plan} ({period}): no --plan given, chosen by the workspace and the summary"),
    "check_which_plan": ("《{summary}》可对照的计划不止一个：请用 --plan 指定（{plans}）",
                         "{summary} fits more than one plan: name one with --plan ({plans})"),
    "check_no_plan_fits": ("《{summary}》与哪个计划都不相符（原因见上）：确认无误可用 --plan 指定并加 --force（{plans}）",
                           "{summary} fits none of the plans (see why above): name one with --plan and add --force "
                           "if it is right ({plans})"),
    "check_no_plans": ("工作区中还没有计划：请先用 duban import 导入计划报告",
                       "the workspace has no plan yet: import a plan report first with duban import"),
    "check_json_cannot_ask": ("--json 只输出 JSON，无法询问：请加 --dry-run 或 --yes",
                              "--json prints only JSON, so it cannot ask: add --dry-run or --yes"),
    "check_facts": ("《{summary}》：回顾 {period}，按 {date} 的情况计", "{summary}: reviews {period}, as of {date}"),
    "check_facts_unknown": ("《{summary}》：未能从文字判断其期间和日期，以下状态变化不受日期限制",
                            "{summary}: its words give no period or date, so no status is kept for being newer"),
    "check_moves": ("将改变状态的任务（{n}）", "Statuses the check changes ({n})"),
    "check_kept": ("按规则不改状态的任务（{n}）", "Statuses the rules keep ({n})"),
    "change": ("变化", "Change"),
    "left_blocked": ("受阻的任务须由人工确认后再改状态", "a blocked task changes only when a person says so"),
    "left_target_missed": ("总结报告其数字目标未达成（{detail}），不标记为完成",
                           "the summary reports one of its figures missed ({detail}): not marked done"),
    "left_not_due": ("完成时限 {detail} 在总结一年以后，不据此标记为完成",
                     "due {detail}, more than a year after the summary: not marked done on its word"),
    "left_dropped": ("核查不恢复已取消的任务", "a check never revives a dropped task"),
    "left_set_after": ("{by}于 {date} 设定状态，晚于总结的 {summary_date}", "{by} set its status on {date}, after the "
                       "summary's {summary_date}"),
    "check_will_write": ("将写入 {n} 项任务的核查结果：改变状态 {moves} 项，其余不改（其中 {kept} 项按规则不改）",
                         "writes the check into {n:task|tasks}: {moves:status change|status changes}, the rest keep "
                         "theirs ({kept} by the rules)"),
    "check_question": ("写入计划 {plan} 的 {n} 项任务？", "Write the check into {n:task|tasks} of plan {plan}?"),
    "check_unchanged": ("台账已有这次核查的结果，无需写入", "the ledger already holds this check: nothing to write"),
    "check_written": ("已写入核查结果：{n} 项任务，改变状态 {moves} 项", "check written to {n:task|tasks}, {moves:status change|status changes}"),
    "check_text_kept": ("总结全文（依据的行号指向它）：{path}", "the summary's text (evidence lines refer to it): {path}"),
    "check_risk": ("问题", "Problem"),
    "check_risk_target": ("未达成目标", "Target missed"),
    "check_targets": ("目标完成情况", "Targets"),
    "checks_targets": ("{plan} 数值目标", "{plan}: numeric targets"),
    "workspace_created": ("已创建工作区 {root}", "created workspace {root}"),
    "workspace_exists": ("{root} 已是 duban 工作区", "{root} is already a duban workspace"),
    "validate_ok": ("检查通过：{plans} 个计划，{tasks} 项任务", "ok: {plans:plan|plans}, {tasks:task|tasks}"),
    "validate_faults": ("{root} 中有 {n} 处问题", "{n:fault|faults} in {root}"),
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
    "json_cannot_ask": ("--json 只输出 JSON，无法询问确认：请加 --dry-run 或 --yes",
                        "--json prints only JSON, so it cannot ask: add --dry-run or --yes"),
    "init_subject": ("创建工作区 {root}", "init workspace {root}"),
    "import_subject": ("导入《{report}》为计划 {plan}", "import {report} as plan {plan}"),
    "check_subject": ("核查 {plan}，对照《{summary}》", "check {plan} against {summary}"),
    "check_subject_moves": ("，改动 {n} 项状态", ", {n:status|statuses} moved"),
    "lock_task": ("任务 {task}", "task {task}"),
    "lock_git": ("git 仓库", "the git repository"),
    "lock_numbering": ("任务编号", "task numbering"),
    "setting_invalid": ("“{key}”须为{expected}", "{key!r} must be {expected}"),
    "setting_expected_organisation": ("字符串", "a string"),
    "setting_expected_lang": ("\"zh\" 或 \"en\"", "\"zh\" or \"en\""),
    "setting_expected_auto_commit": ("true 或 false", "true or false"),
    "setting_expected_due_soon_days": ("天数（0–366 的整数）", "a whole number of days (0-366)"),
    "setting_expected_owners": ("\"关键词\" = \"单位\" 的表", "a table of \"keyword\" = \"unit\""),
    "setting_expected_synonyms": ("\"改写词\" = \"原词\" 的表", "a table of \"spun\" = \"real\""),
    "setting_expected_vocabulary": ("含 words = [\"…\"] 的表", "a table with words = [\"…\"]"),
    "setting_expected_units": ("\"单位\" = [\"别名\", …] 的表", "a table of \"unit\" = [\"alias\", …]"),
    "setting_expected_orgs": ("\"单位\" = \"ASCII 后缀\" 的表", "a table of \"organisation\" = \"ascii-suffix\""),
    "setting_expected_weekly": ("含 issuer、first_week、submit_to、copy_to、signed_by、reviewed_by 的表（字符串；"
                                "first_week 形如 \"2019-W27\"；submit_to、copy_to 可为列表）",
                                "a table of issuer, first_week, submit_to, copy_to, signed_by, reviewed_by (strings; "
                                "first_week like \"2019-W27\"; submit_to and copy_to may be lists)"),
    "browser_not_found": ("DUBAN_CHROME={chosen}：找不到这个浏览器；请指向 Chromium 或 Chrome 程序",
        "DUBAN_CHROME={chosen}: no such browser; point it at a Chromium or Chrome binary"),
    "browser_missing": ("无法打印 PDF：找不到 Chromium 或 Chrome；请安装（如 `apt-get install chromium`）或设置 DUBAN_CHROME，或用 --format html 在浏览器中打印",
        "cannot print PDF: no Chromium or Chrome found; install one (e.g. `apt-get install chromium`) or set DUBAN_CHROME, or use --format html and print from a browser"),
    "pdf_timeout": ("{browser}：打印 PDF 超过 {seconds} 秒，已放弃",
        "{browser}: printing to PDF took longer than {seconds} s; gave up"),
    "program_cannot_run": ("{program}：无法运行：{reason}",
        "{program}: cannot run: {reason}"),
    "pdf_failed": ("{browser}：打印 PDF 失败（退出码 {code}）：{detail}",
        "{browser}: printing to PDF failed (exit {code}): {detail}"),
    "cannot_read": ("{path}：无法读取：{reason}",
        "{path}: cannot read: {reason}"),
    "empty_file": ("{path}：空文件",
        "{path}: empty file"),
    "no_text": ("{path}：没有可读的文字",
        "{path}: holds no readable text"),
    "old_doc": ("{path}：无法读取旧版 Word .doc 文件；请另存为 .docx",
        "{path}: old Word .doc files cannot be read; save it as .docx"),
    "rtf_file": ("{path}：无法读取 RTF 文件；请另存为 .docx",
        "{path}: RTF files cannot be read; save it as .docx"),
    "unknown_file_type": ("{path}：不支持的文件类型“{suffix}”；请用 .txt、.docx、.doc、.wps、.pdf 或 .html",
        "{path}: unknown file type {suffix!r}; use .txt, .docx, .doc, .wps, .pdf or .html"),
    "not_text_encoding": ("{path}：不是文本文件（编码不明或是二进制）",
        "{path}: not a text file (unknown encoding or binary)"),
    "bytes_replaced": ("{path}：有 {n} 个字节不是有效的 UTF-8（下载不完整？），已替换为 �",
        "{path}: {n:byte was|bytes were} not valid UTF-8 (a cut download?) and replaced with �"),
    "not_text_binary": ("{path}：不是文本文件（二进制数据）",
        "{path}: not a text file (binary data)"),
    "bad_docx": ("{path}：无法读取的 .docx（{error}）",
        "{path}: not a readable .docx ({error})"),
    "bad_pdf": ("{path}：无法读取的 .pdf（{error}）",
        "{path}: not a readable .pdf ({error})"),
    "pdf_no_text": ("{path}：PDF 没有文字层（扫描件？）；请先做 OCR",
        "{path}: the PDF has no text layer (a scan?); run OCR first"),
    "no_html_page": ("{path}：这个保存的网页里没有 HTML 页面",
        "{path}: no HTML page inside this saved web page"),
    "org_needs_suffix": ("“{org}”不是本工作区的单位（{own}）：请在 {settings} 中给它一个 ASCII 编号后缀，如 [orgs] \"{org}\" = \"abc\"",
        "organisation {org!r} is not the workspace's ({own!r}): give it an ASCII id suffix in {settings}, e.g. [orgs] \"{org}\" = \"abc\""),
    "no_plan_section": ("{report} 中没有工作计划部分；它可以用于 `duban check`",
        "no plan section found in {report}; use it with `duban check`"),
    "period_unknown": ("看不出 {report} 的计划属于哪个期间：请加 --period，如 --period 2019H2",
        "cannot tell which period the plan of {report} is for: pass --period, e.g. --period 2019H2"),
    "no_plan_items": ("{report} 的计划部分中没有找到计划事项",
        "no plan items found in the plan section of {report}"),
    "plan_other_org": ("计划 {plan} 属于“{org}”，不属于“{given}”",
        "plan {plan} belongs to {org!r}, not {given!r}"),
    "plan_other_place": ("未导入：《{report}》是{speaker}的报告，计划 {plan} 是{org}的（作为另一单位的计划导入请加 --org {speaker}）",
        "not imported: {report} is a report of {speaker}, plan {plan} is {org}'s (to import it as another "
        "organisation's plan, add --org {speaker})"),
    "unknown_status": ("无法识别的状态“{text}”：请用 {choices} 之一",
        "unknown status {text!r}: use one of {choices}"),
    "unknown_verdict": ("无法识别的结论“{text}”：请用 {choices} 之一",
        "unknown verdict {text!r}: use one of {choices}"),
    "git_missing": ("没有安装 git",
        "git is not installed"),
    "not_in_git": ("{path} 不在 git 仓库中（请运行 `git init`）",
        "{path} is not inside a git repository (run `git init`)"),
    "commit_not_in_git": ("{path} 不在 git 仓库中，无法 --commit（请运行 `git init`）",
        "{path} is not inside a git repository: cannot --commit (run `git init`)"),
    "git_failed": ("git {what} 失败：{detail}",
        "git {what} failed: {detail}"),
    "git_index_locked": ("git 索引被锁定（{lock}）：另一个 git 正在运行，或曾中途退出；确认没有 git 在运行后删除该文件",
        "git's index is locked ({lock}): another git is running, or one was interrupted; when none runs, delete "
        "that file"),
    "git_unfinished": ("{top} 中有未完成的 git {what}：请先完成（git commit）或放弃（git {what} --abort）",
        "an unfinished git {what} in {top}: finish it (git commit) or abort it (git {what} --abort) first"),
    "git_uncommitted": ("{files} 有尚未提交的修改，若提交会算在 duban 名下：请先提交（git commit {files}），或不加 --commit",
        "{files} has changes not yet committed that would go in under duban's message: commit them first "
        "(git commit {files}), or run without --commit"),
    "not_written_because": ("未写入任何文件：{reason}", "nothing written: {reason}"),
    "saved_not_committed": ("{files} 已保存，但未提交：{reason}。请勿重复执行；解决后提交：git commit {files}",
        "{files} saved but not committed: {reason}. Do not run the command again; once fixed, commit them: "
        "git commit {files}"),
    "plan_id_folder": ("计划编号“{plan}”与所在文件夹“{folder}”不符",
        "plan id {plan!r} does not match its folder {folder!r}"),
    "duplicate_id": ("编号“{task}”重复：{other} 中也有",
        "duplicate id {task!r}: also in {other}"),
    "id_file": ("编号“{task}”与文件 {file} 不符",
        "id {task!r} does not match its file {file}"),
    "git_unmerged": ("git 合并尚未解决（{state}：{how}）：解决后用 git add 或 git rm 标记",
        "not resolved in git's merge ({state}: {how}): resolve it, then git add or git rm it"),
    "unmerged_UD": ("本方修改，对方删除", "changed here, deleted in the branch merged"),
    "unmerged_DU": ("本方删除，对方修改", "deleted here, changed in the branch merged"),
    "unmerged_DD": ("双方都删除", "deleted on both sides"),
    "unmerged_UU": ("双方都修改", "changed on both sides"),
    "unmerged_AA": ("双方都新增", "added on both sides"),
    "unmerged_AU": ("本方新增", "added here"),
    "unmerged_UA": ("对方新增", "added in the branch merged"),
    "merge_leftover": ("合并留下的文件：请删除",
        "left over from a merge: remove it"),
    "write_leftover": ("被中断的写入留下的临时文件：请删除（duban 十分钟后在此写入时也会删除）",
        "the temp file of a write that was interrupted: remove it (duban does, when it writes here ten minutes on)"),
    "conflict_marker": ("git 冲突标记：请解决合并冲突并删除它",
        "git conflict marker: resolve the merge and remove it"),
    "missing_key": ("缺少必需的键“{key}”",
        "missing required key {key!r}"),
    "must_be_text": ("“{key}”须为非空字符串",
        "{key!r} must be a non-empty string"),
    "bad_task_id_form": ("编号“{id}”不是 计划-序号 的形式（如 2019H2-03）",
        "id {id!r} is not PLAN-NN (e.g. 2019H2-03)"),
    "must_be_string": ("“{key}”须为字符串",
        "{key!r} must be a string"),
    "must_be_list": ("“{key}”须为字符串列表",
        "{key!r} must be a list of strings"),
    "must_be_date": ("“{key}”须为日期，如 2019-12-31",
        "{key!r} must be a date like 2019-12-31"),
    "source_table": ("“source”须为表 {{ report, line }}",
        "'source' must be a table {{ report, line }}"),
    "source_line": ("“source.line”须为整数",
        "'source.line' must be an integer"),
    "targets_list": ("“targets”须为 {{ metric, comparator, value, unit }} 的列表",
        "'targets' must be a list of {{ metric, comparator, value, unit }}"),
    "target_metric": ("第 {n} 个目标：“metric”须为非空字符串",
        "target {n}: 'metric' must be a non-empty string"),
    "target_comparator": ("第 {n} 个目标：“comparator”须为 {choices} 之一",
        "target {n}: 'comparator' must be one of {choices}"),
    "target_value": ("第 {n} 个目标：“value”须为数字",
        "target {n}: 'value' must be a number"),
    "target_unit": ("第 {n} 个目标：“unit”须为字符串",
        "target {n}: 'unit' must be a string"),
    "progress_entries": ("“progress”须为 [[progress]] 条目",
        "'progress' must be [[progress]] entries"),
    "progress_date": ("进展记录：“date”须为日期",
        "progress entry: 'date' must be a date"),
    "progress_status": ("进展记录：缺少“status”",
        "progress entry: missing 'status'"),
    "progress_string": ("进展记录：“{key}”须为字符串",
        "progress entry: {key!r} must be a string"),
    "check_table": ("“check”须为表",
        "'check' must be a table"),
    "check_score": ("核查：“score”须为数字",
        "check: 'score' must be a number"),
    "check_evidence": ("核查：“evidence”须为字符串列表",
        "check: 'evidence' must be a list of strings"),
    "missing_or_empty": ("“{key}”缺失或为空",
        "missing or empty {key!r}"),
    "not_toml": ("不是有效的 TOML：{reason}",
        "not valid TOML: {reason}"),
    # why a file is not valid TOML (ledger/tomlfile.py's table of tomllib's reasons): English keeps tomllib's words
    "toml_duplicate": ("同一个键或表写了两次（一个表中每个键只能有一个）", "{raw}"),
    "toml_bad_date": ("日期无效（请写成存在的日期 YYYY-MM-DD，如 2019-12-31）", "{raw}"),
    "toml_no_such_date": ("日期 {value} 无效（请写成存在的日期 YYYY-MM-DD，如 2019-12-31）",
                          "{value} is not a valid date (write YYYY-MM-DD, e.g. 2019-12-31)"),
    "toml_after_value": ("值后面还有多余的内容（一行只写一个 键 = 值，文字须加双引号）", "{raw}"),
    "toml_unclosed_string": ("字符串缺少结尾的引号", "{raw}"),
    "toml_bad_value": ("值无效（文字须加双引号，如 owner = \"疾控中心\"；日期写成 2019-12-31）", "{raw}"),
    "toml_bad_statement": ("无法识别的一行（应为 键 = 值、[表] 或以 # 开头的注释；含中文的键须加双引号）", "{raw}"),
    "toml_no_equals": ("键后面缺少“=”", "{raw}"),
    "toml_unclosed_array": ("列表缺少结尾的“]”", "{raw}"),
    "toml_unclosed_inline_table": ("内联表缺少结尾的“}}”（内联表须写在一行内）", "{raw}"),
    "toml_unclosed_header": ("表头缺少结尾的“]”", "{raw}"),
    "toml_backslash": ("字符串中的反斜杠须写成 \\\\（或改用单引号字符串）", "{raw}"),
    "cannot_read_file": ("无法读取：{reason}",
        "cannot read: {reason}"),
    "utf8_bom": ("文件开头有字节顺序标记（BOM），TOML 不允许：请另存为不带 BOM 的 UTF-8",
        "the file starts with a byte-order mark (BOM), which TOML does not allow: save it as UTF-8 without BOM"),
    "not_utf8": ("不是 UTF-8 文本",
        "not UTF-8 text"),
    "not_regular_fifo": ("是命名管道（FIFO），不是普通文件：duban 只读取普通文件",
        "a FIFO, not a regular file: duban reads regular files only"),
    "not_regular_folder": ("是文件夹，不是普通文件",
        "a folder, not a regular file"),
    "not_regular_device": ("是设备，不是普通文件：duban 只读取普通文件",
        "a device, not a regular file: duban reads regular files only"),
    "not_regular_other": ("不是普通文件（套接字或其他特殊文件）：duban 只读取普通文件",
        "not a regular file (a socket or other special file): duban reads regular files only"),
    "input_too_large": ("{size} MB，超过输入上限 {limit} MB（可用环境变量 {env} 调整上限，单位 MB）",
        "{size} MB, over the input limit of {limit} MB (set {env}, in MB, to change the limit)"),
    "input_too_large_unpacked": ("解压后共 {size} MB（最大的部件 {part}），超过输入上限 {limit} MB（可用环境变量 {env} 调整上限，单位 MB）",
        "{size} MB when unpacked (largest part {part}), over the input limit of {limit} MB (set {env}, in MB, to change the limit)"),
    "zip_too_many_parts": ("压缩包中的部件超过 {limit} 个，不是办公文档",
        "more than {limit} parts in the zip: not an office file"),
    "zip_damaged": ("文件已损坏：部件 {part} 无法解压（{error}）",
        "damaged: part {part} does not unpack ({error})"),
    "symlink_outside": ("是指向工作区之外（{target}）的符号链接：duban 不跟随它，请删除它或换成真实的文件、文件夹",
        "a symlink out of the workspace (to {target}): duban does not follow it; remove it or put a real file or folder there"),
    "cache_not_folder": ("不是文件夹（是符号链接或文件）：duban 不使用它；请删除它，duban 会重建",
        "not a folder (a symlink or a file): duban does not use it; remove it and duban makes it again"),
    "arg_not_utf8": ("{name} 的值不是有效的 UTF-8 文本（终端或脚本用了别的编码？）",
        "the value of {name} is not valid UTF-8 text (is the terminal or script in another encoding?)"),
    "bad_input_limit": ("环境变量 {name}=“{value}” 不是正数（单位 MB）",
        "{name}={value!r} is not a positive number of megabytes"),
    "not_workspace": ("{root} 不是 duban 工作区（没有 duban.toml）；请运行 `duban init {root}`",
        "{root}: not a duban workspace (no duban.toml); run `duban init {root}`"),
    "no_workspace": ("这里没有 duban 工作区：请运行 `duban init`，或用 --plans DIR 指定，或设置 DUBAN_PLANS",
        "no duban workspace here: run `duban init`, or pass --plans DIR or set DUBAN_PLANS"),
    "cannot_read_workspace": ("无法读取工作区：{reason}",
        "cannot read workspace: {reason}"),
    "unknown_plan": ("没有计划 {plan}：找不到 {path}",
        "unknown plan {plan!r}: no {path}"),
    "unknown_plan_among": ("没有计划 {plan}：找不到 {path}；现有计划：{known}",
        "unknown plan {plan!r}: no {path}; the plans are {known}"),
    "holds_other_id": ("文件中的编号是“{held}”，不是“{task}”",
        "holds id {held!r}, not {task!r}"),
    "busy": ("{what} 正被另一个 duban 修改，已等待 {seconds} 秒（锁 {lock}）；请稍后再试",
        "{what} is still being changed by another duban after {seconds} s (lock {lock}); try again"),
    "bad_task_id": ("没有任务“{text}”：编号形如 {example}",
        "unknown task {text!r}: ids look like {example}"),
    "bad_plan_id": ("无法识别的计划编号“{text}”：计划编号形如 2019H2 或 2018-gwr",
        "bad plan id {text!r}: plan ids look like 2019H2 or 2018-gwr"),
    "unknown_owner_near": ("没有“{owner}”这个单位：是否指 {nearest}？新单位请加 --new-owner",
                           "no unit {owner!r}: did you mean {nearest}? For a new unit add --new-owner"),
    "unknown_owner": ("没有“{owner}”这个单位（已知：{known}）；新单位请加 --new-owner",
                      "no unit {owner!r} (known: {known}); for a new unit add --new-owner"),
    "filter_unknown_owner_near": ("没有“{owner}”这个单位：是否指 {nearest}？",
                                  "no unit {owner!r}: did you mean {nearest}?"),
    "filter_unknown_owner": ("没有“{owner}”这个单位（已知：{known}）", "no unit {owner!r} (known: {known})"),
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
    "import_changed_meanwhile": ("计划 {plan} 在预览后增删了任务，未写入：请重新导入",
                                 "plan {plan} gained or lost tasks after the preview; nothing written: import again"),
    "unknown_task_file": ("没有任务 {task}：找不到 {path}", "unknown task {task!r}: no {path}"),
    "unknown_task_near": ("没有任务 {task}：找不到 {path}；是否指 {nearest}？",
                          "unknown task {task!r}: no {path}; did you mean {nearest}?"),
    "unknown_task_range": ("没有任务 {task}：计划 {plan} 的任务是 {first} 至 {last}",
                           "unknown task {task!r}: plan {plan}'s tasks are {first} to {last}"),
    "rm_needs_yes": ("删除 {task} 的文件须加 --yes 确认（只是不再办理的任务请用 duban cancel）",
                     "deleting {task}'s file needs --yes (to drop a task and keep it, use duban cancel)"),
    "undo_needs_git": ("{root} 不在 git 仓库中，无法撤销", "{root} is not in a git repository: nothing to undo"),
    "undo_nothing": ("{root} 中没有 duban 的提交可撤销", "no commit of duban's to undo in {root}"),
    "undo_dirty": ("有未提交的修改，未撤销：{files}。undo 只撤销 duban 已提交的修改；要放弃这些修改：git checkout HEAD -- "
                   "{files}；要保留：git commit {files}",
                   "not undone: uncommitted changes in {files}. undo reverts duban's commits only; to discard the "
                   "changes: git checkout HEAD -- {files}; to keep them: git commit {files}"),
    "undo_twice": ("duban 的最近一次提交 {commit} 已是撤销（{subject}），未再撤销：undo 只撤销 duban 的最近一次提交；"
                   "要恢复被撤销的修改，请重新执行原来的命令",
                   "not undone: duban's last commit {commit} is already an undo ({subject}); undo reverts duban's "
                   "last commit only: to have the change back, run its command again"),
    "undo_changed_since": ("“{subject}”之后这些文件又有提交，未撤销", "not undone: the files of {subject!r} were "
                                                                "changed by later commits"),
    "file_fault": ("{path}: {reason}", "{path}: {reason}"),  # file:line: as compilers say it, for editors
    "file_fault_at": ("{path}:{line}: {reason}", "{path}:{line}: {reason}"),
    "bad_period": ("无法识别的期间“{text}”：请用 2019、2019H1、2019H2、2019Q3 或 2019M04",
                   "bad period {text!r}: use 2019, 2019H1, 2019H2, 2019Q3 or 2019M04"),
    "bad_iso_date": ("无法识别的 {what}“{text}”：请用 YYYY-MM-DD", "bad {what} {text!r}: use YYYY-MM-DD"),
    "no_such_week": ("{year} 年没有第 {week} 周：它有 {last} 周", "{year} has no week {week}: it has {last}"),
    "bad_week": ("无法识别的周“{text}”：请用 YYYY-Www，如 2019-W36", "bad week {text!r}: use YYYY-Www, e.g. 2019-W36"),
    "bad_date": ("无法识别的日期“{text}”：请用 YYYY-MM-DD，或 年底、6月底前、三季度末、下周五 等说法",
                 "bad date {text!r}: use YYYY-MM-DD or a phrase such as 年底, 6月底前, 三季度末, 下周五"),
    "due_past": ("“{text}”是 {due}，已经过去：新的完成时限不能早于今天（{today}）；是否指 {later}？",
                 "{text!r} is {due}, which has passed: a new deadline cannot be before today ({today}); "
                 "did you mean {later}?"),
    "due_past_bare": ("“{text}”是 {due}，已经过去：新的完成时限不能早于今天（{today}）",
                      "{text!r} is {due}, which has passed: a new deadline cannot be before today ({today})"),
    "due_which_festival": ("“{text}”是哪个节日前？请写明，如 春节前（{spring}）或 国庆节前（{national}）",
                           "{text!r}: before which festival? Say 春节前 ({spring}) or 国庆节前 ({national})"),
    # --help: each command's description (cmd_NAME) and each option's (opt_…), resolved when help is shown
    "opt_json": ("只在标准输出打印 JSON。",
        "Print only JSON on stdout."),
    "opt_commit": ("把改动的文件提交到 git（duban.toml 中 auto_commit = true 时总是提交）。",
        "Commit the changed files to git (always, with auto_commit = true in duban.toml)."),
    "opt_new_owner": ("接受 [units] 中没有的单位（新单位）。",
        "Accept an owner that is not a known unit of [units] (a new unit)."),
    "opt_by": ("记录人（默认：$DUBAN_USER，其次 git 的 user.name，再次登录名）。",
        "Who records it (default: $DUBAN_USER, else git's user.name, else the login name)."),
    "opt_plans": ("工作区文件夹（默认：$DUBAN_PLANS，其次最近的 plans/）。",
        "Workspace folder (default: $DUBAN_PLANS, else the nearest plans/)."),
    "opt_today": ("指定“今天”的日期，使输出可重现（或 $DUBAN_TODAY）。",
        "Fix today's date for reproducible output (or $DUBAN_TODAY)."),
    "opt_lang": ("界面语言：zh（默认）或 en。",
        "Interface language: zh (default) or en."),
    "opt_init_org": ("写入 duban.toml 的单位名称。",
        "Organisation name written into duban.toml."),
    "opt_list_status": ("只列此状态（todo、in_progress、done、blocked、dropped 或 未开始、推进中 …）；可重复。",
        "Only this status (todo, in_progress, done, blocked, dropped or 未开始, 推进中 …); repeatable."),
    "opt_list_owner": ("只列此单位牵头或配合的任务。",
        "Only tasks this unit leads or supports."),
    "opt_list_plan": ("只列此计划（如 2019H2）。",
        "Only this plan (e.g. 2019H2)."),
    "opt_list_overdue": ("只列逾期任务。",
        "Only late tasks."),
    "opt_list_due_within": ("只列 DAYS 天内到期、尚未逾期的未完成任务。",
        "Only open tasks due within DAYS."),
    "opt_list_grep": ("只列编号、标题、内容、责任单位或分类中含 TEXT 的任务。",
        "Only tasks whose id, title, detail, owner or category hold TEXT."),
    "opt_update_status": ("新状态（英文或中文名）。",
        "New status (English or Chinese name)."),
    "opt_update_owner": ("新的牵头单位。",
        "New lead unit."),
    "opt_update_due": ("新的完成时限：2019-10-31、年底、6月底前、三季度末、下周五 …",
        "New deadline: 2019-10-31, 年底, 6月底前, 三季度末 …"),
    "opt_update_note": ("进展说明。",
        "What was done."),
    "opt_update_title": ("新标题。",
        "New title."),
    "opt_update_detail": ("新的内容。",
        "New detail."),
    "opt_update_category": ("新的分类。",
        "New category."),
    "opt_update_co_owner": ("配合单位；可重复；替换原列表（--co-owner '' 清空）。",
        "Supporting unit; repeatable; replaces the list (--co-owner '' empties it)."),
    "opt_update_target": ("量化目标“指标 ≥ 值 单位”；可重复；替换原列表。",
        "Numeric target '指标 ≥ 值 单位'; repeatable; replaces the list."),
    "opt_add_owner": ("牵头单位（默认：本单位）。",
        "Lead unit (default: the organisation)."),
    "opt_add_co_owner": ("配合单位；可重复。",
        "Supporting unit; repeatable."),
    "opt_add_due": ("完成时限：2019-12-31、年底、下周五 …（默认：计划期末）。",
        "Deadline: 2019-12-31, 年底, 下周五 … (default: the plan's end)."),
    "opt_add_plan": ("所属计划（默认：本半年的交办计划，如 2019H2-jb）。",
        "The plan (default: the 交办 plan of this half-year, e.g. 2019H2-jb)."),
    "opt_add_category": ("分类，如 局长办公会交办。",
        "Category, e.g. 局长办公会交办."),
    "opt_add_detail": ("任务内容。",
        "What the task asks for."),
    "opt_add_target": ("量化目标“指标 ≥ 值 单位”；可重复。",
        "Numeric target '指标 ≥ 值 单位'; repeatable."),
    "opt_cancel_note": ("取消的理由（记入进展记录）。",
        "Why the task is dropped (kept in its log)."),
    "opt_rm_yes": ("确认删除文件（git 历史中仍保留）。",
        "Really delete the file (its history stays in git)."),
    "opt_overdue_owner": ("只列此单位的逾期任务。",
        "Only this unit's late tasks."),
    "opt_overdue_fail": ("有逾期任务时以退出码 1 结束（供脚本和 CI 使用）。",
        "Exit 1 when anything is late (for scripts and CI)."),
    "opt_import_period": ("计划期间：2019、2019H2、2019Q3、2019M04（默认：从报告中识别）。",
        "The plan's period: 2019, 2019H2, 2019Q3, 2019M04 (default: from the report)."),
    "opt_import_org": ("计划所属单位（默认：本工作区的单位）。",
        "The organisation whose plan it is (default: the workspace's)."),
    "opt_import_owner": ("未写明牵头单位的事项归属的单位（默认：本单位）。",
        "Lead unit of items that name none (default: the organisation)."),
    "opt_import_dry_run": ("只显示将导入的内容，不写入。",
        "Show what would be imported; write nothing."),
    "opt_yes": ("不询问，直接写入。",
        "Write without asking."),
    "opt_check_plan": ("要核查的计划（如 2019H2；默认：工作区唯一的计划，或总结所对应的那一个）。",
        "The plan to check (e.g. 2019H2; default: the workspace's only plan, or the one the summary fits)."),
    "opt_check_apply": ("把每项结论和依据写入任务的 [check] 表并记入进展（先预览）。",
        "Write each verdict and its evidence into the task's [check] table and log it (after a preview)."),
    "opt_check_mark_done": ("并把总结显示已完成的未完成任务标为已完成（含 --apply；不改受阻、已取消的任务，也不改在总结日期之后由人设定状态的任务）。",
        "Also mark done the open tasks the summary shows as done (implies --apply; never a blocked or dropped task, "
        "nor one whose status a person set after the summary's date)."),
    "opt_check_mark_progress": ("并把总结显示正在推进的未开始任务改为推进中（含 --apply）。",
        "Also move to in_progress the todo tasks the summary shows under way (implies --apply)."),
    "opt_check_dry_run": ("只显示 --apply 会写入什么，不写入。", "Show what --apply would write; write nothing."),
    "opt_check_force": ("即使总结与计划不符（计划自己的来源报告、其他期间或单位）也照样核查。",
        "Check even a summary that does not fit the plan (its own source report, another period or organisation)."),
    "opt_weekly_week": ("ISO 周，如 2019-W36（默认：--today 所在的周）。",
        "ISO week, e.g. 2019-W36 (default: the week of --today)."),
    "opt_weekly_format": ("输出格式（默认：按 -o 的后缀，否则 text）。",
        "Output format (default: from -o's suffix, else text)."),
    "opt_weekly_output": ("写入 FILE（默认：标准输出；PDF：weekly-YYYY-Www.pdf）。",
        "Write to FILE (default: stdout; PDF: weekly-YYYY-Www.pdf)."),
    "opt_weekly_lang": ("报告语言（优先于全局 --lang）。",
        "Label language (overrides the global --lang)."),
    "cmd_duban": ("督办：跟踪政府工作报告中的计划事项，直到逐项办结。",
        "duban (督办): track the plan items of government reports until each is done."),
    "cmd_init": ("创建工作区（默认：./plans）。",
        "Create a workspace (default: ./plans)."),
    "opt_weekly_owner": ("只含此单位牵头或配合的任务。", "Only tasks this unit leads or supports."),
    "opt_weekly_plan": ("只含此计划（如 2019H2）。", "Only this plan (e.g. 2019H2)."),
    "opt_weekly_org": ("只含此单位的计划。", "Only the plans of this organisation."),
    "opt_weekly_by_owner": ("每个牵头单位一份（打印时各自另起一页）。",
        "One sheet per lead unit (each on a new page when printed)."),
    "opt_weekly_issue": ("本期期号（默认：从 duban.toml 的 [weekly] first_week 起算）。",
        "期号 of this issue (default: counted from [weekly] first_week in duban.toml)."),
    "opt_export_format": ("xlsx（默认，或按 -o 的后缀）或 csv（UTF-8 带 BOM，Excel 可直接打开）。",
        "xlsx (default, or from -o's suffix) or csv (UTF-8 with BOM, for Excel)."),
    "opt_export_output": ("写入文件（默认：工作台账-日期.xlsx；CSV 可用 - 输出到标准输出）。",
        "Write to FILE (default: 工作台账-DATE.xlsx; `-` for CSV on stdout)."),
    "opt_export_by_plan": ("每个计划一张工作表（仅 xlsx）。", "One sheet per plan (xlsx only)."),
    "export_by_plan_csv": ("--by-plan 每个计划一张表，CSV 文件只有一张；请用 --format xlsx",
        "--by-plan makes one sheet per plan: a CSV file has only one; use --format xlsx"),
    "export_unknown_suffix": ("从文件名 {name} 看不出格式：请以 .xlsx 或 .csv 结尾，或加 --format xlsx|csv",
        "the file name {name} says no format: end it in .xlsx or .csv, or add --format xlsx|csv"),
    "export_stdout_xlsx": ("-o - 输出到标准输出，只能用于 CSV；.xlsx 请给出文件名",
        "-o - writes to stdout, which only CSV can go to; give a file name for .xlsx"),
    "weekly_json_with_format": ("--json 以 JSON 输出到标准输出：请去掉 --format 和 -o",
        "--json prints the report as JSON on stdout: drop --format and -o"),
    "weekly_no_lead_unit": ("--by-owner：范围内没有任务写明牵头单位", "--by-owner: no task in this scope names a lead unit"),
    "weekly_unknown_org": ("没有单位“{org}”的计划：现有计划的单位是 {known}",
        "no plan of organisation {org!r}: the plans name {known}"),
    "weekly_unknown_owner": ("范围内没有“{owner}”牵头或配合的任务：牵头单位有 {known}",
        "no task in scope is led or supported by {owner!r}: lead units are {known}"),
    "cmd_export": ("台账导出为办公表格（Excel .xlsx 或 .csv），可按 list 的条件筛选。",
        "The ledger, or the tasks that match the filters, as an office sheet (Excel .xlsx or .csv)."),
    "not_a_table_file": ("{path}：不是表格文件；请用 .xlsx、.xls、.ods、.csv 或 .docx",
        "{path}: not a table file; use .xlsx, .xls, .ods, .csv or .docx"),
    "bad_spreadsheet": ("{path}：无法读取的表格（{error}）", "{path}: not a readable spreadsheet ({error})"),
    "sheet_too_large": ("{path}：工作表“{sheet}”有 {rows} 行 {columns} 列，作为任务表太大（至多 {max_rows} 行、{max_columns} 列）",
        "{path}: sheet {sheet!r} has {rows:row|rows} and {columns:column|columns}: too large for a task table (at most "
        "{max_rows:row|rows}, {max_columns:column|columns})"),
    "table_too_many_rows": ("{path}：超过 {max_rows} 行，作为任务表太大", "{path}: more than {max_rows:row|rows}: too large for a task table"),
    "no_task_table": ("{name}：没有找到任务表：没有写明 工作任务（或 重点任务、任务内容）和 牵头单位 或 完成时限 的表头行",
        "{name}: no task table found: no header row naming 工作任务 (or 重点任务, 任务内容) and 牵头单位 or 完成时限 columns"),
    "table_period_unknown": ("看不出 {report} 中的任务属于哪个期间：请加 --period，如 --period 2019H2",
        "cannot tell which period the tasks of {report} are for: pass --period, e.g. --period 2019H2"),
    "table_no_rows": ("{report}：任务表中没有任务行", "{report}: the task table has no task rows"),
    "sheet_unknown_owner": ("{name}，第 {line} 行（{id}）：{reason}", "{name}, line {line} ({id}): {reason}"),
    "sheet_row_not_a_task": ("{name}，第 {line} 行：{id} 不是本工作区的任务，未导入",
        "{name}, row of line {line}: {id} is no task of this workspace; not imported"),
    "not_a_word_document": ("{path}：不是 Word 文档（没有 WordDocument 流）；请另存为 .docx",
        "{path}: not a Word document (no WordDocument stream); save it as .docx"),
    "word_needs_converter": ("{path}：旧版 Word {suffix} 文件需要转换程序：请安装 LibreOffice（apt-get install "
                             "libreoffice-writer-nogui）、antiword 或 catdoc，或另存为 .docx",
        "{path}: old Word {suffix} files need a converter: install LibreOffice (apt-get install "
        "libreoffice-writer-nogui), antiword or catdoc, or save it as .docx"),
    "word_converters_failed": ("{path}：{tried} 都无法读取；请另存为 .docx", "{path}: {tried} could not read it; save it as .docx"),
    "update_plan_subject": ("按《{report}》更新计划 {plan}", "update plan {plan} from {report}"),
    "cmd_list": ("台账：全部任务，或符合条件的任务。",
        "The ledger: every task, or those that match the filters."),
    "cmd_show": ("一项任务：目标、进展记录和最近一次核查。",
        "One task with its targets, progress log and last check."),
    "cmd_update": ("修改任务，并在进展记录中记下改了什么。",
        "Change a task and append an entry to its progress log."),
    "cmd_add": ("手工添加任务（如局长办公会交办事项）。",
        "Add a task by hand (e.g. one assigned at a meeting, 交办)."),
    "cmd_edit": ("在 $VISUAL 或 $EDITOR 中编辑任务文件；只有有效时才保存。",
        "Open the task file in $VISUAL or $EDITOR; it is saved only when it is valid."),
    "cmd_cancel": ("取消任务（状态改为已取消），理由记入进展记录。",
        "Drop a task (status dropped), keeping the reason in its log."),
    "cmd_rm": ("删除任务文件；cancel 保留任务并说明理由，通常更合适。",
        "Delete a task's file; `cancel` keeps the task and says why, which is usually what you want."),
    "cmd_undo": ("撤销 duban 在工作区 git 仓库中的最近一次提交，并提交说明。",
        "Revert duban's last commit in the workspace's git repository, with a commit that says so."),
    "cmd_overdue": ("逾期任务，按责任单位，逾期最久的在前。",
        "Late tasks by owner, most days late first."),
    "cmd_validate": ("检查工作区的每个文件（含 duban.toml）；有问题时列出文件和行号并以退出码 1 结束。",
        "Check every file of the workspace (duban.toml too); exit 1 naming the file and line of each fault."),
    "cmd_import": ("把报告中的计划事项导入为任务文件（先预览）。",
        "Turn the plan items of reports into task files, after a preview."),
    "cmd_check": ("对照后一份总结，看计划事项哪些已完成、推进中或有风险，并给出依据原文。",
        "Which plan items a later summary reports as done, in progress or at risk, with the sentences that show it."),
    "cmd_weekly": ("督办周报，供周一例会使用。",
        "The weekly status report (督办周报) for the Monday meeting."),
    "cmd_owners": ("已知单位（duban.toml 的 [units] 及别名）及其未完成、逾期任务数。",
        "The known units ([units] of duban.toml, with their aliases) and how many of their tasks are open and late."),
    "cmd_log": ("任务的 git 历史：谁在何时改了什么。",
        "A task's history from git: who changed what, and when."),
    "opt_sort": ("排序：id（默认）、due（完成时限）、owner（责任单位）、status（状态）、late（逾期最久在前）",
        "Sort by: id (default), due, owner, status, late (most days late first)"),
    "opt_list_reverse": ("倒序排列。", "Reverse the order."),
    "opt_help": ("显示本帮助并退出。",
        "Show this message and exit."),
    "opt_version": ("显示版本并退出。",
        "Show the version and exit."),
    "click_no_option": ("没有选项 {option}", "no such option {option}"),
    "click_did_you_mean": ("，是否指 {names}？", "; did you mean {names}?"),
    "click_missing": ("缺少 {name}", "missing {name}"),
    "click_not_a_choice": ("{name} 的值“{value}”无效：请用 {choices} 之一", "{name}: {value!r} is not one of {choices}"),
    "click_not_in_range": ("{name} 须为不小于 {low} 的整数", "{name} must be a whole number of at least {low}"),
    "required_mark": ("[必填]", "[required]"),
    "enum_sep": ("、", ", "),
    "click_bad_value": ("{name} 的值无效：{detail}", "invalid value for {name}: {detail}"),
    "click_no_command": ("没有命令“{command}”", "no such command {command!r}"),
    "click_extra": ("多余的参数：{args}", "unexpected extra argument(s): {args}"),
    "click_needs_value": ("选项 {option} 需要一个值", "option {option} needs a value"),
    "click_see_help": ("（用法见 {command} --help）", " (see {command} --help)"),
    "usage_prefix": ("用法：",
        "Usage: "),
    "options_heading": ("选项：",
        "Options:"),
    "commands_heading": ("命令：",
        "Commands:"),
    # the weekly report
    "weekly_title": ("督办周报", "Weekly Status Report"),
    "issue_no": ("第{n}期", "No. {n}"),
    "headline": ("{title}　{issue}", "{title}, {issue}"),
    "long_date": ("{year}年{month}月{day}日", "{year}-{month:02d}-{day:02d}"),
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
                 "其中状态变化 {changes} 条，{moved}。",
                 "{total:task|tasks}: {done} done, {in_progress} in progress, {todo} to do, {blocked} blocked, "
                 "{dropped} dropped; {overdue} overdue, {due_soon} due within two weeks. This week: "
                 "{entries:progress entry|progress entries}, {changes:status change|status changes}, {moved}."),
    "overview_later": ("延期 {n} 项", "{n:deadline moved|deadlines moved}"),
    "overview_moves": ("调整完成时限 {n} 项（延期 {later} 项，提前 {earlier} 项）",
                       "{n:deadline moved|deadlines moved} ({later} later, {earlier} earlier)"),
    "total": ("全部事项", "All tasks"),
    "open": ("未完成", "Open"),
    "done": ("已完成", "Done"),
    "in_progress": ("推进中", "In progress"),
    "blocked": ("受阻", "Blocked"),
    "dropped": ("已取消", "Dropped"),
    "due_soon": ("两周内到期", "Due in 14 days"),
    "moved": ("本周进展", "This week"),
    "moved_summary": ("{entries} 条进展记录，其中状态变化 {changes} 条", "{entries:progress entry|progress entries}, {changes:status change|status changes}"),
    "moved_none": ("本周无进展记录。", "No progress recorded this week."),
    "due_changes": ("时限调整", "Deadlines moved"),
    "due_changes_summary": ("本周调整完成时限 {n} 项", "{n:deadline|deadlines} moved this week"),
    "due_changes_none": ("本周无时限调整。", "No deadline moved this week."),
    "due_move": ("调整", "Moved"),
    "due_later_mark": ("延期{days}", "{days} later"),
    "due_earlier_mark": ("提前{days}", "{days} earlier"),
    "due_set_mark": ("新定", "first set"),
    "old_due": ("原时限", "Was due"),
    "new_due": ("新时限", "Now due"),
    "reason": ("说明", "Why"),
    "left": ("剩余", "Left"),
    "late": ("逾期事项", "Overdue"),
    "late_summary": ("{n} 项，按逾期天数排列", "{n:task|tasks}, most days late first"),
    "late_none": ("无逾期事项。", "Nothing is overdue."),
    "soon": ("近两周到期", "Due in the next two weeks"),
    "soon_summary": ("{n} 项，{today} 至 {horizon}", "{n:task|tasks}, {today} to {horizon}"),
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
                "Left out, as unreadable: {n:task file|task files} (run duban validate to see why)."),
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
    "exported": ("已导出 {n} 项任务：{path}", "exported {n:task|tasks}: {path}"),
    "last_note_new": ("新进展", "new note"),
    "import_changes": ("表中与台账不同之处（{n} 项任务）：", "What the sheet changes ({n:task|tasks}):"),
    "import_no_changes": ("表中内容与台账一致，无需更新", "the sheet matches the ledger: nothing to update"),
    "import_update_question": ("按表更新计划 {plan} 的 {n} 项任务？", "Update {n:task|tasks} of plan {plan} from the sheet?"),
    # sharing through git: duban sync, git-setup and the merge driver (merge-file)
    "cmd_sync": ("同步台账：提交工作区的改动，取回他人的改动（任务文件由 duban 逐项合并），再推送。",
        "Share the ledger: commit the workspace's changes, pull the others' (task files merged key by key), push."),
    "cmd_git-setup": ("在这个克隆中注册 duban 的合并程序（.gitattributes 和 git config）；克隆后运行一次。",
        "Register duban's merge driver in this clone (.gitattributes and git config); run it once after cloning."),
    "cmd_merge-file": ("git 的合并程序：按键合并文件的三个版本，结果写入 A（由 git 调用：duban merge-file %O %A %B %P）。",
        "git's merge driver: merges three versions of a file key by key into A (git runs it: "
        "duban merge-file %O %A %B %P)."),
    "sync_up_to_date": ("已是最新：与 {upstream} 一致", "up to date with {upstream}"),
    "sync_done": ("已与 {upstream} 同步：{parts}", "synced with {upstream}: {parts}"),
    "sync_committed": ("提交本地改动 {n} 个文件", "committed {n:local file|local files}"),
    "sync_received": ("收到 {n} 项任务的改动", "received changes to {n:task|tasks}"),
    "sync_received_merged": ("收到 {n} 项任务的改动（其中 {merged} 项两边都改过，已逐项合并：{tasks}）",
        "received changes to {n:task|tasks} ({merged} changed here too, merged key by key: {tasks})"),
    "sync_received_files": ("收到其他文件的改动 {n} 个", "received changes to {n:other file|other files}"),
    "sync_pushed": ("推送 {n} 个提交", "pushed {n:commit|commits}"),
    "sync_unfinished": ("合并未完成：{what}；改好后再运行 duban sync（放弃这次合并：git merge --abort）",
        "merge unfinished: {what}; then run duban sync again (to give up the merge: git merge --abort)"),
    "sync_conflict": ("{items} 两边改得不同，冲突标记已留在文件中，运行 duban validate 查看行号",
        "{items} changed differently on both sides, with conflict markers left in the files: duban validate names "
        "the lines"),
    "sync_to_decide": ("{items} 一边删除了、一边修改了（或不是 TOML 文件），请用 git add 保留或 git rm 删除",
        "{items} deleted on one side and changed on the other (or not TOML): keep it with git add or remove it "
        "with git rm"),
    "sync_needs_git": ("{root} 不在 git 仓库中，无法同步（先 git clone 共享的台账仓库，或 git init 并 git remote add）",
        "{root} is not in a git repository: nothing to sync (git clone the shared ledger, or git init and git "
        "remote add)"),
    "sync_no_remote": ("没有远端仓库：请先 git remote add origin 共享仓库的路径或地址",
        "no remote: git remote add origin PATH-OR-URL of the shared repository first"),
    "sync_which_remote": ("分支 {branch} 没有上游，且有多个远端（{remotes}）：请先 git branch --set-upstream-to 指定",
        "branch {branch} has no upstream and there are several remotes ({remotes}): set one with git branch "
        "--set-upstream-to"),
    "sync_detached": ("当前不在任何分支上（detached HEAD）：请先 git switch 到一个分支",
        "not on a branch (detached HEAD): git switch to a branch first"),
    "sync_busy": ("git 的 {what} 尚未完成：请先完成或放弃它（git {what} --continue 或 --abort）",
        "a git {what} is in progress: finish or abort it first (git {what} --continue or --abort)"),
    "sync_fault": ("未同步：{fault}（共 {n} 处问题，duban validate 列出全部；改好后再同步）",
        "not synced: {fault} ({n:fault|faults} in all, duban validate lists them; fix them, then sync)"),
    "sync_fetch_failed": ("未同步：无法从 {remote} 取回（{detail}）；本地改动已在本地提交，稍后再运行 duban sync",
        "not synced: cannot fetch from {remote} ({detail}); local changes are committed here, run duban sync later"),
    "sync_merge_failed": ("未合并 {upstream}：{detail}", "{upstream} not merged: {detail}"),
    "sync_push_failed": ("已合并，但推送到 {remote} 失败（{detail}）；稍后再运行 duban sync",
        "merged, but pushing to {remote} failed ({detail}); run duban sync later"),
    "sync_push_rejected": ("{remote} 一直有新的提交，{attempts} 次推送都被拒绝；稍后再运行 duban sync",
        "{remote} kept moving: {attempts:push was|pushes were} rejected; run duban sync later"),
    "sync_commit_subject": ("同步前提交本地改动：{what}", "local changes before sync: {what}"),
    "and_more": (" 等 {total} 项", " ({total} in all)"),
    "sync_renumbered": ("{old} 两边都新建了：对方的保留此编号，本地的改为 {new}",
        "{old} was added on both sides: theirs keeps the number, yours is now {new}"),
    "sync_concluded": ("完成上次未完成的合并", "concluded the unfinished merge"),
    "sync_merge_subject": ("同步：合并 {upstream}", "sync: merge {upstream}"),
    "git_setup_done": ("已在 {repository} 注册 duban 的合并程序：{command}",
        "registered duban's merge driver in {repository}: {command}"),
    "git_setup_attributes": ("已写入 {path}：请提交它（或加 --commit），其他克隆才会用这个合并程序",
        "wrote {path}: commit it (or add --commit) so that other clones use the driver too"),
    "git_setup_subject": ("为任务文件注册 duban 合并程序", "merge task files with duban's merge driver"),
    "merge_ours": ("本地（ours）", "ours"),
    "merge_base": ("原有（base）", "base"),
    "merge_theirs": ("对方（theirs）", "theirs"),
    "merge_conflict_keys": ("{path}：{keys} 两边改得不同，两边的值都留在冲突标记之间（duban validate 指出行号）",
        "{path}: {keys} changed differently on both sides; both values are kept between conflict markers "
        "(duban validate names the lines)"),
    "merge_by_lines": ("{path} 不是有效的 TOML，已按行合并", "{path} is not valid TOML: merged line by line"),
}

_STATUS_EN = {"todo": "to do", "in_progress": "in progress", "done": "done", "blocked": "blocked",
              "dropped": "dropped"}
_VERDICT_EN = {"done": "done", "in_progress": "in progress", "at_risk": "at risk", "not_found": "not found"}
_SYMBOLS = {"at_least": "≥", "at_most": "≤", "about": "≈"}
_CN_NUMBERS = ("〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
               "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十")


# `{n:task|tasks}` in a template is `1 task`, `2 tasks`, `0 tasks`: the noun after `|` unless n is 1. English says
# its counts so (Chinese needs no plural: `{n} 项`); the words may hold a verb that agrees too (`{n:push was|pushes
# were} rejected`).
_COUNT_RE = r"\{(\w+):([^{}|]*)\|([^{}]*)\}"


def _counted(template: str, values: dict) -> str:
    """The template with each count's words chosen for its value (a plain `{n}` is left for str.format)."""
    return re.sub(_COUNT_RE, lambda m: "{%s} %s" % (m.group(1), m.group(2) if values.get(m.group(1)) == 1
                                                     else m.group(3)), template)


class Words:
    """The words of one language."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "zh"
        self._index = 1 if self.lang == "en" else 0

    def __call__(self, key: str, /, **values) -> str:
        pair = WORDS.get(key)
        if pair is None:  # a message not yet in the table is shown as it was written
            return key
        template = pair[self._index]
        return (_counted(template, values) if "|" in template else template).format(**values)

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

    def change(self, key: str, old, new) -> str:
        """`完成时限 2019-10-31 → 2019-11-30`: a field's change as a progress entry records it (units listed with 、,
        targets as they read; a detail only said to have changed)."""
        if key == "detail":
            return self("detail_changed")
        return f"{self(key)} {self._value(key, old) or '—'}{self('arrow')}{self._value(key, new) or '—'}"

    def _value(self, key: str, value) -> str:
        if not isinstance(value, list):
            return str(value) if value else ""
        if key == "targets":
            from duban.ledger.model import Target

            return self("clause_sep").join(self.target(Target.from_dict(t)) for t in value if isinstance(t, dict))
        return "、".join(str(v) for v in value)

    def entry_note(self, changes, note: str) -> str:
        """A progress entry as `show` and the weekly print it: what it changed besides the status, then its note
        (`完成时限 2019-10-31 → 2019-11-30；老年查体延至11月底`); `changes` is the entry's {field: [old, new]}."""
        said = [self.change(key, *values) for key, values in changes.items()
                if key != "status" and isinstance(values, list) and len(values) == 2] if isinstance(changes, dict) else []
        return self("clause_sep").join([*said, note] if note else said)

    def move(self, status: str, previous: str) -> str:
        """`推进中 → 已完成`, or the status alone when it did not change."""
        if status == previous:
            return self.status(status)
        return self.status(previous) + self("arrow") + self.status(status)

    def long_date(self, day) -> str:
        """`2019年11月20日` (the date line of a 公文; ISO in English)."""
        return self("long_date", year=day.year, month=day.month, day=day.day)

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
        """`签约服务覆盖率 ≥ 30%`; in_step targets name their reference: `居民收入与经济增长同步`."""
        if target.comparator == "in_step":
            reference = target.extra.get("reference")
            return target.metric + (self("in_step_with", reference=reference) if reference else self("in_step"))
        value = f"{target.value:g}" if isinstance(target.value, float) else str(target.value)
        from duban.plan.targets import own_name  # one metric of a list that shares a verb reads as itself: 水耗下降

        by = self("target_by", year=target.extra["by"]) if target.extra.get("by") else ""  # a five years' goal
        return f"{own_name(target)} {_SYMBOLS.get(target.comparator, target.comparator)} {value}{target.unit}{by}"


@lru_cache(maxsize=None)
def words(lang: str = "zh") -> Words:
    return Words(lang)

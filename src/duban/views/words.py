"""User-facing words in Chinese (the default) and English."""

from __future__ import annotations

from duban.ledger.model import STATUSES, VERDICTS

LANGS = ("zh", "en")

_LABELS = {
    "id": ("编号", "ID"),
    "plan": ("计划", "Plan"),
    "title": ("标题", "Title"),
    "category": ("分类", "Category"),
    "detail": ("内容", "Detail"),
    "owner": ("责任单位", "Owner"),
    "co_owners": ("配合单位", "Co-owners"),
    "due": ("完成时限", "Due"),
    "due_basis": ("时限依据", "Due basis"),
    "status": ("状态", "Status"),
    "overdue": ("逾期", "Overdue"),
    "days_overdue": ("逾期天数", "Days late"),
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
    "line": ("行", "line"),
    "tasks": ("项任务", "tasks"),
    "days": ("天", "days"),
    "none": ("无", "none"),
    "no_tasks": ("没有符合条件的任务", "no matching tasks"),
    "no_overdue": ("没有逾期任务", "nothing is overdue"),
    "overdue_title": ("逾期任务", "Overdue tasks"),
    "created": ("新建", "created"),
    "deleted": ("文件被删除", "file deleted"),
    "unreadable": ("无法读取", "unreadable"),
    "no_history": ("没有 git 历史记录", "no git history"),
    "ledger_title": ("工作台账", "Task ledger"),
    "period end": ("期末", "period end"),
    "at_least": ("不低于", "at least"),
    "at_most": ("不超过", "at most"),
    "about": ("左右", "about"),
    "in_step": ("同步", "in step with"),
    "target": ("目标", "Target"),
    "actual": ("实际", "Actual"),
    "actual_text": ("原文", "Reported as"),
    "problems": ("问题", "problems"),
    "applied": ("已写入核查结果", "check written to"),
    "met": ("达成", "met"),
    "not_met": ("未达成", "not met"),
    "unknown": ("未知", "unknown"),
}


def label(key: str, lang: str = "zh") -> str:
    zh, en = _LABELS[key]
    return en if lang == "en" else zh


def status_label(status: str, lang: str = "zh") -> str:
    return status if lang == "en" else STATUSES.get(status, status)


def verdict_label(verdict: str, lang: str = "zh") -> str:
    return verdict if lang == "en" else VERDICTS.get(verdict, verdict)


def comparator_label(comparator: str, lang: str = "zh") -> str:
    return label(comparator, lang) if comparator in _LABELS else comparator


def format_target(target, lang: str = "zh") -> str:
    """`签约服务覆盖率 ≥ 30%`: a target in one short phrase."""
    symbols = {"at_least": "≥", "at_most": "≤", "about": "≈"}
    value = f"{target.value:g}" if isinstance(target.value, float) else str(target.value)
    if target.comparator == "in_step":
        return f"{target.metric} {comparator_label('in_step', lang)}"
    return f"{target.metric} {symbols.get(target.comparator, target.comparator)} {value}{target.unit}"

"""Whether a summary may be checked against a plan, from what the summary says about itself.

A check is only worth writing when the summary reports on the plan's own period: not the plan's own source report
(which repeats the plan and would show every item "done"), not a summary of years before or long after, not another
organisation's. Each guard that fails is a `Refusal` (its kind and the facts the view words it with); `check`
stops on them unless forced.

What a summary says about itself (`SummaryFacts`) also dates it: a status a person set after that date is newer
than what the summary can know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from duban.errors import BadInput, UsageError
from duban.ledger.model import Plan
from duban.report.speaker import other_speaker, speaker, speakers
from duban.text.dates import Period, period_before

_FULL_DATE = re.compile(r"((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日")
TITLE_CHARS = 60      # the head of a summary that names its organisation (a whole report may be one line)


@dataclass(frozen=True)
class SummaryFacts:
    """What a summary says about itself: the period it reviews, the day it speaks for and who wrote it."""

    period: Period | None  # the period it reviews (the one before the period its plan part is for)
    date: date | None      # its own date (title or signature), else the end of the period it reviews
    orgs: tuple[str, ...]  # the organisations known to the workspace that its head names


@dataclass(frozen=True)
class Refusal:
    """One reason not to check this summary against this plan: `kind` and the facts to word it with."""

    kind: str  # own_report | same_text | before | long_after | other_org
    values: dict[str, Any] = field(default_factory=dict)


def summary_facts(text: str, known_orgs: list[str]) -> SummaryFacts:
    """The facts of a summary's clean text. The period is what import would find for a plan part in it
    (plan.period.find_period: 2019年工作总结 → 2020, the year after it reviews), taken one period back."""
    from duban.plan.period import find_period

    found = find_period(text)
    period = period_before(found) if found is not None else None
    return SummaryFacts(period, _own_date(text, period), named_orgs(text, known_orgs))


def _own_date(text: str, period: Period | None) -> date | None:
    """The date in its title or signature (a meeting's date before the period it reviews does not count),
    else the end of the period it reviews."""
    lines = [line for line in text.split("\n") if line.strip()]
    for line in [*lines[:3], *lines[-3:]]:
        for match in _FULL_DATE.finditer(line[:200] if len(line) > 200 else line):
            try:
                day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
            if period is None or day > period.start:
                return day
    return period.end if period is not None else None


def named_orgs(text: str, known_orgs: list[str]) -> tuple[str, ...]:
    """The known organisations the summary's head names (its title, or who speaks: 我代表国务院); a name inside a
    longer one that is also named (区卫生局 in 区卫生健康局's company) does not count on its own."""
    title = text.lstrip().split("\n", 1)[0][:TITLE_CHARS]
    head = " ".join([title, *speakers(text)])
    named = [org for org in dict.fromkeys(known_orgs) if org and org in head]
    return tuple(org for org in named if not any(org != other and org in other for other in named))


def known_orgs(workspace) -> list[str]:
    """The organisations a workspace knows: its own, those of [orgs], and those its plans belong to."""
    from duban.errors import DubanError

    orgs = [workspace.organisation, *workspace.settings.get("orgs")]
    try:
        orgs += [plan.org for plan in workspace.plans()]
    except DubanError:
        pass  # a broken plan.toml is validate's to report; the organisations named elsewhere still count
    return [org for org in dict.fromkeys(orgs) if org]


def refusals(plan: Plan, report, facts: SummaryFacts, plan_text: str | None) -> list[Refusal]:
    """Every guard the summary `report` (formats.Report) fails for `plan`; `plan_text` is the plan's report.txt."""
    found = []
    if plan.sha256 and report.sha256 == plan.sha256:
        found.append(Refusal("own_report", {"summary": report.name, "plan": plan.id, "report": plan.report}))
    elif plan_text is not None and _same_text(report.text, plan_text):
        found.append(Refusal("same_text", {"summary": report.name, "plan": plan.id, "report": plan.report}))
    found.extend(_period_refusals(plan, report.name, facts.period))
    other = other_speaker(report.text, plan_text, plan.org)
    if plan.org and facts.orgs and plan.org not in facts.orgs:
        found.append(Refusal("other_org", {"summary": report.name, "orgs": list(facts.orgs), "plan": plan.id,
                                           "org": plan.org}))
    elif other:
        found.append(Refusal("other_org", {"summary": report.name, "orgs": [other], "plan": plan.id,
                                           "org": plan.org or speaker(plan_text or "") or "?"}))
    return found


def _same_text(text: str, other: str) -> bool:
    return "".join(text.split()) == "".join(other.split())


def _period_refusals(plan: Plan, summary: str, period: Period | None) -> list[Refusal]:
    """A summary reviews the plan's period when what it reviews overlaps it or comes right after it (a year-end
    summary of a half-year plan, the next year's report on last year's plan); else it is not this plan's."""
    if period is None:
        return []
    values = {"summary": summary, "period": period.id, "plan": plan.id, "plan_period": plan.period}
    if period.end < plan.start:
        return [Refusal("before", values)]
    if period.start > plan.end + timedelta(days=1):
        return [Refusal("long_after", values)]
    return []


@dataclass(frozen=True)
class GuardedSummary:
    """A summary read for a check of one plan: the plan, the report, what it says about itself, and the guards it
    fails (empty when it may be checked)."""

    plan: Plan
    report: Any  # report.formats.Report
    facts: SummaryFacts
    refusals: list[Refusal]
    cautions: list[Refusal] = field(default_factory=list)  # what to say without stopping the check


class NoPlanFits(UsageError):
    """No plan, or more than one, fits a summary checked without --plan; `reasons` holds each plan's refusals."""

    def __init__(self, key: str, reasons: list[tuple[str, list[Refusal]]], **values):
        super().__init__(key, **values)
        self.reasons = reasons


_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_HAN = 10  # Chinese characters a summary needs to be read as one (a one-line note has more)


def guard_summary(workspace, plan_id: str | None, path) -> GuardedSummary:
    """Read the summary at `path` for a check of plan `plan_id` and run the guards; an unknown plan fails first
    (UsageError), an unreadable summary next (BadInput). Without a plan id, the plan is the workspace's only one, or
    the one plan the summary fits (UsageError naming the plans when none or several do)."""
    from duban.report.formats import read_report

    plan = workspace.read_plan(plan_id) if plan_id is not None else None
    report = read_report(path)
    if len(_HAN.findall(report.text)) < MIN_HAN:
        raise BadInput("summary_not_chinese", summary=report.name)  # a list of services, a log: nothing to read
    facts = summary_facts(report.text, known_orgs(workspace))
    found = None
    if plan is None:
        plan, found = _plan_the_summary_fits(workspace, report, facts)
    if found is None:
        found = refusals(plan, report, facts, _plan_text(workspace, plan.id))
    return GuardedSummary(plan, report, facts, found, _cautions(plan, report.name, facts.period))


def _cautions(plan: Plan, summary: str, period: Period | None) -> list[Refusal]:
    """A summary of the period right after the plan's (2022's review against plan 2021) may report it, late, or
    may be the wrong year's: said, not refused."""
    if period is None or not (plan.end < period.start <= plan.end + timedelta(days=1)):
        return []
    return [Refusal("after", {"summary": summary, "period": period.id, "plan": plan.id, "plan_period": plan.period})]


def _plan_text(workspace, plan_id: str) -> str | None:
    """The plan's own report.txt, or None when it has none (a plan added by hand, a task table's)."""
    return workspace.stored_report(plan_id) or None


def _plan_the_summary_fits(workspace, report, facts: SummaryFacts) -> tuple[Plan, list[Refusal] | None]:
    """The workspace's only plan (its refusals not yet worked out: None); else the one plan the summary passes every
    guard of (no refusals)."""
    plans = workspace.plans()
    if len(plans) == 1:
        return plans[0], None
    reasons = [(plan.id, refusals(plan, report, facts, _plan_text(workspace, plan.id))) for plan in plans]
    fitting = [plan for plan, (_, refused) in zip(plans, reasons) if not refused]
    if len(fitting) > 1 and facts.period is not None:  # the plan of the period it reviews, not the one before it
        fitting = [plan for plan in fitting if plan.start <= facts.period.end and facts.period.start <= plan.end]
    if len(fitting) == 1:
        return fitting[0], []
    if not plans:
        raise UsageError("check_no_plans")
    raise NoPlanFits("check_which_plan" if fitting else "check_no_plan_fits", [] if fitting else reasons,
                     summary=report.name, plans=", ".join(plan.id for plan in (fitting or plans)))

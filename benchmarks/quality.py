"""Reading quality of duban, measured through its command line only (the JSON contract of DESIGN.md).

    .venv/bin/python benchmarks/quality.py                      # every answer set, a table per set and totals
    .venv/bin/python benchmarks/quality.py --set local -v       # one set, with each miss and spurious find
    .venv/bin/python benchmarks/quality.py --json               # the figures as JSON
    .venv/bin/python benchmarks/quality.py --robustness         # every report under ../shared/reports/local
    .venv/bin/python benchmarks/quality.py --repo /tmp/wt       # measure the duban of another checkout

--verbose hides the held-out set's misses (--verbose-heldout shows them, to check a label, never to tune on).

duban runs as a subprocess (`python -m duban`, PYTHONPATH=<repo>/src); nothing of duban is imported here. Each
report gets a fresh workspace (`duban init WS --org ORG`, ORG taken from the file name) in a temporary folder, then
`duban --plans WS import REPORT --dry-run --json`. When import fails because it cannot tell the period, the
import is retried with `--period YEAR` (the year in the file name) and the report is counted as a period failure.

Answer sets (each printed apart; they follow different rules):
  A  local    ../shared/answers/local/*.toml (the developers' key; reports in ../shared/reports/local/), schema in
              ../shared/answers/local/README.md. Skipped with a message when ../shared is absent.
  B  heldout  benchmarks/answers/local/*.toml: same schema, held out (see the README there). Never tune on it.
  D  dev      benchmarks/answers/dev/*.toml: same schema, 11 more reports chosen at random to tune on.
  C  gwr      the older benchmark files: benchmarks/answers/import/gwr-Y.toml (import) and
              benchmarks/answers/check/gwr-Y.toml (check; reports ../shared/reports/state-council/);
     seeds    benchmarks/answers/import/00N.toml (reports ../shared/reports/seeds/). Their own rules: a range is
              two targets (at_least and at_most), the 主要预期目标 paragraph is an item, targets_scope = "goals"
              scores only the targets of the 主要预期目标 task, and import gets the file's period and org.

Measures (the issue's goals in brackets):
1. Plan items, micro P/R/F1 [F1 >= 0.95]. Titles are normalised: whitespace removed, a leading marker removed
   (（一） (1) 一、 1. 1、 ① 第一， 一是), NFKC (full/half width unified), trailing punctuation (。；，：、.!?) removed.
   A found title matches an answer title when the two are equal, or when the shorter is a prefix of the longer
   and at least 60 % of its length. Matching is one-to-one and keeps the order (the longest ordered alignment).
   A found item matching an `alt_items` entry is neither a true nor a false positive. A report with
   has_plan = false (plan = false) scores one true positive when import refuses it ("no plan", exit 3); when it
   returns items the refusal is missed and each item is a false positive. Answer files with no [[items]]
   (targets-only files) do not score items. Under the set A/B rules the unnumbered 主要预期目标 paragraph is not an
   item, so a task duban makes of it is a false positive (the totals say how many there are). The totals also
   say how many matches needed the prefix rule and how many misses are "near misses" (a found title that is a
   prefix shorter than 60 %: duban cut the heading at a comma), so that neither is hidden.
2. Numeric targets found at import [F1 >= 0.95]. A found target (any task) matches an answer target when the
   comparator is the same, the value is equal (floats; in_step targets have no value), the unit is equal after
   NFKC, and the metrics fit: after NFKC and whitespace removal the answer's metric (or its `text`) contains the
   found metric, or the found metric contains the answer's metric; where duban says which metric of a list a
   figure is for (`of`: 水耗 of 万元GDP建设用地、水耗、电耗下降), the answer's metric must name that one. One-to-one
   (maximum matching).
   The answers list only the plan year's expected targets (the 主要预期目标 paragraph); figures inside the items
   are item content there, while duban also extracts those. So two precisions are printed:
     P(all)   = matched / every target duban found  (a lower bound: item figures count as false);
     P(goals) = matched / (matched + the unmatched found targets that lie in the goals paragraph). The goals
                task is the task whose title + detail contains the most answer target `text`s (ties: all of
                them). When it is a goals paragraph of its own (title with 目标, or at most 600 characters), all
                its targets count; when the paragraph is folded into a longer task, only its targets whose value
                occurs within 120 characters of an answer target's text. Unmatched found targets elsewhere
                (figures inside the items, a goal restated in another task) are counted apart as "outside the
                key" (listed with --verbose), neither true nor false.
   Recall = matched / answer targets. F1 is printed with P(goals); F1(all) beside it.
3. For pairs (files with next_report, or a check answer in set C): `import --yes`, then
   `duban --plans WS check NEXT --plan PLANID --json`; answer items are aligned with check items by title (as 1).
   a, b, c and d are over the matched items / targets; the coverage (matched of all keyed, including the pairs
   whose import or check failed) is printed beside them.
   a. evidence [>= 0.85]: share of matched answer items with verdict != not_found for which one of duban's first
      three evidence texts overlaps one of the answer's evidence strings (set C: passages): the longest common
      substring after NFKC and whitespace removal is >= 12 characters, or is the whole answer string when that
      is shorter than 12, or is the whole of duban's text when that is shorter than 12 but at least 8 (duban
      quoting the heading sentence of the answer's passage, e.g. 巩固和加强农业基础。; the totals say how many
      hits this adds).
   b. item verdicts: accuracy over matched items (at_risk counts as in_progress, in answers and in duban), beside
      the all-"done" baseline on the same items [above it]; the confusion matrix (answer rows x duban columns).
   c. balanced done-vs-not-done: mean of the recall on done items and on not-done items (in_progress or
      not_found); the all-done baseline is 0.50 [>= 0.80].
   d. target verdicts [>= 0.95]: answer targets with a verdict, matched (as 2) to check JSON's "targets": right when
      the verdict is the answer's (or its alt_verdict) and, where the answer gives an actual (alt_actual for the
      alt_verdict), duban's actual equals it within 1e-6. Printed over matched targets, with the coverage.
4. --robustness: every .txt under ../shared/reports/local imported with --dry-run --json: errors (exit code and
   first stderr line), "no plan part" refusals, the item-count histogram (0, 1-2, 3-20, 21+), titles over 60
   characters, period failures, each with its offenders.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DUBAN_SHARED") or ROOT.parent / "shared")  # as the tests find it
LOCAL_ANSWERS = SHARED / "answers" / "local"
LOCAL_REPORTS = SHARED / "reports" / "local"
HELDOUT_ANSWERS = ROOT / "benchmarks" / "answers" / "local"
DEV_ANSWERS = ROOT / "benchmarks" / "answers" / "dev"
IMPORT_ANSWERS = ROOT / "benchmarks" / "answers" / "import"
CHECK_ANSWERS = ROOT / "benchmarks" / "answers" / "check"
GWR_REPORTS = SHARED / "reports" / "state-council"
SEED_REPORTS = SHARED / "reports" / "seeds"

WORKERS = 2
TIMEOUT = 300
TITLE_PREFIX_SHARE = 0.6
EVIDENCE_MIN = 12
EVIDENCE_SHORT = 8
SCOPE_RADIUS = 120
GOALS_TASK_CHARS = 600
LONG_TITLE = 60
VERDICTS = ("done", "in_progress", "not_found")

GOALS = {
    "items_f1": ">= 0.95", "targets_f1": ">= 0.95", "targets_recall": ">= 0.95", "evidence": ">= 0.85",
    "verdict_accuracy": "> all-done baseline", "balanced": ">= 0.80", "target_verdicts": ">= 0.95",
}
SETS = {
    "local": "A  local: ../shared/answers/local (the developers' key)",
    "heldout": "B  HELD OUT: benchmarks/answers/local (never tune on these)",
    "dev": "D  dev: benchmarks/answers/dev (more reports to tune on, same schema as A)",
    "gwr": "C  State Council, older schema: benchmarks/answers/import + check (their own rules)",
    "seeds": "C  seeds, older schema: benchmarks/answers/import (their own rules)",
}


# ---------------------------------------------------------------- normalisation and matching

_MARKER = re.compile(
    r"^(?:[（(][一二三四五六七八九十百零〇\d]{1,3}[)）]"
    r"|[一二三四五六七八九十百]{1,3}[、.．]"
    r"|\d{1,2}(?:[、．)）]|\.(?!\d))"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十]{1,3}[、，,：:]"
    r"|[一二三四五六七八九十]{1,3}是)")
_TRAILING = "。；;，,：:、.．!！?？"


def squeeze(text: str) -> str:
    """NFKC with every whitespace character removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def norm_title(title: str) -> str:
    text = re.sub(r"\s+", "", title or "")
    text = _MARKER.sub("", text, count=1)
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = _MARKER.sub("", text, count=1)
    return text.rstrip(_TRAILING)


def titles_match(a: str, b: str) -> bool:
    a, b = norm_title(a), norm_title(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short) and len(short) >= TITLE_PREFIX_SHARE * len(long_)


def _prefix_related(a: str, b: str) -> bool:
    """A prefix relation that the 60 % rule rejects (shown as a near miss; still a miss and a false positive)."""
    a, b = norm_title(a), norm_title(b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short)


def align(found: list[str], expected: list[str]) -> list[tuple[int, int]]:
    """The longest order-keeping one-to-one alignment of found titles with expected titles: [(i_found, j_expected)]."""
    n, m = len(found), len(expected)
    ok = [[titles_match(f, e) for e in expected] for f in found]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if ok[i][j] else 0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if ok[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def metric_fits(found: dict, answer: dict) -> bool:
    got = squeeze(found.get("metric", ""))
    want = squeeze(answer.get("metric", ""))
    if not got or not want:
        return False
    of = squeeze(found.get("of", ""))  # which metric of a list duban says the figure is for (水耗 of 万元GDP…、水耗、电耗)
    if of and not (of in want or want in of):
        return False
    return got in want or got in squeeze(answer.get("text", "")) or want in got


def same_number(a, b) -> bool:
    try:
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def target_fits(found: dict, answer: dict) -> bool:
    if found.get("comparator") != answer.get("comparator"):
        return False
    if answer.get("comparator") != "in_step":
        if not same_number(found.get("value"), answer.get("value")):
            return False
        if squeeze(str(found.get("unit") or "")) != squeeze(str(answer.get("unit") or "")):
            return False
    return metric_fits(found, answer)


def bipartite(found: list[dict], expected: list[dict]) -> dict[int, int]:
    """Maximum one-to-one matching (Kuhn): {index in found: index in expected}."""
    edges = [[j for j, e in enumerate(expected) if target_fits(f, e)] for f in found]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set) -> bool:
        # a free answer first, in order, so that equal targets pair in the order both list them (分别下降3%、3%)
        # rather than crosswise; then the usual augmenting path
        free = next((j for j in edges[i] if j not in owner and j not in seen), None)
        if free is not None:
            seen.add(free)
            owner[free] = i
            return True
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(found)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def longest_common(a: str, b: str) -> int:
    if not a or not b:
        return 0
    best, row = 0, [0] * (len(b) + 1)
    for ch in a:
        new = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                new[j] = row[j - 1] + 1
                if new[j] > best:
                    best = new[j]
        row = new
    return best


def evidence_hit(texts: list[str], answers: list[str], *, short_whole: bool = True) -> bool:
    """Overlap of >= 12 characters, or the whole of the answer string when shorter; with short_whole also the
    whole of duban's text when that is shorter (but at least 8 characters: a heading sentence of the passage)."""
    for text in texts:
        got = squeeze(text)
        for answer in answers:
            want = squeeze(answer)
            need = min(EVIDENCE_MIN, len(want))
            if short_whole and len(got) >= EVIDENCE_SHORT:
                need = min(need, len(got))
            if want and longest_common(got, want) >= need:
                return True
    return False


def verdict_class(verdict: str | None) -> str:
    verdict = (verdict or "").strip()
    return {"at_risk": "in_progress", "已完成": "done", "推进中": "in_progress"}.get(verdict, verdict)


def short_target(t: dict) -> str:
    value = "" if t.get("comparator") == "in_step" else f"{t.get('value')}{t.get('unit') or ''}"
    return f"{t.get('metric')} {t.get('comparator')} {value}".strip()


# ---------------------------------------------------------------- running duban

SOURCE = ROOT / "src"   # the duban measured; --repo points it at another checkout


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SOURCE) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    for name in ("DUBAN_PLANS", "DUBAN_TODAY"):
        env.pop(name, None)
    env["DUBAN_USER"] = "benchmark"
    env["DUBAN_LANG"] = "en"  # the messages this script reads (no plan part, period) are matched in English
    return env


def duban(*args: str) -> tuple[int, str, str]:
    try:
        done = subprocess.run([sys.executable, "-m", "duban", *args], capture_output=True, text=True,
                              env=_env(), timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return 124, "", f"timeout after {TIMEOUT} s"
    return done.returncode, done.stdout, done.stderr


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        return "TRACEBACK: " + lines[-1][:200]
    return lines[0][:200] if lines else ""


def year_of(name: str) -> str | None:
    match = re.search(r"(?:19|20)\d\d", name)
    return match.group(0) if match else None


def org_of(name: str) -> str:
    return Path(name).stem.split("-")[0] or "政府"


def new_workspace(folder: str, org: str) -> tuple[str | None, str]:
    ws = str(Path(folder) / "plans")
    rc, _, err = duban("init", ws, "--org", org)
    return (ws, "") if rc == 0 else (None, f"init exit {rc}: {first_line(err)}")


def run_import(ws: str, report: Path, *, period: str | None, yes: bool = False, retry_year: str | None = None) -> dict:
    """One import with --json; retried with --period YEAR when duban cannot tell the period."""
    base = ["--plans", ws, "import", str(report), "--json", "--yes" if yes else "--dry-run"]
    rc, out, err = duban(*base, *(["--period", period] if period else []))
    period_failed = False
    if rc != 0 and not period and retry_year and "period" in first_line(err) and "no plan" not in err:
        period_failed = True
        period = retry_year
        rc, out, err = duban(*base, "--period", period)
    data = None
    if rc == 0:
        try:
            data = json.loads(out)
        except json.JSONDecodeError as error:
            return {"rc": rc, "data": None, "error": f"exit 0 but no JSON on stdout ({error})",
                    "period_failed": period_failed, "period": period}
    return {"rc": rc, "data": data, "error": "" if rc == 0 else f"exit {rc}: {first_line(err)}",
            "refused": rc == 3 and "no plan" in err, "period_failed": period_failed, "period": period}


# ---------------------------------------------------------------- scoring one report

def goal_spans(text: str, targets: list[dict]) -> list[str]:
    """Stretches of a task's (squeezed) text around each answer target's text: where the goals paragraph stands.
    Empty when the task does not hold the goals paragraph."""
    text = squeeze(text)
    spans = []
    for target in targets:
        needle = squeeze(target.get("text") or target.get("metric") or "")
        if not needle:
            continue
        start = text.find(needle)
        while start >= 0:
            spans.append(text[max(0, start - SCOPE_RADIUS): start + len(needle) + SCOPE_RADIUS])
            start = text.find(needle, start + 1)
    return spans


def in_goal_span(target: dict, spans: list[str] | None) -> bool:
    """spans None: the task is a goals paragraph of its own, so all its targets count; else a number equal to the
    target's value must occur in one of the spans (in_step: its metric)."""
    if spans is None:
        return True
    if target.get("comparator") == "in_step":
        metric = squeeze(target.get("metric", ""))
        return bool(metric) and any(metric in span for span in spans)
    return any(same_number(number, target.get("value"))
               for span in spans for number in re.findall(r"\d+(?:\.\d+)?", span))


def score_items(result: dict, found_titles: list[str], answer_items: list[dict], alt_items: list[dict],
                goals_title_is_item: bool) -> None:
    expected = [item["title"] for item in answer_items]
    pairs = align(found_titles, expected)
    matched_found = {i for i, _ in pairs}
    matched_expected = {j for _, j in pairs}
    rest = [i for i in range(len(found_titles)) if i not in matched_found]
    alt_pairs = align([found_titles[i] for i in rest], [a["title"] for a in alt_items])
    neutral = {rest[i] for i, _ in alt_pairs}
    spurious = [found_titles[i] for i in rest if i not in neutral]
    missed = [e for j, e in enumerate(expected) if j not in matched_expected]
    near = [(m, f) for m in missed for f in spurious if m != f and _prefix_related(m, f)]
    result["items"] = {"tp": len(pairs), "found": len(found_titles) - len(neutral), "expected": len(expected),
                       "neutral": len(neutral), "near": len({m for m, _ in near}),
                       "exact": sum(1 for i, j in pairs if norm_title(found_titles[i]) == norm_title(expected[j])),
                       "goal_tasks": 0 if goals_title_is_item else sum(1 for t in spurious if "预期目标" in t)}
    result["items_missed"] = missed
    result["items_spurious"] = spurious
    result["items_near"] = [f"{m}  <>  {f}" for m, f in near]
    result["items_neutral"] = [found_titles[i] for i in sorted(neutral)]


def score_refusal(result: dict, imported: dict, tasks: list[dict]) -> None:
    """A report with no plan part: one true positive when import refuses it ("no plan", exit 3); otherwise the
    refusal is missed and every item returned is a false positive."""
    refused = bool(imported.get("refused"))
    result["items"] = {"tp": int(refused), "found": int(refused) + len(tasks), "expected": 1, "neutral": 0,
                       "goal_tasks": 0, "near": 0, "exact": int(refused)}
    result["items_missed"] = [] if refused else ["(the refusal: no plan part)"]
    result["items_spurious"] = [t.get("title", "") for t in tasks]
    result["notes"].append("no plan: refused" if refused else "no plan: NOT refused")


def score_targets(result: dict, tasks: list[dict], answer_targets: list[dict], *, scope: str) -> None:
    """scope: "spans" (sets A/B: the goals paragraph, see the docstring), "goals" (older files: the 主要预期目标 task
    only, both for matching and for precision), "all" (every task)."""
    everything = [target for task in tasks for target in task.get("targets") or []]
    elsewhere = []
    if scope == "goals":
        elsewhere = [target for t in tasks if "主要预期目标" not in (t.get("title") or "")
                     for target in t.get("targets") or []]
        tasks = [t for t in tasks if "主要预期目标" in (t.get("title") or "")]
    found, spans, task_of = [], [], []
    texts = {squeeze(t.get("text") or t.get("metric") or "") for t in answer_targets} - {""}
    holds = [sum(1 for text in texts if text in squeeze((t.get("title") or "") + (t.get("detail") or "")))
             for t in tasks]
    most = max(holds, default=0)
    for number, task in enumerate(tasks):
        goal_task = scope == "spans" and most > 0 and holds[number] == most
        text = (task.get("title") or "") + (task.get("detail") or "")
        if not goal_task:
            task_spans = []
        elif len(squeeze(text)) <= GOALS_TASK_CHARS or "目标" in (task.get("title") or ""):
            task_spans = None
        else:
            task_spans = goal_spans(text, answer_targets)
        for target in task.get("targets") or []:
            found.append(target)
            spans.append(task_spans)
            task_of.append(number)
    matching = bipartite(found, answer_targets)
    matched_in = {j: task_of[i] for i, j in matching.items()}
    in_scope, outside = [], []
    for i, target in enumerate(found):
        if i in matching:
            continue
        restated = scope == "spans" and any(
            j in matched_in and matched_in[j] != task_of[i] and target_fits(target, answer)
            for j, answer in enumerate(answer_targets))
        if scope != "spans" or (not restated and in_goal_span(target, spans[i])):
            in_scope.append(target)
        else:
            outside.append(target)
    result["targets"] = {"tp": len(matching), "found": len(everything), "in_scope": len(matching) + len(in_scope),
                         "expected": len(answer_targets)}
    hit = set(matching.values())
    result["targets_missed"] = [short_target(t) for j, t in enumerate(answer_targets) if j not in hit]
    result["targets_spurious"] = [short_target(t) for t in in_scope]
    result["targets_outside"] = [short_target(t) for t in outside]
    result["targets_outside"] += [short_target(t) + " (not in the 主要预期目标 task)" for t in elsewhere]


def score_check(result: dict, check: dict, answer_items: list[dict], answer_targets: list[dict],
                evidence_key: str) -> None:
    items = check.get("items") or []
    keyed = [item for item in answer_items if item.get("verdict")]
    pairs = align([item.get("title", "") for item in items], [item["title"] for item in keyed])
    confusion = {row: {col: 0 for col in VERDICTS} for row in VERDICTS}
    hits = asked = short_hits = 0
    wrong, misses = [], []
    for i, j in pairs:
        mine, theirs = items[i], keyed[j]
        want, got = verdict_class(theirs["verdict"]), verdict_class(mine.get("verdict"))
        if want in confusion and got in confusion[want]:
            confusion[want][got] += 1
        if want != got:
            wrong.append(f"{theirs['title'][:40]}: duban {mine.get('verdict')}, answer {theirs['verdict']}")
        if want != "not_found":
            asked += 1
            texts = [e.get("text", "") for e in (mine.get("evidence") or [])[:3]]
            if evidence_hit(texts, theirs.get(evidence_key) or []):
                hits += 1
                short_hits += not evidence_hit(texts, theirs.get(evidence_key) or [], short_whole=False)
            else:
                misses.append({"title": theirs["title"], "duban": [t[:50] for t in texts],
                               "answer": list(theirs.get(evidence_key) or [])})
    if keyed:
        result["evidence"] = {"hit": hits, "n": asked, "short": short_hits}
        result["verdicts"] = confusion
        result["verdict_items"] = {"matched": len(pairs), "keyed": len(keyed)}
        result["evidence_misses"] = misses
        result["verdict_wrong"] = wrong
        matched = {j for _, j in pairs}
        result["verdict_unmatched"] = [item["title"] for j, item in enumerate(keyed) if j not in matched]
    judged = [t for t in answer_targets if t.get("verdict")]
    if judged:
        found = check.get("targets") or []
        matching = bipartite(found, judged)
        right = 0
        bad = []
        for i, j in matching.items():
            got, want = found[i], judged[j]
            ok = False
            for verdict_key, actual_key in (("verdict", "actual"), ("alt_verdict", "alt_actual")):
                if want.get(verdict_key) and got.get("verdict") == want[verdict_key]:
                    if actual_key not in want or same_number(got.get("actual"), want[actual_key]):
                        ok = True
            right += ok
            if not ok:
                bad.append(f"{short_target(want)}: duban {got.get('actual')} {got.get('verdict')}, answer "
                           f"{want.get('actual')} {want.get('verdict')}"
                           + (f" (alt {want.get('alt_actual')} {want['alt_verdict']})" if want.get("alt_verdict")
                              else ""))
        result["target_verdicts"] = {"right": right, "matched": len(matching), "n": len(judged)}
        result["target_verdict_wrong"] = bad
        hit = set(matching.values())
        result["target_verdict_unmatched"] = [short_target(t) for j, t in enumerate(judged) if j not in hit]


def check_pair(result: dict, ws: str, report: Path, summary: Path, period: str | None) -> dict | None:
    imported = run_import(ws, report, period=period, yes=True)
    if imported["data"] is None:
        result["errors"].append(f"import --yes: {imported['error']}")
        return None
    plan_id = (imported["data"].get("plan") or {}).get("id")
    rc, out, err = duban("--plans", ws, "check", str(summary), "--plan", str(plan_id), "--json")
    if rc != 0:
        result["errors"].append(f"check exit {rc}: {first_line(err)}")
        return None
    try:
        return json.loads(out)
    except json.JSONDecodeError as error:
        result["errors"].append(f"check: no JSON on stdout ({error})")
        return None


def evaluate_local(spec: dict) -> dict:
    """Set A or B: one answer file of the shared/answers/local schema."""
    answer = spec["answer"]
    report = LOCAL_REPORTS / answer["report"]
    result = {"set": spec["set"], "name": spec["name"], "notes": [], "errors": [], "period_failed": False}
    has_plan = answer.get("has_plan", True)
    items, targets = answer.get("items") or [], answer.get("targets") or []
    with tempfile.TemporaryDirectory(prefix="duban-quality-") as folder:
        ws, problem = new_workspace(folder, org_of(report.name))
        if ws is None:
            result["errors"].append(problem)
            return result
        imported = run_import(ws, report, period=None, retry_year=year_of(report.name))
        result["period_failed"] = imported["period_failed"]
        if imported["period_failed"]:
            result["notes"].append(f"period retried ({imported['period']})")
        tasks = (imported["data"] or {}).get("tasks") or []
        if imported["data"] is None and not (imported.get("refused") and not has_plan):
            result["errors"].append(f"import: {imported['error']}")
        if not has_plan:
            score_refusal(result, imported, tasks)
            return result
        if items:
            score_items(result, [t.get("title", "") for t in tasks], items, answer.get("alt_items") or [], False)
        else:
            result["notes"].append("targets-only key")
        score_targets(result, tasks, targets, scope="spans")
        if answer.get("next_report"):
            check = None
            if imported["data"] is not None:
                check = check_pair(result, ws, report, LOCAL_REPORTS / answer["next_report"], imported["period"])
            if check is None:   # the keyed items and targets still count in the coverage figures
                result["notes"].append("check not run")
                check = {"items": [], "targets": []}
            score_check(result, check, items, targets, "evidence")
    return result


def evaluate_old(spec: dict) -> dict:
    """Set C: an older import answer (benchmarks/answers/import) and/or check answer (benchmarks/answers/check)."""
    result = {"set": spec["set"], "name": spec["name"], "notes": [], "errors": [], "period_failed": False}
    imp, chk = spec.get("import_answer"), spec.get("check_answer")
    report = Path(spec["report"])
    period = (imp or {}).get("period") or spec.get("period")
    org = (imp or {}).get("org") or spec["org"]
    with tempfile.TemporaryDirectory(prefix="duban-quality-") as folder:
        ws, problem = new_workspace(folder, org)
        if ws is None:
            result["errors"].append(problem)
            return result
        imported = run_import(ws, report, period=period, retry_year=year_of(report.name))
        tasks = (imported["data"] or {}).get("tasks") or []
        if imp is not None:
            if not imp.get("plan", True):
                score_refusal(result, imported, tasks)
                return result
            if imported["data"] is None:
                result["errors"].append(f"import: {imported['error']}")
            score_items(result, [t.get("title", "") for t in tasks], imp.get("items") or [], [], True)
            score_targets(result, tasks, imp.get("targets") or [], scope=imp.get("targets_scope", "all"))
        if chk is not None:
            check = check_pair(result, ws, report, Path(spec["summary"]), period) \
                if imported["data"] is not None else None
            if check is None:
                result["notes"].append("check not run")
                check = {"items": [], "targets": []}
            score_check(result, check, chk.get("items") or [], chk.get("targets") or [], "passages")
    return result


def evaluate_robustness(spec: dict) -> dict:
    report = Path(spec["report"])
    name = str(report.relative_to(LOCAL_REPORTS))
    out = {"name": name, "kind": "ok", "error": "", "items": None, "long_titles": [], "period_failed": False}
    with tempfile.TemporaryDirectory(prefix="duban-robust-") as folder:
        ws, problem = new_workspace(folder, org_of(report.name))
        if ws is None:
            out.update(kind="error", error=problem)
            return out
        imported = run_import(ws, report, period=None, retry_year=year_of(report.name))
    out["period_failed"] = imported["period_failed"]
    if imported["data"] is not None:
        tasks = imported["data"].get("tasks") or []
        out["items"] = len(tasks)
        out["long_titles"] = [t.get("title", "") for t in tasks if len(t.get("title") or "") > LONG_TITLE]
    elif imported["rc"] == 3 and "no plan section" in imported["error"]:
        out["kind"] = "no_plan"
    else:
        out.update(kind="crash" if "TRACEBACK" in imported["error"] else "error", error=imported["error"])
    return out


def evaluate(spec: dict) -> dict:
    global SOURCE
    SOURCE = Path(spec["source"])
    try:
        if spec["kind"] == "local":
            return evaluate_local(spec)
        if spec["kind"] == "old":
            return evaluate_old(spec)
        return evaluate_robustness(spec)
    except Exception as error:  # a bug of this script must not hide the other reports' figures
        return {"set": spec.get("set"), "name": spec.get("name", spec.get("report")), "notes": [],
                "errors": [f"benchmark error: {type(error).__name__}: {error}"], "period_failed": False,
                "kind": "error", "error": f"benchmark error: {error}"}


# ---------------------------------------------------------------- collecting the work

def load_toml(path: Path, problems: list[str]) -> dict | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(f"{path}: skipped, unreadable ({error})")
        return None


def local_specs(set_name: str, folder: Path, problems: list[str]) -> list[dict]:
    if not LOCAL_REPORTS.is_dir():
        problems.append(f"set {set_name} skipped: {LOCAL_REPORTS} is absent (../shared is not there)")
        return []
    if not folder.is_dir():
        problems.append(f"set {set_name} skipped: {folder} is absent")
        return []
    specs = []
    for path in sorted(folder.glob("*.toml")):
        answer = load_toml(path, problems)
        if answer is None:
            continue
        missing = [key for key in ("report", "next_report") if answer.get(key)
                   and not (LOCAL_REPORTS / answer[key]).is_file()]
        if missing:
            problems.append(f"{path.name}: skipped, report not found: {', '.join(answer[k] for k in missing)}")
            continue
        specs.append({"kind": "local", "set": set_name, "name": path.stem, "answer": answer})
    if not specs:
        problems.append(f"set {set_name}: no answer files in {folder}")
    return specs


def old_specs(set_name: str, problems: list[str]) -> list[dict]:
    reports = GWR_REPORTS if set_name == "gwr" else SEED_REPORTS
    if not reports.is_dir():
        problems.append(f"set {set_name} skipped: {reports} is absent (../shared is not there)")
        return []
    specs = []
    if set_name == "seeds":
        for path in sorted(IMPORT_ANSWERS.glob("[0-9]*.toml")):
            answer = load_toml(path, problems)
            if answer is not None:
                specs.append({"kind": "old", "set": "seeds", "name": path.stem, "import_answer": answer,
                              "report": str(reports / answer["report"]), "org": "区卫生健康局"})
        return specs
    def read(folder: Path, stem: str) -> dict | None:
        path = folder / f"{stem}.toml"
        return load_toml(path, problems) if path.is_file() else None

    years = sorted({p.stem for folder in (IMPORT_ANSWERS, CHECK_ANSWERS) for p in folder.glob("gwr-*.toml")})
    for stem in years:
        imp, chk = read(IMPORT_ANSWERS, stem), read(CHECK_ANSWERS, stem)
        spec = {"kind": "old", "set": "gwr", "name": stem, "import_answer": imp, "check_answer": chk,
                "report": str(reports / f"{stem}.txt"), "org": "国务院", "period": stem[4:8]}
        if chk is not None:
            spec["summary"] = str(reports / chk["summary"])
        specs.append(spec)
    return specs


# ---------------------------------------------------------------- totals and printing

def ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def pad(text: str, width: int) -> str:
    """Left-aligned to a terminal width, counting CJK characters as two columns (cut when longer)."""
    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out, used = out + ch, used + w
    return out + " " * (width - used)


def fmt(value: float | None, width: int = 6) -> str:
    return f"{value:{width}.3f}" if value is not None else f"{'–':>{width}}"


def totals_of(results: list[dict]) -> dict:
    items = {"tp": 0, "found": 0, "expected": 0, "neutral": 0, "goal_tasks": 0, "near": 0, "exact": 0}
    targets = {"tp": 0, "found": 0, "in_scope": 0, "expected": 0}
    evidence = {"hit": 0, "n": 0, "short": 0}
    verdict_items = {"matched": 0, "keyed": 0}
    confusion = {row: {col: 0 for col in VERDICTS} for row in VERDICTS}
    tv = {"right": 0, "matched": 0, "n": 0}
    reports = {"all": len(results), "items_scored": 0, "pairs": 0, "period_failures": 0, "errors": 0}
    for r in results:
        reports["period_failures"] += bool(r.get("period_failed"))
        reports["errors"] += bool(r.get("errors"))
        if r.get("items"):
            reports["items_scored"] += 1
            for k in items:
                items[k] += r["items"].get(k, 0)
        if r.get("targets"):
            for k in targets:
                targets[k] += r["targets"][k]
        if r.get("verdicts") or r.get("target_verdicts"):
            reports["pairs"] += 1
        if r.get("evidence"):
            for k in evidence:
                evidence[k] += r["evidence"].get(k, 0)
            for k in verdict_items:
                verdict_items[k] += r["verdict_items"][k]
            for row in VERDICTS:
                for col in VERDICTS:
                    confusion[row][col] += r["verdicts"][row][col]
        if r.get("target_verdicts"):
            for k in tv:
                tv[k] += r["target_verdicts"][k]
    ip, ir = ratio(items["tp"], items["found"]), ratio(items["tp"], items["expected"])
    tp_all, tp_goal = ratio(targets["tp"], targets["found"]), ratio(targets["tp"], targets["in_scope"])
    tr = ratio(targets["tp"], targets["expected"])
    n = sum(sum(row.values()) for row in confusion.values())
    done_row = sum(confusion["done"].values())
    not_done = ("in_progress", "not_found")
    not_done_rows = sum(sum(confusion[r].values()) for r in not_done)
    recall_done = ratio(confusion["done"]["done"], done_row)
    recall_not_done = ratio(sum(confusion[r][c] for r in not_done for c in not_done), not_done_rows)
    balanced = (recall_done + recall_not_done) / 2 if recall_done is not None and recall_not_done is not None else None
    return {
        "reports": reports,
        "items": {**items, "precision": ip, "recall": ir, "f1": f1(ip, ir)},
        "targets": {**targets, "precision_all": tp_all, "precision_goals": tp_goal, "recall": tr,
                    "f1": f1(tp_goal, tr), "f1_all": f1(tp_all, tr)},
        "evidence": {**evidence, "rate": ratio(evidence["hit"], evidence["n"])},
        "verdicts": {"n": n, **verdict_items, "accuracy": ratio(sum(confusion[v][v] for v in VERDICTS), n),
                     "all_done_baseline": ratio(done_row, n), "recall_done": recall_done,
                     "recall_not_done": recall_not_done, "balanced": balanced, "balanced_baseline": 0.5 if n else None,
                     "confusion": confusion},
        "target_verdicts": {**tv, "accuracy": ratio(tv["right"], tv["matched"]),
                            "end_to_end": ratio(tv["right"], tv["n"])},
    }


def verdict_accuracy(r: dict) -> float | None:
    conf = r.get("verdicts")
    if not conf:
        return None
    n = sum(sum(row.values()) for row in conf.values())
    return ratio(sum(conf[v][v] for v in VERDICTS), n)


def mark(value: float | None, goal: float, strict: bool = False) -> str:
    if value is None:
        return ""
    ok = value > goal if strict else value >= goal
    return "ok" if ok else "BELOW"


def print_set(key: str, results: list[dict], verbose: bool) -> dict:
    totals = totals_of(results)
    print()
    print("=" * 110)
    print(f"Set {SETS[key]} — {len(results)} answer files")
    if key == "heldout":
        print("HELD OUT: figures for information only; do not tune duban on these reports.")
    if key in ("gwr", "seeds"):
        print("Older answer files with their own rules (a range is two targets; the 主要预期目标 paragraph is an item;"
              " targets_scope = goals scores the 主要预期目标 task only) — not comparable with sets A/B.")
    print("=" * 110)
    head = (f"{'report':34} {'items P':>7} {'items R':>7} {'tgt P':>6} {'tgt R':>6} {'P(all)':>6} "
            f"{'evid':>6} {'verd':>6} {'tv':>6}  notes")
    print(head)
    print("-" * len(head))
    for r in results:
        it, tg = r.get("items"), r.get("targets")
        ev, tv = r.get("evidence"), r.get("target_verdicts")
        notes = list(r.get("notes", [])) + [e[:70] for e in r.get("errors", [])]
        cells = [
            fmt(ratio(it["tp"], it["found"]) if it else None, 7),
            fmt(ratio(it["tp"], it["expected"]) if it else None, 7),
            fmt(ratio(tg["tp"], tg["in_scope"]) if tg else None), fmt(ratio(tg["tp"], tg["expected"]) if tg else None),
            fmt(ratio(tg["tp"], tg["found"]) if tg else None), fmt(ratio(ev["hit"], ev["n"]) if ev else None),
            fmt(verdict_accuracy(r)), fmt(ratio(tv["right"], tv["matched"]) if tv else None)]
        print(f"{pad(r['name'], 34)} {' '.join(cells)}  {'; '.join(notes)}")
        if verbose:
            print_details(r)
    print("-" * len(head))
    print_totals(key, totals)
    return totals


def print_details(r: dict) -> None:
    def block(label: str, values: list) -> None:
        for value in values:
            print(f"    {label:10} {value}")
    block("missed", r.get("items_missed", []))
    block("spurious", r.get("items_spurious", []))
    block("alt item", r.get("items_neutral", []))
    block("near miss", r.get("items_near", []))
    block("tgt miss", r.get("targets_missed", []))
    block("tgt false", r.get("targets_spurious", []))
    if r.get("targets_outside"):
        print(f"    {'outside':10} {len(r['targets_outside'])} found targets outside the key's scope: "
              + "; ".join(r["targets_outside"][:8]) + (" …" if len(r["targets_outside"]) > 8 else ""))
    for miss in r.get("evidence_misses", []):
        print(f"    {'evid miss':10} {miss['title'][:40]}")
        print(f"    {'':10}   duban : {' | '.join(miss['duban']) or '(no evidence)'}")
        print(f"    {'':10}   answer: {' | '.join(miss['answer'])}")
    block("verdict", r.get("verdict_wrong", []))
    block("unchecked", r.get("verdict_unmatched", []))
    block("tv wrong", r.get("target_verdict_wrong", []))
    block("tv unmatch", r.get("target_verdict_unmatched", []))


def print_totals(key: str, t: dict) -> None:
    rep, it, tg, ev, vd, tv = t["reports"], t["items"], t["targets"], t["evidence"], t["verdicts"], t["target_verdicts"]
    print(f"TOTALS {key}: {rep['all']} reports ({rep['items_scored']} with items in the key, {rep['pairs']} pairs); "
          f"period failures {rep['period_failures']}; reports with errors {rep['errors']}")
    print(f"  1 plan items    P {fmt(it['precision'])} ({it['tp']}/{it['found']})  R {fmt(it['recall'])} "
          f"({it['tp']}/{it['expected']})  F1 {fmt(it['f1'])}   goal F1 {GOALS['items_f1']} {mark(it['f1'], 0.95)}")
    extra = [f"{it['tp'] - it['exact']} of the {it['tp']} matches are by the 60 % prefix rule (duban's title longer or "
             "shorter than the answer's), the rest exact after normalisation"] if it["tp"] else []
    if it["neutral"]:
        extra.append(f"{it['neutral']} alt_items found (not counted)")
    if it["goal_tasks"]:
        extra.append(f"{it['goal_tasks']} of the false positives are 主要预期目标-paragraph tasks (not items under "
                     "these rules)")
    if it["near"]:
        extra.append(f"{it['near']} missed items have a found title that is a prefix shorter than 60 % (near misses, "
                     "counted as miss + false positive)")
    for line in extra:
        print("                  " + line)
    print(f"  2 targets       P(goals) {fmt(tg['precision_goals'])} ({tg['tp']}/{tg['in_scope']})  "
          f"R {fmt(tg['recall'])} ({tg['tp']}/{tg['expected']})  F1 {fmt(tg['f1'])}   "
          f"goal {GOALS['targets_f1']} {mark(tg['f1'], 0.95)}")
    print(f"                  P(all) {fmt(tg['precision_all'])} ({tg['tp']}/{tg['found']})  F1(all) {fmt(tg['f1_all'])}"
          f"   recall alone: goal {GOALS['targets_recall']} {mark(tg['recall'], 0.95)}")
    if not vd["n"] and not tv["n"]:
        print("  3 check         – (no pairs with verdicts in this set)")
        return
    print(f"  3a evidence     {fmt(ev['rate'])} ({ev['hit']}/{ev['n']} items not not_found; {ev['short']} of the hits "
          f"by a whole short duban text)   goal {GOALS['evidence']} {mark(ev['rate'], 0.85)}")
    print(f"  3b verdicts     accuracy {fmt(vd['accuracy'])} over {vd['n']} matched items ({vd['matched']} of "
          f"{vd['keyed']} keyed items matched); all-done baseline {fmt(vd['all_done_baseline'])}   goal above it "
          f"{mark(vd['accuracy'], vd['all_done_baseline'] or 0, strict=True) if vd['accuracy'] is not None else ''}")
    print("                  confusion, answer rows x duban columns (at_risk counted as in_progress):")
    print(f"                  {'':>14} {'done':>8} {'in_progress':>12} {'not_found':>10}")
    for row in VERDICTS:
        c = vd["confusion"][row]
        print(f"                  {row:>14} {c['done']:>8} {c['in_progress']:>12} {c['not_found']:>10}")
    print(f"  3c balanced     {fmt(vd['balanced'])} (recall done {fmt(vd['recall_done'])}, not done "
          f"{fmt(vd['recall_not_done'])}); all-done baseline 0.500   "
          f"goal {GOALS['balanced']} {mark(vd['balanced'], 0.80)}")
    print(f"  3d target verd. {fmt(tv['accuracy'])} ({tv['right']}/{tv['matched']} matched; {tv['matched']} of "
          f"{tv['n']} keyed targets matched; end to end {fmt(tv['end_to_end'])})   "
          f"goal {GOALS['target_verdicts']} {mark(tv['accuracy'], 0.95)}")


def robustness(results: list[dict], as_json: bool) -> dict:
    hist = {"0": 0, "1-2": 0, "3-20": 0, "21+": 0}
    for r in results:
        n = r.get("items")
        if n is None:
            continue
        hist["0" if n == 0 else "1-2" if n <= 2 else "3-20" if n <= 20 else "21+"] += 1
    summary = {
        "reports": len(results),
        "imported": sum(1 for r in results if r.get("items") is not None),
        "no_plan_part": sorted(r["name"] for r in results if r.get("kind") == "no_plan"),
        "errors": [{"report": r["name"], "error": r.get("error", "")}
                   for r in results if r.get("kind") in ("error", "crash")],
        "histogram": hist,
        "few_items": sorted(f"{r['name']} ({r['items']})"
                            for r in results if r.get("items") is not None and r["items"] <= 2),
        "many_items": sorted(f"{r['name']} ({r['items']})" for r in results if (r.get("items") or 0) > 20),
        "long_titles": [{"report": r["name"], "title": t} for r in results for t in r.get("long_titles", [])],
        "period_failures": sorted(r["name"] for r in results if r.get("period_failed")),
    }
    if as_json:
        return summary
    print()
    print("=" * 110)
    print(f"Robustness: every .txt under {LOCAL_REPORTS} imported with --dry-run --json")
    print("=" * 110)
    print(f"reports {summary['reports']}; imported {summary['imported']}; 'no plan part' refusals "
          f"{len(summary['no_plan_part'])}; errors {len(summary['errors'])}; period failures "
          f"{len(summary['period_failures'])}; titles over {LONG_TITLE} characters {len(summary['long_titles'])}")
    print("item counts: " + ", ".join(f"{k}: {v}" for k, v in hist.items()))
    print("\nerrors (exit code and first stderr line):")
    for e in summary["errors"] or [{"report": "(none)", "error": ""}]:
        print(f"  {pad(e['report'], 40)} {e['error']}")
    for title, names in (("'no plan part' refusals", summary["no_plan_part"]),
                         ("period could not be found (retried with the file name's year)", summary["period_failures"]),
                         ("no items or 1-2 items", summary["few_items"]),
                         ("more than 20 items", summary["many_items"])):
        print(f"\n{title}: {len(names)}")
        for start in range(0, len(names), 3):
            print("  " + "".join(pad(name, 40) for name in names[start:start + 3]).rstrip())
        if not names:
            print("  (none)")
    print(f"\ntitles over {LONG_TITLE} characters:")
    for t in summary["long_titles"] or [{"report": "(none)", "title": ""}]:
        print(f"  {pad(t['report'], 40)} {t['title'][:90]}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=list(SETS), action="append",
                        help="run only this answer set (repeatable; default: all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="per report: the missed and spurious items and targets, evidence and verdict misses")
    parser.add_argument("--repo", type=Path, default=ROOT,
                        help="measure the duban of REPO/src (e.g. a git worktree of another commit); answer files "
                             "are always read from this repository and ../shared")
    parser.add_argument("--verbose-heldout", action="store_true",
                        help="with --verbose, also show the held-out reports' misses (only to check a label: never "
                             "tune duban on them)")
    parser.add_argument("--robustness", action="store_true",
                        help="import every report under ../shared/reports/local instead of scoring the answer sets")
    args = parser.parse_args(argv)
    source = (args.repo / "src").resolve()
    if not (source / "duban").is_dir():
        parser.error(f"no duban package in {source}")
    started = time.perf_counter()
    problems: list[str] = []
    output: dict = {}
    if args.robustness:
        if not LOCAL_REPORTS.is_dir():
            print(f"robustness skipped: {LOCAL_REPORTS} is absent (../shared is not there)", file=sys.stderr)
            return 2
        specs = [{"kind": "robust", "report": str(p)} for p in sorted(LOCAL_REPORTS.rglob("*.txt"))]
        with ProcessPoolExecutor(max_workers=WORKERS) as pool:
            results = list(pool.map(evaluate, [{**spec, "source": str(source)} for spec in specs]))
        output["robustness"] = robustness(results, args.json)
    else:
        chosen = list(dict.fromkeys(args.set or SETS))
        specs = []
        for key in chosen:
            if key == "local":
                specs += local_specs(key, LOCAL_ANSWERS, problems)
            elif key == "heldout":
                specs += local_specs(key, HELDOUT_ANSWERS, problems)
            elif key == "dev":
                specs += local_specs(key, DEV_ANSWERS, problems)
            else:
                specs += old_specs(key, problems)
        for problem in problems:
            print(problem, file=sys.stderr)
        with ProcessPoolExecutor(max_workers=WORKERS) as pool:
            results = list(pool.map(evaluate, [{**spec, "source": str(source)} for spec in specs]))
        output["sets"] = {}
        for key in chosen:
            mine = [r for r in results if r.get("set") == key]
            if not mine:
                continue
            if args.json:
                output["sets"][key] = {"label": SETS[key], "held_out": key == "heldout",
                                       "totals": totals_of(mine), "reports": mine}
            else:
                details = args.verbose and (key != "heldout" or args.verbose_heldout)
                output["sets"][key] = print_set(key, mine, details)
                if key == "heldout" and args.verbose and not details:
                    print("(held-out reports' misses are not shown: --verbose-heldout shows them, to check a label "
                          "only)")
        if problems:
            output["skipped"] = problems
    wall = time.perf_counter() - started
    if args.json:
        output["wall_seconds"] = round(wall, 2)
        output["duban_source"] = str(source)
        output["goals"] = GOALS
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        print(f"\nduban measured: {source}\nwall time {wall:.1f} s ({WORKERS} workers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

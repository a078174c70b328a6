"""How well `duban check` reads the six real plan → summary pairs of the State Council reports.

For each year Y from 2013 to 2018 the plan of gwr-Y.txt is imported with duban's own importer (into a temporary
workspace, as `duban import --yes` does), then checked against gwr-(Y+1).txt, and the result is compared
with the answer file benchmarks/answers/check/gwr-Y.toml, written by hand from the texts:

- evidence hit rate: items with a correct passage (a line the answer names) among the top three evidence;
- verdict accuracy: items whose verdict is the answer's;
- target accuracy: targets whose actual figure is the answer's (or none when it gives none) and verdict right,
  for the 主要预期目标 (main targets) and apart for the targets stated inside plan items (item targets).

Items and targets the importer found but the answers do not cover (the 主要预期目标 task itself, targets inside
item details) are counted apart; answer items the importer missed are listed.

    .venv/bin/python benchmarks/check_quality.py [--reports DIR] [-v]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duban.check.verdicts import check_summary  # noqa: E402
from duban.ledger.model import Task  # noqa: E402
from duban.report.formats import read_report  # noqa: E402
from duban.ledger.store import Workspace, init_workspace  # noqa: E402

ANSWERS = ROOT / "benchmarks" / "answers" / "check"
DEFAULT_REPORTS = ROOT / "tests" / "data" / "reports"


def import_plan(workspace: Workspace, report_path: Path, period_id: str) -> list[Task]:
    """Import a report's plan into the workspace with duban's importer (as `duban import --yes` does)."""
    from duban.plan.importer import prepare_import, write_import

    prepared = prepare_import(workspace, report_path, period=period_id)
    write_import(workspace, prepared)
    return prepared.tasks


@dataclass
class Score:
    items: int = 0
    hits: int = 0
    verdicts: int = 0
    targets: int = 0
    targets_right: int = 0
    detail_targets: int = 0
    detail_right: int = 0
    unanswered_items: int = 0
    unanswered_targets: int = 0
    missing_items: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _lines_of(passages: list[str], lines: list[str]) -> set[int]:
    found = set()
    for passage in passages:
        numbers = [n for n, line in enumerate(lines, 1) if passage in line]
        if not numbers:
            raise SystemExit(f"answer passage not found in the summary: {passage!r}")
        found.update(numbers)
    return found


def _target_answer(target, answers: list[dict]) -> dict | None:
    """The answer for an imported target: its metric holds the answer's key words, with the same comparator
    and value (in_step targets have none); the longest key wins (城镇调查失业率 over 失业率)."""
    fitting = [a for a in answers if a["metric"] in target.metric and a["comparator"] == target.comparator
               and (a["comparator"] == "in_step" or abs(float(a["value"]) - float(target.value)) < 1e-9)]
    return max(fitting, key=lambda a: len(a["metric"]), default=None)


def score_pair(answer_file: Path, reports: Path, verbose: bool) -> Score:
    answer = tomllib.loads(answer_file.read_text(encoding="utf-8"))
    year = int(answer["plan"][4:8])
    summary_path = reports / answer["summary"]
    summary_lines = read_report(summary_path).lines
    score = Score()
    with tempfile.TemporaryDirectory() as folder:
        init_workspace(Path(folder), "国务院")
        workspace = Workspace(Path(folder))
        tasks = import_plan(workspace, reports / answer["plan"], str(year))
        result, _, _ = check_summary(workspace, str(year), summary_path)
    by_title = {item["title"]: item for item in answer["items"]}
    seen = set()
    for item in result.items:
        expected = by_title.get(item.title)
        if expected is None:
            score.unanswered_items += 1
            continue
        seen.add(item.title)
        wanted = _lines_of(expected["passages"], summary_lines)
        hit = any(e.line in wanted for e in item.evidence[:3])
        right = item.verdict == expected["verdict"]
        score.items += 1
        score.hits += hit
        score.verdicts += right
        if verbose and not (hit and right):
            print(f"  {'hit ' if hit else 'MISS'} {item.verdict:<11} (answer {expected['verdict']}) {item.score:.2f} "
                  f"{item.title}  answer lines {sorted(wanted)}")
            for evidence in item.evidence:
                print(f"         {evidence.line}: {evidence.text[:60]}")
    for title in by_title:
        if title not in seen:
            score.missing_items += 1
            if verbose:
                print(f"  not imported: {title}")
    for target in result.targets:
        expected = _target_answer(target.target, answer["targets"])
        if expected is None:
            score.unanswered_targets += 1
            if verbose:
                print(f"  (no answer) {target.target.metric} {target.target.comparator} {target.target.value}"
                      f"{target.target.unit} → {target.actual} {target.verdict}")
            continue
        want = expected.get("actual")
        figure_right = (target.actual is None) if want is None else (
            target.actual is not None and abs(target.actual - want) < 1e-6)
        right = figure_right and target.verdict == expected["verdict"]
        if expected.get("part") == "detail":
            score.detail_targets += 1
            score.detail_right += right
        else:
            score.targets += 1
            score.targets_right += right
        if verbose and not right:
            print(f"  TARGET {target.target.metric}: got {target.actual} {target.verdict}, "
                  f"answer {want} {expected['verdict']} ({target.actual_text[:50]})")
    del tasks
    return score


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS, help="folder holding gwr-YYYY.txt")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each miss")
    args = parser.parse_args(argv)
    total = Score()
    print(f"{'pair':<12} {'evidence in top 3':<18} {'verdicts':<16} {'main targets':<16} {'item targets':<16} "
          f"not in answers")
    for answer_file in sorted(ANSWERS.glob("gwr-*.toml")):
        year = int(answer_file.stem[4:8])
        if args.verbose:
            print(f"{year}→{year + 1}:")
        score = score_pair(answer_file, args.reports, args.verbose)
        total.add(score)
        extra = f"{score.unanswered_items} items, {score.unanswered_targets} targets"
        if score.missing_items:
            extra += f"; {score.missing_items} answer items not imported"
        print(f"{year}→{year + 1:<7} {_percent(score.hits, score.items):<18} {_percent(score.verdicts, score.items):<16} "
              f"{_percent(score.targets_right, score.targets):<16} "
              f"{_percent(score.detail_right, score.detail_targets):<16} {extra}")
    print(f"{'overall':<12} {_percent(total.hits, total.items):<18} {_percent(total.verdicts, total.items):<16} "
          f"{_percent(total.targets_right, total.targets):<16} {_percent(total.detail_right, total.detail_targets):<16} "
          f"{total.unanswered_items} items, {total.unanswered_targets} targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())

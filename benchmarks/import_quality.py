"""Import quality on the real reports: precision and recall of plan items and numeric targets.

    .venv/bin/python benchmarks/import_quality.py

Each report in tests/data/reports is imported (into a throw-away workspace, as `duban import` does) and compared
with its hand-written answer file in benchmarks/answers/import/ (see the README there). Items match on their exact
title; targets on metric, comparator, value, unit (and reference for in_step). A summary that import correctly
refuses ("no plan section") counts as one correct answer.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from duban import tomlfile  # noqa: E402
from duban.errors import BadInput  # noqa: E402
from duban.importer import prepare_import  # noqa: E402
from duban.store import Workspace, init_workspace  # noqa: E402

REPORTS = ROOT / "tests" / "data" / "reports"
ANSWERS = ROOT / "benchmarks" / "answers" / "import"


def target_key(target: dict) -> tuple:
    return (target["metric"], target["comparator"], float(target["value"]), target.get("unit", ""),
            target.get("reference", ""))


def score(found: list, expected: list) -> tuple[int, int, int]:
    """(true positives, found, expected), matching as multisets."""
    hits = sum((Counter(found) & Counter(expected)).values())
    return hits, len(found), len(expected)


def ratio(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "     –"


def evaluate(answer: dict, workspace: Workspace) -> dict:
    path = REPORTS / answer["report"]
    try:
        prepared = prepare_import(workspace, path, period=answer.get("period"), org=answer.get("org"))
    except BadInput as error:
        refused = "no plan section" in error.message
        if not answer["plan"]:
            return {"items": (1, 1, 1) if refused else (0, 1, 1), "targets": (0, 0, 0), "categories": (0, 0)}
        return {"items": (0, 0, len(answer.get("items", []))), "targets": (0, 0, len(answer.get("targets", []))),
                "categories": (0, 0)}
    tasks = prepared.tasks
    if not answer["plan"]:
        return {"items": (0, len(tasks), 1), "targets": (0, 0, 0), "categories": (0, 0)}
    expected_items = [item["title"] for item in answer.get("items", [])]
    items = score([task.title for task in tasks], expected_items)
    categories = {item["title"]: item.get("category", "") for item in answer.get("items", [])}
    matched = [task for task in tasks if task.title in categories]
    right = sum(1 for task in matched if task.category == categories[task.title])
    if answer.get("targets_scope") == "goals":
        scoped = [task for task in tasks if "主要预期目标" in task.title]
    else:
        scoped = tasks
    found_targets = [target_key(t.to_dict()) for task in scoped for t in task.targets]
    targets = score(found_targets, [target_key(t) for t in answer.get("targets", [])])
    return {"items": items, "targets": targets, "categories": (right, len(matched))}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plans"
        init_workspace(root, "区卫生健康局")
        settings = root / "duban.toml"
        settings.write_text(settings.read_text(encoding="utf-8") + '\n[orgs]\n"国务院" = "gwr"\n', encoding="utf-8")
        workspace = Workspace(root)
        print(f"{'report':28} {'items P':>8} {'items R':>8} {'targets P':>10} {'targets R':>10} {'categories':>11}")
        totals = {"items": [0, 0, 0], "targets": [0, 0, 0], "categories": [0, 0]}
        for path in sorted(ANSWERS.glob("*.toml")):
            answer = tomlfile.loads(path.read_text(encoding="utf-8"), path)
            result = evaluate(answer, workspace)
            for key, values in result.items():
                totals[key] = [a + b for a, b in zip(totals[key], values)]
            (ih, if_, ie), (th, tf, te), (cr, cn) = result["items"], result["targets"], result["categories"]
            print(f"{answer['report']:28} {ratio(ih, if_):>8} {ratio(ih, ie):>8} {ratio(th, tf):>10} "
                  f"{ratio(th, te):>10} {ratio(cr, cn):>11}")
        (ih, if_, ie), (th, tf, te), (cr, cn) = totals["items"], totals["targets"], totals["categories"]
        print(f"{'overall':28} {ratio(ih, if_):>8} {ratio(ih, ie):>8} {ratio(th, tf):>10} {ratio(th, te):>10} "
              f"{ratio(cr, cn):>11}")
        print(f"items: {ih} right of {if_} found, {ie} expected; targets: {th} right of {tf} found, {te} expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())

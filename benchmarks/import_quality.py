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

from duban.ledger import tomlfile  # noqa: E402
from duban.errors import BadInput  # noqa: E402
from duban.plan.importer import prepare_import  # noqa: E402
from duban.ledger.store import Workspace, init_workspace  # noqa: E402

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


def variants(path: Path, folder: Path) -> dict[str, Path]:
    """The same report as it might arrive otherwise: GB18030 text, a .docx, a saved web page with site clutter."""
    import docx

    raw = path.read_text(encoding="utf-8")
    out = {}
    out["gb18030"] = folder / f"{path.stem}-gb.txt"
    out["gb18030"].write_bytes(raw.encode("gb18030", errors="replace"))
    document = docx.Document()
    for line in raw.splitlines():
        document.add_paragraph(line)
    out["docx"] = folder / f"{path.stem}.docx"
    document.save(out["docx"])
    from html import escape

    body = "".join(f"<p>{escape(line)}</p>" for line in raw.splitlines())
    page = (f"<html><head><meta charset='utf-8'><title>{path.stem}</title><script>var a=1;</script></head><body>"
            f"<div>下载文档</div><div>VIP专享</div><div>收藏 分享</div>{body}<div>微信扫码分享</div>"
            f"<div>侵权投诉</div></body></html>")
    out["html"] = folder / f"{path.stem}.html"
    out["html"].write_text(page, encoding="utf-8")
    return out


def format_check(answers: list[dict], workspace: Workspace, folder: Path) -> None:
    """Each plan report read from the other formats must give the same items as the .txt."""
    print()
    print(f"{'same items from':28} {'gb18030':>8} {'docx':>8} {'html':>8}")
    for answer in answers:
        if not answer["plan"]:
            continue
        path = REPORTS / answer["report"]
        options = {"period": answer.get("period"), "org": answer.get("org")}
        expected = [t.title for t in prepare_import(workspace, path, **options).tasks]
        cells = []
        for variant in variants(path, folder).values():
            try:
                titles = [t.title for t in prepare_import(workspace, variant, **options).tasks]
            except BadInput:
                titles = []
            cells.append("yes" if titles == expected else f"{sum(1 for t in titles if t in expected)}/{len(expected)}")
        print(f"{answer['report']:28} " + " ".join(f"{cell:>8}" for cell in cells))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plans"
        init_workspace(root, "区卫生健康局")
        settings = root / "duban.toml"
        settings.write_text(settings.read_text(encoding="utf-8") + '\n[orgs]\n"国务院" = "gwr"\n', encoding="utf-8")
        workspace = Workspace(root)
        print(f"{'report':28} {'items P':>8} {'items R':>8} {'targets P':>10} {'targets R':>10} {'categories':>11}")
        totals = {"items": [0, 0, 0], "targets": [0, 0, 0], "categories": [0, 0]}
        answers = [tomlfile.loads(p.read_text(encoding="utf-8"), p) for p in sorted(ANSWERS.glob("*.toml"))]
        for answer in answers:
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
        format_check(answers, workspace, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate the shipped plans/ workspace from the seed reports in tests/data/reports, with duban's own import.

    python scripts/build_plans.py            # rebuild plans/ from scratch (same bytes every run)
    python scripts/build_plans.py --keep     # import into the existing plans/, keeping statuses and progress logs
    python scripts/build_plans.py --plans DIR

What goes in, in this order:
- seed 000, the district health bureau's half-year report: plan 2019H2 of 区卫生健康局 (the workspace's own
  organisation). Its years are anonymised (xxxx年下半年), so the period is given.
- seed 001, a 区卫计局 work-meeting speech: plan 2017-wjj. Its years are anonymised too; the speech cites the
  national health conference of 19 August (2016) and the 十三五 plan's early years, so its plan is for 2017.
Seeds 002–004 are summaries with no plan part: they are what `duban check` reads, not imports.
Only the seeds are used: the State Council's and local reports come from public repositories and stay out of this
repository.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "tests" / "data" / "reports"
ORGANISATION = "区卫生健康局"
ORGS = {"区卫计局": "wjj"}
IMPORTS = [
    ("000_39b622c591527ef1.txt", "2019H2", ORGANISATION),
    ("001_9f2447f6adad0cf5.txt", "2017", "区卫计局"),
]


def duban(*args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("DUBAN_PLANS", None)
    done = subprocess.run([sys.executable, "-m", "duban", *args], env=env, stdout=subprocess.DEVNULL)
    if done.returncode:
        raise SystemExit(f"build_plans: `duban {' '.join(args)}` failed (exit {done.returncode})")


def clean(plans: Path) -> None:
    """Remove what this script makes: duban.toml, .gitignore and every plan folder."""
    if not plans.is_dir():
        return
    for entry in sorted(plans.iterdir()):
        if entry.is_dir() and (entry / "plan.toml").is_file():
            shutil.rmtree(entry)
        elif entry.name in ("duban.toml", ".gitignore"):
            entry.unlink()


def add_orgs(plans: Path) -> None:
    settings = plans / "duban.toml"
    text = settings.read_text(encoding="utf-8")
    if "[orgs]" in text:
        return
    lines = ["", "# Other organisations followed here, each with the ASCII suffix of its plan ids (2017-wjj).", "[orgs]"]
    lines += [f'"{name}" = "{suffix}"' for name, suffix in ORGS.items()]
    settings.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", default=str(ROOT / "plans"), help="workspace to build (default: plans/)")
    parser.add_argument("--keep", action="store_true", help="import into the existing workspace, keeping progress")
    options = parser.parse_args()
    plans = Path(options.plans)
    if not options.keep:
        clean(plans)
    duban("init", str(plans), "--org", ORGANISATION)
    add_orgs(plans)
    for name, period, org in IMPORTS:
        duban("--plans", str(plans), "import", str(REPORTS / name), "--period", period, "--org", org, "--yes")
        print(f"imported {name} as {period} of {org}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

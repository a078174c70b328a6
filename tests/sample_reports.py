"""Where the tests find real reports: the seeds are in tests/data/reports; the State Council's and the local
governments' reports come from public repositories and are read from ../shared (never copied here).

Tests that need ../shared skip with a clear reason when it is absent; `$DUBAN_SHARED` points elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEEDS = DATA / "reports"
SHARED = Path(os.environ.get("DUBAN_SHARED") or ROOT.parent / "shared")
SHARED_REASON = f"needs the State Council and local reports of ../shared (not found at {SHARED}; set DUBAN_SHARED)"

needs_shared = pytest.mark.skipif(not (SHARED / "reports").is_dir(), reason=SHARED_REASON)


def seed(number: str) -> Path:
    """One of the five seed reports, by its number: seed("000")."""
    return next(SEEDS.glob(f"{number}_*.txt"))


def seeds() -> list[Path]:
    return sorted(SEEDS.glob("0*.txt"))


def state_council(year: int) -> Path:
    """The State Council's government work report of a year (2013–2019); skips the test when ../shared is absent."""
    path = SHARED / "reports" / "state-council" / f"gwr-{year}.txt"
    if not path.is_file():
        pytest.skip(SHARED_REASON)
    return path


def local(relative: str) -> Path:
    """A local government's report, e.g. local("cities/南通-2024.txt"); skips when ../shared is absent."""
    path = SHARED / "reports" / "local" / relative
    if not path.is_file():
        pytest.skip(SHARED_REASON)
    return path


STATE_COUNCIL = SHARED / "reports" / "state-council"


def report_path(name: str) -> Path:
    """A report by a short name: "gwr-2018" (or "gwr-2018.txt") from ../shared, a seed by its number or prefix."""
    stem = name.removesuffix(".txt")
    if stem.startswith("gwr-"):
        return state_council(int(stem[4:]))
    return next(SEEDS.glob(f"{stem}*.txt"))

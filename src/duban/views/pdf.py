"""Print an HTML page to PDF with a real headless browser (Chromium or Chrome), so the PDF is what a browser shows.

The browser runs with a fresh profile in a temporary folder, no network services and no sandbox (duban often runs
as root in containers, where Chromium's sandbox cannot start).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from duban.errors import BadInput, UsageError

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PRINT_TIMEOUT = 120  # seconds; a cold Chromium start on a slow machine takes a few


class BrowserMissing(UsageError):
    """No headless browser to print with."""


def find_browser(env: dict[str, str] | None = None) -> str:
    """$DUBAN_CHROME when set, else the first Chromium/Chrome on PATH."""
    env = os.environ if env is None else env
    chosen = env.get("DUBAN_CHROME", "").strip()
    if chosen:
        found = shutil.which(chosen, path=env.get("PATH"))
        if found is None:
            raise BrowserMissing("browser_not_found", chosen=chosen)
        return found
    for name in BROWSER_NAMES:
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return found
    raise BrowserMissing("browser_missing")


def browser_command(browser: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    return [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
            f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
            page.resolve().as_uri()]


def html_to_pdf(html: str, output: Path, browser: str | None = None) -> Path:
    """Print `html` to the PDF file `output`; raises BadInput with the browser's own complaint when it fails."""
    browser = browser or find_browser()
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="duban-print-") as work:
        folder = Path(work)
        page = folder / "page.html"
        page.write_text(html, encoding="utf-8")
        pdf = folder / "page.pdf"
        command = browser_command(browser, page, pdf, folder / "profile")
        try:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                  errors="replace", timeout=PRINT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise BadInput("pdf_timeout", browser=browser, seconds=PRINT_TIMEOUT) from None
        except OSError as error:
            raise BadInput("program_cannot_run", program=browser, reason=error.strerror or str(error)) from None
        if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            raise BadInput("pdf_failed", browser=browser, code=done.returncode, detail=_last_line(done.stderr))
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(pdf), str(output))
    return output


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"

"""Old Word files (.doc, and Kingsoft WPS's .wps, mostly the same OLE format) through a converter on the machine.

No maintained Python library reads them, so duban asks, in order: LibreOffice (headless, converting to .docx, which
then reads like any .docx, numbering and tables included), antiword, catdoc. When none is installed, or none can
read the file, the error says what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from duban.errors import BadInput

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_STREAM = "WordDocument".encode("utf-16-le")  # the name of the stream that holds a Word 97 document's text
CONVERT_TIMEOUT = 120  # seconds; LibreOffice's first start on a slow machine takes a while


def read_old_word(data: bytes, path: Path, env_path: str | None = None) -> tuple[str, bytes | str]:
    """("docx", the file as .docx) from LibreOffice, or ("text", its text) from antiword or catdoc."""
    if not (data.startswith(OLE_MAGIC) and WORD_STREAM in data):
        # converters turn any other bytes into "text" (catdoc, LibreOffice's fallback): refuse them here
        raise BadInput("not_a_word_document", path=path)
    tried = []
    with tempfile.TemporaryDirectory(prefix="duban-doc-") as work:
        source = Path(work) / ("report" + (path.suffix.lower() or ".doc"))
        source.write_bytes(data)
        for name, convert in (("soffice", _libreoffice), ("libreoffice", _libreoffice), ("antiword", _antiword),
                              ("catdoc", _catdoc)):
            program = shutil.which(name, path=env_path)
            if program is None or (name == "libreoffice" and "soffice" in tried):
                continue
            tried.append(name)
            result = convert(program, source, Path(work))
            if result is not None:
                return result
    if not tried:
        raise BadInput("word_needs_converter", path=path, suffix=path.suffix or ".doc")
    raise BadInput("word_converters_failed", path=path, tried=", ".join(tried))


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess | None:
    try:
        done = subprocess.run(command, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=CONVERT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done if done.returncode == 0 else None


def _libreoffice(program: str, source: Path, work: Path):
    out = work / "out"
    # a profile of its own: a LibreOffice the user has open would otherwise take the job and return at once
    profile = (work / "profile").as_uri()
    # the Word 97 filter: left to guess, LibreOffice takes a file it cannot read for plain text and "converts" it
    done = _run([program, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--infilter=MS Word 97",
                 "--convert-to", "docx", "--outdir", str(out), str(source)], work)
    converted = out / (source.stem + ".docx")
    if done is None or not converted.is_file():
        return None
    return "docx", converted.read_bytes()


def _antiword(program: str, source: Path, work: Path):
    done = _run([program, "-m", "UTF-8.txt", "-w", "0", str(source)], work)  # -w 0: a paragraph per line
    return _text(done)


def _catdoc(program: str, source: Path, work: Path):
    done = _run([program, "-d", "utf-8", "-w", str(source)], work)  # -w: no wrapping
    return _text(done)


def _text(done: subprocess.CompletedProcess | None):
    if done is None:
        return None
    text = done.stdout.decode("utf-8", errors="replace")
    return ("text", text) if text.strip() else None

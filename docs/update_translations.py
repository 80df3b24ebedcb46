"""Extract the window's strings into .ts files and compile the .qm files ptlog ships.

    python docs/update_translations.py            # lupdate, then lrelease
    python docs/update_translations.py --check    # exit 1 if a .ts is out of date or unfinished

Runs PySide6's own ``pyside6-lupdate`` over ``ptlog/ui`` and ``ptlog/app.py`` for every language
of ``resources/locale/*.json`` (English, the source language, gets only its plural forms: "%n
reading(s)" written "1 reading" and "2 readings", as Qt's ``-pluralonly``): new strings appear as
"unfinished" in ``resources/locale/qt/ptlog_<code>.ts`` for a translator (Qt Linguist or any
editor); ``pyside6-lrelease`` compiles the ``.qm`` that ``ptlog/ui/translations.py`` loads. The
``.qm`` files are committed so an installed ptlog needs no Qt tools.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_DIR = ROOT / "resources" / "locale" / "qt"
SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ptlog" / "ui").glob("*.py")) + [
    "ptlog/app.py"]


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (it ships the Qt tools)")
    return found


def languages() -> list[str]:
    """Every language but English, then English: its .ts holds only the plural forms ("%n
    reading(s)" → "1 reading", "2 readings"), as Qt's -pluralonly does for the source
    language."""
    others = sorted(p.stem for p in (ROOT / "resources" / "locale").glob("*.json")
                    if p.stem != "en")
    return [*others, "en"]


def lupdate(ts: Path) -> None:
    plural_only = ["-pluralonly"] if ts.stem.endswith("_en") else []
    subprocess.run([tool("lupdate"), "-no-obsolete", *plural_only, "-locations", "none",
                    *SOURCES, "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)


def unfinished(ts: Path) -> list[str]:
    """Sources whose translation is missing, empty or marked unfinished."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete",
                                                                "vanished"):
            out.append(source)
            continue
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""]
        if not all(form.strip() for form in forms):
            out.append(source)
    return out


def check() -> list[str]:
    """What is wrong with the shipped .ts/.qm files, one line each."""
    problems = []
    for language in languages():
        ts = QT_DIR / f"ptlog_{language}.ts"
        if not ts.exists():
            problems.append(f"{ts.name} is missing: run python docs/update_translations.py")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            lupdate(fresh)
            if fresh.read_bytes() != ts.read_bytes():
                problems.append(f"{ts.name} is out of date (strings were added or changed in "
                                "the code): run python docs/update_translations.py")
        problems += [f"{ts.name}: unfinished: {source!r}" for source in unfinished(ts)]
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime - 1:
            problems.append(f"{qm.name} is missing or older than {ts.name}: run lrelease")
    return problems


def main() -> int:
    if "--check" in sys.argv:
        problems = check()
        for line in problems:
            print(line)
        return 1 if problems else 0
    QT_DIR.mkdir(parents=True, exist_ok=True)
    for language in languages():
        ts = QT_DIR / f"ptlog_{language}.ts"
        lupdate(ts)
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm",
                        str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)
        left = unfinished(ts)
        print(f"{ts.name}: {len(left)} unfinished")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

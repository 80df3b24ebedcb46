"""Every message ptlog shows outside the window, found in the code and the data files.

The catalogs (``resources/locale/<code>.json``) must translate each of them; the test in
tests/test_translations.py fails on a missing, empty, stale or mis-placeholdered entry. Run as a
script to list what a catalog still needs (a translator's to-do list):

    python tests/i18n_messages.py es
"""

from __future__ import annotations

import ast
import functools
import json
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ptlog"
# where strings are given to the translation function (the window uses Qt's own system)
SCANNED = ("domain", "reports", "services", "commands", "store", "cli.py", "app.py",
           "input_files.py")


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


@functools.cache  # the sources do not change during a run; each language asks again
def code_messages() -> dict[str, str]:
    """msgid → "file:line" for every literal given to ``tr(...)``, ``tr.plural(...)`` (its
    singular; the plural form is checked apart) or ``N_(...)``."""
    found: dict[str, str] = {}
    paths: list[Path] = []
    for name in SCANNED:
        path = PACKAGE / name
        paths += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = (func.id if isinstance(func, ast.Name) else
                      func.attr if isinstance(func, ast.Attribute) else "")
            owner = func.value if isinstance(func, ast.Attribute) else None
            is_tr = called in ("tr", "N_", "_tr") or (
                called == "plural" and isinstance(owner, ast.Name | ast.Attribute | ast.Call))
            if isinstance(func, ast.Call) and isinstance(func.func, ast.Name):
                is_tr = func.func.id == "messages"  # messages()("…"): the CLI's translator
            text = _literal(node.args[0])
            if is_tr and text is not None:
                found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


@functools.cache
def plural_messages() -> dict[str, str]:
    """singular msgid → its English plural, for every ``tr.plural(...)``."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "/ui/" in str(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "plural" and len(node.args) >= 2):
                one, other = _literal(node.args[0]), _literal(node.args[1])
                if one is not None and other is not None:
                    found[one] = other
    return found


@functools.cache
def data_messages() -> frozenset[str]:
    """Labels and texts of the domain and the data files that documents show translated."""
    from ptlog.domain import records as r
    from ptlog.domain.catalog import catalog, normal_source
    from ptlog.domain.resources import load_json
    from ptlog.domain.treatment_analysis import FollowUpWindow

    found: set[str] = set()
    for enum in (r.Side, r.TreatmentSide, r.TreatmentKind, r.VisitKind, r.Sex):
        found |= {member.label for member in enum}
    found |= {sex.in_words for sex in r.Sex}
    found |= {member.value for member in (*r.Position, *r.Mode)}
    found |= {member.label for member in (*r.Position, *r.Mode, *r.Instrument)}  # the window
    found |= {spec.label for spec in catalog().values()} | {normal_source()}
    found |= {w.label for w in FollowUpWindow} | {w.caption for w in FollowUpWindow}
    found |= {w.value for w in FollowUpWindow}
    found |= {"no baseline", "no follow-up yet", "responder", "gain faded", "loss beyond MDC",
              "within measurement error"}  # TreatmentOutcome.verdict
    targets = load_json("targets.json")
    found |= {t["label"] for t in targets["targets"]}
    norms = load_json("norms.json")
    for table in norms["tables"]:
        found |= {table["source"]} | {band["label"] for band in table["bands"]}
    found.add("adult reference")
    treatments = load_json("treatments.json")
    found.add(treatments["source"])
    for entry in treatments["kinds"].values():
        found |= {entry[key] for key in ("recovery", "note") if entry.get(key)}
    for ref in load_json("references.json")["references"]:
        found |= {ref["short"], ref["kind"], ref["used_for"]}
    return frozenset(found)


def required_messages() -> set[str]:
    return set(code_messages()) | data_messages()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def problems(language: str) -> list[str]:
    """What the catalog of ``language`` lacks or holds wrongly, one line each."""
    catalog = json.loads((ROOT / "resources" / "locale" / f"{language}.json")
                         .read_text(encoding="utf-8"))["messages"]
    plurals = plural_messages()
    out: list[str] = []
    where = code_messages()
    for msgid in sorted(required_messages()):
        entry = catalog.get(msgid)
        at = where.get(msgid, "data")
        if entry is None:
            out.append(f"missing: {msgid!r} ({at})")
            continue
        if msgid in plurals:
            if not isinstance(entry, dict) or not entry.get("one") or not entry.get("other"):
                out.append(f"unfinished plural (needs one and other): {msgid!r} ({at})")
                continue
            expected = placeholders(msgid) | placeholders(plurals[msgid])
            forms = entry.values()
        else:
            if not isinstance(entry, str) or not entry.strip():
                out.append(f"unfinished: {msgid!r} ({at})")
                continue
            expected = placeholders(msgid)
            forms = [entry]
        for form in forms:
            if placeholders(form) != expected:
                out.append(f"placeholders differ: {msgid!r} has {sorted(expected)}, the "
                           f"translation {form!r} has {sorted(placeholders(form))}")
    for msgid in sorted(set(catalog) - required_messages()):
        out.append(f"stale (no longer used): {msgid!r}")
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for language in sys.argv[1:] or ["es", "de"]:
        lines = problems(language)
        print(f"{language}: {len(lines)} problem(s)")
        for line in lines:
            print("  " + line)

"""Draw ptlog's rooms and the doors between them from the code itself (ARCHITECTURE.md).

Reads every import of every module under ``ptlog/`` (lazy ones in functions too), folds them to
the rooms (``cli``, ``commands``, ``app``, ``ui``, ``services``, ``reports``, ``store``,
``domain``), and writes the picture twice: ``docs/architecture.svg`` and the Mermaid block of
ARCHITECTURE.md. ``--check`` writes nothing and fails when either is out of date
(tests/test_architecture_doc.py runs it).

    python docs/architecture_graph.py          # redraw after a new kind of import
    python docs/architecture_graph.py --check  # what CI runs
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ptlog"
DOC = ROOT / "ARCHITECTURE.md"
SVG = ROOT / "docs" / "architecture.svg"
START, END = "<!-- graph: start (docs/architecture_graph.py) -->", "<!-- graph: end -->"

#: the rooms top to bottom, as the import contracts of pyproject.toml order them; a row may
#: hold rooms that must not import each other
ROWS: tuple[tuple[str, ...], ...] = (
    ("cli",), ("commands",), ("app",), ("ui",), ("services",), ("reports", "store"),
    ("domain",),
)
WHAT = {
    "cli": "ptlog command", "commands": "one module per subcommand", "app": "start the window",
    "ui": "widgets, Qt models", "services": "use cases", "reports": "PDF documents",
    "store": "database, files", "domain": "clinical rules",
}
ROOMS = [room for row in ROWS for room in row]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> Iterator[str]:
    """Every ptlog module this file imports, relative imports resolved, at any depth."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def room_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "ptlog" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ROOMS else None


#: the one store module the window and the commands may name: its errors, shown dashed
ERRORS_ONLY = "ptlog.store.errors"


def doors() -> dict[tuple[str, str], bool]:
    """(room, room it imports) for every pair some import connects; False when all of those
    imports are of ``ptlog.store.errors`` (the errors every layer may catch)."""
    found: dict[tuple[str, str], bool] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = room_of(module_name(path))
        if source is None:
            continue
        for module in imported_modules(path):
            target = room_of(module)
            if target is None or target == source or module == "ptlog.store":
                continue  # "from ptlog.store import errors" names the package too
            full = not (module == ERRORS_ONLY or module.startswith(ERRORS_ONLY + "."))
            found[(source, target)] = found.get((source, target), False) or full
    return found


def _ordered(edges: dict[tuple[str, str], bool]) -> list[tuple[str, str, bool]]:
    return [(a, b, full) for (a, b), full in
            sorted(edges.items(), key=lambda e: (ROOMS.index(e[0][0]), ROOMS.index(e[0][1])))]


def mermaid(edges: dict[tuple[str, str], bool]) -> str:
    lines = ["```mermaid", "flowchart TD"]
    lines += [f'  {room}["{room}<br/><small>{WHAT[room]}</small>"]' for room in ROOMS]
    lines += [f"  {a} {'-->' if full else '-.->|errors|'} {b}" for a, b, full in _ordered(edges)]
    lines.append("```")
    return "\n".join(lines)


BOX_W, BOX_H, ROW_H, WIDTH, LANE = 180, 46, 74, 760, 13


def _positions() -> dict[str, tuple[float, float]]:
    """Top-left corner of each room's box: one row per layer, side by side within a row."""
    where: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(ROWS):
        for i, room in enumerate(row):
            x = WIDTH / 2 + (i - (len(row) - 1) / 2) * (BOX_W + 40)
            where[room] = (x - BOX_W / 2, 24 + r * ROW_H)
    return where


def svg(edges: dict[tuple[str, str], bool]) -> str:
    """Boxes row by row (the layers). A door to the next row is a straight arrow; a door past
    rows runs down a lane of its own beside the boxes (left for reports, right otherwise)."""
    where = _positions()
    height = 24 + len(ROWS) * ROW_H
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, sans-serif">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>'
           '</defs>', '<rect width="100%" height="100%" fill="white"/>']
    for room in ROOMS:
        x, y = where[room]
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
                   'fill="#EAF2FB" stroke="#0072B2" stroke-width="1.5"/>')
        out.append(f'<text x="{x + BOX_W / 2:.0f}" y="{y + 20:.0f}" text-anchor="middle" '
                   f'font-size="15" font-weight="bold">{room}</text>')
        out.append(f'<text x="{x + BOX_W / 2:.0f}" y="{y + 37:.0f}" text-anchor="middle" '
                   f'font-size="11" fill="#333">{WHAT[room]}</text>')
    row_of = {room: r for r, row in enumerate(ROWS) for room in row}
    ordered = _ordered(edges)
    long_ones = sorted(((a, b, full) for a, b, full in ordered if row_of[b] - row_of[a] > 1),
                       key=lambda e: row_of[e[1]] - row_of[e[0]])
    lanes = {"left": 0, "right": 0}
    inner = {"left": min(x for x, _ in where.values()),
             "right": max(x for x, _ in where.values()) + BOX_W}
    for a, b, full in ordered:
        dash = "" if full else ' stroke-dasharray="4 3"'
        (ax, ay), (bx, by) = where[a], where[b]
        if row_of[b] - row_of[a] == 1:
            x1, x2 = ax + BOX_W / 2, bx + BOX_W / 2
            out.append(f'<line x1="{x1:.0f}" y1="{ay + BOX_H:.0f}" x2="{x2:.0f}" y2="{by:.0f}" '
                       f'stroke="#444" stroke-width="1.5"{dash} marker-end="url(#arrow)"/>')
    for a, b, full in long_ones:
        dash = "" if full else ' stroke-dasharray="4 3"'
        (ax, ay), (bx, by) = where[a], where[b]
        side = "left" if b == "reports" else "right"
        lanes[side] += 1
        step = LANE * lanes[side]
        lane = inner[side] - 14 - step if side == "left" else inner[side] + 14 + step
        y1 = ay + BOX_H / 2 + (step % 20) - 10
        y2 = by + BOX_H / 2 + (step % 16) - 8
        x1 = ax if side == "left" else ax + BOX_W
        x2 = bx if side == "left" else bx + BOX_W
        out.append(f'<polyline points="{x1:.0f},{y1:.0f} {lane:.0f},{y1:.0f} {lane:.0f},'
                   f'{y2:.0f} {x2:.0f},{y2:.0f}" fill="none" stroke="#888" stroke-width="1.1"'
                   f'{dash} marker-end="url(#arrow)"/>')
    legend_y = height - 8
    out.append(f'<text x="8" y="{legend_y}" font-size="10" fill="#555">arrow: imports; '
               'dashed: only ptlog.store.errors; drawn by docs/architecture_graph.py</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def with_graph(doc: str, block: str) -> str:
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{block}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the pictures are stale")
    args = parser.parse_args(argv)
    edges = doors()
    doc = DOC.read_text(encoding="utf-8")
    if START not in doc or END not in doc:
        print(f"{DOC.name}: the markers {START} … {END} are missing", file=sys.stderr)
        return 2
    wanted_doc, wanted_svg = with_graph(doc, mermaid(edges)), svg(edges)
    stale = [p.name for p, text in ((DOC, wanted_doc), (SVG, wanted_svg))
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        if stale:
            print(f"out of date: {', '.join(stale)}: run python docs/architecture_graph.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(wanted_doc, encoding="utf-8")
    SVG.write_text(wanted_svg, encoding="utf-8")
    print(f"{len(edges)} doors between {len(ROOMS)} rooms: wrote {DOC.name} and {SVG.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

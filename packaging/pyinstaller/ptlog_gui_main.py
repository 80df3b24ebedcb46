"""Entry point of the windowed executable (Windows ``ptlog-gui.exe``, the macOS ``.app``)."""

import argparse
import sys

from ptlog.cli import main


def gui_arguments(argv: list[str]) -> list[str]:
    """Keep ``--db`` and ``--clinician``; drop what a launcher adds (macOS ``-psn_…``, files)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--clinician")
    known, _ = parser.parse_known_args(argv)
    kept = []
    if known.db:
        kept += ["--db", known.db]
    if known.clinician:
        kept += ["--clinician", known.clinician]
    return [*kept, "gui"]


if __name__ == "__main__":
    sys.exit(main(gui_arguments(sys.argv[1:])))

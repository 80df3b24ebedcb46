"""The ``ptlog`` command: the GUI by default, subcommands for everything that is not typing.

Exit codes (a contract, DESIGN §4): 0 ok, 1 unexpected error, 2 bad input or usage.
User errors print one readable line on stderr; only bugs are logged with a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from ptlog import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_INPUT = 2

log = logging.getLogger("ptlog")


class UsageError(Exception):
    """Bad input on the command line or in a file: exit 2 with this message."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ptlog",
        description="A goniometer logbook for physical therapists. Without a command, opens the "
        "window.",
    )
    parser.add_argument("--version", action="version", version=f"ptlog {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL: sqlite:///path/to/file.db or postgresql://user@host:port/dbname "
        "(default: $PTLOG_DB, else a SQLite file in your data folder)",
    )
    parser.add_argument(
        "--clinician", metavar="NAME", default="", help="clinician recorded in the audit trail"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the window (the default)")

    p = sub.add_parser("demo", help="fill the database with realistic demo patients")
    p.add_argument("--patients", type=_positive_int, default=24, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")

    p = sub.add_parser("patients", help="list or search patients")
    p.add_argument("--search", default="", metavar="TEXT")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--archived", action="store_true", help="include archived patients")

    p = sub.add_parser("import", help="import readings or treatments from a CSV file")
    p.add_argument("file", metavar="FILE.csv")

    p = sub.add_parser("export", help="export readings as CSV or a FHIR R4 bundle")
    p.add_argument("--format", choices=("csv", "fhir"), default="csv")
    p.add_argument("--patient", metavar="CHART")
    p.add_argument("--treatments", action="store_true", help="CSV: export treatments instead")
    p.add_argument("-o", "--output", required=True, metavar="FILE")

    p = sub.add_parser("report", help="write a clinician's progress report (PDF)")
    p.add_argument("chart", metavar="CHART")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--paper", choices=("A4", "Letter"), help="default: the clinic setting")

    p = sub.add_parser("handout", help="write a plain-language patient handout (PDF)")
    p.add_argument("chart", metavar="CHART")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--paper", choices=("A4", "Letter"), help="default: the clinic setting")

    p = sub.add_parser(
        "compare", help="rotation before vs after treatments, per patient and clinic"
    )
    p.add_argument("--patient", metavar="CHART")
    p.add_argument("--motion", metavar="JOINT.MOTION")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("backup", help="write a verified backup of the database")
    p.add_argument("-o", "--output", metavar="FILE")

    p = sub.add_parser("restore", help="restore the database from a backup (keeps a copy)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    sub.add_parser("check", help="check integrity and the audit chain")
    return parser


# command name -> module under ptlog.commands with ``run(args) -> int``
COMMANDS = {
    "demo": "demo",
    "patients": "patients",
    "import": "interchange",
    "export": "interchange",
    "report": "reports",
    "handout": "reports",
    "compare": "compare",
    "backup": "safety",
    "restore": "safety",
    "check": "safety",
}


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def run_command(args: argparse.Namespace) -> int:
    from ptlog.store import errors
    from ptlog.store.models import database_proxy

    module = importlib.import_module(f"ptlog.commands.{COMMANDS[args.command]}")
    try:
        return int(module.run(args))
    except UsageError as exc:
        print(f"ptlog {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (errors.ValidationError, errors.NotFoundError, errors.SchemaTooNewError,
            errors.NetworkShareError) as exc:
        print(f"ptlog {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except errors.StoreError as exc:
        print(f"ptlog {args.command}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"ptlog {args.command}: interrupted; nothing was changed", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if database_proxy.obj is not None and not database_proxy.obj.is_closed():
            database_proxy.obj.close()


def main(argv: Sequence[str] | None = None) -> int:
    _configure_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.db:
        import os

        os.environ["PTLOG_DB"] = args.db  # one place for every layer (and child processes)
    if args.clinician:
        from ptlog.store import audit

        audit.set_clinician(args.clinician)
    if args.command in (None, "gui"):
        return gui_main(args.db)
    try:
        return run_command(args)
    except BrokenPipeError:
        # the reader went away (``ptlog patients | head``): not an error worth a traceback
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception:  # noqa: BLE001 - last line of defence: a bug, logged with its traceback
        log.exception("unexpected error in 'ptlog %s'", args.command)
        print(
            f"ptlog {args.command}: unexpected error (a bug); the details are above. "
            "Nothing was changed.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def gui_main(db_url: str | None = None) -> int:
    """Start the window (``ptlog`` with no command)."""
    from ptlog.app import run_gui

    return run_gui(db_url)


if __name__ == "__main__":
    raise SystemExit(main())

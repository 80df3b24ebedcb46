"""The ``ptlog`` command: the GUI by default, subcommands for everything that is not typing.

Exit codes (a contract, DESIGN §4): 0 ok, 1 unexpected error (a bug), 2 bad input or usage,
3 the environment (disk full, read-only, busy, server unreachable, login refused, permission).
User errors print one readable line on stderr; only bugs are logged with a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from ptlog import __version__

# the exit codes and UsageError live with the commands; named here too for callers of main()
from ptlog.commands.common import language_option, messages, set_message_language
from ptlog.commands.exit_codes import (
    EXIT_BAD_INPUT,
    EXIT_ENVIRONMENT,
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
)

__all__ = ["EXIT_BAD_INPUT", "EXIT_ENVIRONMENT", "EXIT_ERROR", "EXIT_OK", "UsageError",
           "build_parser", "main"]

log = logging.getLogger("ptlog")

# modules under ptlog.commands, in the order their subcommands appear in ``ptlog --help``
COMMAND_MODULES = ("demo", "patients", "interchange", "reports", "compare", "safety", "secret",
                   "server")


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
        "--demo", action="store_true",
        help="use the demo database (made by 'ptlog demo') instead of yours",
    )
    parser.add_argument(
        "--clinician", metavar="NAME", default="", help="clinician recorded in the audit trail"
    )
    parser.add_argument(
        "--ui-language", metavar="CODE", type=language_option, default=None,
        help="language of the window and of messages: en, es or de (default: the system "
        "locale, LANG / LC_ALL / LC_MESSAGES)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the window (the default)")
    for name in COMMAND_MODULES:
        importlib.import_module(f"ptlog.commands.{name}").add_parsers(sub)
    return parser


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def run_command(args: argparse.Namespace) -> int:
    from ptlog.services import session
    from ptlog.services.session import SecretMissingError
    from ptlog.store import errors

    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"ptlog {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SecretMissingError as exc:  # environment: exit 3
        print(f"ptlog {args.command}: {exc}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except errors.StoreError as exc:
        return _report_store_error(args.command, exc)
    except KeyboardInterrupt:
        print(f"ptlog {args.command}: " + messages()("interrupted; nothing was changed"),
              file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        # a driver error the store did not wrap (disk full, busy, …) is still the environment
        translated = errors.translate(exc, session.describe(getattr(args, "db", None)))
        if translated is None:
            raise
        return _report_store_error(args.command, translated)
    finally:
        session.close()


def _report_store_error(command: str, error: BaseException) -> int:
    """One line on stderr; exit 2 for the user's input, 3 for the environment."""
    from ptlog.store import errors

    print(f"ptlog {command}: {messages().error_text(error)}", file=sys.stderr)
    if isinstance(error, errors.StoreError) and errors.is_bad_input(error):
        return EXIT_BAD_INPUT
    return EXIT_ENVIRONMENT


def main(argv: Sequence[str] | None = None) -> int:
    _configure_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    set_message_language(args.ui_language)
    if args.demo:
        if args.db:
            print("ptlog: --demo opens the demo database: give --demo or --db, not both",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        from ptlog.services.demo import demo_url

        args.db = demo_url()
    if args.db:
        import os

        os.environ["PTLOG_DB"] = args.db  # one place for every layer (and child processes)
    if args.clinician:
        from ptlog.domain.limits import InputError, check_text
        from ptlog.services.session import set_clinician

        try:
            check_text(args.clinician.strip(), "clinician")
        except InputError as exc:
            print(f"ptlog: --clinician: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        set_clinician(args.clinician.strip())
    if args.command in (None, "gui"):
        return gui_main(args.db, args.ui_language)
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


def window_arguments(argv: Sequence[str]) -> list[str]:
    """``ptlog``'s arguments for a launcher's command line: its ``--db`` and ``--clinician``
    kept (a shortcut made for a second database must open that one, never the default), what
    a launcher adds besides (macOS ``-psn_…``, files dropped on the icon) left out."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--clinician")
    known, _ = parser.parse_known_args(list(argv))
    kept: list[str] = []
    if known.db:
        kept += ["--db", known.db]
    if known.clinician:
        kept += ["--clinician", known.clinician]
    return [*kept, "gui"]


def windowed_main() -> int:
    """``ptlog-gui``, the windowed executable (no terminal): the window, as its command line's
    ``window_arguments`` ask."""
    return main(window_arguments(sys.argv[1:]))


def gui_main(db_url: str | None = None, language: str | None = None) -> int:
    """Start the window (``ptlog`` with no command)."""
    from ptlog.app import run_gui

    return run_gui(db_url, language)


if __name__ == "__main__":
    raise SystemExit(main())

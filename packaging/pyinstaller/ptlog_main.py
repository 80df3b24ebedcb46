"""Entry point of the frozen bundle: the same ``ptlog`` command as the installed package."""

import sys

from ptlog.cli import main

if __name__ == "__main__":
    sys.exit(main())

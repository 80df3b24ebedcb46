"""Entry point of the windowed executable (Windows ``ptlog-gui.exe``, the macOS ``.app``):
``ptlog.cli.windowed_main``, as ``ptlog-gui`` installed by pip."""

import sys

from ptlog.cli import windowed_main

if __name__ == "__main__":
    sys.exit(windowed_main())

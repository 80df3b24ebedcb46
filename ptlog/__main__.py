"""Allow ``python -m ptlog``."""

from ptlog.cli import main

raise SystemExit(main())

"""Exit codes of ``ptlog`` (a contract, DESIGN §4) and the error that means "bad input".

Every command module returns one of these; ``ptlog.cli`` turns exceptions into them.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1  # an unexpected error (a bug), or problems found by ``ptlog check``
EXIT_BAD_INPUT = 2
# the environment: disk full, read-only, busy, server unreachable, login refused, permission
EXIT_ENVIRONMENT = 3


class UsageError(Exception):
    """Bad input on the command line or in a file: exit 2 with this message."""

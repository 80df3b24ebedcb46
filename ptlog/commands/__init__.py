"""One module per group of ``ptlog`` subcommands.

Each owns its parsers (``add_parsers(sub)``) and the ``run(args) -> int`` they call, and
returns an exit code of ``exit_codes``; ``ptlog.cli`` only assembles them and turns errors
into one line and an exit code.
"""

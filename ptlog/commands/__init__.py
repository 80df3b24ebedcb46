"""One module per group of ``ptlog`` subcommands, each exposing ``run(args) -> int``."""

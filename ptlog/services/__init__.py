"""Use cases: the one way the window and the command line change or read clinical data.

Each module is one thing a clinician does (save a visit, amend a reading, import a file, write
a report…). A use case that writes returns what it changed (``changes.Changes``), so the
window refreshes what shows it and the command line prints a summary; neither composes store
calls itself. Above this layer nothing imports ``ptlog.store`` but its errors (pyproject.toml's
contracts).
"""

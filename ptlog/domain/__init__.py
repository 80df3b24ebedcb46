"""Pure clinical logic: no Qt, no database, no PDF. Plain dataclasses and functions."""

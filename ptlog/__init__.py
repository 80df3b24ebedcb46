"""ptlog: a goniometer logbook for physical therapists."""

__version__ = "0.1.0"

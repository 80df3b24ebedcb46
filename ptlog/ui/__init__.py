"""The PySide6 + pyqtgraph window: it works through the use cases (``ptlog.services``)."""

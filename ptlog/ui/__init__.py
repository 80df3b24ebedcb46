"""The PySide6 + pyqtgraph window. Calls the store's functions, never peewee directly."""

"""PDF documents: the progress report and the patient handout (reportlab; no Qt, no peewee)."""

"""The import dialog's screenshot: a PT's wide sheet (one row per visit), mapped and checked.

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/screenshot_import.py [OUT_DIR]

The sheet's dates are day/month/year and one value is impossible: the check lists both problems
with their cells, before anything is written. Grabbed at the dialog's own size (``QWidget.grab``).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)


def settle(app: QApplication, ms: int = 400) -> None:
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(ms)
    while timer.isActive():
        app.processEvents()


def wide_sheet(path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Hip ROM"
    sheet.append(["Date", "IR L", "IR R", "ER L", "ER R", "Flex L", "Flex R", "Therapist",
                  "Comment"])
    start = dt.date(2025, 9, 2)
    for week in range(14):
        day = start + dt.timedelta(days=14 * week)
        sheet.append([day.strftime("%d/%m/%Y"), 18 + week, 27 + week // 2, 38 + week // 3,
                      44, 105 + week, 112 if week != 5 else 190, "A. Lee",
                      "after injection" if week == 4 else None])
    workbook.save(path)


def main() -> int:
    os.environ.setdefault("QT_SCALE_FACTOR", "1")
    tmp = Path(tempfile.mkdtemp(prefix="ptlog-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("ptlog-screenshots")
    app.setApplicationName("ptlog")
    from ptlog.store.database import open_database
    from ptlog.ui.import_dialog import ImportDialog

    open_database(f"sqlite:///{tmp / 'demo.db'}")
    book = tmp / "Hip ROM 2025.xlsx"
    wide_sheet(book)
    dialog = ImportDialog()
    dialog.resize(1100, 740)
    dialog.show()
    dialog.path.setText(str(book))
    dialog.load(book)
    for name, text in (("chart", "2025-117"), ("family_name", "Brennan"), ("given_name", "Maeve"),
                       ("birth_date", "1971-06-23"), ("sex", "Female"), ("position", "Seated"),
                       ("mode", "Active")):
        dialog.defaults[name].setText(text)
    dialog.columns.setCurrentRow(1)
    dialog.check.click()
    for _ in range(100):
        settle(app, 100)
        if dialog.problems.count():
            break
    dialog.date_order.setCurrentIndex(1)  # day/month/year: the dates now read; one value not
    dialog.check.click()
    dialog.problems.clear()
    for _ in range(100):
        settle(app, 100)
        if dialog.problems.count():
            break
    settle(app, 600)
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "screenshot-import.png"
    if not dialog.grab().save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(f"wrote {target}")
    dialog.reject()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

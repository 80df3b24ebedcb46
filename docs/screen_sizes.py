"""The window as a clinic laptop shows it: run under /work/shared/tools/screenshot.sh.

    ptlog --db sqlite:////tmp/demo.db demo       # once
    SCREEN=1366x768 screenshot.sh docs/screen-1366x768.png 20 python docs/screen_sizes.py \\
        /tmp/demo.db
    SCREEN=1920x1080 QT_SCALE_FACTOR=1.5 screenshot.sh docs/screen-1920x1080-150.png 20 \\
        python docs/screen_sizes.py /tmp/demo.db

Demo patients in a temporary database, one patient open with a hip panel half typed: the
window exactly as it opens on that screen (the script never sizes it itself).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="ptlog-screen-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication(sys.argv[:1])
    fresh = len(sys.argv) == 1
    app.setOrganizationName("ptlog-screen-sizes")
    app.setApplicationName("ptlog")
    db_url = f"sqlite:///{tmp / 'demo.db'}"
    if len(sys.argv) > 1:  # a demo database made before (the demo takes a while to make)
        import shutil

        shutil.copyfile(sys.argv[1], tmp / "demo.db")
    from ptlog.app import create_main_window
    from ptlog.domain.records import MotionKey, Side
    from ptlog.store.database import open_database
    from ptlog.store.demo import generate_demo
    from ptlog.store.patients import get_by_chart

    open_database(db_url)
    if fresh:
        generate_demo(24, 1)
    window = create_main_window(db_url)
    window.show()
    patient = get_by_chart("DEMO-010003")
    window.open_patient(patient.id or 0)
    while window.patient_view.is_loading():  # read off the GUI thread
        QApplication.processEvents()
    entry = window.patient_view.entry
    ir = MotionKey("hip", "internal_rotation")
    entry.field(ir, Side.LEFT).setFocus()
    for side, text in ((Side.LEFT, "24"), (Side.RIGHT, "38")):
        field = entry.field(ir, side)
        field.setText(text)
        entry._on_field_edited(field, text)  # as typing does (the plot and flags follow)
    QTimer.singleShot(60_000, app.quit)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())

"""Settings: the clinic (letterhead, clinicians, MDC per motion, defaults) and this
workstation's clinic server. Clinic settings live in the database, so every workstation shares
them; the server URL is per workstation (QSettings) and never holds a password."""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.domain.catalog import catalog, mdc_for
from ptlog.domain.records import Clinician, ClinicSettings, Instrument, Mode, Position
from ptlog.domain.screen_lock import (
    MAX_IDLE_MINUTES,
    ScreenLockSettings,
    hash_pin,
    pin_problem,
)
from ptlog.services import settings as clinic
from ptlog.store.errors import StoreError
from ptlog.ui import tasks
from ptlog.ui.data_changes import announce
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.messages import show_error
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.translations import LANGUAGE_KEY, chosen_language, labels, language_choices

SERVER_URL_KEY = "database/url"


def _combo(name: str, values: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for label, value in values:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class SettingsDialog(FittedDialog):
    """Edit the clinic's settings and this workstation's database; Save writes them once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settings_dialog")
        self.resize(640, 520)
        self.original = clinic.clinic_settings()
        self._clinicians = {c.name: c for c in clinic.list_clinicians()}
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._clinic_page(), self.tr("Clinic"))
        self.tabs.addTab(self._clinicians_page(), self.tr("Clinicians"))
        self.tabs.addTab(self._mdc_page(), self.tr("Measurement error (MDC)"))
        self.tabs.addTab(self._server_page(), self.tr("Clinic server"))
        self.tabs.addTab(self._security_page(), self.tr("Security"))
        self.message = QLabel(self)
        self.message.setAccessibleName("Settings message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # --- pages -----------------------------------------------------------------------
    def _clinic_page(self) -> QWidget:
        page = QWidget(self)
        s = self.original
        self.clinic_name = QLineEdit(s.clinic_name)
        self.clinic_name.setAccessibleName("Clinic name")
        self.clinic_address = QPlainTextEdit(s.clinic_address)
        tab_moves_on(self.clinic_address)
        self.clinic_address.setAccessibleName("Clinic address")
        self.clinic_address.setMaximumHeight(80)
        self.clinic_logo = QLineEdit(s.clinic_logo)
        self.clinic_logo.setAccessibleName("Clinic logo")
        self.clinic_logo.setPlaceholderText(self.tr(
                "PNG or JPEG for report letterheads (optional)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._on_browse_clicked)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.clinic_logo, 1)
        logo_row.addWidget(browse)
        words = labels()
        self.default_position = _combo(
            "Default position", [(words(p.label), p.value) for p in Position],
            s.default_position.value)
        self.default_mode = _combo(
            "Default mode", [(words(m.label), m.value) for m in Mode], s.default_mode.value)
        self.default_instrument = _combo(
            "Default instrument", [(words(i.label), i.value) for i in Instrument],
            s.default_instrument.value)
        self.paper_size = _combo("Paper size", [("A4", "A4"), (self.tr("US Letter"), "Letter")],
                                 s.paper_size)
        # the reports' language (clinic-wide, audited); a handout speaks the patient's
        self.report_language = _combo("Report language", language_choices(), s.language)
        self.currency_code = QLineEdit(s.currency_code)
        self.currency_code.setAccessibleName("Currency code")
        self.currency_code.setMaxLength(3)
        self.currency_code.setPlaceholderText(self.tr("ISO 4217, e.g. USD, EUR"))
        self.currency_symbol = QLineEdit(s.currency_symbol)
        self.currency_symbol.setAccessibleName("Currency symbol")
        self.currency_symbol.setMaxLength(5)
        # this workstation's window language (QSettings, like the clinic server)
        self.window_language = _combo(
            "Window language", [(self.tr("System default"), ""), *language_choices()],
            chosen_language())
        currency_row = QHBoxLayout()
        currency_row.addWidget(self.currency_code)
        currency_row.addWidget(self.currency_symbol)
        form = QFormLayout(page)
        form.addRow(self.tr("Clinic name"), self.clinic_name)
        form.addRow(self.tr("Address"), self.clinic_address)
        form.addRow(self.tr("Logo"), logo_row)
        form.addRow(self.tr("Default position"), self.default_position)
        form.addRow(self.tr("Default mode"), self.default_mode)
        form.addRow(self.tr("Default instrument"), self.default_instrument)
        form.addRow(self.tr("Report paper size"), self.paper_size)
        form.addRow(self.tr("Report language"), self.report_language)
        form.addRow(self.tr("Currency (code, symbol)"), currency_row)
        form.addRow(self.tr("Window language (this workstation)"), self.window_language)
        return page

    def _clinicians_page(self) -> QWidget:
        page = QWidget(self)
        self.clinician_list = QListWidget(page)
        tab_moves_on(self.clinician_list)
        self.clinician_list.setAccessibleName("Clinicians")
        for item in self._clinicians.values():
            self._add_clinician_item(item)
        self.new_clinician = QLineEdit(page)
        self.new_clinician.setAccessibleName("New clinician name")
        self.new_clinician.setPlaceholderText(self.tr("Name, e.g. Ann Lee"))
        self.new_credentials = QLineEdit(page)
        self.new_credentials.setAccessibleName("New clinician credentials")
        self.new_credentials.setPlaceholderText(self.tr("Credentials, e.g. PT, DPT"))
        add = QPushButton(self.tr("Add clinician"), page)
        add.clicked.connect(self._on_add_clinician_clicked)
        self.new_clinician.returnPressed.connect(self._on_add_clinician_clicked)
        row = QHBoxLayout()
        row.addWidget(self.new_clinician, 2)
        row.addWidget(self.new_credentials, 1)
        row.addWidget(add)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Unticked clinicians stay in old records but are no longer "
                                "offered for new visits.")))
        layout.addWidget(self.clinician_list, 1)
        layout.addLayout(row)
        return page

    def _add_clinician_item(self, clinician: Clinician) -> None:
        text = clinician.name + (f", {clinician.credentials}" if clinician.credentials else "")
        item = QListWidgetItem(text, self.clinician_list)
        item.setData(Qt.ItemDataRole.UserRole, clinician.name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if clinician.active else Qt.CheckState.Unchecked)

    def _mdc_page(self) -> QWidget:
        page = QWidget(self)
        self.mdc_table = QTableWidget(0, 3, page)
        tab_moves_on(self.mdc_table)
        self.mdc_table.setAccessibleName("MDC per motion")
        self.mdc_table.setHorizontalHeaderLabels([self.tr(
                "Motion"), self.tr("MDC (°)"), self.tr("Default")])
        self.mdc_table.verticalHeader().hide()
        self._mdc_spins: dict[str, QDoubleSpinBox] = {}
        for key, spec in catalog().items():
            row = self.mdc_table.rowCount()
            self.mdc_table.insertRow(row)
            name = QTableWidgetItem(spec.label)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mdc_table.setItem(row, 0, name)
            spin = QDoubleSpinBox()
            spin.setAccessibleName(f"MDC {spec.label}")
            spin.setRange(1.0, 30.0)
            spin.setDecimals(1)
            spin.setSuffix("°")
            spin.setValue(mdc_for(key, self.original.mdc_overrides))
            self.mdc_table.setCellWidget(row, 1, spin)
            default = QTableWidgetItem(f"{mdc_for(key):g}°")
            default.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mdc_table.setItem(row, 2, default)
            self._mdc_spins[str(key)] = spin
        self.mdc_table.resizeColumnsToContents()
        self.mdc_table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(
            self.tr("A change smaller than the MDC is shown as “within measurement error”. "
                    "Defaults: 7° for hip rotation (Gradoz et al. 2018), 5° for other motions.")))
        layout.addWidget(self.mdc_table, 1)
        return page

    def _security_page(self) -> QWidget:
        """When the window locks itself, and the clinic PIN that unlocks it (one workstation;
        on a clinic server each person's own password does)."""
        page = QWidget(self)
        self.lock_original = clinic.screen_lock_settings()
        self.idle_minutes = QSpinBox(page)
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setValue(self.lock_original.idle_minutes)
        self.idle_minutes.setAccessibleName("Lock after idle minutes")
        self.new_pin = QLineEdit(page)
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setAccessibleName("New clinic PIN")
        self.new_pin.setPlaceholderText(
            self.tr("unchanged") if self.lock_original.pin else self.tr("none set"))
        self.remove_pin = QCheckBox(self.tr("Remove the clinic PIN"), page)
        self.remove_pin.setAccessibleName("Remove the clinic PIN")
        self.remove_pin.setEnabled(self.lock_original.pin is not None)
        form = QFormLayout(page)
        form.addRow(self.tr("Lock the window after"), self.idle_minutes)
        form.addRow(self.tr("Clinic PIN (4–12 digits)"), self.new_pin)
        form.addRow("", self.remove_pin)
        note = QLabel(self.tr(
                "The PIN is kept only as a salted hash. On a clinic server where people "
                "sign in, each person unlocks with their own password instead."), page)
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def screen_lock(self) -> ScreenLockSettings:
        pin = self.lock_original.pin
        if self.remove_pin.isChecked():
            pin = None
        if self.new_pin.text():
            pin = hash_pin(self.new_pin.text())
        return ScreenLockSettings(self.idle_minutes.value(), pin)

    def _server_page(self) -> QWidget:
        page = QWidget(self)
        stored = str(QSettings().value(SERVER_URL_KEY, "") or "")
        self.use_server = QCheckBox(self.tr(
                "Use a clinic server (PostgreSQL) on this workstation"), page)
        self.use_server.setAccessibleName("Use clinic server")
        self.server_host = QLineEdit(page)
        self.server_host.setAccessibleName("Server host")
        self.server_port = QSpinBox(page)
        self.server_port.setAccessibleName("Server port")
        self.server_port.setRange(1, 65535)
        self.server_port.setValue(5432)
        self.server_db = QLineEdit("ptlog", page)
        self.server_db.setAccessibleName("Database name")
        self.server_user = QLineEdit(page)
        self.server_user.setAccessibleName("Database user")
        self.server_ssl = _combo("SSL mode", [(v, v) for v in (
            "prefer", "require", "verify-ca", "verify-full", "disable")], "prefer")
        if stored.startswith("postgresql"):
            self.use_server.setChecked(True)
            self._fill_server_fields(stored)
        test = QPushButton(self.tr("Test connection"), page)
        test.setAccessibleName("Test connection")
        test.clicked.connect(self._on_test_clicked)
        self.server_result = QLabel(page)
        self.server_result.setAccessibleName("Connection result")
        self.server_result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Host"), self.server_host)
        form.addRow(self.tr("Port"), self.server_port)
        form.addRow(self.tr("Database"), self.server_db)
        form.addRow(self.tr("User"), self.server_user)
        form.addRow(self.tr("SSL"), self.server_ssl)
        layout = QVBoxLayout(page)
        layout.addWidget(self.use_server)
        layout.addLayout(form)
        layout.addWidget(QLabel(
            self.tr("ptlog never stores the password: put it in ~/.pgpass (pgpass.conf on "
                    "Windows), a PostgreSQL service file, or PGPASSWORD. The change applies "
                    "at the next start.")))
        row = QHBoxLayout()
        row.addWidget(test)
        row.addWidget(self.server_result, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _fill_server_fields(self, url: str) -> None:
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(url)
        self.server_host.setText(parts.hostname or "")
        self.server_port.setValue(parts.port or 5432)
        self.server_db.setText(parts.path.lstrip("/"))
        self.server_user.setText(parts.username or "")
        ssl = parse_qs(parts.query).get("sslmode", ["prefer"])[0]
        self.server_ssl.setCurrentIndex(max(0, self.server_ssl.findData(ssl)))

    # --- values ----------------------------------------------------------------------
    def server_url(self) -> str:
        if not self.use_server.isChecked():
            return ""
        return clinic.build_server_url(self.server_host.text(), self.server_port.value(),
                                self.server_db.text(), self.server_user.text(),
                                str(self.server_ssl.currentData()))

    def settings(self) -> ClinicSettings:
        """The clinic settings as edited; overrides are kept only where they differ."""
        overrides = {}
        for key, spin in self._mdc_spins.items():
            from ptlog.domain.records import MotionKey

            if abs(spin.value() - mdc_for(MotionKey.parse(key))) > 1e-9:
                overrides[key] = round(spin.value(), 1)
        return dataclasses.replace(
            self.original,
            clinic_name=self.clinic_name.text().strip(),
            clinic_address=self.clinic_address.toPlainText().strip(),
            clinic_logo=self.clinic_logo.text().strip(),
            paper_size=str(self.paper_size.currentData()),
            default_position=Position(self.default_position.currentData()),
            default_mode=Mode(self.default_mode.currentData()),
            default_instrument=Instrument(self.default_instrument.currentData()),
            mdc_overrides=overrides,
            language=str(self.report_language.currentData()),
            currency_code=self.currency_code.text().strip().upper(),
            currency_symbol=self.currency_symbol.text().strip(),
        )

    def _problem(self) -> tuple[QWidget, str] | None:
        from pathlib import Path

        if not self.clinic_name.text().strip():
            return self.clinic_name, "The clinic name is needed for report letterheads."
        logo = self.clinic_logo.text().strip()
        if logo and not Path(logo).is_file():
            return self.clinic_logo, f"The logo file {logo} does not exist."
        try:
            clinic.check_clinic_settings(self.settings())
        except StoreError as exc:
            widget = {"currency_code": self.currency_code,
                      "currency_symbol": self.currency_symbol}.get(
                getattr(exc, "field", "") or "", self.report_language)
            return widget, str(exc)
        if self.new_pin.text() and pin_problem(self.new_pin.text()):
            return self.new_pin, str(pin_problem(self.new_pin.text()))
        if self.use_server.isChecked() and not (self.server_host.text().strip()
                                                and self.server_db.text().strip()):
            return self.server_host, "A clinic server needs a host and a database name."
        return None

    def _show_problem(self, widget: QWidget, text: str) -> None:
        self.message.setText(f"<span style='color:{colors.ALERT}'>✗ {text}</span>")
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def save(self) -> None:
        problem = self._problem()
        if problem is not None:
            self._show_problem(*problem)
            return
        new, lock = self.settings(), self.screen_lock()
        clinicians: list[Clinician] = []
        for index in range(self.clinician_list.count()):
            item = self.clinician_list.item(index)
            name = str(item.data(Qt.ItemDataRole.UserRole))
            active = item.checkState() == Qt.CheckState.Checked
            known = self._clinicians.get(name)
            if known is None or known.active != active:
                clinicians.append(dataclasses.replace(known or Clinician(name=name),
                                                      active=active))

        def write() -> None:
            """Off the GUI thread (a locked database may keep it waiting); what was typed
            stays in the dialog until this succeeded."""
            if new != self.original:
                clinic.save_clinic_settings(new)
            if lock != self.lock_original:
                clinic.save_screen_lock(lock)
            for clinician in clinicians:
                clinic.save_clinician(clinician)

        try:
            tasks.run_and_wait(write, busy=self.parentWidget(), text="Saving the settings…")
        except StoreError as exc:
            show_error(self, exc, "saving the settings")
            return
        for clinician in clinicians:
            self._clinicians[clinician.name] = clinician
        QSettings().setValue(SERVER_URL_KEY, self.server_url())
        language = str(self.window_language.currentData())
        if language != chosen_language():
            QSettings().setValue(LANGUAGE_KEY, language)
            QMessageBox.information(self, self.tr("Window language"), self.tr(
                    "The window will use the new language the next time ptlog starts."))
        announce(clinic.SETTINGS_CHANGED, self)  # flags, MDC and clinicians shown may differ
        self.accept()

    # --- slots -----------------------------------------------------------------------
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Clinic logo"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.clinic_logo.setText(path)

    def _on_add_clinician_clicked(self) -> None:
        name = " ".join(self.new_clinician.text().split())
        if not name:
            self._show_problem(self.new_clinician, self.tr("Type the clinician's name first."))
            return
        if name in self._clinicians or any(
                self.clinician_list.item(i).data(Qt.ItemDataRole.UserRole) == name
                for i in range(self.clinician_list.count())):
            self._show_problem(self.new_clinician,
                               self.tr("{name} is already in the list.").format(name=name))
            return
        clinician = Clinician(name=name, credentials=self.new_credentials.text().strip())
        try:
            saved = tasks.run_and_wait(lambda: clinic.save_clinician(clinician).value,
                                 busy=self.parentWidget(), text=self.tr("Adding the clinician…"))
        except StoreError as exc:
            show_error(self, exc, "adding the clinician")
            return
        announce(clinic.SETTINGS_CHANGED, self)
        self._clinicians[saved.name] = saved
        self._add_clinician_item(saved)
        self.new_clinician.clear()
        self.new_credentials.clear()
        self.message.setText(self.tr("Added {name}.").format(name=saved.name))

    def _on_test_clicked(self) -> None:
        url = clinic.build_server_url(self.server_host.text(), self.server_port.value(),
                               self.server_db.text(), self.server_user.text(),
                               str(self.server_ssl.currentData()))
        self.server_result.setText(self.tr("Connecting…"))

        def done(report: clinic.ConnectionReport) -> None:
            mark, color = ("✓", colors.OK) if report.ok else ("✗", colors.ALERT)
            said = html.escape(labels().error_text(report))  # in the window's language
            self.server_result.setText(f"<span style='color:{color}'>{mark} {said}</span>")

        tasks.run_in_background(lambda: clinic.test_server_connection(url), done,
                                lambda exc: self.server_result.setText(str(exc)))

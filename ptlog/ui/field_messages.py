"""Messages next to the field they are about, plus one for the whole form: how every dialog
tells the user what is wrong without a pop-up."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ptlog.domain import colors


def _alert_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(f"color: {colors.ALERT};")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class FieldMessages:
    """One hidden message label per field (``<field>_error``) and ``general`` for the rest."""

    def __init__(self, parent: QWidget) -> None:
        # no reference to ``parent`` is kept: the dialog owns this object, not the reverse
        self._labels: dict[str, QLabel] = {}
        self.general = _alert_label(parent)

    def add_row(self, form: QFormLayout, field: str, widget: QWidget, label: str,
                *, required: bool = False) -> None:
        """The widget (accessible name ``label``) with its message underneath, as a form row."""
        widget.setAccessibleName(label)
        message = _alert_label()  # the form's layout gives it its parent
        message.setObjectName(f"{field}_error")
        self._labels[field] = message
        cell = QVBoxLayout()
        cell.setSpacing(1)
        cell.addWidget(widget)
        cell.addWidget(message)
        form.addRow(f"{label}{' *' if required else ''}", cell)

    def has(self, field: str) -> bool:
        return field in self._labels

    def show(self, field: str, message: str) -> None:
        """Show (or with "" hide) the message of ``field``; unknown fields use the general one."""
        label = self._labels.get(field, self.general)
        label.setText(message)
        label.setVisible(bool(message))

    def text(self, field: str) -> str:
        """The message shown for ``field`` ("" when none); "" asks for the general one."""
        label = self._labels.get(field, self.general)
        return "" if label.isHidden() else label.text()

    def clear(self) -> None:
        for label in (*self._labels.values(), self.general):
            label.clear()
            label.setVisible(False)

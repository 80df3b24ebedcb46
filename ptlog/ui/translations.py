"""The window's language, done the Qt way: ``.qm`` catalogs loaded with ``QTranslator``.

ptlog's own strings are marked with ``self.tr`` / ``QCoreApplication.translate`` and extracted
with ``pyside6-lupdate`` into ``resources/locale/qt/ptlog_<code>.ts``; ``pyside6-lrelease``
compiles them into the ``.qm`` files shipped beside them (``python docs/update_translations.py``
does both). Qt's own ``qtbase_<code>.qm`` is loaded too, so standard buttons (Save, Cancel) and
dialogs match. The window follows the system locale unless this workstation chose a language
in Settings (or ``ptlog --ui-language``); dates and numbers follow the chosen language's
locale (a decimal comma in German and Spanish).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from ptlog.domain.i18n import (
    ENGLISH,
    PSEUDO,
    Translator,
    UnknownLanguageError,
    language_code,
    languages,
    pseudo,
    translator,
)
from ptlog.domain.resources import resource_path

LANGUAGE_KEY = "ui/language"  # QSettings: "" = the system's language
# the locale whose dates and numbers the window uses for a language ptlog speaks, when the
# system's own locale is in another language
_LOCALES = {"en": "en_US", "es": "es_ES", "de": "de_DE"}
_installed: list[QTranslator] = []
_current = {"language": ENGLISH}


def chosen_language() -> str:
    """This workstation's choice in Settings ("" when it follows the system)."""
    value = QSettings().value(LANGUAGE_KEY, "")
    return str(value or "")


def system_window_language() -> str:
    """The system locale's language if ptlog speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        try:
            return language_code(name)
        except UnknownLanguageError:
            continue
    return ENGLISH


def window_language(explicit: str | None = None) -> str:
    """``--ui-language``, else the Settings choice, else the system's language."""
    for candidate in (explicit, chosen_language()):
        if candidate:
            try:
                return language_code(candidate)
            except UnknownLanguageError:
                continue
    return system_window_language()


def qm_path(language: str) -> str:
    return str(resource_path("locale", "qt", f"ptlog_{language}.qm"))


def install(language: str) -> list[str]:
    """Load the catalogs of ``language`` into the application (replacing earlier ones) and
    make its locale the default for dates and numbers; returns the files loaded."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication must exist"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _current["language"] = language
    system = QLocale.system()
    same_language = system.name().split("_")[0] == language
    QLocale.setDefault(system if same_language else QLocale(_LOCALES.get(language, language)))
    loaded: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = (f"ptlog_{language}", str(resource_path("locale", "qt")))
    # English is the source language: its catalog only holds the plural forms of "%n …(s)"
    catalogs = [ours] if language == ENGLISH else [(f"qtbase_{language}", qt_dir), ours]
    for name, folder in catalogs:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    return loaded


def install_translator(translator: QTranslator) -> None:
    """Install one more translator (the tests' pseudo-locale) so ``uninstall`` removes it."""
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    _installed.append(translator)


def uninstall() -> None:
    """Back to the source language (English) and the system locale."""
    app = QCoreApplication.instance()
    if app is not None:
        for old in _installed:
            app.removeTranslator(old)
    _installed.clear()
    _current["language"] = ENGLISH
    QLocale.setDefault(QLocale.system())


def current_language() -> str:
    """The window's language now (English until ``install`` chose another)."""
    return _current["language"]


def labels() -> Translator:
    """The domain's translator in the window's language: labels that come from the domain and
    the data files (sides, motions, activities) read the same in the window and the PDFs."""
    return translator(_current["language"])


def language_choices() -> list[tuple[str, str]]:
    """(shown name, code) for a language combo box: each language in its own name."""
    return [(name, code) for code, name in languages().items()]


class PseudoTranslator(QTranslator):
    """The pseudo-locale ``qps``: every marked string (ptlog's and Qt's own) comes back as
    accented look-alikes in brackets, so a string that shows plain English was never marked."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return str(pseudo(source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install_pseudo() -> None:
    """Show the window in the pseudo-locale (tests and translators' checks)."""
    uninstall()
    install_translator(PseudoTranslator(QCoreApplication.instance()))
    _current["language"] = PSEUDO


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - lupdate finds this name
    """Mark ``source`` for translation under ``context`` where it is defined (a class-level
    table of column titles); ``QCoreApplication.translate`` translates it where it is shown.
    Typed, unlike PySide6's own."""
    return source

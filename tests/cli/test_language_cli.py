"""``ptlog handout|report CHART --language xx`` run as a user runs it: a Spanish handout with the
red flags and the exercises; a bad code is exit 2 with one line, no file and no change."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from ptlog.domain.exercises import exercise_by_id
from ptlog.domain.safety import safety_texts
from ptlog.store.csv_format import READINGS_COLUMNS

pytestmark = pytest.mark.slow  # subprocesses

ROWS = [f"A1,Ørsted-Núñez,Zoë,1980-05-01,F,{day},Ann Lee PT,hip,internal_rotation,{side},"
        f"active,seated,{degrees},,"
        for day, side, degrees in (("2026-01-05", "L", 12), ("2026-01-05", "R", 14),
                                   ("2026-03-05", "L", 15), ("2026-03-05", "R", 16))]


def ptlog(db: Path, *args: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", "--db", f"sqlite:///{db}", *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def text_of(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(p.extract_text() or "" for p in pages).split())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.db"
    csv = tmp_path / "in.csv"
    csv.write_text("\n".join([",".join(READINGS_COLUMNS), *ROWS]) + "\n", encoding="utf-8")
    result = ptlog(path, "import", str(csv))
    assert result.returncode == 0, result.stderr
    return path


def test_spanish_handout_has_the_red_flags_and_the_exercises(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "folleto.pdf"
    result = ptlog(db, "handout", "A1", "--language", "es", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = text_of(out)
    assert "Su programa en casa, Zoë" in text
    flags = safety_texts("es")
    for line in (flags["title"], flags["call_us"][0], flags["urgent"][0], flags["closing"]):
        assert line in text
    # limited rotation (12–16° at 45): the rotation drills, in Spanish
    for exercise_id in ("hip_90_90_switches", "seated_band_internal_rotation"):
        exercise = exercise_by_id(exercise_id, "es")
        assert exercise.name in text
        assert exercise.dose in text
    assert "Stop your exercises" not in text  # nothing left in English


def test_german_report_on_request(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.pdf"
    result = ptlog(db, "report", "A1", "--language", "de", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = text_of(out)
    assert "Verlaufsbericht" in text
    assert "05.03.2026" in text  # German short date


@pytest.mark.parametrize("command", ["handout", "report"])
def test_unknown_language_is_refused_and_changes_nothing(db: Path, tmp_path: Path,
                                                          command: str) -> None:
    before = digest(db)
    out = tmp_path / "x.pdf"
    result = ptlog(db, command, "A1", "--language", "xx", "-o", str(out))
    assert result.returncode == 2
    assert "unknown language 'xx': use one of en, de, es" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert digest(db) == before


def test_messages_follow_the_system_locale_or_the_option(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "informe.pdf"
    result = ptlog(db, "report", "A1", "-o", str(out), env={"LANG": "es_ES.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == \
        f"se escribió el informe de evolución de la historia A1 en {out}"
    # the report itself speaks the clinic's language (English by default), not the terminal's
    assert "Progress report" in text_of(out)
    listed = ptlog(db, "--ui-language", "de", "patients", env={"LANG": "es_ES.UTF-8"})
    assert listed.stdout.splitlines()[-1] == "1 Patient/in"
    refused = ptlog(db, "--ui-language", "fr", "patients")
    assert refused.returncode == 2
    assert "unknown language 'fr'" in refused.stderr


def test_patient_language_set_from_the_command_line(db: Path, tmp_path: Path) -> None:
    """``ptlog patient set A1 --language es``: the handout then speaks Spanish by default;
    ``--language clinic`` gives it back to the clinic's language. Audited like the window's
    save."""
    done = ptlog(db, "patient", "set", "A1", "--language", "es")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "chart A1: handouts now in Español (es)"
    listed = ptlog(db, "patients", "--format", "json")
    assert [p["language"] for p in json.loads(listed.stdout)] == ["es"]
    out = tmp_path / "h.pdf"
    assert ptlog(db, "handout", "A1", "-o", str(out)).returncode == 0
    assert "Su programa en casa, Zoë" in text_of(out)  # the patient's language by default
    german = ptlog(db, "patient", "set", "A1", "--language", "clinic",
                   env={"LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""})
    assert german.returncode == 0, german.stderr
    assert german.stdout.strip() == "Nr. A1: Patientenblätter jetzt in der Sprache der Praxis"
    listed = ptlog(db, "patients", "--format", "json")
    assert [p["language"] for p in json.loads(listed.stdout)] == [""]
    same = ptlog(db, "patient", "set", "A1", "--language", "clinic")
    assert same.stdout.strip() == "chart A1: nothing to change"


@pytest.mark.parametrize(("args", "message"), [
    (("A1", "--language", "fr"), "unknown language 'fr': use one of en, de, es"),
    (("NOPE", "--language", "es"), "no patient with chart number 'NOPE'"),
    (("A1",), "the following arguments are required: --language"),
])
def test_patient_language_refuses_bad_input_and_changes_nothing(
        db: Path, args: tuple[str, ...], message: str) -> None:
    before = digest(db)
    done = ptlog(db, "patient", "set", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2  # usage line + one message, no traceback
    assert "Traceback" not in done.stderr
    assert digest(db) == before


def test_import_summary_speaks_the_users_language(db: Path, tmp_path: Path) -> None:
    """The import's closing sentence is German under ``--ui-language de`` (plural forms, not
    "(s)"), Spanish under the system locale, and English stays as it was."""
    csv = tmp_path / "more.csv"
    csv.write_text("\n".join([",".join(READINGS_COLUMNS), *ROWS,
                              ROWS[0].replace("2026-01-05", "2026-04-01")]) + "\n",
                   encoding="utf-8")
    german = ptlog(db, "--ui-language", "de", "import", str(csv))
    assert german.returncode == 0, german.stderr
    assert german.stdout.strip() == ("1 Messwert importiert (4 bereits vorhanden) für "
                                     "1 Patient/in (0 neu), 1 neuer Termin")
    spanish = ptlog(db, "import", "--dry-run", str(csv),
                    env={"LANG": "es_ES.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""})
    assert spanish.returncode == 0, spanish.stderr
    assert ("importación: 0 mediciones (5 ya existentes) de 1 paciente (0 nuevos), "
            "0 visitas nuevas") in spanish.stdout
    english = ptlog(db, "--ui-language", "en", "import", str(csv))
    assert english.stdout.strip() == ("imported 0 reading(s) (5 already present) for "
                                      "1 patient(s) (0 new), 0 new visit(s)")


def test_import_problems_speak_the_users_language(db: Path, tmp_path: Path) -> None:
    """A header the import cannot map and a date that needs a date order are said in German
    (their catalog messages), exit 2, and nothing is written."""
    before = digest(db)
    header = tmp_path / "header.csv"
    header.write_text(",".join(READINGS_COLUMNS) + ",Wetter\n" + ROWS[0] + ",\n",
                      encoding="utf-8")
    refused = ptlog(db, "--ui-language", "de", "import", str(header))
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "ptlog import: header.csv:1: unerwartete Spalte(n): Wetter",
        "es wurde nichts importiert"]
    dates = tmp_path / "dates.csv"
    dates.write_text(",".join(READINGS_COLUMNS) + "\n"
                     + ROWS[0].replace("2026-01-05", "05/01/2026") + "\n", encoding="utf-8")
    refused = ptlog(db, "--ui-language", "de", "import", str(dates))
    assert refused.returncode == 2
    assert ("dates.csv:2:visit_date: '05/01/2026' ist kein ISO-Datum (JJJJ-MM-TT): "
            "Datumsreihenfolge wählen") in refused.stderr
    wrong = ptlog(db, "--ui-language", "es", "import", "--date-order", "XYZ", str(dates))
    assert wrong.returncode == 2
    assert "'XYZ' no es un orden de fecha" in wrong.stderr
    assert digest(db) == before


def test_everyday_refusals_and_the_patient_list_speak_the_users_language(
        db: Path, tmp_path: Path) -> None:
    """The errors people meet every day (a mistyped chart, a file that exists, a wrong
    database path, the database itself as the output) and the list's headings, in German and
    Spanish; English as before; nothing changes."""
    before = digest(db)
    out = tmp_path / "blatt.pdf"
    out.write_bytes(b"keep me")
    cases = {
        "de": ("keine Patientin / kein Patient mit der Nr. 'NOPE'", "gibt es schon: mit --force",
               "keine ptlog-Datenbank unter", "Nr.", "Geschlecht",
               "es ist die geöffnete Datenbank"),
        "es": ("no hay ningún paciente con el n.º de historia 'NOPE'", "ya existe: añada --force",
               "no hay ninguna base de datos de ptlog en", "n.º", "sexo",
               "es la base de datos abierta"),
        "en": ("no patient with chart number 'NOPE'", "already exists: add --force",
               "no ptlog database at", "chart", "sex", "it is the open database"),
    }
    # a chart typed in the wrong case: named, never taken for the patient
    did_you_mean = {"de": "; meinten Sie A1?", "es": "; ¿quería decir A1?",
                    "en": "; did you mean A1?"}
    missing = tmp_path / "nowhere" / "none.db"
    for code, (no_patient, exists, no_database, chart, sex, itself) in cases.items():
        result = ptlog(db, "--ui-language", code, "report", "A1", "-o", str(db))
        assert result.returncode == 2
        assert itself in result.stderr, result.stderr
        result = ptlog(db, "--ui-language", code, "report", "NOPE", "-o", str(tmp_path / "r.pdf"))
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.strip() == f"ptlog report: {no_patient}", result.stderr
        result = ptlog(db, "--ui-language", code, "report", "a1", "-o", str(tmp_path / "r.pdf"))
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.strip() == ("ptlog report: " + no_patient.replace("NOPE", "a1")
                                         + did_you_mean[code]), result.stderr
        result = ptlog(db, "--ui-language", code, "handout", "A1", "-o", str(out))
        assert result.returncode == 2
        assert exists in result.stderr, result.stderr
        result = ptlog(missing, "--ui-language", code, "patients")
        assert result.returncode == 2
        assert no_database in result.stderr, result.stderr
        listed = ptlog(db, "--ui-language", code, "patients")
        assert listed.returncode == 0, listed.stderr
        heading = listed.stdout.splitlines()[0].split()
        assert heading[0] == chart, listed.stdout
        assert sex in heading, listed.stdout
    assert out.read_bytes() == b"keep me"
    assert not missing.parent.exists()
    assert not (tmp_path / "r.pdf").exists()
    assert digest(db) == before

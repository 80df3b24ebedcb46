"""``ptlog compare``: each treatment judged in its own window, and follow-ups confounded by a
later treatment of the same side left out of the window rates (issue 16), run as a user runs it."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ptlog.store.csv_format import READINGS_COLUMNS, TREATMENTS_COLUMNS

# builds demo clinics or runs subprocesses: over 2 s a test
pytestmark = pytest.mark.slow

PATIENT = "W1,Ward,Wendy,1980-05-02,F"
READINGS = [
    f"{PATIENT},2026-01-10,,hip,internal_rotation,R,active,seated,18,,",  # injection baseline
    f"{PATIENT},2026-01-24,,hip,internal_rotation,R,active,seated,27,,",  # +9, before the PT
    f"{PATIENT},2026-02-20,,hip,internal_rotation,R,active,seated,22,,",  # during the PT course
    f"{PATIENT},2026-04-20,,hip,internal_rotation,R,active,seated,34,,",  # after the PT course
]
TREATMENTS = [
    "W1,steroid_injection,2026-01-12,,R,,300,",
    "W1,physical_therapy,2026-01-26,2026-03-30,R,10,1100,",  # two weeks after the injection
]


def ptlog(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", "--db", f"sqlite:///{db}", *args],
                          capture_output=True, text=True, env=os.environ.copy(), timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def injection_then_pt(tmp_path: Path) -> Path:
    db = tmp_path / "clinic.db"
    for name, header, lines in (("r.csv", READINGS_COLUMNS, READINGS),
                                ("t.csv", TREATMENTS_COLUMNS, TREATMENTS)):
        path = tmp_path / name
        path.write_text("\n".join([",".join(header), *lines]) + "\n", encoding="utf-8")
        done = ptlog(db, "import", str(path))
        assert done.returncode == 0, done.stderr
    return db


def _compare(db: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    before = digest(db)
    done = ptlog(db, "compare", "--format", "json", *extra)
    assert done.returncode == 0, done.stderr
    assert digest(db) == before  # comparing reads only
    return json.loads(done.stdout)


def test_injection_judged_short_and_later_follow_ups_confounded_by_pt(
        injection_then_pt: Path) -> None:
    data = _compare(injection_then_pt, "--patient", "W1")
    entries = {e["kind"]: e for e in data["treatments"]}
    injection = entries["steroid_injection"]
    assert injection["confounded_by"] == [{"kind": "physical_therapy",
                                           "start_date": "2026-01-26"}]
    assert [(f["date"], f["window"], f["confounded"]) for f in injection["followups"]] == [
        ("2026-01-24", "short", False),
        ("2026-02-20", "short", True),
        ("2026-04-20", "medium", True),
    ]
    # existing fields keep their meaning: the latest follow-up decides the responder
    assert injection["responder"] is True
    assert injection["followups"][-1]["change"] == 16.0
    pt = entries["physical_therapy"]
    assert pt["confounded_by"] == []  # the injection began before the course
    assert pt["baseline"] == {"date": "2026-01-24", "degrees": 27.0}

    cohort = {row["kind"]: row for row in data["cohort"]}
    row = cohort["steroid_injection"]
    assert row["judged_window"] == "short"
    assert row["expected"]["judged_window"] == "short"
    # only the follow-up before the PT course counts: day 12, +9°, a responder
    assert row["windows"] == {
        "short": {"patients": 1, "responders": 1, "responder_rate": 1.0},
        "medium": {"patients": 0, "responders": 0, "responder_rate": None},
        "long": {"patients": 0, "responders": 0, "responder_rate": None},
    }
    assert row["include_confounded"] is False
    assert (row["patients"], row["responders"]) == (1, 1)  # latest follow-up, as before
    assert cohort["physical_therapy"]["judged_window"] == "medium"
    assert cohort["physical_therapy"]["windows"]["short"]["patients"] == 1
    assert cohort["hip_arthroscopy"]["judged_window"] == "long"


def test_include_confounded_counts_the_later_follow_ups(injection_then_pt: Path) -> None:
    row = next(r for r in _compare(injection_then_pt, "--include-confounded")["cohort"]
               if r["kind"] == "steroid_injection")
    assert row["include_confounded"] is True
    # the last short follow-up is now day 39 (+4°, within the MDC): not a responder
    assert row["windows"]["short"] == {"patients": 1, "responders": 0, "responder_rate": 0.0}
    assert row["windows"]["medium"] == {"patients": 1, "responders": 1, "responder_rate": 1.0}


def test_table_names_the_window_next_to_the_expected_rate(injection_then_pt: Path) -> None:
    done = ptlog(injection_then_pt, "compare", "--patient", "W1")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "judged window" in out
    assert "window rate" in out
    assert "physical_therapy 2026-01-26" in out  # confounded by
    line = next(x for x in out.splitlines() if x.startswith("steroid_injection "))
    assert "short" in line
    assert "100% of 1" in line
    assert line.index("100% of 1") < line.index("40%")  # the expected rate right after it
    assert "left out (--include-confounded counts them)" in out
    assert "project owner" not in out
    assert "CLINICAL" not in out


def test_unknown_option_is_a_usage_error(injection_then_pt: Path) -> None:
    before = digest(injection_then_pt)
    done = ptlog(injection_then_pt, "compare", "--include-confounded=yes")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert digest(injection_then_pt) == before


def test_rebuild_builds_the_kept_series_and_compares_the_same(injection_then_pt: Path) -> None:
    """``--rebuild`` (what ``ptlog check`` advises when the kept series disagree) says so on
    stderr; the JSON is the same, and the kept rows then pass the check."""
    plain = _compare(injection_then_pt)
    done = ptlog(injection_then_pt, "compare", "--rebuild", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "hip.internal_rotation were built anew" in done.stderr
    assert json.loads(done.stdout) == plain
    checked = ptlog(injection_then_pt, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr

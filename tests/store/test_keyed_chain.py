"""The keyed audit chain: HMACs under a clinic secret kept outside the database (issue 17)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from ptlog.store import audit, check, demo, secret
from ptlog.store import models as m
from ptlog.store.database import open_database, parse_url
from tests.insider import drop_guards


def test_a_new_database_starts_sealed_with_a_secret_in_a_private_file(db: Any) -> None:
    first = m.AuditEvent.select().order_by(m.AuditEvent.id).first()
    assert first.action == audit.SEAL
    kid = audit.active_key_id()
    assert first.entity_uuid == kid
    path = secret.secrets_dir() / f"{kid}.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_text(encoding="ascii").split()[-1] not in str(
        [tuple(r) for r in m.AuditEvent.select().tuples()])  # the secret is not in the database
    demo.generate_demo(2, 3)
    assert check.check_database() == []


def test_recomputing_the_chain_without_the_secret_fails_check(db: Any) -> None:
    """Attack 3: edit a reading, then re-compute every hash from there with ptlog's own
    (unkeyed) function, as the insider did against the old chain."""
    demo.generate_demo(2, 3)
    reading = m.Reading.select().order_by(m.Reading.id).first()
    target = (m.AuditEvent.select().where((m.AuditEvent.entity == "reading")
                                          & (m.AuditEvent.entity_uuid == reading.uuid)).first())
    after = audit.canonical_json({**audit.snapshot(reading), "degrees": reading.degrees + 9})
    db_ = m.database_proxy.obj
    drop_guards(db_)
    db_.execute_sql(f'UPDATE "reading" SET "degrees" = "degrees" + 9 WHERE "id" = {reading.id}')
    prev = target.prev_hash
    for event in m.AuditEvent.select().where(m.AuditEvent.id >= target.id).order_by(
            m.AuditEvent.id):
        if event.id == target.id:
            event.after = after
        event.prev_hash = prev
        event.hash = audit.event_hash(prev, audit.event_payload(event))  # no key: no secret
        m.AuditEvent.update(after=event.after, prev_hash=prev, hash=event.hash).where(
            m.AuditEvent.id == event.id).execute()
        prev = event.hash
    findings = check.check_database()
    assert any(f.entity == "audit_event" and "altered" in f.message for f in findings)
    assert not any(f.entity == "reading" for f in findings)  # the row matches its forged event


def test_an_old_database_is_sealed_at_its_head(sqlite_url: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(audit, "ensure_sealed", lambda: None)  # a ptlog from before keyed chains
        open_database(sqlite_url)
        demo.generate_demo(2, 3)
        assert audit.active_key_id() == ""
        old_head, old_count = audit.last_hash(), m.AuditEvent.select().count()
        m.database_proxy.obj.close()
    open_database(sqlite_url)
    seal = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).first()
    assert seal.action == audit.SEAL
    assert seal.prev_hash == old_head
    assert audit.seal_key_id(seal.after) == audit.active_key_id() != ""
    assert m.AuditEvent.select().count() == old_count + 1
    assert check.check_database() == []
    # an old (plain SHA-256) event re-computed after the seal: the seal no longer links to it
    first = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).offset(1).first()
    drop_guards(m.database_proxy.obj)
    first.os_user = "someone else"
    first.hash = audit.event_hash(first.prev_hash, audit.event_payload(first))
    m.AuditEvent.update(os_user=first.os_user, hash=first.hash).where(
        m.AuditEvent.id == first.id).execute()
    assert any(f.field == "prev_hash" for f in check.check_database())


def test_a_chain_rebuilt_without_a_seal_is_reported(db: Any) -> None:
    demo.generate_demo(1, 2)
    drop_guards(m.database_proxy.obj)
    m.AuditEvent.delete().where(m.AuditEvent.action == audit.SEAL).execute()
    prev = audit.GENESIS_HASH
    for event in m.AuditEvent.select().order_by(m.AuditEvent.id):
        event.prev_hash = prev
        event.hash = audit.event_hash(prev, audit.event_payload(event))
        m.AuditEvent.update(prev_hash=prev, hash=event.hash).where(
            m.AuditEvent.id == event.id).execute()
        prev = event.hash
    assert any("not keyed with the clinic secret" in f.message for f in check.check_database())


def test_rotating_the_secret_keeps_check_sound(db: Any) -> None:
    from ptlog.services import clinic_secret

    demo.generate_demo(1, 2)
    old, new = clinic_secret.rotate()
    assert old
    assert new != old
    audit_record = audit.record("export", "export", "", after={"file": "x.csv"})
    assert audit_record.hash == audit.event_hash(audit_record.prev_hash,
                                                 audit.event_payload(audit_record),
                                                 secret.require_secret(new))
    assert check.check_database() == []


def ptlog(url: str, *args: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", "--db", url, *args],
                          capture_output=True, text=True, timeout=120, check=False,
                          env=env or dict(os.environ))


@pytest.mark.slow  # over 2 s (session 6's --durations)
def test_another_workstation_needs_the_secret_file(sqlite_url: str, tmp_path: Path) -> None:
    assert ptlog(sqlite_url, "demo", "--patients", "1").returncode == 0
    other = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "other-config"),
             "XDG_DATA_HOME": str(tmp_path / "other-data")}
    path = parse_url(sqlite_url).path
    assert path is not None
    before = _rows(path)
    done = ptlog(sqlite_url, "demo", "--patients", "1", "--seed", "9", env=other)
    assert done.returncode == 3
    assert "does not have the clinic secret" in done.stderr
    assert done.stderr.count("\n") == 1
    assert _rows(path) == before  # nothing was written
    done = ptlog(sqlite_url, "check", env=other)
    assert done.returncode == 1
    assert "cannot be verified" in done.stdout
    carried = tmp_path / "clinic secret #1.key"
    done = ptlog(sqlite_url, "secret", "export", "-o", str(carried))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(carried.stat().st_mode) == 0o600
    assert ptlog(sqlite_url, "secret", "import", str(carried), env=other).returncode == 0
    assert ptlog(sqlite_url, "check", env=other).returncode == 0


def _rows(path: Path) -> tuple[int, int, int]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # type: ignore
                     for t in ("patient", "reading", "audit_event"))


def test_a_keyring_that_hangs_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    release = threading.Event()

    class Hanging(KeyringBackend):
        priority = 10  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            release.wait(5)
            return None

        def set_password(self, service: str, username: str, password: str) -> None:
            release.wait(5)

        def delete_password(self, service: str, username: str) -> None:
            pass

    previous = keyring.get_keyring()
    keyring.set_keyring(Hanging())
    monkeypatch.setenv("PTLOG_SECRET_STORE", "auto")
    monkeypatch.setattr(secret, "_KEYRING_TIMEOUT_S", 0.2)
    try:
        kid = secret.new_secret()  # falls back to the file after 0.2 s
        assert (secret.secrets_dir() / f"{kid}.key").is_file()
        secret.forget_cache()
        assert secret.load_secret(kid) is not None
    finally:
        release.set()
        keyring.set_keyring(previous)


def test_a_damaged_secret_file_is_refused_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.key"
    bad.write_text("ptlog clinic secret v1\nnot hex\n", encoding="ascii")
    with pytest.raises(secret.ValidationError, match="damaged"):
        secret.import_secret(bad)


def test_the_fast_keyed_hash_is_rfc_2104_hmac_sha256() -> None:
    import hashlib
    import hmac

    for key in (b"k" * 32, b"", b"x" * 64, b"y" * 100):
        for message in (b"", b"prev" + "é".encode() * 500):
            assert audit.hasher(key)(message) == hmac.new(key, message, hashlib.sha256).hexdigest()
    assert audit.hasher(None)(b"abc") == hashlib.sha256(b"abc").hexdigest()

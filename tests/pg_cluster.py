"""A throwaway PostgreSQL cluster that checks passwords (scram-sha-256), for sign-in tests.

The shared test server trusts 127.0.0.1, so a wrong password would pass there. This starts a
cluster of its own with ``initdb``/``pg_ctl`` from Debian's /usr/lib/postgresql/*/bin in a
temporary folder, on a free port, reachable over TCP on 127.0.0.1 only. PostgreSQL refuses to
run as root: as root the cluster runs as the ``postgres`` system user (``runuser``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "ptlog_dba"


class ClusterUnavailable(Exception):
    """Why no cluster could be started here (the tests skip, or fail in CI)."""


@dataclass(frozen=True)
class Cluster:
    port: int
    superuser_password: str
    folder: Path

    def url(self, user: str = SUPERUSER, password: str | None = None,
            dbname: str = "postgres") -> str:
        secret = f":{quote(password, safe='')}" if password is not None else ""
        return f"postgresql://{quote(user, safe='')}{secret}@127.0.0.1:{self.port}/{dbname}"

    @property
    def admin_url(self) -> str:
        return self.url(SUPERUSER, self.superuser_password)


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        on_path = shutil.which("initdb")
        if on_path is None:
            raise ClusterUnavailable("no initdb (install Debian's postgresql package)")
        return Path(on_path).parent
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner() -> list[str]:
    """The command prefix that runs PostgreSQL's tools as a user they accept."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterUnavailable("running as root and there is no 'postgres' user to run "
                                 "initdb as") from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ClusterUnavailable("running as root and there is no runuser")
    return [runuser, "-u", "postgres", "--"]


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise ClusterUnavailable(f"{what} failed: {(done.stderr or done.stdout).strip()[:500]}")


_FOLDER_PREFIX = "ptlog-pgcluster-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_stale_clusters(bindir: Path, prefix: list[str]) -> None:
    """Clusters left running by a test process that died before its clean-up (an abort, a
    kill): stopped and removed, so they do not pile up on the machine."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_FOLDER_PREFIX}*"):
        try:
            owner = int((folder / "owner.pid").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        if (folder / "data" / "postmaster.pid").exists():
            subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-m",
                            "immediate", "-w", "stop"], capture_output=True, timeout=60,
                           check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def password_cluster() -> Iterator[Cluster]:
    """Start a cluster with scram-sha-256 password authentication; stop and remove it after."""
    bindir = _bin_dir()
    prefix = _as_owner()
    _stop_stale_clusters(bindir, prefix)
    folder = Path(tempfile.mkdtemp(prefix=_FOLDER_PREFIX))
    (folder / "owner.pid").write_text(str(os.getpid()), encoding="utf-8")
    data = folder / "data"
    password = secrets.token_urlsafe(18)
    pwfile = folder / "pw"
    pwfile.write_text(password + "\n", encoding="utf-8")
    if prefix:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
    os.chmod(pwfile, 0o600)
    port = _free_port()
    started = False
    try:
        _run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER,
              "--auth=scram-sha-256", f"--pwfile={pwfile}", "--encoding=UTF8",
              "--locale=C", "--no-sync"], "initdb")
        pwfile.unlink()
        options = (f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off "
                   "-c full_page_writes=off -c synchronous_commit=off "
                   "-c password_encryption=scram-sha-256")
        _run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "60",
              "-l", str(folder / "server.log"), "start"], "pg_ctl start")
        started = True
        yield Cluster(port, password, folder)
    finally:
        if started:
            subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "-w", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def run_in_terminal(args: list[str], answers: list[str], env: dict[str, str],
                    timeout_s: float = 60) -> tuple[int, str]:
    """Run ``args`` on a pseudo-terminal (its controlling terminal, as a person's shell would
    be) and type each of ``answers`` at the next prompt ending in ': '; (exit code, output)."""
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        try:
            os.execvpe(args[0], args, env)
        finally:
            os._exit(127)
    output = b""
    waiting = list(answers)
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the program ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk
            if waiting and output.rstrip(b" ").endswith(b":"):
                os.write(fd, waiting.pop(0).encode("utf-8") + b"\n")
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")

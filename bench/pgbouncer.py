"""Start Debian's `pgbouncer` in transaction pooling mode in front of a PostgreSQL
database, on a free port of 127.0.0.1, with its configuration in a temporary
folder; used by `make bench` (nearest-10 through PgBouncer) and by
tests/replication/test_the_public_api_works_through_pgbouncer.py.

pgbouncer refuses to run as root, so as root it runs as the `postgres` user.
Clients are trusted (it listens on 127.0.0.1 only, for a measurement or a test);
the server login uses the URL's own user and password.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

CONFIG = """\
[databases]
{name} = host={host} port={port} dbname={name} user={user}{password}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen_port}
unix_socket_dir =
auth_type = trust
auth_file = {folder}/userlist.txt
pool_mode = transaction
default_pool_size = {pool_size}
server_round_robin = {round_robin}
max_client_conn = 200
; psycopg sends no `options` in DATABASE_POOL_MODE=transaction; other clients might.
ignore_startup_parameters = extra_float_digits,options
logfile = {folder}/pgbouncer.log
pidfile = {folder}/pgbouncer.pid
"""


def binary() -> str | None:
    return shutil.which("pgbouncer") or next(
        (path for path in ("/usr/sbin/pgbouncer",) if Path(path).exists()), None
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgBouncer:
    """A running pgbouncer; `url` is the database URL to give Django instead."""

    def __init__(self, database_url: str, pool_size: int = 4, round_robin: bool = False):
        """round_robin: hand a client's successive transactions to different server
        connections (a test's way to show that nothing outlives a transaction)."""
        program = binary()
        if program is None:
            raise RuntimeError("pgbouncer is not installed (apt-get install pgbouncer)")
        parsed = urlparse(database_url)
        name, user = parsed.path.lstrip("/"), unquote(parsed.username or "postgres")
        password = unquote(parsed.password) if parsed.password else ""
        self.folder = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
        self.port = _free_port()
        (self.folder / "userlist.txt").write_text(f'"{user}" ""\n')
        (self.folder / "pgbouncer.ini").write_text(CONFIG.format(
            name=name, host=parsed.hostname or "127.0.0.1", port=parsed.port or 5432,
            user=user, password=f" password={password}" if password else "",
            listen_port=self.port, folder=self.folder, pool_size=pool_size,
            round_robin=int(round_robin),
        ))  # fmt: skip
        command = [program, str(self.folder / "pgbouncer.ini")]
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            for child in self.folder.iterdir():
                shutil.chown(child, "postgres", "postgres")
            command = ["runuser", "-u", "postgres", "--", *command]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)  # fmt: skip
        self.url = parsed._replace(netloc=f"{user}@127.0.0.1:{self.port}").geturl()
        self._wait()

    def _wait(self) -> None:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"pgbouncer did not start: {self.log()[-2000:]}")

    def log(self) -> str:
        path = self.folder / "pgbouncer.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PgBouncer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

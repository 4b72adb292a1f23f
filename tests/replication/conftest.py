"""A throwaway PostgreSQL primary, a streaming replica of it, and the site served
against the pair, for the tests of read routing (shelters.db_routing).

The pair is its own `initdb` cluster in a temporary folder, on free ports,
listening on 127.0.0.1 only; the machine's own PostgreSQL is not touched. The
replica is made with `pg_basebackup -R` (streaming, hot standby). Both load
pg_stat_statements, so a test sees which server ran a query. initdb and
postgres refuse to run as root, so as root they run as the `postgres` user.

Without PostgreSQL's server binaries (or pgbouncer) these tests skip, except in
CI (CI or REQUIRE_SERVER_BINARIES set), where they fail: .ci/run installs them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests

PROJECT = Path(__file__).resolve().parents[2]
DATABASE = "directory"


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> float:
    try:
        return float(Path(path).parts[-3])
    except ValueError:
        return 0.0


def require(*programs: str) -> None:
    """Skip (fail in CI) unless every program is installed."""
    missing = [p for p in programs if not (Path(p).exists() or shutil.which(p))]
    if not missing:
        return
    message = f"not installed: {', '.join(missing)} (apt-get install postgresql pgbouncer)"
    if os.environ.get("CI") or os.environ.get("REQUIRE_SERVER_BINARIES"):
        pytest.fail(message)
    pytest.skip(message)


def as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120,
                          **kwargs)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def give_to_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


@dataclass
class Cluster:
    bin: Path
    data: Path
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def pg_ctl(self, *args: str) -> None:
        run(as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                         "-w", "-t", "60", *args]))  # fmt: skip

    def start(self) -> None:
        self.pg_ctl("-o", f"-p {self.port}", "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "immediate", "stop")

    def connect(self, dbname: str = DATABASE) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                               dbname=dbname, autocommit=True)  # fmt: skip

    def query(self, sql: str, *params):
        with self.connect() as conn:
            return conn.execute(sql, params).fetchone()[0]

    def calls(self, table: str = "shelters_shelter") -> int:
        """How many statements this server has run that read `table`."""
        return self.query("SELECT COALESCE(sum(calls), 0)::int FROM pg_stat_statements"
                          " WHERE query LIKE %s AND query NOT LIKE '%%pg_stat_statements%%'",
                          f"%{table}%")  # fmt: skip


@dataclass
class Pair:
    primary: Cluster
    replica: Cluster

    def wait_for_replay(self) -> None:
        """Until the replica has replayed everything the primary has written."""
        target = self.primary.query("SELECT pg_current_wal_lsn()::text")
        for _ in range(200):
            if self.replica.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", target):
                return
            time.sleep(0.05)
        raise AssertionError("the replica did not catch up")


POSTGRESQL_CONF = """
listen_addresses = '127.0.0.1'
unix_socket_directories = '{sockets}'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
max_connections = 50
"""


@pytest.fixture(scope="session")
def pg_pair():
    binaries = server_binaries()
    require(str(binaries / "pg_basebackup") if binaries else "/usr/lib/postgresql/*/bin/initdb")
    root = Path(tempfile.mkdtemp(prefix="replication-"))
    give_to_postgres(root)
    os.chmod(root, 0o755)
    primary = Cluster(binaries, root / "primary", free_port(), root / "primary.log")
    replica = Cluster(binaries, root / "replica", free_port(), root / "replica.log")
    started: list[Cluster] = []
    try:
        run(as_postgres([str(binaries / "initdb"), "-D", str(primary.data), "-U", "postgres",
                         "-A", "trust", "-E", "UTF8", "--no-sync"]))  # fmt: skip
        with open(primary.data / "postgresql.conf", "a") as conf:
            conf.write(POSTGRESQL_CONF.format(sockets=root))
        primary.start()
        started.append(primary)
        with primary.connect("postgres") as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        with primary.connect() as conn:
            for extension in ("cube", "earthdistance", "pg_stat_statements"):
                conn.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
        run(as_postgres([str(binaries / "pg_basebackup"), "-h", "127.0.0.1",
                         "-p", str(primary.port), "-U", "postgres", "-D", str(replica.data),
                         "-R", "-X", "stream", "-c", "fast", "--no-sync"]))  # fmt: skip
        replica.start()
        started.append(replica)
        migrate(primary.url)
        pair = Pair(primary, replica)
        pair.wait_for_replay()
        yield pair
    finally:
        for cluster in reversed(started):
            with contextlib.suppress(subprocess.CalledProcessError):
                cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def django_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env.update({"DJANGO_SETTINGS_MODULE": "directory.settings_test",
                "DATABASE_REPLICA_URLS": "", "CONN_MAX_AGE": "0", **extra})  # fmt: skip
    return env


def migrate(database_url: str) -> None:
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=PROJECT,
        env=django_env(DATABASE_URL=database_url))  # fmt: skip


SEED = """
import django, json
django.setup()
from datetime import date
from django.contrib.auth.models import Group, User
from shelters import bed_tokens
from shelters.models import Membership, Snapshot
from django.core.management import call_command
from tests.conftest import make_organization, make_shelter
org = make_organization(name="Replication test organisation")
shelters = [make_shelter(organization=org, name=f"Replica shelter {i}", beds_total=10,
                         beds_available=5, latitude=30.2 + i / 100, longitude=-97.7,
                         address_publication_authorized_by="Director",
                         address_publication_authorized_on=date(2026, 1, 5))
            for i in range(5)]
user = User.objects.create_user("advocate", password="a-long-pass-phrase", is_staff=True)
user.groups.add(Group.objects.get(name="Advocates"))
Membership.objects.create(user=user, organization=org)
call_command("refresh_snapshots", verbosity=0)
print(json.dumps({"shelter": shelters[0].pk, "token": bed_tokens.issue(user, org).secret}))
"""


@pytest.fixture(scope="session")
def seeded(pg_pair) -> dict:
    """Five published shelters near Austin, an advocate of their organisation with
    a bed-report token, and the snapshots, all written on the primary."""
    import json

    result = run([sys.executable, "-c", SEED], cwd=PROJECT,
                 env=django_env(DATABASE_URL=pg_pair.primary.url))  # fmt: skip
    pg_pair.wait_for_replay()
    return json.loads(result.stdout.strip().splitlines()[-1])


class Site:
    """The project under `manage.py runserver`, in its own process."""

    def __init__(self, env: dict[str, str], threading: bool = True):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}",
             *([] if threading else ["--nothreading"])],
            cwd=PROJECT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(300):
            try:
                requests.get(f"{self.base}/healthz", timeout=2)
                return
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.log.seek(0)
        output = self.log.read().decode()[-3000:]
        self.close()
        raise AssertionError(f"the site did not start: {output}")

    def get(self, path: str, **kwargs) -> requests.Response:
        return requests.get(self.base + path, timeout=30, **kwargs)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="session")
def site(pg_pair, seeded):
    """The site reading from the replica: a replica 2 s behind is skipped, its
    status is looked at every 0.2 s, a signed-in user's write pins her to the
    primary for 5 s. DEBUG=1 only so that the session cookie works over http."""
    site = Site(django_env(DATABASE_URL=pg_pair.primary.url,
                           DATABASE_REPLICA_URLS=pg_pair.replica.url,
                           REPLICA_MAX_LAG_SECONDS="2", REPLICA_CHECK_SECONDS="0.2",
                           PRIMARY_PIN_SECONDS="5", DEBUG="1"))  # fmt: skip
    yield site
    site.close()

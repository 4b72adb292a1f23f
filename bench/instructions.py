"""`make bench-instructions`: CPU instructions per request of each `make bench`
endpoint in the Django process, counted by valgrind's callgrind, against the
fixed-JSON ceiling view counted the same way.

Requests/s on a shared machine move by a fifth from one run to the next; an
instruction count does not depend on what else the machine is doing, and two runs
of the same code differed by under 5 % (BENCHMARKS.md, "Stop 25"). So this is the
figure to compare two versions of the code by, and to see how far a request is from
what Django alone costs.
It counts the web process only: PostgreSQL's work is the `db` figures of
`make bench`, and time spent waiting for it executes no instructions here.

Each endpoint is run twice under callgrind, with 10 and with 10 + --requests
requests through Django's test client (after 30 unmeasured ones, to warm every
cache a worker warms), from the same origins and ZIP codes as the HTTP load;
the difference, divided by --requests, is one request's count, start-up cancelled.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/instructions.py
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_UP = 30
BASELINE = 10
COLLECTED = re.compile(r"Collected : ([0-9]+)")
CEILING = "ceiling: fixed 10-item JSON"


def child(path: str, count: int, origins: list[str], zips: list[str]) -> None:
    """Run in the measured process: WARM_UP requests, then `count` more."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    for number in range(WARM_UP + count):
        lat, lon = origins[number % len(origins)].split(",")
        url = path.format(lat=lat, lon=lon, zip=zips[number % len(zips)])
        status = client.get(url).status_code
        if status != 200:
            raise SystemExit(f"{url} answered {status}")


def counted(env: dict, path: str, count: int) -> int:
    """Instructions callgrind counts for a process making WARM_UP + count requests."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out",
             sys.executable, __file__, "--child", path, str(count)],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
    found = COLLECTED.search(result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"{path}: callgrind failed\n{result.stderr[-2000:]}")
    return int(found.group(1))


def per_request(env: dict, path: str, requests: int) -> float:
    with ThreadPoolExecutor(max_workers=2) as pool:
        short, long = pool.map(lambda n: counted(env, path, n), (BASELINE, BASELINE + requests))
    return (long - short) / requests


def main() -> None:
    from bench.run import DEFAULT_URL, ENDPOINTS, base_env, log

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--child", nargs=2, metavar=("PATH", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), *places())
        return
    if shutil.which("valgrind") is None:
        log("installing valgrind from Debian's packages")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "valgrind"], check=True)
    url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
    env = {
        **base_env(url),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CONN_MAX_AGE": "3600",
        # The count, not the time, is measured: a search that meets cold pages in a
        # database just seeded must still answer, and do the work it always does.
        "SEARCH_TIME_LIMIT_MS": "60000",
    }
    counts = {}
    for name, path in ENDPOINTS:
        counts[name] = per_request(env, path, args.requests)
        log(f"{name}: {counts[name] / 1e6:.2f} M instructions a request")
    ceiling = counts[CEILING]
    print("\n| endpoint | M instructions a request | times the ceiling's |")
    print("|---|---|---|")
    for name, count in counts.items():
        print(f"| {name} | {count / 1e6:.2f} | {count / ceiling:.1f} |")


def places() -> tuple[list[str], list[str]]:
    """The HTTP load's origins and ZIP codes (bench.run.request_places)."""
    from bench.run import request_places

    rng = random.Random(11)
    origins, zips = request_places(rng)
    return origins, rng.sample(zips, 500)


if __name__ == "__main__":
    main()

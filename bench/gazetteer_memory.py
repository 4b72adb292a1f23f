"""Memory and lookup time of the ZIP gazetteer in one worker-like process.

Sets up Django with production settings (SECRET_KEY from the environment), builds
the WSGI application and imports every view, warms the gazetteer up as
directory.wsgi does, then
answers --lookups rounds of the gazetteer's public calls: ZIP lookups, nearest ZIP
to a point, city and county centroids, region-box suggestions. Prints the
first-use time, microseconds per call of each kind, and the process's peak RSS,
current RSS and PSS (/proc/self/smaps_rollup). With --processes N, N such
processes run side by side (forked before Django starts, as gunicorn forks workers
that then import the application) and measure once all have answered, so PSS
shows what the gazetteer file's shared pages cost each. A measurement, not a test.

    SECRET_KEY=x-long-enough DATABASE_URL= .venv/bin/python bench/gazetteer_memory.py
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CITIES = [
    ("Austin", "TX"),
    ("Chicago", "IL"),
    ("New York", "NY"),
    ("Los Angeles", "CA"),
    ("Seattle", "WA"),
    ("Miami", "FL"),
    ("Denver", "CO"),
    ("Boston", "MA"),
]
COUNTIES = [("Travis County", "TX"), ("King", "WA"), ("Los Angeles County", "CA"), ("Cook", "IL")]
PREFIXES = ["Aus", "San ", "Los", "Chi", "Tra", "Kin", "Spr", "Port"]


def _memory() -> dict[str, int]:
    """Peak and current RSS, PSS, private pages, and the resident pages of the
    gazetteer file's mapping (shared with every other process mapping it)."""
    figures = {"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    fields = {"VmRSS:": "vmrss_kb", "Pss:": "pss_kb", "Private_Clean:": "private_kb"}
    fields["Private_Dirty:"] = "private_kb"
    for name in ("/proc/self/status", "/proc/self/smaps_rollup"):
        try:
            for line in Path(name).read_text().splitlines():
                field = line.split(":")[0] + ":"
                if field in fields:
                    key = fields[field]
                    figures[key] = figures.get(key, 0) + int(line.split()[1])
        except OSError:
            pass
    mapping, mapped = "", 0
    try:
        for line in Path("/proc/self/smaps").read_text().splitlines():
            if "-" in line.split(" ")[0] and not line.endswith("kB"):
                mapping = line
            elif line.startswith("Rss:") and "gazetteer" in mapping:
                mapped += int(line.split()[1])
    except OSError:
        pass
    figures["gazetteer_file_rss_kb"] = mapped
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=500)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    barrier = multiprocessing.get_context("fork").Barrier(args.processes)
    children = []
    for number in range(1, args.processes):
        pid = os.fork()
        if pid == 0:
            run(args, barrier, number)
            os._exit(0)
        children.append(pid)
    run(args, barrier, 0)
    for pid in children:
        os.waitpid(pid, 0)


def run(args: argparse.Namespace, barrier, number: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    os.environ.pop("DEBUG", None)

    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.urls import get_resolver

    get_wsgi_application()
    assert get_resolver().url_patterns  # imports every view, as a worker's first request does
    from shelters import gazetteer
    from shelters.geo import Point

    before = _memory()
    started = time.perf_counter()
    gazetteer.warm_up()  # what directory.wsgi does at import
    first_use = time.perf_counter() - started
    warmed = _memory()

    rng = random.Random(13)
    zips = [f"{rng.randrange(100000):05d}" for _ in range(args.lookups)]
    known = [z for z in zips if gazetteer.lookup_zip(z)]
    points = [
        Point(rng.uniform(25.0, 49.0), rng.uniform(-124.0, -67.0)) for _ in range(args.lookups)
    ]
    calls = {
        "lookup_zip": lambda i: gazetteer.lookup_zip(zips[i]),
        "nearest_zip": lambda i: gazetteer.nearest_zip(points[i]),
        "city_centroid": lambda i: gazetteer.city_centroid(*CITIES[i % len(CITIES)]),
        "county_centroid": lambda i: gazetteer.county_centroid(*COUNTIES[i % len(COUNTIES)]),
        "city_name + city_county": lambda i: gazetteer.city_county(
            gazetteer.city_name(*CITIES[i % len(CITIES)]) or "", CITIES[i % len(CITIES)][1]
        ),
        "place_names_starting": lambda i: gazetteer.place_names_starting(
            PREFIXES[i % len(PREFIXES)]
        ),
        "counties_in_box (0.1 deg)": lambda i: gazetteer.counties_in_box(
            points[i].lat, points[i].lat + 0.1, points[i].lon, points[i].lon + 0.1
        ),
    }
    timings = []
    for name, call in calls.items():
        call(0)  # a lazily built index is first use, not a lookup
        started = time.perf_counter()
        for i in range(args.lookups):
            call(i)
        per_call = (time.perf_counter() - started) / args.lookups
        timings.append(f"{name:28} {per_call * 1e6:8.1f} us/call")
    barrier.wait()  # every process has loaded and answered: now they share what they can
    after = _memory()
    barrier.wait()
    time.sleep(0.2 * number)  # one report after the other
    print(f"== process {number + 1} of {args.processes}")
    print(f"first use (gazetteer.warm_up()): {first_use * 1000:.0f} ms")
    print(f"known ZIPs among {len(zips)} random five-digit strings: {len(known)}")
    print("\n".join(timings))
    print("memory with the app imported:", before)
    print("memory after warm_up:        ", warmed)
    print("memory after the lookups:    ", after)


if __name__ == "__main__":
    main()

"""Offline US ZIP gazetteer built from the `zipcodes` package.

A public search never calls an external geocoder: a survivor's location must not
leave the server. The package embeds every ZIP's centroid, city, county, state and
time zone. Its ~42,000 rows are packed once into a small read-only SQLite file
(var/gazetteer-*.sqlite3, about 12 MB, built by `make install`, the Docker image and
`manage.py build_gazetteer`, or on first use), which every worker opens read-only
and memory-maps: the rows live once in the operating system's page cache, shared
by all workers, instead of as 42,000 Python objects in each of them.

The file is never modified once written (a new `zipcodes` release or a new layout
gets a new file name), so it is opened `immutable`: no locking, no journal.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from shelters.geo import Point, great_circle_km

ZIP_PATTERN = re.compile(r"^\d{5}$")
BUCKET_DEGREES = 0.25
MILITARY_MAIL_STATES = frozenset({"AA", "AE", "AP"})
# Bumped whenever the file's tables or their meaning change: the version is part of
# the file name, so an old file is never read by new code.
FILE_FORMAT = 5
DEFAULT_DIRECTORY = Path(__file__).resolve().parent.parent / "var"


def _bucket(point: Point) -> tuple[int, int]:
    return math.floor(point.lat / BUCKET_DEGREES), math.floor(point.lon / BUCKET_DEGREES)


def _bound(cell: int) -> int:
    """A bucket number SQLite can hold (no ZIP lies beyond it anyway)."""
    return max(-(2**62), min(2**62, cell))


class ZipPlace(NamedTuple):
    zip_code: str
    point: Point
    city: str
    county: str
    state: str
    timezone: str
    delivers_to_streets: bool


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _county_key(name: str) -> str:
    """A county name as compared ("Travis County", "travis" -> "travis"); the same
    folding as shelters.coverage.fold_county, which imports this module."""
    folded = _normalise(name)
    for suffix in (" county", " parish", " borough"):
        folded = folded.removesuffix(suffix)
    return folded.strip()


# Building the file.

_SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY,  -- the package's order (by ZIP)
    zip TEXT NOT NULL UNIQUE,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    city TEXT NOT NULL,
    county TEXT NOT NULL,
    state TEXT NOT NULL,
    timezone TEXT NOT NULL,
    streets INTEGER NOT NULL,
    cell_row INTEGER NOT NULL,
    cell_col INTEGER NOT NULL
);
-- Covering: the counties of a box of buckets come from the index alone.
CREATE INDEX place_cell ON place (cell_row, cell_col, lat, lon, state, county);
-- What the console and the search page ask of a city, a county or a state, worked
-- out once when the file is built (same arithmetic, same order as over the ZIPs).
CREATE TABLE city (
    state TEXT NOT NULL,
    key TEXT NOT NULL,  -- _normalise(name)
    name TEXT NOT NULL,  -- the first ZIP's spelling
    lat REAL NOT NULL,  -- centroid of its ZIP centroids
    lon REAL NOT NULL,
    county TEXT NOT NULL,  -- the county most of its ZIPs lie in
    extent_km REAL NOT NULL,  -- greatest distance between two street-delivery ZIPs
    PRIMARY KEY (state, key)
) WITHOUT ROWID;
CREATE TABLE county (
    state TEXT NOT NULL,
    key TEXT NOT NULL,  -- _county_key(name)
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    PRIMARY KEY (state, key)
) WITHOUT ROWID;
CREATE TABLE state (state TEXT PRIMARY KEY, lat REAL NOT NULL, lon REAL NOT NULL)
    WITHOUT ROWID;
-- "City, ST" and "County, ST" for the region box's suggestions, by folded name.
CREATE TABLE name (key TEXT NOT NULL, shown TEXT NOT NULL, PRIMARY KEY (key, shown))
    WITHOUT ROWID;
-- Each state's time zones.
CREATE TABLE zone (state TEXT NOT NULL, timezone TEXT NOT NULL, PRIMARY KEY (state, timezone))
    WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
-- The nearest-ZIP grid as packed arrays (see _Grid), loaded as five byte strings.
CREATE TABLE grid (name TEXT PRIMARY KEY, typecode TEXT NOT NULL, data BLOB NOT NULL)
    WITHOUT ROWID;
"""
# A grid bucket (row, column) as one integer that sorts as the pair does.
_COLUMN_SPAN = 1 << 32


def _cell_key(row: int, column: int) -> int:
    return row * _COLUMN_SPAN + column


def file_name() -> str:
    return f"gazetteer-zipcodes{version('zipcodes')}-f{FILE_FORMAT}.sqlite3"


def _configured_directory() -> Path:
    try:
        from django.conf import settings

        if settings.configured:
            return Path(getattr(settings, "GAZETTEER_DIR", DEFAULT_DIRECTORY))
    except ImportError:  # pragma: no cover - Django is a dependency
        pass
    return Path(os.environ.get("GAZETTEER_DIR") or DEFAULT_DIRECTORY)


def _places_from_package() -> Iterator[ZipPlace]:
    from zoneinfo import available_timezones

    import zipcodes

    known_zones = available_timezones()
    # filter_by() with no filter hands over a fresh list of every ZIP; list_all()
    # would keep 42,000 dicts alive in the package.
    for row in zipcodes.filter_by():
        if row["state"] in MILITARY_MAIL_STATES:
            continue  # overseas military mail: no real place, placeholder coordinates
        try:
            point = Point(float(row["lat"]), float(row["long"]))
        except (TypeError, ValueError):
            continue
        if point == (0.0, 0.0):
            continue  # a placeholder, not a place
        yield ZipPlace(
            zip_code=row["zip_code"],
            point=point,
            city=row["city"].title(),
            county=row["county"] or "",
            state=row["state"],
            # A few rows carry a place name instead of an IANA zone.
            timezone=row["timezone"] if row["timezone"] in known_zones else "",
            delivers_to_streets=row["zip_code_type"] == "STANDARD",
        )


def _centroid(points: list[Point]) -> Point | None:
    if not points:
        return None
    lat = sum(p.lat for p in points) / len(points)
    lon = sum(p.lon for p in points) / len(points)
    return Point(round(lat, 4), round(lon, 4))


def _extent_km(points: list[Point]) -> float:
    return max(
        (great_circle_km(a, b) for i, a in enumerate(points) for b in points[i + 1 :]),
        default=0.0,
    )


def _main_county(counties: list[str]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for county in counties:
        counts[county] += 1
    return max(sorted(counts), key=counts.__getitem__, default="")


def _write(connection: sqlite3.Connection) -> None:
    connection.executescript(_SCHEMA)
    places = list(_places_from_package())
    rows = []
    for number, place in enumerate(places, start=1):
        row, column = _bucket(place.point)
        rows.append(
            (
                number,
                place.zip_code,
                place.point.lat,
                place.point.lon,
                place.city,
                place.county,
                place.state,
                place.timezone,
                int(place.delivers_to_streets),
                row,
                column,
            )
        )
    connection.executemany(
        "INSERT INTO place (id, zip, lat, lon, city, county, state, timezone, streets,"
        " cell_row, cell_col) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    # Groups keep the package's order: a group's first ZIP names it, and its sums
    # add up in the order they always have.
    cities: dict[tuple[str, str], list[ZipPlace]] = defaultdict(list)
    counties: dict[tuple[str, str], list[ZipPlace]] = defaultdict(list)
    states: dict[str, list[ZipPlace]] = defaultdict(list)
    for place in places:
        cities[(place.state, _normalise(place.city))].append(place)
        if place.county:
            counties[(place.state, _county_key(place.county))].append(place)
        states[place.state].append(place)
    connection.executemany(
        "INSERT INTO city (state, key, name, lat, lon, county, extent_km) VALUES (?,?,?,?,?,?,?)",
        [
            (
                *key,
                group[0].city,
                *_centroid([p.point for p in group]),
                _main_county([p.county for p in group]),
                _extent_km([p.point for p in group if p.delivers_to_streets]),
            )
            for key, group in cities.items()
        ],
    )
    connection.executemany(
        "INSERT INTO county (state, key, name, lat, lon) VALUES (?,?,?,?,?)",
        [
            (*key, group[0].county, *_centroid([p.point for p in group]))
            for key, group in counties.items()
        ],
    )
    connection.executemany(
        "INSERT INTO state (state, lat, lon) VALUES (?,?,?)",
        [(state, *_centroid([p.point for p in group])) for state, group in states.items()],
    )
    names = {f"{place.city}, {place.state}" for place in places}
    names |= {f"{group[0].county}, {state}" for (state, _), group in counties.items()}
    connection.executemany(
        "INSERT INTO name (key, shown) VALUES (?, ?)",
        sorted((_normalise(name), name) for name in names),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO zone (state, timezone) VALUES (?, ?)",
        [(place.state, place.timezone) for place in places if place.timezone],
    )
    latitudes = [place.point.lat for place in places]
    connection.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [
            ("format", FILE_FORMAT),
            ("zipcodes", version("zipcodes")),
            ("min_lat", min(latitudes)),
            ("max_lat", max(latitudes)),
        ],
    )
    _write_grid(connection, rows)


def _write_grid(connection: sqlite3.Connection, rows: list[tuple]) -> None:
    """Every ZIP's id and centroid sorted by bucket (then by id), and each non-empty
    bucket's key with the offset of its first ZIP: a bucket is a bisection away."""
    by_cell = sorted((_cell_key(row[9], row[10]), row[0], row[2], row[3]) for row in rows)
    keys, starts = array("q"), array("i")
    for offset, (key, *_) in enumerate(by_cell):
        if not keys or keys[-1] != key:
            keys.append(key)
            starts.append(offset)
    starts.append(len(by_cell))
    columns = {
        "keys": keys,
        "starts": starts,
        "ids": array("i", (entry[1] for entry in by_cell)),
        "lat": array("d", (entry[2] for entry in by_cell)),
        "lon": array("d", (entry[3] for entry in by_cell)),
    }
    connection.executemany(
        "INSERT INTO grid (name, typecode, data) VALUES (?, ?, ?)",
        [(name, values.typecode, values.tobytes()) for name, values in columns.items()],
    )


def build(path: Path) -> Path:
    """Write the gazetteer file at `path` from the installed `zipcodes` package.

    Written under a temporary name in the same directory, then renamed into place:
    a reader sees either no file or a whole one, and several workers starting at
    once may all build (the last rename wins; every copy is identical)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    os.close(descriptor)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            with connection:
                _write(connection)
        finally:
            connection.close()
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o644)  # mkstemp made it private; workers may run as another user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _private_fallback_directory() -> Path:
    """Where to build when the configured directory is read-only: a directory of the
    temporary area that only this user can write to (so no one can plant a file)."""
    directory = Path(tempfile.gettempdir()) / f"shelters-gazetteer-{os.getuid()}"
    directory.mkdir(mode=0o700, exist_ok=True)
    status = directory.lstat()
    if status.st_uid != os.getuid() or status.st_mode & 0o022:
        raise PermissionError(f"{directory} is not this user's own directory")
    return directory


def _build_in_child(path: Path) -> Path:
    """build(path) in a child process. A build holds every row of the package as
    Python objects for a moment (about 100 MB): a worker that built the file itself
    would keep that memory for its whole life."""
    root = str(Path(__file__).resolve().parent.parent)
    search_path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    built = subprocess.run(
        [sys.executable, "-m", "shelters.gazetteer", str(path)],
        env={**os.environ, "PYTHONPATH": search_path},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if built.returncode != 0 or not path.exists():
        raise OSError(f"building {path} failed: {built.stderr.strip()[-2000:]}")
    return path


_path_lock = threading.Lock()
_built_path: Path | None = None


def ensure_built() -> Path:
    """The gazetteer file's path, building it first if it is missing."""
    global _built_path
    if _built_path is not None:
        return _built_path
    with _path_lock:
        path = _configured_directory() / file_name()
        if not path.exists():
            try:
                _build_in_child(path)
            except OSError:  # a read-only directory or file system: build where we may
                fallback = _private_fallback_directory() / file_name()
                path = fallback if fallback.exists() else _build_in_child(fallback)
        _built_path = path
        return path


# Reading it. sqlite3 connections are not shared between threads, nor across a
# fork: each thread of each process opens its own (a cheap open of a mapped file).

_local = threading.local()
_PLACE_COLUMNS = "zip, lat, lon, city, county, state, timezone, streets"


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    # Pages are read through a shared memory map, not copied into each connection's
    # own cache: the file's pages are the page cache's, once for every worker.
    connection.execute(f"PRAGMA mmap_size = {max(path.stat().st_size, 1 << 20) * 2}")
    connection.execute("PRAGMA cache_size = -256")
    return connection


def _db() -> sqlite3.Connection:
    connection = getattr(_local, "connection", None)
    if connection is None or _local.pid != os.getpid():
        connection = _connect(ensure_built())
        _local.connection, _local.pid = connection, os.getpid()
    return connection


def _place(row: tuple) -> ZipPlace:
    zip_code, lat, lon, city, county, state, timezone, streets = row
    return ZipPlace(zip_code, Point(lat, lon), city, county, state, timezone, bool(streets))


def _reset() -> None:
    """Forget the file and everything read from it (for tests that build their own)."""
    global _built_path
    _built_path = None
    _local.connection = None
    for cached in (_latitude_range, _grid, us_timezones, _zones_by_state, state_centroid):
        cached.cache_clear()


@cache
def _latitude_range() -> tuple[float, float]:
    meta = dict(_db().execute("SELECT key, value FROM meta WHERE key IN ('min_lat', 'max_lat')"))
    return meta["min_lat"], meta["max_lat"]


def warm_up() -> None:
    """Build the file if needed and open it, so that no one's first search waits."""
    _latitude_range()
    _grid()
    us_timezones()


def all_places() -> Iterator[ZipPlace]:
    """Every ZIP of the gazetteer, in ZIP order (for benches and data generators)."""
    for row in _db().execute(f"SELECT {_PLACE_COLUMNS} FROM place ORDER BY id"):
        yield _place(row)


class _EveryZip:
    """The old in-memory index's `by_zip`, built on demand for code that walks every
    ZIP (tests, benches): 42,000 tuples, so never on a request path."""

    @property
    def by_zip(self) -> dict[str, ZipPlace]:
        return {place.zip_code: place for place in all_places()}


def _index() -> _EveryZip:
    return _EveryZip()


def lookup_zip(zip_code: str) -> ZipPlace | None:
    """The place of a five-digit US ZIP, or None if it is not a known ZIP."""
    if not ZIP_PATTERN.match(zip_code or ""):
        return None
    row = _db().execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE zip = ?", (zip_code,)).fetchone()
    return _place(row) if row else None


class _Grid(NamedTuple):
    """The nearest-ZIP grid: `keys` holds each non-empty bucket's key in order, and
    that bucket's ZIPs are entries starts[i]:starts[i+1] of `ids`, `lat` and `lon`.
    About 1 MB of flat machine numbers in a worker (no object per ZIP)."""

    keys: array
    starts: array
    ids: array
    lat: array
    lon: array


@cache
def _grid() -> _Grid:
    columns = {}
    for name, typecode, data in _db().execute("SELECT name, typecode, data FROM grid"):
        columns[name] = array(typecode)
        columns[name].frombytes(data)
    return _Grid(**columns)


def _buckets_of_ring(row: int, column: int, ring: int, rows: int, columns: int):
    """(first, last) bucket keys of each run of buckets of the ring, in the order the
    buckets are scanned: by row, then by column."""
    row_reach, column_reach = min(ring, rows), min(ring, columns)
    for dr in range(-row_reach, row_reach + 1):
        if abs(dr) == ring:
            yield (
                _cell_key(row + dr, column - column_reach),
                _cell_key(row + dr, column + column_reach),
            )
        elif column_reach == ring:
            yield _cell_key(row + dr, column - ring), _cell_key(row + dr, column - ring)
            if ring:
                yield _cell_key(row + dr, column + ring), _cell_key(row + dr, column + ring)


def nearest_zip(point: Point, max_km: float = 150.0) -> ZipPlace | None:
    """The ZIP whose centroid is nearest to `point`, if one lies within `max_km`.

    Used to tell which state and county a coordinate search falls in, so that
    hotlines covering that area can be named. Scans rings of grid buckets outward
    until no unscanned bucket can hold anything nearer than the best found; the
    scan never leaves the window `max_km` spans, so its cost is bounded anywhere.
    """
    low_lat, high_lat = _latitude_range()
    reach_degrees = max_km / 111.195
    if not low_lat - reach_degrees <= point.lat <= high_lat + reach_degrees:
        return None
    row, column = _bucket(point)
    if abs(column) >= _COLUMN_SPAN // 4:
        return None  # thousands of turns round the Earth: no bucket out there holds a ZIP
    bucket_height_km = BUCKET_DEGREES * 111.195
    edge_lat = min(89.9, abs(point.lat) + reach_degrees + BUCKET_DEGREES)
    bucket_width_km = bucket_height_km * math.cos(math.radians(edge_lat))
    rows = math.ceil(max_km / bucket_height_km) + 1
    columns = min(math.ceil(360 / BUCKET_DEGREES), math.ceil(max_km / bucket_width_km) + 1)
    # Candidates are compared on a local flat projection (exact enough to pick the
    # nearest centroid, and much cheaper); the winner's distance is then exact.
    x_scale = math.cos(math.radians(point.lat)) * 111.195
    grid = _grid()
    keys, starts, lats, lons = grid.keys, grid.starts, grid.lat, grid.lon
    best: tuple[float, int] | None = None
    for ring in range(max(rows, columns) + 1):
        if best is not None and math.sqrt(best[0]) <= (ring - 1) * bucket_width_km:
            break
        for first, last in _buckets_of_ring(row, column, ring, rows, columns):
            bucket = bisect_left(keys, first)
            while bucket < len(keys) and keys[bucket] <= last:
                for entry in range(starts[bucket], starts[bucket + 1]):
                    dx = ((lons[entry] - point.lon + 180.0) % 360.0 - 180.0) * x_scale
                    dy = (lats[entry] - point.lat) * 111.195
                    squared = dx * dx + dy * dy
                    if best is None or squared < best[0]:
                        best = (squared, entry)
                bucket += 1
    if best is None or great_circle_km(point, Point(lats[best[1]], lons[best[1]])) > max_km:
        return None
    found = _db().execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE id = ?", (grid.ids[best[1]],))
    return _place(found.fetchone())


def _city(columns: str, city: str, state: str) -> tuple | None:
    return (
        _db()
        .execute(
            f"SELECT {columns} FROM city WHERE state = ? AND key = ?",
            ((state or "").upper(), _normalise(city)),
        )
        .fetchone()
    )


def city_centroid(city: str, state: str) -> Point | None:
    """Mean of the ZIP centroids of a city: a coarse point that names no street."""
    row = _city("lat, lon", city, state)
    return Point(*row) if row else None


def city_extent_km(city: str, state: str) -> float:
    """Greatest distance between two of a city's street-delivery ZIP centroids: 0 for a
    one-ZIP town. (PO-box and single-building ZIPs say nothing of a city's size.)"""
    row = _city("extent_km", city, state)
    return row[0] if row else 0.0


@cache
def us_timezones() -> tuple[str, ...]:
    """Every time zone named by a US ZIP; `open_now` evaluates each one."""
    found = _db().execute("SELECT DISTINCT timezone FROM zone")
    return tuple(sorted(zone for (zone,) in found))


@cache
def _zones_by_state() -> dict[str, frozenset[str]]:
    zones: dict[str, set[str]] = defaultdict(set)
    for state, zone in _db().execute("SELECT state, timezone FROM zone"):
        zones[state].add(zone)
    return {state: frozenset(names) for state, names in zones.items()}


def state_timezones(state: str) -> frozenset[str]:
    """Every time zone named by a ZIP of the state."""
    return _zones_by_state().get((state or "").upper(), frozenset())


def _distinct_in_box(
    columns: str, south: float, north: float, west: float, east: float
) -> set[tuple]:
    """The distinct `columns` of every ZIP whose centroid lies in the box."""
    first_row = _bound(math.floor(south / BUCKET_DEGREES))
    last_row = _bound(math.floor(north / BUCKET_DEGREES))
    bucket_columns = (
        _bound(math.floor(west / BUCKET_DEGREES)),
        _bound(math.floor(east / BUCKET_DEGREES)),
    )
    # Row by row (one index seek each) for a box of a few rows, as a cell is;
    # a range of rows would read every bucket of each row, coast to coast.
    if last_row - first_row < 32:
        rows = list(range(first_row, last_row + 1))
        which_rows = f"cell_row IN ({', '.join('?' * len(rows))})"
    else:
        rows = [first_row, last_row]
        which_rows = "cell_row BETWEEN ? AND ?"
    found = _db().execute(
        f"SELECT DISTINCT {columns} FROM place WHERE {which_rows}"
        " AND cell_col BETWEEN ? AND ? AND lat >= ? AND lat < ? AND lon >= ? AND lon < ?",
        (*rows, *bucket_columns, south, north, west, east),
    )
    return set(found)


def counties_in_box(south: float, north: float, west: float, east: float) -> set[tuple[str, str]]:
    """(state, county) of every ZIP whose centroid lies in the box: what the box
    is known to span. An empty set says nothing (no ZIP centroid falls in it)."""
    return _distinct_in_box("state, county", south, north, west, east)


def cities_in_box(south: float, north: float, west: float, east: float) -> set[tuple[str, str]]:
    """(state, city) of every ZIP whose centroid lies in the box (compare the names
    by city_key: the gazetteer spells a city the same way in each of its ZIPs)."""
    return _distinct_in_box("state, city", south, north, west, east)


def timezones_in_box(south: float, north: float, west: float, east: float) -> set[tuple[str, str]]:
    """(state, time zone) of every ZIP whose centroid lies in the box and names one."""
    return {
        (state, zone)
        for state, zone in _distinct_in_box("state, timezone", south, north, west, east)
        if zone
    }


def city_key(name: str) -> str:
    """A city name as compared ("ST. PAUL " and "St. Paul" are one)."""
    return _normalise(name)


@cache
def zip_counts_by_zone() -> dict[tuple[str, str], int]:
    """How many ZIPs of each state name each time zone."""
    found = _db().execute(
        "SELECT state, timezone, count(*) FROM place WHERE timezone != '' GROUP BY state, timezone"
    )
    return {(state, zone): count for state, zone, count in found}


# Counties, cities and states by name, for the staff console's region box.


def _county(columns: str, county: str, state: str) -> tuple | None:
    return (
        _db()
        .execute(
            f"SELECT {columns} FROM county WHERE state = ? AND key = ?",
            ((state or "").upper(), _county_key(county)),
        )
        .fetchone()
    )


def county_name(county: str, state: str) -> str | None:
    """The gazetteer's spelling of a county of `state` ("Travis County"), or None."""
    row = _county("name", county, state)
    return row[0] if row else None


def county_centroid(county: str, state: str) -> Point | None:
    """Mean of the ZIP centroids of a county."""
    row = _county("lat, lon", county, state)
    return Point(*row) if row else None


def city_name(city: str, state: str) -> str | None:
    row = _city("name", city, state)
    return row[0] if row else None


def city_county(city: str, state: str) -> str:
    """The county most of a city's ZIPs lie in (a city may straddle several)."""
    row = _city("county", city, state)
    return row[0] if row else ""


@cache
def state_centroid(state: str) -> Point | None:
    row = _db().execute("SELECT lat, lon FROM state WHERE state = ?", ((state or "").upper(),))
    found = row.fetchone()
    return Point(*found) if found else None


def place_names_starting(prefix: str, limit: int = 8) -> list[str]:
    """Cities and counties ("Austin, TX", "Travis County, TX") whose name starts
    with `prefix`, case-insensitive, in alphabetical order."""
    folded = _normalise(prefix)
    if len(folded) < 2:
        return []
    # Text compares as UTF-8 bytes, which orders as Python orders code points.
    rows = _db().execute(
        "SELECT key, shown FROM name WHERE key >= ? ORDER BY key, shown LIMIT ?",
        (folded, max(limit, 0)),
    )
    found = []
    for key, shown in rows:
        if not key.startswith(folded) or len(found) >= limit:
            break
        found.append(shown)
    return found


if __name__ == "__main__":
    build(Path(sys.argv[1]))  # what _build_in_child runs

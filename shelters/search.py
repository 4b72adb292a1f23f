"""Nearest and radius search over listings' public points: the only place geo SQL lives.

PostgreSQL: a GiST index on `ll_to_earth(public_latitude, public_longitude)`
(contrib `cube` + `earthdistance`) answers `ORDER BY point <-> origin LIMIT k`
as a KNN index scan. `<->` is the straight-line (chord) distance between points
on a sphere, which orders exactly as the great-circle distance does, so the
ranking is exact and the cost does not grow with the table.

SQLite: a bounding box over the btree (public_latitude, public_longitude) index
fetches candidates; the box widens until it holds k points whose exact distance
is within the radius it was drawn for (those are then certainly the nearest k),
and ranking is done exactly in Python.

Both backends report great-circle distances on the mean Earth radius, computed
by shelters.geo, and break ties by id, so the same data gives the same answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from django.db import connections
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from shelters.geo import (
    EARTH_RADIUS_KM,
    MAX_DISTANCE_KM,
    BoundingBox,
    Point,
    bounding_box,
    great_circle_km,
    normalized,
    unit_chord_for_arc,
)

# First box half-size for SQLite; it grows with the density it finds.
INITIAL_RADIUS_KM = 3.0
# Relative slack on database-side distance cuts; the exact cut is redone in Python.
SLACK = 1e-9


def uses_postgres(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


# Casts keep PostgreSQL from reading Python floats as numeric, which earthdistance lacks.
ORIGIN_SQL = "ll_to_earth(%s::float8, %s::float8)"


def chord_bound(radius_km: float) -> float:
    """The unit-sphere chord within which a listing lies within `radius_km`, with
    SLACK: what `point <-> origin <= earth() * bound` compares (the KNN measure)."""
    return unit_chord_for_arc(radius_km) * (1 + SLACK)


def _earth_point_sql(queryset: QuerySet) -> str:
    table = connections[queryset.db].ops.quote_name(queryset.model._meta.db_table)
    return f"ll_to_earth({table}.public_latitude, {table}.public_longitude)"


def _postgres_radius_filter(queryset: QuerySet, origin: Point, radius_km: float) -> QuerySet:
    point = _earth_point_sql(queryset)
    angle = min(radius_km / EARTH_RADIUS_KM, math.pi)
    # earth_box's faces lie at the chord of the radius, where a listing exactly at
    # the radius also lies (the k-th nearest, when the radius was measured to it):
    # rounding must not decide, so the box gets the same slack as the exact cut.
    in_box = RawSQL(
        f"earth_box({ORIGIN_SQL}, earth() * %s::float8) @> {point}",
        (origin.lat, origin.lon, min(angle * (1 + SLACK), math.pi)),
        output_field=BooleanField(),
    )
    in_circle = RawSQL(
        f"({point} <-> {ORIGIN_SQL}) <= earth() * %s::float8",
        (origin.lat, origin.lon, chord_bound(radius_km)),
        output_field=BooleanField(),
    )
    return queryset.filter(in_box, in_circle)


def _bbox_q(box: BoundingBox) -> Q:
    lon_q = Q()
    for west, east in box.lon_ranges:
        lon_q |= Q(public_longitude__gte=west, public_longitude__lte=east)
    return Q(public_latitude__gte=box.min_lat, public_latitude__lte=box.max_lat) & lon_q


def _haversine_expression(origin: Point):
    """Great-circle km from `origin` to the public point, in portable SQL (SQLite
    gets these math functions from Django's backend)."""
    lat0 = math.radians(origin.lat)
    lon0 = math.radians(origin.lon)
    lat = Radians("public_latitude")
    lon = Radians("public_longitude")
    h = Power(Sin((lat - lat0) / 2), 2) + Cos(lat) * math.cos(lat0) * Power(
        Sin((lon - lon0) / 2), 2
    )
    return 2 * EARTH_RADIUS_KM * ASin(Sqrt(Least(h, 1.0)))


def within(queryset: QuerySet, origin: Point, radius_km: float) -> QuerySet:
    """Listings whose public point lies within `radius_km` of `origin`."""
    origin = normalized(origin)
    queryset = queryset.filter(public_latitude__isnull=False)
    if uses_postgres(queryset):
        return _postgres_radius_filter(queryset, origin, radius_km)
    return (
        queryset.filter(_bbox_q(bounding_box(origin, radius_km)))
        .alias(_distance_km=_haversine_expression(origin))
        .filter(_distance_km__lte=radius_km * (1 + SLACK))
    )


def nearest(
    queryset: QuerySet, origin: Point, k: int, radius_km: float | None = None, skip: int = 0
) -> list:
    """The k listings of `queryset` nearest `origin`, each with `distance_km` set,
    less the first `skip` of them (a page further down the list).

    Listings without a public point never appear. Ties are broken by id. For a
    page further down (`skip` > 0) the k candidates are ranked from their ids and
    public points alone, and whole rows (with the queryset's related rows and
    prefetches) are loaded only for the ones returned: a deep page then costs one
    row per listing shown, not per listing skipped.
    """
    if k <= 0 or skip >= k:
        return []
    origin = normalized(origin)
    queryset = queryset.filter(public_latitude__isnull=False)
    source = queryset
    if skip:
        source = queryset.select_related(None).prefetch_related(None)
        source = source.only("pk", "public_latitude", "public_longitude")
    if uses_postgres(queryset):
        candidates = list(knn_queryset(source, origin, k, radius_km))
    else:
        ids = _bbox_nearest_ids(queryset, origin, k, radius_km)
        by_id = source.in_bulk(ids)
        candidates = [by_id[pk] for pk in ids]
    ranked = []
    for obj in candidates:
        obj.distance_km = great_circle_km(origin, obj.public_point)
        if radius_km is None or obj.distance_km <= radius_km:
            ranked.append(obj)
    ranked.sort(key=lambda obj: (obj.distance_km, obj.pk))
    shown = ranked[skip:]
    if not skip:
        return shown
    rows = queryset.in_bulk([obj.pk for obj in shown])
    for obj in shown:
        rows[obj.pk].distance_km = obj.distance_km
    return [rows[obj.pk] for obj in shown]


def knn_queryset(queryset: QuerySet, origin: Point, k: int, radius_km: float | None) -> QuerySet:
    """PostgreSQL: the k nearest rows in (distance, id) order, with exact ties.

    A GiST KNN scan yields rows in distance order, but PostgreSQL cannot add the
    id tie-break to such a scan without sorting the whole table. So a first KNN
    query finds the k-th nearest distance (an index scan that stops after k rows),
    and the rows are then fetched by an indexed radius of exactly that distance and
    sorted by (distance, id): shelters sharing a grid-cell centre tie often, and
    which of them makes the page must not depend on anything but their ids. (One
    statement with the k-th distance as a subquery measured slower: it plans and
    runs the KNN scan twice.)
    """
    origin = normalized(origin)
    queryset = queryset.filter(public_latitude__isnull=False)
    if radius_km is not None:
        queryset = _postgres_radius_filter(queryset, origin, radius_km)
    point = _earth_point_sql(queryset)
    chord = _chord(queryset, origin)
    unit_chord = RawSQL(
        f"({point} <-> {ORIGIN_SQL}) / earth()", (origin.lat, origin.lon), output_field=FloatField()
    )
    kth = list(
        queryset.annotate(_unit_chord=unit_chord)
        .order_by(chord.asc())
        .values_list("_unit_chord", flat=True)[k - 1 : k]
    )
    if kth:
        reach_km = 2 * math.asin(min(1.0, kth[0] / 2)) * EARTH_RADIUS_KM
        queryset = _postgres_radius_filter(queryset, origin, reach_km)
    return queryset.order_by(chord.asc(), "pk")[:k]


def _chord(queryset: QuerySet, origin: Point) -> RawSQL:
    return RawSQL(
        f"{_earth_point_sql(queryset)} <-> {ORIGIN_SQL}",
        (origin.lat, origin.lon),
        output_field=FloatField(),
    )


def _bbox_nearest_ids(
    queryset: QuerySet, origin: Point, k: int, radius_km: float | None
) -> list[int]:
    candidates = queryset.prefetch_related(None).order_by()

    def rows_in(box: BoundingBox) -> Iterable[tuple[int, float, float]]:
        return candidates.filter(_bbox_q(box)).values_list(
            "pk", "public_latitude", "public_longitude"
        )

    return [pk for _distance, pk in bbox_nearest(rows_in, origin, k, radius_km)]


def bbox_nearest(
    rows_in: Callable[[BoundingBox], Iterable[tuple[int, float, float]]],
    origin: Point,
    k: int,
    radius_km: float | None,
) -> list[tuple[float, int]]:
    """SQLite: the k (great-circle km, id) pairs nearest `origin`, nearest first
    and ties by id, within `radius_km` when given. `rows_in(box)` gives the
    (id, public latitude, public longitude) of the listings inside a bounding box:
    through the ORM (nearest()) or as one raw statement (shelters.listing_search)."""
    limit_km = min(radius_km if radius_km is not None else MAX_DISTANCE_KM, MAX_DISTANCE_KM)
    reach_km = min(INITIAL_RADIUS_KM, limit_km)
    while True:
        found: list[tuple[float, int]] = []
        for pk, lat, lon in rows_in(bounding_box(origin, reach_km)):
            distance = great_circle_km(origin, Point(lat, lon))
            if distance <= reach_km:
                found.append((distance, pk))
        # Every point within reach_km lies in the box, so once k of them are found
        # no point outside the box can be nearer than the k-th.
        if len(found) >= k or reach_km >= limit_km:
            break
        growth = max(2.0, math.sqrt(k / len(found)) * 1.5) if found else 4.0
        reach_km = min(limit_km, reach_km * growth)
    found.sort()
    return found[:k]


def bbox_sql(table: str, box: BoundingBox) -> tuple[str, list[float]]:
    """_bbox_q as raw SQL on `table` (quoted): the same comparisons, so SQLite
    plans it on the same (public_latitude, public_longitude) index."""
    lat = f"{table}.public_latitude"
    lon = f"{table}.public_longitude"
    ranges = " OR ".join(f"({lon} >= %s AND {lon} <= %s)" for _ in box.lon_ranges)
    params = [box.min_lat, box.max_lat, *(bound for pair in box.lon_ranges for bound in pair)]
    return f"{lat} >= %s AND {lat} <= %s AND ({ranges})", params


def point_box_sql(table: str, box: BoundingBox) -> tuple[str, list[float]]:
    """`box` on PostgreSQL, in the form its GiST point indexes take
    (point(public_longitude, public_latitude), migration 0027): one <@ per
    longitude range."""
    point = f"point({table}.public_longitude, {table}.public_latitude)"
    inside = " OR ".join(
        f"{point} <@ box(point(%s::float8, %s::float8), point(%s::float8, %s::float8))"
        for _ in box.lon_ranges
    )
    params = [v for west, east in box.lon_ranges for v in (west, box.min_lat, east, box.max_lat)]
    return f"({inside})", params


def within_sql(table: str, origin: Point, radius_km: float) -> tuple[str, list[float]]:
    """Whether the public point lies within `radius_km` of `origin`, on PostgreSQL,
    as plain arithmetic: within()'s SQLite test (_haversine_expression, with SLACK)
    as raw SQL for listing_search's statements, comparing the haversine term itself
    rather than its arcsine (ll_to_earth's cube costs about 3 microseconds a row,
    this 0.1)."""
    lat = f"{table}.public_latitude"
    lon = f"{table}.public_longitude"
    angle = min(radius_km * (1 + SLACK) / EARTH_RADIUS_KM, math.pi)
    return (
        f"power(sin(radians({lat} - %s::float8) / 2), 2) + cos(radians({lat})) * %s::float8"
        f" * power(sin(radians({lon} - %s::float8) / 2), 2) <= %s::float8",
        [origin.lat, math.cos(math.radians(origin.lat)), origin.lon, math.sin(angle / 2) ** 2],
    )


def count_in_circle(
    rows: Iterable[tuple[int, float, float]], origin: Point, radius_km: float, cap: int
) -> int:
    """How many of `rows` (id, public latitude, public longitude: those of the
    radius's bounding box) lie within `radius_km` of `origin`, counted up to
    cap + 1: within()'s cut, with its slack, made in Python."""
    reach_km = radius_km * (1 + SLACK)
    counted = 0
    for _pk, lat, lon in rows:
        if great_circle_km(origin, Point(lat, lon)) <= reach_km:
            counted += 1
            if counted > cap:
                break
    return counted


def count_within_capped(
    queryset: QuerySet, origin: Point, radius_km: float, cap: int
) -> tuple[int, bool]:
    """How many listings lie within `radius_km`, counted up to `cap`.

    On PostgreSQL this reads only the cap + 1 nearest rows off the KNN index and
    counts those inside the circle: if all of them are, there are more than cap;
    if not, every listing inside the circle was among them. A dense metro's 50 km
    circle holds tens of thousands of listings; this never touches more than cap + 1.
    """
    if not uses_postgres(queryset):
        return count_capped(within(queryset, origin, radius_km), cap)
    origin = normalized(origin)
    chord = _chord(queryset, origin)
    nearest_sql, params = (
        queryset.filter(public_latitude__isnull=False)
        .annotate(_chord=chord)
        .order_by(chord.asc())
        .values("_chord")[: cap + 1]
        .query.sql_with_params()
    )
    bound = chord_bound(radius_km)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f'SELECT count(*) FROM ({nearest_sql}) AS nearest WHERE "_chord" <= earth() * %s',
            [*params, bound],
        )
        (count,) = cursor.fetchone()
    return capped(count, cap)


def count_capped(queryset: QuerySet, cap: int) -> tuple[int, bool]:
    """Count up to `cap` rows: an exact count of a dense metro's 50 km circle costs
    far more than the page of results itself. (Without an ORDER BY the database
    stops at the cap whichever index it reads.)"""
    return capped(queryset.order_by()[: cap + 1].count(), cap)


def capped(counted: int, cap: int) -> tuple[int, bool]:
    """A count of up to cap + 1 rows as shown: (cap, True) when there are more than cap."""
    return (cap, True) if counted > cap else (counted, False)

"""One search of shelters or medical services: the page, its capped count, the
area's phone-only shelters and the token of the hotlines covering it, together.

The public API, the public search page and the staff console all call `search()`;
none of them has a search of its own. What each gets back is model instances with
their organisation, phones and hours already attached, as prefetching would leave
them, so the payload functions (shelters.public) and the console's cards read them
as they read any listing.

PostgreSQL: one round trip. The filters are compiled once into a WHERE clause, and
four statements are sent together (psycopg's client-side binding runs them as one
query string): the page, with phones and hours aggregated as JSON by the database;
the capped count; the phone-only shelters; and the hotlines' reference token. The
page is the KNN index scan of shelters.search, asked for TIE_MARGIN rows more than
it needs so that ties at the page's end are settled by id within the same
statement. When more rows than that share the last distance (area-only shelters
share grid-cell centres: 3.6 % of searches at a million synthetic listings), the
page statement alone runs again, reading four times as far each time.

SQLite: a few raw statements, one execute each (sqlite3 runs one statement per
call, in process, so there is no round trip to save; what cost was the ORM's
compiling of each query). The nearest page is found as shelters.search finds it
on SQLite, from ids and public points in a growing bounding box, ranked exactly in
Python; then the page's rows (parts aggregated as JSON, like PostgreSQL's), the
capped count, the phone-only shelters and the token, the same statements as
PostgreSQL's where SQL allows.

Filters a single statement cannot take (a join), and other databases, use the ORM
path: shelters.selectors.listing_page and prefetching. Every path gives the same
answer (tests/test_single_search_equals_the_orm_path.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import orjson
from django.conf import settings
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import OperationalError, connections
from django.db.models import JSONField, Model, QuerySet, prefetch_related_objects
from django.db.models.base import ModelState
from psycopg import errors as psycopg_errors

from shelters import hotline_directory, i18n, privacy, public, selectors
from shelters import search as geo_search
from shelters.choices import Disclosure
from shelters.coverage import Area, area_for
from shelters.geo import (
    BoundingBox,
    Point,
    bounding_box,
    great_circle_km,
    inscribed_box,
    normalized,
)
from shelters.models import Organization

# Extra nearest rows read past the page so ties at its end are settled in one statement.
TIE_MARGIN = 16
# A token that can never be stored: "read the token yourself".
UNREAD = ...
# Rows of a bounding box read at a time (the capped count stops after cap + 1 inside).
BOX_CHUNK = 256
# The order of a search without an origin (a region's list) that the statement knows.
NAME_ORDER = ("name", "id")


@dataclass(frozen=True)
class Found:
    page: selectors.Page
    phone_only: list
    area: Area | None
    hotlines_token: object = UNREAD

    def hotlines(self, lang: str = i18n.ENGLISH) -> list[dict]:
        """The hotlines covering the searched area, most local first."""
        return hotline_directory.for_area(self.area, lang, self.hotlines_token)


def search(
    queryset: QuerySet,
    *,
    origin: Point | None,
    radius_km: float | None,
    limit: int,
    offset: int,
    count_cap: int,
    zip_place=None,
    area: Area | None = None,
    phone_only: bool = False,
    for_public: bool = True,
) -> Found:
    """The page of `queryset` (published, filtered listings of one model) nearest
    `origin` (within `radius_km` when given), or in the queryset's order (name, id)
    without an origin; with `phone_only`, the hidden shelters of the searched state
    that pass the same filters. The searched area (for hotlines and phone-only
    shelters) is `area` when given, else the one `origin` and `zip_place` lie in.

    `for_public` listings carry only the columns their public payload reads
    (privacy.public_columns); the staff console asks for every column."""
    if area is None and origin is not None:
        area = area_for(origin, zip_place)
    in_name_order = tuple(queryset.query.order_by) == NAME_ORDER
    single = _SINGLE_SEARCH.get(connections[queryset.db].vendor)
    if (origin is not None or in_name_order) and single is not None:
        where = _where(queryset)
        if where is not None:
            shape = _shape(queryset.model, queryset.db, for_public)
            return single(
                queryset,
                shape,
                where,
                origin,
                radius_km,
                limit,
                offset,
                count_cap,
                area,
                phone_only,
            )
    return _orm(queryset, origin, radius_km, limit, offset, count_cap, area, phone_only)


def _orm(queryset, origin, radius_km, limit, offset, count_cap, area, phone_only) -> Found:
    page = selectors.listing_page(
        queryset,
        origin=origin,
        radius_km=radius_km,
        limit=limit,
        offset=offset,
        count_cap=count_cap,
    )
    hidden = selectors.phone_only_shelters(queryset, area) if phone_only else []
    prefetch_related_objects(
        [*page.items, *hidden], *selectors.ordered_parts(queryset.model, "phones", "hours")
    )
    return Found(page, hidden, area)


def _where(queryset: QuerySet) -> tuple[str, list] | None:
    """The filters' WHERE clause on the model's own table, or None when they need
    more than that table (a join) and the ORM path must answer."""
    query = queryset.query
    if query.combinator or query.distinct or query.extra or query.annotations:
        return None
    if set(query.alias_map) - {queryset.model._meta.db_table}:
        return None
    compiler = query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.compile(query.where)
    except FullResultSet:
        return "TRUE", []
    except EmptyResultSet:
        return "FALSE", []
    return sql, list(params)


@dataclass(frozen=True)
class _Shape:
    """How one listing model's rows are asked for and turned back into instances."""

    table: str
    columns: str  # the listing's and its organisation's columns, then its parts
    own: _Columns  # the listing's concrete fields, in column order
    organization: _Columns
    parts: tuple  # (prefetch name, part model, attnames, _JsonParts, its key to the listing)
    point: str  # the KNN index's expression


@dataclass(frozen=True)
class _Columns:
    """One model's columns as the ORM would load them: names, and the converters
    (e.g. JSON fields' decoders, SQLite's UUIDs) of the columns that have any."""

    attnames: list[str]
    converters: tuple  # (index, column expression, converter functions)

    @classmethod
    def of(cls, fields, connection) -> _Columns:
        """The converters are the ones the ORM's compiler applies to a column: the
        backend's for its type, then the field's. (SQLite's backend has converters
        for UUIDs, decimals, booleans, dates and times: its driver converts a table's
        dates, times and booleans by declared type, but not the values of a JSON
        document, and it stores UUIDs as hex text.)"""

        def converters_of(field) -> list:
            own = field.get_db_converters(connection)
            if isinstance(field, JSONField) and field.decoder is None:
                own = [_json_converter(field) if c == field.from_db_value else c for c in own]
            return connection.ops.get_db_converters(field.cached_col) + own

        converters = tuple(
            (index, field.cached_col, tuple(found))
            for index, field in enumerate(fields)
            if (found := converters_of(field))
        )
        return cls([field.attname for field in fields], converters)

    def convert(self, values, connection) -> list:
        values = list(values)
        for index, column, converters in self.converters:
            for converter in converters:
                values[index] = converter(values[index], column, connection)
        return values


# orjson reads an integer of magnitude 2**63 or more as a float, where json keeps it
# an int: a document with a run of 19 digits or more is json's to read, exactly.
# (Checking every document costs 4 % of a nearest search's instructions, BENCHMARKS.md
# "Stop 26"; a check for a leading minus sign only was cheaper, and wrong.)
_LONG_NUMBER = re.compile(r"[0-9]{19}")
_LONG_NUMBER_BYTES = re.compile(rb"[0-9]{19}")
_REFUSED = object()


def _by_orjson(text: str | bytes):
    """`text` parsed by orjson, or _REFUSED where its value might differ from the
    json module's (a long number) or orjson refuses it (a lone surrogate)."""
    pattern = _LONG_NUMBER_BYTES if isinstance(text, bytes) else _LONG_NUMBER
    if pattern.search(text) is not None:
        return _REFUSED
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return _REFUSED


def parse_json(text: str | bytes):
    """A JSON document read from the database, parsed by orjson: with json.loads
    (and the driver's json loader) a nearest search took 8 % more instructions
    (12.55 against 11.58 M, BENCHMARKS.md "Stop 26"), for its phones, hours and the
    listing's JSON columns. Where orjson's value could differ, json.loads reads it."""
    value = _by_orjson(text)
    return json.loads(text) if value is _REFUSED else value


def _json_converter(field: JSONField):
    """JSONField.from_db_value with orjson: the same value, or the field's own
    answer where orjson's could differ."""

    def convert(value, expression, connection):
        if isinstance(value, str | bytes):
            parsed = _by_orjson(value)
            if parsed is not _REFUSED:
                return parsed
        return field.from_db_value(value, expression, connection)

    return convert


# Column types that json_build_object writes as text and the model holds as objects.
PARSED_FROM_JSON = {"TimeField", "DateField", "DateTimeField", "DecimalField", "UUIDField"}


@dataclass(frozen=True)
class _JsonParts:
    """How a listing's parts, aggregated as a JSON array of objects, become values.

    PostgreSQL's JSON holds booleans and numbers as the driver would return them,
    and dates, times and the like as text: those columns are parsed by to_python.
    SQLite's JSON holds what its columns hold (booleans as 0 and 1, times as
    text), which Django's SQLite converters turn into Python values, as they do
    for a row read through the ORM; and its parts come unordered.
    """

    attnames: list[str]
    parsers: dict | None = None  # {attname: parse}, PostgreSQL
    columns: _Columns | None = None  # SQLite
    order: tuple[int, ...] | None = None  # where its PART_ORDER's columns are, to sort by

    def rows(self, raw, connection) -> list[list]:
        objects = parse_json(raw) if isinstance(raw, str | bytes) else raw
        attnames = self.attnames
        if self.columns is not None:
            rows = [self.columns.convert([o[a] for a in attnames], connection) for o in objects]
        else:
            parsers = self.parsers
            for o in objects:
                for attname, parse in parsers.items():
                    if o[attname] is not None:
                        o[attname] = parse(o[attname])
            rows = [[o[a] for a in attnames] for o in objects]
        if self.order is not None and len(rows) > 1:
            rows.sort(key=lambda row: [row[i] for i in self.order])
        return rows


def _quoted(connection, *names: str) -> str:
    return ".".join(connection.ops.quote_name(name) for name in names)


@cache
def _shape(model: type[Model], vendor_alias: str, for_public: bool) -> _Shape:
    connection = connections[vendor_alias]
    table = model._meta.db_table
    fields = tuple(model._meta.concrete_fields)
    org_fields = tuple(Organization._meta.concrete_fields)
    if for_public:
        public_columns = privacy.public_columns(model)
        fields = tuple(f for f in fields if f.attname in public_columns)
        org_fields = tuple(
            f for f in org_fields if f.attname in public.ORGANIZATION_SUMMARY_COLUMNS
        )
    columns = [_quoted(connection, "t", f.column) for f in fields]
    columns += [_quoted(connection, "o", f.column) for f in org_fields]
    parts = []
    for name in ("phones", "hours"):
        relation = getattr(model, name).rel
        part_model = relation.related_model
        part_fields = tuple(part_model._meta.concrete_fields)
        attnames = [f.attname for f in part_fields]
        pairs = ", ".join(f"'{f.attname}', p.{_quoted(connection, f.column)}" for f in part_fields)
        order = ", ".join(f"p.{_quoted(connection, c)}" for c in selectors.PART_ORDER[name])
        source = (
            f" FROM {_quoted(connection, part_model._meta.db_table)} p"
            f" WHERE p.{_quoted(connection, relation.field.column)} = t.id)"
        )
        if connection.vendor == "postgresql":
            columns.append(
                # As text: parse_json reads it faster than the driver's json loader.
                f"(SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY {order}),"
                f" '[]'::json)::text{source}"
            )
            parse = _JsonParts(
                attnames,
                {
                    a.attname: a.to_python
                    for a in part_fields
                    if a.get_internal_type() in PARSED_FROM_JSON
                },
            )
        else:
            # SQLite before 3.44 cannot order an aggregate's input: the parts are
            # sorted in Python, in the same PART_ORDER.
            columns.append(f"(SELECT json_group_array(json_object({pairs})){source}")
            parse = _JsonParts(
                attnames,
                columns=_Columns.of(part_fields, connection),
                order=tuple(attnames.index(a) for a in selectors.PART_ORDER[name]),
            )
        parts.append((name, part_model, attnames, parse, relation.field))
    quoted_table = _quoted(connection, table)
    point = f"ll_to_earth({quoted_table}.public_latitude, {quoted_table}.public_longitude)"
    return _Shape(
        quoted_table,
        ", ".join(columns),
        _Columns.of(fields, connection),
        _Columns.of(org_fields, connection),
        tuple(parts),
        point,
    )


def _joined(connection) -> str:
    return f"JOIN {_quoted(connection, Organization._meta.db_table)} o ON o.id = t.organization_id"


def _listed(shape, where, connection, limit, offset, cap) -> list[tuple[str, list]]:
    """A search without an origin: its page in name order, and its capped count."""
    where_sql, where_params = where
    return [
        (
            f"SELECT NULL, NULL, NULL, {shape.columns} FROM ("
            f"SELECT {shape.table}.id, {shape.table}.name FROM {shape.table} WHERE {where_sql}"
            f" ORDER BY {shape.table}.name, {shape.table}.id LIMIT %s OFFSET %s"
            f") k JOIN {shape.table} t ON t.id = k.id {_joined(connection)} ORDER BY k.name, k.id",
            [*where_params, limit, offset],
        ),
        (
            f"SELECT count(*) FROM (SELECT 1 FROM {shape.table} WHERE {where_sql} LIMIT %s) c",
            [*where_params, cap + 1],
        ),
    ]


def _located(shape, where) -> tuple[str, list]:
    where_sql, where_params = where
    return f"{where_sql} AND {shape.table}.public_latitude IS NOT NULL", where_params


def _knn(shape, origin: Point) -> tuple[str, list]:
    """The chord from a row's public point to `origin`: what the KNN index orders by."""
    return f"{shape.point} <-> {geo_search.ORIGIN_SQL}", [origin.lat, origin.lon]


def _located_count(shape, where, cap) -> tuple[str, list]:
    """The capped count of a search from an origin without a radius."""
    located, params = _located(shape, where)
    return (
        f"SELECT count(*) FROM (SELECT 1 FROM {shape.table} WHERE {located} LIMIT %s) c",
        [*params, cap + 1],
    )


# Rows of a radius's bounding box (passing the filters) read at most, before its count
# falls back to the KNN scan: reading one costs under a microsecond, a KNN row five.
BOX_ROWS_READ = 2048


def _radius_count(shape, where, origin: Point, radius_km: float, cap: int) -> tuple[str, list]:
    """The capped count of a search within `radius_km`, on PostgreSQL: the
    listings inside the circle, up to cap + 1. One statement, whose branches run
    only as needed (PostgreSQL evaluates a WITH query or an uncorrelated subquery
    when its value is first asked for):

    1. A box inside the circle (geo.inscribed_box), read index-only off the GiST
       point index: when it alone holds more than cap (any city's centre), so
       does the circle, and that is the answer.
    2. Else the circle's bounding box, up to BOX_ROWS_READ rows, each point
       tested by search.within_sql: when more than cap of them are inside, that
       is the answer; when the box holds fewer rows, every one was seen, and the
       count of those inside is exact.
    3. Else the cap + 1 nearest rows off the KNN index, counting those inside: all
       are when there are more than cap, and every one inside is among them when
       not. This costs 5 to 7 ms at a dense metro (what every radius count cost
       before), where 1 and 2 take well under 1 ms; 2 alone, read to its end,
       took 85 ms where a dense metro filled the corners of a sparse circle's box.
    2's haversine and 3's chord (the KNN page's measure) are the same great-circle
    test, both with search.SLACK.
    """
    located, params = _located(shape, where)
    chord, chord_params = _knn(shape, origin)
    box_sql, box_params = geo_search.point_box_sql(shape.table, bounding_box(origin, radius_km))
    within, within_params = geo_search.within_sql(shape.table, origin, radius_km)
    read = BOX_ROWS_READ
    sql = (
        "WITH box AS (SELECT count(*) AS seen, count(*) FILTER (WHERE b.inside) AS inside"
        f" FROM (SELECT {within} AS inside FROM {shape.table} WHERE {located} AND {box_sql}"
        " LIMIT %s) b) SELECT CASE"
    )
    sql_params = [*within_params, *params, *box_params, read]
    inner = inscribed_box(origin, radius_km)
    if inner is not None:
        inner_sql, inner_params = geo_search.point_box_sql(shape.table, inner)
        sql += (
            f" WHEN (SELECT count(*) FROM (SELECT 1 FROM {shape.table}"
            f" WHERE {located} AND {inner_sql} LIMIT %s) i) > %s THEN %s"
        )
        sql_params += [*params, *inner_params, cap + 1, cap, cap + 1]
    sql += (
        " WHEN (SELECT seen < %s OR inside > %s FROM box) THEN least((SELECT inside FROM box), %s)"
        f" ELSE (SELECT count(*) FROM (SELECT {chord} AS chord FROM {shape.table}"
        f" WHERE {located} ORDER BY {chord} LIMIT %s) n WHERE n.chord <= earth() * %s::float8)"
        " END"
    )
    bound = geo_search.chord_bound(radius_km)
    sql_params += [read, cap, cap + 1, *chord_params, *params, *chord_params, cap + 1, bound]
    return sql, sql_params


def _hidden(shape, where, connection, area) -> tuple[str, list]:
    """The area's phone-only shelters that pass the filters (selectors.phone_only_shelters)."""
    where_sql, where_params = where
    return (
        f"SELECT NULL, NULL, NULL, {shape.columns} FROM {shape.table} t {_joined(connection)}"
        f" WHERE t.id IN (SELECT {shape.table}.id FROM {shape.table} WHERE {where_sql}"
        f" AND {shape.table}.location_disclosure = %s AND {shape.table}.state = %s"
        f" ORDER BY {shape.table}.name, {shape.table}.id LIMIT %s) ORDER BY t.name, t.id",
        [*where_params, Disclosure.HIDDEN, area.state, selectors.PHONE_ONLY_LIMIT],
    )


TOKEN = (hotline_directory.TOKEN_SQL, [hotline_directory.REFERENCE_NAME])


def _found(
    queryset,
    shape,
    origin,
    radius_km,
    page_rows,
    counted,
    cap,
    wanted,
    hidden_rows,
    token_rows,
    area,
) -> Found:
    """The answer from the rows of the page (leading three columns aside), the
    counted rows (up to cap + 1), the phone-only shelters and the token."""
    items = []
    for row in page_rows:
        listing = _instance(queryset, shape, row[3:])
        if origin is not None:
            listing.distance_km = great_circle_km(origin, listing.public_point)
            if radius_km is not None and listing.distance_km > radius_km:
                continue
        items.append(listing)
    if origin is not None:
        items.sort(key=lambda listing: (listing.distance_km, listing.pk))
    page = selectors.Page.of(items, *geo_search.capped(counted, cap), wanted)
    hidden = [_instance(queryset, shape, row[3:]) for row in hidden_rows]
    token = token_rows[0][0] if token_rows else None
    return Found(page, hidden, area, token)


def _postgres(
    queryset, shape, where, origin, radius_km, limit, offset, count_cap, area, phone_only
):
    """The search as one round trip (a further one, for the page alone, each time
    more than the rows read past the page tie at its end)."""
    connection = connections[queryset.db]
    wanted = offset + limit
    fetch = wanted + TIE_MARGIN
    cap = max(count_cap, wanted)
    if origin is None:
        statements = _listed(shape, where, connection, limit, offset, cap)
    else:
        origin = normalized(origin)
        located, located_params = _located(shape, where)
        knn, knn_params = _knn(shape, origin)

        def nearest_page(fetch: int) -> tuple[str, list]:
            return (
                f"SELECT k.chord, k.fetched, k.farthest, {shape.columns} FROM ("
                " SELECT a.id, a.chord, count(*) OVER () AS fetched,"
                " max(a.chord) OVER () AS farthest"
                f" FROM (SELECT {shape.table}.id, {knn} AS chord FROM {shape.table}"
                f" WHERE {located} ORDER BY {knn} LIMIT %s) a"
                " ORDER BY a.chord, a.id LIMIT %s OFFSET %s"
                f") k JOIN {shape.table} t ON t.id = k.id {_joined(connection)}"
                " ORDER BY k.chord, k.id",
                [*knn_params, *located_params, *knn_params, fetch, limit, offset],
            )

        statements = [nearest_page(fetch)]
        if radius_km is None:
            statements.append(_located_count(shape, where, cap))
        else:
            statements.append(_radius_count(shape, where, origin, radius_km, cap))
    with_hidden = phone_only and area is not None
    if with_hidden:
        statements.append(_hidden(shape, where, connection, area))
    statements.append(TOKEN)

    results = run_together(connection, statements)
    page_rows, ((count,),) = results[0], results[1]

    while origin is not None and _ties_run_past(page_rows, fetch):
        # More rows share the page's last distance than were read past it (area-only
        # shelters share grid-cell centres): read further, page statement alone.
        fetch *= 4
        (page_rows,) = run_together(connection, [nearest_page(fetch)])
    hidden_rows = results[2] if with_hidden else []
    return _found(
        queryset,
        shape,
        origin,
        radius_km,
        page_rows,
        count,
        cap,
        wanted,
        hidden_rows,
        results[-1],
        area,
    )


def _ties_run_past(page_rows: list[tuple], fetch: int) -> bool:
    """Whether rows beyond the `fetch` read may tie with the page's last one: all
    `fetch` were read and the page ends at the farthest distance read."""
    return bool(page_rows) and page_rows[0][1] == fetch and page_rows[-1][0] >= page_rows[0][2]


def _sqlite(queryset, shape, where, origin, radius_km, limit, offset, count_cap, area, phone_only):
    """The search as a few raw statements, one execute each (sqlite3 runs one
    statement per call, in process: there is no round trip to save, only the
    ORM's compiling of each query, which cost several times the statements).

    The nearest page is found as shelters.search.nearest() finds it on SQLite:
    ids and public points from a bounding box that grows until it holds the
    page, ranked exactly in Python; then the page's rows, with their parts."""
    where_sql, where_params = where
    connection = connections[queryset.db]
    wanted = offset + limit
    cap = max(count_cap, wanted)
    with connection.cursor() as cursor:

        def rows(sql: str, params: list) -> list[tuple]:
            cursor.execute(sql, params)
            return cursor.fetchall()

        def rows_in(box: BoundingBox):
            """The (id, public point) rows in `box`, read as they are used: the
            capped count stops reading at cap + 1."""
            box_sql, box_params = geo_search.bbox_sql(shape.table, box)
            cursor.execute(
                f"SELECT {shape.table}.id, {shape.table}.public_latitude,"
                f" {shape.table}.public_longitude FROM {shape.table}"
                f" WHERE {where_sql} AND {box_sql}",
                [*where_params, *box_params],
            )
            while chunk := cursor.fetchmany(BOX_CHUNK):
                yield from chunk

        if origin is None:
            page_statement, count_statement = _listed(shape, where, connection, limit, offset, cap)
            page_rows = rows(*page_statement)
            ((counted,),) = rows(*count_statement)
        else:
            origin = normalized(origin)
            ranked = geo_search.bbox_nearest(rows_in, origin, wanted, radius_km)
            ids = [pk for _distance, pk in ranked[offset:]]
            page_rows = []
            if ids:
                page_rows = rows(
                    f"SELECT NULL, NULL, NULL, {shape.columns} FROM {shape.table} t"
                    f" {_joined(connection)} WHERE t.id IN ({', '.join(['%s'] * len(ids))})",
                    ids,
                )
            if radius_km is None:
                ((counted,),) = rows(*_located_count(shape, where, cap))
            else:
                circle = bounding_box(origin, radius_km)
                counted = geo_search.count_in_circle(rows_in(circle), origin, radius_km, cap)
        hidden_rows = []
        if phone_only and area is not None:
            hidden_rows = rows(*_hidden(shape, where, connection, area))
        token_rows = rows(*TOKEN)
    return _found(
        queryset,
        shape,
        origin,
        radius_km,
        page_rows,
        counted,
        cap,
        wanted,
        hidden_rows,
        token_rows,
        area,
    )


# The vendors with a search of their own; the others (and joins) take the ORM path.
_SINGLE_SEARCH = {"postgresql": _postgres, "sqlite": _sqlite}


class SearchTooSlow(Exception):
    """PostgreSQL stopped the search at settings.SEARCH_TIME_LIMIT_MS."""


def run_together(connection, statements: list[tuple[str, list]]) -> list[list[tuple]]:
    """The rows of each statement, sent to the database in one round trip, under
    the search's time limit. Raises SearchTooSlow when a statement reaches it.

    The limit is a SET LOCAL in the same query string: PostgreSQL runs the string
    as one implicit transaction, so the limit ends with it (and works behind a
    transaction-pooling PgBouncer), never reaching the connection's next query; in a
    transaction of the caller's, the string's last statement lifts it.
    """
    limit = ("SET LOCAL statement_timeout = %s", [settings.SEARCH_TIME_LIMIT_MS])
    # Inside a transaction of the caller's, the limit would last until it ends.
    back = ("SET LOCAL statement_timeout TO DEFAULT", [])
    statements = [limit, *statements, back]
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "; ".join(sql for sql, _ in statements), [p for _, ps in statements for p in ps]
            )
            results = []
            while True:
                # The SETs return no rows. (Not `cursor.description`: psycopg builds
                # a Column for each of a result's columns each time it is read.)
                if cursor.rownumber is not None:
                    results.append(cursor.fetchall())
                if not cursor.nextset():
                    break
    except OperationalError as error:
        if isinstance(error.__cause__, psycopg_errors.QueryCanceled):
            raise SearchTooSlow from error
        raise
    return results


def _instance(queryset: QuerySet, shape: _Shape, values: tuple) -> Model:
    """A listing as the ORM would load it, with its organisation, phones and hours."""
    db = queryset.db
    connection = connections[db]
    model = queryset.model
    own_width = len(shape.own.attnames)
    org_end = own_width + len(shape.organization.attnames)
    listing = loaded(
        model, db, shape.own.attnames, shape.own.convert(values[:own_width], connection)
    )
    organization = loaded(
        Organization,
        db,
        shape.organization.attnames,
        shape.organization.convert(values[own_width:org_end], connection),
    )
    model.organization.field.set_cached_value(listing, organization)
    cached = {}
    for (name, part_model, attnames, parse, key), raw in zip(
        shape.parts, values[org_end:], strict=True
    ):
        parts = [loaded(part_model, db, attnames, row) for row in parse.rows(raw, connection)]
        cached[name] = _prefetched(key, listing, parts)
    listing._prefetched_objects_cache = cached
    return listing


@cache
def _unevaluated(part_model: type[Model]) -> QuerySet:
    template = part_model._base_manager.all()
    template.__class__ = _sharing_its_query(type(template))
    return template


@cache
def _sharing_its_query(queryset_class: type[QuerySet]) -> type[QuerySet]:
    """`queryset_class` whose Query is shared with the QuerySet it was copied from
    until its deferred filter is applied: then it takes a copy of its own first."""

    def query(self):
        if self._deferred_filter:
            self._query = self._query.chain()
        return queryset_class.query.fget(self)

    def __reduce_ex__(self, protocol):
        # Pickled and copied as the QuerySet it stands for (this class cannot be
        # imported by name), with a Query of its own and the relation's filter.
        self.query  # noqa: B018
        plain = object.__new__(queryset_class)
        plain.__dict__.update(self.__dict__)
        return _restored, (queryset_class, plain.__getstate__())

    return type(
        queryset_class.__name__,
        (queryset_class,),
        {
            "query": property(query, queryset_class.query.fset),
            "__reduce_ex__": __reduce_ex__,
            "__module__": __name__,
        },
    )


def _restored(queryset_class: type[QuerySet], state: dict) -> QuerySet:
    """A pickled or copied _sharing_its_query QuerySet, as its plain class."""
    queryset = object.__new__(queryset_class)
    queryset.__setstate__(state)
    return queryset


def _prefetched(key, listing: Model, parts: list) -> QuerySet:
    """What prefetching leaves in a listing's _prefetched_objects_cache: the
    listing's related manager's QuerySet (filtered to the listing by `key`, the
    part's foreign key), holding `parts` as its results, each part's `key` set
    to the listing.

    It is a copy of one unevaluated QuerySet per part model: a new QuerySet from
    the manager builds a Query, which django-modeltranslation's manager then
    patches, at two per listing more than the parts themselves cost. The copy has
    the relation's filter deferred, as a related manager's queryset has it, and
    takes a Query of its own only if that filter is ever applied
    (_sharing_its_query): chaining it (.filter(), .first()) asks the database for
    this listing's parts, never another's, and leaves the others' Query as it was.
    tests/test_search_parts_are_each_listings_own.py holds it to that."""
    template = _unevaluated(key.model)
    prefetched = object.__new__(type(template))
    prefetched.__dict__.update(template.__dict__)
    prefetched._deferred_filter = (False, (), {key.name: listing})
    prefetched._hints = {"instance": listing}
    prefetched._known_related_objects = {key: {listing.pk: listing}}
    for part in parts:
        key.set_cached_value(part, listing)
    prefetched._result_cache = parts
    prefetched._prefetch_done = True
    return prefetched


def loaded(model: type[Model], db: str, attnames: list[str], values: list) -> Model:
    """The instance Model.from_db() makes of one row, without running Model.__init__.

    For a row's plain values, __init__ only stores each in the instance's __dict__
    (django-modeltranslation's descriptors too, while it marks the instance as
    being built), then sends post_init, whose one receiver here is that mark's
    cleanup. At a hundred instances a search that was the search's largest Python
    cost. Attnames left out are deferred, as with .only(): reading one would load it.
    tests/test_search_instances_match_from_db.py holds the two to the same result.
    """
    instance = model.__new__(model)
    state = ModelState()
    state.adding = False
    state.db = db
    instance.__dict__.update(zip(attnames, values, strict=True))
    instance._state = state
    return instance

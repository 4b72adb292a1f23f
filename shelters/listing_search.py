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

SQLite, and filters the single statement cannot take (a join), use the ORM path:
shelters.selectors.listing_page and prefetching. Both give the same answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.db.models.base import ModelState

from shelters import hotline_directory, i18n, privacy, public, selectors
from shelters import search as geo_search
from shelters.choices import Disclosure
from shelters.coverage import Area, area_for
from shelters.geo import Point, great_circle_km, normalized, unit_chord_for_arc
from shelters.models import Organization

# Extra nearest rows read past the page so ties at its end are settled in one statement.
TIE_MARGIN = 16
# A token that can never be stored: "read the token yourself".
UNREAD = ...
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
    shelters) is `area` when given, else the one `origin` and `zip_place` lie in."""
    if area is None and origin is not None:
        area = area_for(origin, zip_place)
    in_name_order = tuple(queryset.query.order_by) == NAME_ORDER
    if (origin is not None or in_name_order) and geo_search.uses_postgres(queryset):
        where = _where(queryset)
        if where is not None:
            shape = _shape(queryset.model, queryset.db, for_public)
            found = _postgres(
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
            if found is not None:
                return found
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
    parts: tuple  # (prefetch name, part model, attnames, {attname: parse from JSON})
    point: str  # the KNN index's expression


@dataclass(frozen=True)
class _Columns:
    """One model's columns as the ORM would load them: names, and the converters
    (e.g. JSON fields' decoders) of the columns that have any."""

    attnames: list[str]
    converters: tuple  # (index, column expression, converter functions)

    @classmethod
    def of(cls, fields, connection) -> _Columns:
        converters = tuple(
            (index, field.cached_col, tuple(found))
            for index, field in enumerate(fields)
            if (found := field.get_db_converters(connection))
        )
        return cls([field.attname for field in fields], converters)

    def convert(self, values, connection) -> list:
        values = list(values)
        for index, column, converters in self.converters:
            for converter in converters:
                values[index] = converter(values[index], column, connection)
        return values


# Column types that json_build_object writes as text and the model holds as objects.
PARSED_FROM_JSON = {"TimeField", "DateField", "DateTimeField", "DecimalField", "UUIDField"}


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
        pairs = ", ".join(f"'{f.attname}', p.{_quoted(connection, f.column)}" for f in part_fields)
        order = ", ".join(f"p.{_quoted(connection, c)}" for c in selectors.PART_ORDER[name])
        columns.append(
            f"(SELECT coalesce(json_agg(json_build_object({pairs}) ORDER BY {order}), '[]'::json)"
            f" FROM {_quoted(connection, part_model._meta.db_table)} p"
            f" WHERE p.{_quoted(connection, relation.field.column)} = t.id)"
        )
        parsers = {
            f.attname: f.to_python for f in part_fields if f.get_internal_type() in PARSED_FROM_JSON
        }
        parts.append((name, part_model, [f.attname for f in part_fields], parsers))
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


def _postgres(
    queryset, shape, where, origin, radius_km, limit, offset, count_cap, area, phone_only
):
    """The search as one round trip (a further one, for the page alone, each time
    more than the rows read past the page tie at its end)."""
    where_sql, where_params = where
    connection = connections[queryset.db]
    org_table = _quoted(connection, Organization._meta.db_table)
    joined = f"JOIN {org_table} o ON o.id = t.organization_id"
    wanted = offset + limit
    fetch = wanted + TIE_MARGIN
    cap = max(count_cap, wanted)
    if origin is None:
        statements = [
            (
                f"SELECT NULL, NULL, NULL, {shape.columns} FROM ("
                f"SELECT {shape.table}.id, {shape.table}.name FROM {shape.table} WHERE {where_sql}"
                f" ORDER BY {shape.table}.name, {shape.table}.id LIMIT %s OFFSET %s"
                f") k JOIN {shape.table} t ON t.id = k.id {joined} ORDER BY k.name, k.id",
                [*where_params, limit, offset],
            ),
            (
                f"SELECT count(*) FROM (SELECT 1 FROM {shape.table} WHERE {where_sql} LIMIT %s) c",
                [*where_params, cap + 1],
            ),
        ]
    else:
        origin = normalized(origin)
        located = f"{where_sql} AND {shape.table}.public_latitude IS NOT NULL"
        knn = f"{shape.point} <-> ll_to_earth(%s::float8, %s::float8)"
        knn_params = [origin.lat, origin.lon]

        def nearest_page(fetch: int) -> tuple[str, list]:
            return (
                f"SELECT k.chord, k.fetched, k.farthest, {shape.columns} FROM ("
                " SELECT a.id, a.chord, count(*) OVER () AS fetched,"
                " max(a.chord) OVER () AS farthest"
                f" FROM (SELECT {shape.table}.id, {knn} AS chord FROM {shape.table}"
                f" WHERE {located} ORDER BY {knn} LIMIT %s) a"
                " ORDER BY a.chord, a.id LIMIT %s OFFSET %s"
                f") k JOIN {shape.table} t ON t.id = k.id {joined} ORDER BY k.chord, k.id",
                [*knn_params, *where_params, *knn_params, fetch, limit, offset],
            )

        statements = [nearest_page(fetch)]
        if radius_km is None:
            statements.append(
                (
                    f"SELECT count(*) FROM (SELECT 1 FROM {shape.table} WHERE {located}"
                    " LIMIT %s) c",
                    [*where_params, cap + 1],
                )
            )
        else:
            bound = unit_chord_for_arc(radius_km) * (1 + geo_search.SLACK)
            statements.append(
                (
                    f"SELECT count(*) FROM (SELECT {knn} AS chord FROM {shape.table}"
                    f" WHERE {located} ORDER BY {knn} LIMIT %s) n"
                    " WHERE n.chord <= earth() * %s::float8",
                    [*knn_params, *where_params, *knn_params, cap + 1, bound],
                )
            )
    with_hidden = phone_only and area is not None
    if with_hidden:
        statements.append(
            (
                f"SELECT NULL, NULL, NULL, {shape.columns} FROM {shape.table} t {joined}"
                f" WHERE t.id IN (SELECT {shape.table}.id FROM {shape.table} WHERE {where_sql}"
                f" AND {shape.table}.location_disclosure = %s AND {shape.table}.state = %s"
                f" ORDER BY {shape.table}.name, {shape.table}.id LIMIT %s) ORDER BY t.name, t.id",
                [*where_params, Disclosure.HIDDEN, area.state, selectors.PHONE_ONLY_LIMIT],
            )
        )
    statements.append((hotline_directory.TOKEN_SQL, [hotline_directory.REFERENCE_NAME]))

    results = run_together(connection, statements)
    page_rows, ((count,),) = results[0], results[1]
    hidden_rows = results[2] if with_hidden else []
    token_row = results[-1][0] if results[-1] else None

    while origin is not None and _ties_run_past(page_rows, fetch):
        # More rows share the page's last distance than were read past it (area-only
        # shelters share grid-cell centres): read further, page statement alone.
        fetch *= 4
        (page_rows,) = run_together(connection, [nearest_page(fetch)])
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
    page = selectors.Page.of(items, *geo_search.capped(count, cap), wanted)
    hidden = [_instance(queryset, shape, row[3:]) for row in hidden_rows]
    token = token_row[0] if token_row else None
    return Found(page, hidden, area, token)


def _ties_run_past(page_rows: list[tuple], fetch: int) -> bool:
    """Whether rows beyond the `fetch` read may tie with the page's last one: all
    `fetch` were read and the page ends at the farthest distance read."""
    return bool(page_rows) and page_rows[0][1] == fetch and page_rows[-1][0] >= page_rows[0][2]


def run_together(connection, statements: list[tuple[str, list]]) -> list[list[tuple]]:
    """The rows of each statement, sent to the database in one round trip."""
    with connection.cursor() as cursor:
        cursor.execute(
            "; ".join(sql for sql, _ in statements), [p for _, ps in statements for p in ps]
        )
        results = [cursor.fetchall()]
        while cursor.nextset():
            results.append(cursor.fetchall())
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
    for (name, part_model, attnames, parsers), raw in zip(
        shape.parts, values[org_end:], strict=True
    ):
        rows = json.loads(raw) if isinstance(raw, str | bytes) else raw
        parts = []
        for row in rows:
            for attname, parse in parsers.items():
                if row[attname] is not None:
                    row[attname] = parse(row[attname])
            parts.append(loaded(part_model, db, attnames, [row[a] for a in attnames]))
        prefetched = part_model._base_manager.all()
        prefetched._result_cache = parts
        prefetched._prefetch_done = True
        cached[name] = prefetched
    listing._prefetched_objects_cache = cached
    return listing


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

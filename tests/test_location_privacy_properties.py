"""Property tests: an area-only shelter's true point cannot be recovered from the API.

(1) Moving its true coordinates anywhere inside its public grid cell changes no
    byte of any public response except timestamps, and a hidden shelter's point
    never influences any answer, wherever it moves.
(2) A trilateration attack (200 distance queries around it, least-squares fit)
    lands on the public point, never nearer the truth than the public point is.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shelters import privacy, snapshots
from shelters.geo import EARTH_RADIUS_KM, Point, great_circle_km
from shelters.models import Shelter

from .conftest import make_hotline, make_medical_service, make_shelter

pytestmark = pytest.mark.django_db

TRUE_POINT = Point(30.3312, -97.7001)  # inside Austin, TX
TIMESTAMP = re.compile(rb'"updated_at":"[^"]*"')
PROPERTY = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def public_urls(ids: dict[str, int]) -> list[str]:
    origins = [
        "lat=30.3312&lon=-97.7001", "lat=30.30&lon=-97.75", "lat=30.40&lon=-97.60",
        "lat=30.2672&lon=-97.7431", "zip=78701", "zip=78756", "zip=78613",
    ]  # fmt: skip
    filters = [
        "", "accepts_pets=true", "has_beds=true", "accepts_children=true&boy_age=12",
        "population=women", "language=es", "service=counseling", "kind=emergency_shelter",
        "open_now=true", "wheelchair_accessible=true", "no_id_required=false",
    ]  # fmt: skip
    urls = []
    for index, origin in enumerate(origins):
        for extra in ("", "&radius_km=3", "&radius_km=12", "&radius_km=50", "&limit=1",
                      "&limit=1&offset=1", "&limit=100")[index % 2 :: 2]:  # fmt: skip
            urls.append(f"/api/v1/shelters/?{origin}{extra}")
        urls.append(f"/api/v1/medical-services/?{origin}")
        urls.append(f"/api/v1/hotlines/?{origin}")
    for extra in filters:
        urls.append(f"/api/v1/shelters/?zip=78701&{extra}")
        urls.append(f"/api/v1/shelters/?{extra}")
    regions = [
        "state=TX", "county=Travis", "city=Austin", "postal_code=78756", "postal_code=78701",
        "q=haven", "state=TX&county=Travis&city=austin",
    ]  # fmt: skip
    for region in regions:
        urls.append(f"/api/v1/shelters/?{region}")
    urls += [f"/api/v1/shelters/{pk}/" for pk in ids.values()]
    urls += ["/api/v1/organizations/", "/api/v1/hotlines/", "/api/v1/medical-services/"]
    return urls


@pytest.fixture
def directory():
    now = timezone.now()
    common = dict(accepts_pets=True, accepts_children=True, max_boy_age=14, populations=["women"],
                  languages=["en", "es"], services=["counseling"], beds_total=10,
                  beds_available=2, beds_updated_at=now, open_24_7=True)  # fmt: skip
    stale = {**common, "beds_updated_at": now - timedelta(days=2)}
    ids = {
        "area": make_shelter(name="Area Haven", location_disclosure="area", postal_code="78756",
                             latitude=TRUE_POINT.lat, longitude=TRUE_POINT.lon, **common).pk,
        "hidden": make_shelter(name="Hidden Haven", location_disclosure="hidden",
                               latitude=30.25, longitude=-97.72, **common).pk,
        "public_near": make_shelter(name="Public Near", latitude=30.33, longitude=-97.71,
                                    **common).pk,
        "public_far": make_shelter(name="Public Far", latitude=30.45, longitude=-97.62,
                                   **stale).pk,
    }  # fmt: skip
    make_medical_service(name="Clinic")
    make_hotline(name="Texas line", areas=[("TX", "", "")])
    make_hotline(name="National line")
    return ids


def snapshot(client, urls) -> dict[str, bytes]:
    snapshots.refresh()  # as the refresher beside gunicorn would, before reading
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        answers[url] = TIMESTAMP.sub(b'"updated_at":""', response.content)
    return answers


def move(pk: int, point: Point) -> None:
    shelter = Shelter.objects.get(pk=pk)
    shelter.latitude, shelter.longitude = point.lat, point.lon
    shelter.save()


def points_in_cell(cell: privacy.GridCell):
    inset = 1e-6
    return st.builds(
        Point,
        st.floats(cell.south + inset, cell.north - inset),
        st.floats(cell.west + inset, cell.east - inset),
    )


CELL = privacy.grid_cell(TRUE_POINT, 10)


@PROPERTY
@given(new_point=points_in_cell(CELL))
@example(new_point=Point(CELL.south + 1e-6, CELL.west + 1e-6))
@example(new_point=Point(CELL.north - 1e-6, CELL.east - 1e-6))
def test_moving_an_area_shelter_inside_its_cell_changes_no_public_byte(
    client, directory, new_point
):
    assert django_settings.LOCATION_GRID_KM == 10
    move(directory["area"], TRUE_POINT)
    urls = public_urls(directory)
    before = snapshot(client, urls)
    move(directory["area"], new_point)
    after = snapshot(client, urls)
    for url in urls:
        assert before[url] == after[url], url
    assert b"Area Haven" in before["/api/v1/shelters/?zip=78701&"]


@PROPERTY
@given(new_point=st.builds(Point, st.floats(25, 49), st.floats(-124, -67)))
def test_a_hidden_shelters_point_never_influences_any_answer(client, directory, new_point):
    urls = public_urls(directory)
    before = snapshot(client, urls)
    move(directory["hidden"], new_point)
    assert snapshot(client, urls) == before


def least_squares_position(observations: list[tuple[Point, float]], start: Point) -> Point:
    """Gauss-Newton fit of the point whose great-circle distances best match the
    observations, in a local plane around `start` (kilometres east and north)."""
    cos0 = math.cos(math.radians(start.lat))
    km_per_deg_lat = math.pi * EARTH_RADIUS_KM / 180
    to_xy = lambda p: ((p.lon - start.lon) * km_per_deg_lat * cos0,  # noqa: E731
                       (p.lat - start.lat) * km_per_deg_lat)  # fmt: skip
    x = y = 0.0
    for _ in range(50):
        jtj = [[0.0, 0.0], [0.0, 0.0]]
        jtr = [0.0, 0.0]
        for origin, distance in observations:
            ox, oy = to_xy(origin)
            predicted = math.hypot(x - ox, y - oy) or 1e-9
            gx, gy = (x - ox) / predicted, (y - oy) / predicted
            residual = distance - predicted
            jtj[0][0] += gx * gx
            jtj[0][1] += gx * gy
            jtj[1][1] += gy * gy
            jtr[0] += gx * residual
            jtr[1] += gy * residual
        det = jtj[0][0] * jtj[1][1] - jtj[0][1] ** 2
        dx = (jtj[1][1] * jtr[0] - jtj[0][1] * jtr[1]) / det
        dy = (jtj[0][0] * jtr[1] - jtj[0][1] * jtr[0]) / det
        x, y = x + dx, y + dy
        if math.hypot(dx, dy) < 1e-7:
            break
    return Point(start.lat + y / km_per_deg_lat, start.lon + x / (km_per_deg_lat * cos0))


@pytest.mark.parametrize(
    "true_point", [TRUE_POINT, Point(30.2801, -97.8377), Point(40.7484, -73.9857)]
)
def test_trilateration_lands_on_the_public_point_not_the_true_one(client, true_point):
    shelter = make_shelter(location_disclosure="area", latitude=true_point.lat,
                           longitude=true_point.lon)  # fmt: skip
    public = shelter.public_point
    observations = []
    for i in range(200):
        ring_km = 2 + (i % 10) * 3  # 2 to 29 km around the true point
        bearing = math.radians(i * 137.508)  # golden-angle spiral: no two bearings alike
        origin = Point(
            true_point.lat + ring_km * math.cos(bearing) / 111.195,
            true_point.lon
            + ring_km * math.sin(bearing) / (111.195 * math.cos(math.radians(true_point.lat))),
        )
        body = client.get(f"/api/v1/shelters/?lat={origin.lat}&lon={origin.lon}&limit=1").json()
        (item,) = body["results"]
        assert item["id"] == shelter.pk
        observations.append((origin, item["distance_km"]))
    estimate = least_squares_position(observations, start=true_point)

    assert great_circle_km(estimate, public) < 0.05
    assert great_circle_km(estimate, true_point) >= great_circle_km(public, true_point) - 0.05

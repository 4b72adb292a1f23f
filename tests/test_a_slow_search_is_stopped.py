"""PostgreSQL stops a search at settings.SEARCH_TIME_LIMIT_MS, and each surface says
so plainly: the API with a 503 and a message (never a 500), the public page and the
staff console with their own error. The limit never outlives the search on its
connection.

A real runaway search needs a million listings (a New York origin with state=CA
walked the distance index for 2.5 s); here every row the search reads costs 20 ms
through a filter that sleeps, which the limit of 50 ms stops whatever the plan.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection

from shelters import listing_search
from shelters.roles import HOTLINE_STAFF_GROUP

from .conftest import make_shelter, signed_in

pytestmark = [
    # Outside a test transaction, as a request runs: autocommit.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's time limit"),
]

API = "/api/v1/shelters/?lat=30.27&lon=-97.74"


@pytest.fixture
def slow(settings, monkeypatch):
    for n in range(3):
        make_shelter(name=f"Shelter {n}", latitude=30.27 + n / 100, longitude=-97.74)
    settings.SEARCH_TIME_LIMIT_MS = 50
    where = listing_search._where

    def sleeping_where(queryset):
        sql, params = where(queryset)
        return f"({sql}) AND pg_sleep(0.02) IS NOT NULL", params

    monkeypatch.setattr(listing_search, "_where", sleeping_where)


def statement_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def test_the_api_answers_503_with_a_message(api, slow):
    before = statement_timeout()
    response = api.get(API)
    assert response.status_code == 503
    assert "took too long" in response.json()["detail"]
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]  # it still held a location
    assert statement_timeout() == before  # the limit ended with the search


def test_the_limit_lets_a_normal_search_through_on_the_same_connection(api, slow, monkeypatch):
    assert api.get(API).status_code == 503
    monkeypatch.undo()  # the filter no longer sleeps
    response = api.get(API + "&limit=2")
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["results"]] == ["Shelter 0", "Shelter 1"]


def test_the_public_page_says_the_search_was_stopped(client, slow):
    for prefix, text in (("", "took too long"), ("/es", "tardó demasiado")):
        response = client.get(f"{prefix}/?place=78701")
        assert response.status_code in (400, 503)
        assert text in response.content.decode()


def test_the_staff_console_says_the_search_was_stopped(client, slow):
    user = User.objects.create_user("desk", password="h-long-pass-phrase", is_staff=True)
    user.groups.add(Group.objects.get(name=HOTLINE_STAFF_GROUP))
    signed_in(client, user)
    response = client.get("/staff/", {"where": "78701"})
    assert response.status_code == 400
    assert "took too long" in response.content.decode()

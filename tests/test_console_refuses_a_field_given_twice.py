"""The console refuses a search link that gives a field twice, as the public page
does, rather than searching the last place without a word: `where=78701&where=10001`
searched New York."""

from __future__ import annotations

import pytest

from .conftest import make_shelter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query", ["where=78701&where=10001", "where=78701&type=shelters&type=hotlines"]
)
def test_a_field_given_twice_is_a_400_naming_it(staff, query):
    make_shelter(name="Austin shelter")
    response = staff.get(f"/staff/?{query}")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Give it once." in text
    assert "Austin shelter" not in text


def test_each_field_once_searches(staff):
    make_shelter(name="Austin shelter")
    response = staff.get("/staff/?where=78701&type=shelters")
    assert response.status_code == 200
    assert "Austin shelter" in response.content.decode()

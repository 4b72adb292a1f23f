"""Finding 8 of issue 10: `?limit=100&offset=10000&open_now=false` took seconds.
Paging reaches the first MAX_RESULTS results and no further; a deeper page is a
clear 400 naming the limit, never a slow answer or a 500."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/shelters/", "/api/v1/medical-services/", "/api/v1/hotlines/"]


TOO_DEEP = ["limit=100&offset=10000", "limit=100&offset=901", "offset=995",
            "limit=100&offset=10000&open_now=false"]  # fmt: skip


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("paging", TOO_DEEP)
def test_a_page_past_the_first_thousand_results_is_a_400_naming_the_limit(client, path, paging):
    if "open_now" in paging and "hotlines" in path:
        paging = paging.replace("&open_now=false", "")
    response = client.get(f"{path}?{paging}")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    messages = " ".join(errors["offset"])
    assert "1000" in messages or "999" in messages, messages


@pytest.mark.parametrize("path", LISTS)
def test_the_deepest_allowed_page_answers(client, path):
    assert client.get(f"{path}?limit=100&offset=900").status_code == 200
    assert client.get(f"{path}?offset=990").status_code == 200

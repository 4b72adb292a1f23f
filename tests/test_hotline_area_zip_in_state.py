"""A hotline area's ZIP must lie in the area's state: searches match a ZIP on its
own, so a Beverly Hills ZIP entered under Texas would put a Texas line into
California's results as a local line."""

from __future__ import annotations

import pytest

from shelters.models import HotlineArea

from .conftest import admin_form_data, make_hotline, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["advocate", "coalition"])
def test_a_zip_of_another_state_is_refused(client, cast, who):
    line = make_hotline(organization=cast["ours"], name="Ours Texas line", areas=[("TX", "", "")])
    client = signed_in(client, cast[who])
    url = f"/admin/shelters/hotline/{line.pk}/change/"
    form = admin_form_data(client.get(url))
    index = int(form["areas-TOTAL_FORMS"])
    form.update(
        {
            "areas-TOTAL_FORMS": str(index + 1),
            f"areas-{index}-state": "TX",
            f"areas-{index}-postal_code": "90210",
        }
    )
    response = client.post(url, form)
    assert response.status_code == 200
    assert "ZIP 90210 is in CA, not TX." in response.content.decode()
    assert not HotlineArea.objects.filter(postal_code="90210").exists()
    standalone = client.post(
        "/admin/shelters/hotlinearea/add/",
        {"hotline": line.pk, "state": "TX", "postal_code": "10001"},
    )
    assert standalone.status_code == 200
    assert not HotlineArea.objects.filter(postal_code="10001").exists()


def test_a_zip_of_the_areas_own_state_is_kept(client, cast):
    line = make_hotline(organization=cast["ours"], name="Ours Texas line", areas=[("TX", "", "")])
    client = signed_in(client, cast["advocate"])
    response = client.post(
        "/admin/shelters/hotlinearea/add/",
        {"hotline": line.pk, "state": "TX", "postal_code": "78701"},
    )
    assert response.status_code == 302
    assert HotlineArea.objects.filter(hotline=line, postal_code="78701").exists()

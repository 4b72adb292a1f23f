"""The admin reads and writes the primary, and a signed-in advocate who wrote
(her sign-in records last_login) reads the primary for a while after, the public
page included; bed reports write to the primary."""

import requests


def test_the_admin_reads_the_primary_and_pins_its_user(pg_pair, site, seeded):
    replica_before, primary_before = pg_pair.replica.calls(), pg_pair.primary.calls()
    browser = requests.Session()
    browser.get(f"{site.base}/admin/login/", timeout=30)
    signed_in = browser.post(f"{site.base}/admin/login/?next=/admin/", timeout=30, data={
        "username": "advocate", "password": "a-long-pass-phrase",
        "csrfmiddlewaretoken": browser.cookies["csrftoken"],
    })  # fmt: skip
    assert signed_in.status_code == 200 and "Log out" in signed_in.text, signed_in.text[:500]
    listing = browser.get(f"{site.base}/admin/shelters/shelter/{seeded['shelter']}/change/")
    assert listing.status_code == 200
    # Her sign-in wrote, so her next public page reads the primary too.
    page = browser.get(f"{site.base}/", params={"place": "78701"}, timeout=30)
    assert page.status_code == 200
    assert pg_pair.replica.calls() == replica_before
    assert pg_pair.primary.calls() > primary_before


def test_a_bed_report_writes_the_primary_and_is_read_back_at_once(pg_pair, site, seeded):
    token = {"Authorization": f"Token {seeded['token']}"}
    path = f"{site.base}/api/v1/shelters/{seeded['shelter']}/availability/"
    replica_before = pg_pair.replica.calls()
    for change in (-1, +1, -1):
        reported = requests.patch(path, json={"change": change}, headers=token, timeout=30)
        assert reported.status_code == 200, reported.text
        count = reported.json()["beds_available"]
        stored = pg_pair.primary.query(
            "SELECT beds_available FROM shelters_shelter WHERE id = %s", seeded["shelter"]
        )
        assert stored == count
        read_back = requests.get(path, headers=token, timeout=30)
        assert read_back.json()["beds_available"] == count
    assert pg_pair.replica.calls() == replica_before

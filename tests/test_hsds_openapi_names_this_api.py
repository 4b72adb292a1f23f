"""/hsds/openapi.json describes this API: the specification's file ships with a
template info block ("REQUIRED -- TITLE OF YOUR API HERE"), which a 211 reading
the document must not see; its paths and schemas are served as shipped."""

import pytest

from shelters.hsds.schemas import openapi_document

pytestmark = pytest.mark.django_db


def test_the_served_document_names_this_api_and_keeps_the_specifications_paths(api):
    response = api.get("/hsds/openapi.json")
    assert response.status_code == 200
    served = response.json()
    text = response.content.decode()
    for placeholder in ("REQUIRED --", "HERE", "YOUR "):
        assert placeholder not in text
    assert served["info"]["title"] == "Shelter directory HSDS 3.0 API"
    assert served["info"]["version"] == "3.0"
    assert served["servers"] == [{"url": "http://testserver/hsds"}]
    shipped = openapi_document()
    assert served["paths"] == shipped["paths"]
    assert served["components"] == shipped["components"]
    assert "REQUIRED --" in shipped["info"]["title"]  # the shipped file is left as published

"""/hsds/openapi.json describes this API: the specification's file ships with a
template info block ("REQUIRED -- TITLE OF YOUR API HERE"), which a 211 reading
the document must not see; its paths and schemas are served as shipped, each
operation's parameters cut to those this API takes
(tests/test_hsds_openapi_names_only_taken_parameters.py)."""

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
    assert served["paths"].keys() == shipped["paths"].keys()
    for template, operations in shipped["paths"].items():
        for method, operation in operations.items():
            kept = served["paths"][template][method]
            if isinstance(operation, list):
                assert kept == operation
                continue
            assert {**kept, "parameters": None} == {**operation, "parameters": None}
            assert all(p in operation.get("parameters", []) for p in kept["parameters"])
    assert {**served["components"], "parameters": None} == {
        **shipped["components"],
        "parameters": None,
    }
    for name, parameter in served["components"]["parameters"].items():
        assert shipped["components"]["parameters"][name] == parameter
    assert "REQUIRED --" in shipped["info"]["title"]  # the shipped file is left as published

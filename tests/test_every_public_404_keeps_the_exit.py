"""A mistyped public address answers with the public not-found page (Exit this
page, 911 and the hotline, a way back), in the language of its prefix; the APIs
answer JSON, HSDS included; and none of them sets a cookie."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "words"),
    [("/nothing-here", "Page not found"), ("/es/nada-aqui", "Página no encontrada")],
)
def test_a_missing_public_page_has_the_exit_and_the_help_numbers(client, path, words):
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert words in html
        assert 'class="exit-button"' in html
        assert 'href="tel:911"' in html
        assert 'href="tel:+18007997233"' in html
        assert "no-store" in response["Cache-Control"]
        assert not response.cookies


@pytest.mark.parametrize("path", ["/hsds/services/", "/hsds/nothing", "/api/v1/nothing/"])
def test_a_missing_api_path_answers_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert not response.cookies


@pytest.mark.parametrize(
    ("path", "says", "not_said"),
    [
        ("/nothing-here", "There is no page at this address.", "no longer published"),
        ("/es/nada-aqui", "No hay ninguna página en esta dirección.", "ya no se publica"),
        ("/shelters/999999/", "This listing is no longer published", "There is no page"),
        ("/es/shelters/999999/", "Este servicio ya no se publica", "No hay ninguna página"),
    ],
)
def test_it_says_what_is_missing(client, path, says, not_said):
    """A mistyped address is not "a listing no longer published"."""
    html = client.get(path).content.decode()
    assert says in html and not_said not in html

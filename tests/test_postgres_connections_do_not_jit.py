"""Issue 10, finding 8: `?limit=100&offset=…&open_now=false` took seconds on
PostgreSQL, nearly all of it JIT compilation that the open_now subplans' cost
estimates set off. The site's connections run with JIT off."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_site_connection_has_jit_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

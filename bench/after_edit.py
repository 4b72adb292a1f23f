"""`make bench-quick`: server time of every anonymous request path right after an edit.

Seeds --count synthetic listings (20,000 by default) into the PostgreSQL database at
DATABASE_URL if it holds fewer, saves one listing as an advocate would (which marks
snapshots stale), then times each path of the README and the OpenAPI schema through
Django's test client with production settings (DEBUG off, no network), the first
call after the edit and the worst of --repeat calls. It prints a table and the worst
figure. A measurement, not a test: nothing fails on a slow machine.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_infra_bench python bench/after_edit.py
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def paths(max_offset: int, max_limit: int, shelter_id: int, medical_id: int, hotline_id: int,
          organization_id: int) -> list[tuple[str, str]]:  # fmt: skip
    deepest = f"limit={max_limit}&offset={max_offset}"
    return [
        ("healthz", "/healthz"),
        ("schema", "/api/schema/"),
        ("docs", "/api/docs/"),
        ("shelters by name", "/api/v1/shelters/"),
        ("shelters deepest page", f"/api/v1/shelters/?{deepest}"),
        ("shelters deepest, open_now=false", f"/api/v1/shelters/?{deepest}&open_now=false"),
        ("shelters deepest, open_now=true", f"/api/v1/shelters/?{deepest}&open_now=true"),
        ("shelters deepest, nearest", f"/api/v1/shelters/?lat=30.27&lon=-97.74&{deepest}"),
        ("shelters zip, pets", "/api/v1/shelters/?zip=78701&limit=5&accepts_pets=true"),
        (
            "shelters 50 km, boy 15, beds",
            "/api/v1/shelters/?lat=30.27&lon=-97.74&radius_km=50&boy_age=15&has_beds=true",
        ),
        (
            "shelters county, es, wheelchair",
            "/api/v1/shelters/?state=TX&county=Travis&language=es&wheelchair_accessible=true",
        ),
        ("shelters q", "/api/v1/shelters/?q=synthetic"),
        ("shelter detail", f"/api/v1/shelters/{shelter_id}/"),
        ("medical zip, forensic", "/api/v1/medical-services/?zip=60601&service=forensic_exam"),
        ("medical deepest page", f"/api/v1/medical-services/?{deepest}&open_now=false"),
        ("medical detail", f"/api/v1/medical-services/{medical_id}/"),
        ("hotlines zip", "/api/v1/hotlines/?zip=78701"),
        ("hotlines county, text", "/api/v1/hotlines/?state=TX&county=Travis&text=true"),
        ("hotlines deepest page", f"/api/v1/hotlines/?{deepest}"),
        ("hotline detail", f"/api/v1/hotlines/{hotline_id}/"),
        ("organizations", "/api/v1/organizations/"),
        ("organization detail", f"/api/v1/organizations/{organization_id}/"),
        ("snapshot list", "/api/v1/snapshots/"),
        ("snapshot TX", "/api/v1/snapshots/TX/"),
        ("snapshot US", "/api/v1/snapshots/US/"),
        ("availability TX", "/api/v1/availability/?region=TX"),
        ("availability US", "/api/v1/availability/?region=US"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="listings to seed (20,000)")
    parser.add_argument("--repeat", type=int, default=5, help="calls per path (5)")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this measurement.")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["PUBLIC_THROTTLE_RATE"] = "1000000000/min"  # measuring, not limiting
    os.environ["DJANGO_SETTINGS_MODULE"] = "directory.settings"

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from shelters import gazetteer
    from shelters.api import filters
    from shelters.models import Hotline, MedicalService, Organization, Shelter

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # the docs page needs it
    if not Hotline.objects.exists():
        call_command("load_sample_data", "--if-empty", verbosity=0)
    have = Shelter.objects.count() + MedicalService.objects.count()
    if have < args.count:
        call_command("seed_synthetic", count=args.count - have)
    # Whatever keeps snapshots fresh in production has run once before the edit.
    for region in ("US", "TX"):
        Client().get(f"/api/v1/snapshots/{region}/")
    if "refresh_snapshots" in _commands():
        call_command("refresh_snapshots", verbosity=0)

    setup_test_environment()  # lets the test client talk to a DEBUG-off site
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    shelter = Shelter.objects.published().filter(state="TX").order_by("id").first()
    rows = paths(
        deepest_offset(filters),
        filters.MAX_LIMIT,
        shelter.pk,
        MedicalService.objects.published().order_by("id").values_list("id", flat=True).first(),
        Hotline.objects.published().order_by("id").values_list("id", flat=True).first(),
        Organization.objects.order_by("id").values_list("id", flat=True).first(),
    )
    # A gunicorn worker is warm before it serves (directory/wsgi.py loads the ZIP
    # gazetteer): load it, and call every path once, before the edit.
    gazetteer.warm_up()
    for _name, path in rows:
        client.get(path)
    shelter.description = f"Edited at {time.time():.0f} by bench/after_edit.py."
    shelter.save()  # the edit: marks the TX and US snapshots stale, as the admin would
    print(
        f"{Shelter.objects.count()} shelters, {MedicalService.objects.count()} medical services; "
        f"edited shelter {shelter.pk}; server time in ms, first call after the edit and worst "
        f"of {args.repeat}"
    )
    worst = (0.0, "")
    for name, path in rows:
        times, statuses = [], set()
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(path)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - started) * 1000)
            statuses.add(response.status_code)
        status = "/".join(str(s) for s in sorted(statuses))
        print(f"{name:34} {status:>7} first {times[0]:8.1f}  worst {max(times):8.1f}   {path}")
        worst = max(worst, (max(times), name))
    print(f"WORST: {worst[0]:.1f} ms ({worst[1]})")
    if "refresh_snapshots" in _commands():
        started = time.perf_counter()
        call_command("refresh_snapshots", verbosity=0)
        print(f"(off the request path: refresh_snapshots after the edit took "
              f"{time.perf_counter() - started:.1f} s)")  # fmt: skip


def deepest_offset(filters) -> int:
    """The deepest page allowed: offset + limit may not pass MAX_RESULTS where it is set."""
    max_results = getattr(filters, "MAX_RESULTS", None)
    return filters.MAX_OFFSET if max_results is None else max_results - filters.MAX_LIMIT


def _commands() -> dict:
    from django.core.management import get_commands

    return get_commands()


if __name__ == "__main__":
    main()

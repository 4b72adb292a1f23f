"""Time of validating a nearest-search query string with the shelter filter set.

    SECRET_KEY=anything-long-enough DATABASE_URL= .venv/bin/python bench/validate_params.py

Validates each of a few typical query strings 2,000 times (no database is touched:
nothing is evaluated) and prints microseconds per validation; `--profile` prints
the top of a cProfile of the same loop. Issue 13: "parameter validation that costs
little".
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "lat=30.27&lon=-97.74",
    "zip=78701&accepts_pets=true&has_beds=true",
    "lat=30.27&lon=-97.74&radius_km=50&limit=20",
    "state=TX&city=Houston",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--with-qs", action="store_true", help="also build the filtered queryset")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    import django

    django.setup()
    from django.http import QueryDict

    from shelters import gazetteer
    from shelters.api import filters
    from shelters.models import Shelter

    gazetteer.warm_up()
    validate_one = _validator(filters, Shelter, args.with_qs)
    datas = [QueryDict(query) for query in QUERIES]
    for data in datas:  # warm: first-use caches, imports
        validate_one(data)

    def loop(data):
        for _ in range(args.repeat):
            validate_one(data)

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for data in datas:
            loop(data)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return
    total = 0.0
    for query, data in zip(QUERIES, datas, strict=True):
        started = time.perf_counter()
        loop(data)
        per = (time.perf_counter() - started) / args.repeat * 1e6
        total += per
        print(f"{per:8.1f} us  {query}")
    print(f"{total / len(QUERIES):8.1f} us  mean")


def _validator(filters, model, with_qs: bool):
    def queryset():
        return model.objects.published().select_related("organization").order_by("name", "id")

    strict_params = _new_module()
    if strict_params is not None:  # issue 13: the one validation function

        def validate_one(data):
            params = strict_params.validate(filters.ShelterFilterSet, data, queryset)
            if with_qs:
                params.queryset  # noqa: B018

        return validate_one

    def validate_one(data):  # before issue 13: what the list view did
        filterset = filters.ShelterFilterSet(data, queryset=queryset())
        if not filterset.is_valid():
            raise AssertionError(filterset.errors)
        params = dict(filterset.form.cleaned_data)
        params["queryset"] = filterset.qs
        return params

    return validate_one


def _new_module():
    try:
        from shelters.api import strict_params
    except ImportError:
        return None
    return strict_params if hasattr(strict_params, "validate") else None


if __name__ == "__main__":
    main()

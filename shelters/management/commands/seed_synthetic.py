"""Load fictional listings in bulk for benchmarks: COPY on PostgreSQL, batched
bulk_create elsewhere. A million rows take a few minutes."""

from __future__ import annotations

import json
import time
from itertools import islice

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from shelters import snapshots, synthetic
from shelters.models import MedicalService, Organization, Shelter

BATCH = 10_000
LISTINGS_PER_ORGANIZATION = 50


class Command(BaseCommand):
    help = "Add N fictional listings (shelters and medical services) spread like the US population."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many listings.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete earlier synthetic listings first.",
        )

    def handle(self, *args, count: int, seed: int, replace: bool, **options):
        started = time.monotonic()
        if replace:
            self.delete_synthetic()
        now = timezone.now()
        organizations = Organization.objects.bulk_create(
            Organization(name=f"Synthetic Organization {index:06d} (fictional)")
            for index in range(max(1, count // LISTINGS_PER_ORGANIZATION))
        )
        organization_ids = [organization.pk for organization in organizations]
        rows = synthetic.generate(count, seed, now)
        shelters = medical = 0
        while batch := list(islice(rows, BATCH)):
            for index, row in enumerate(batch):
                row.fields["organization_id"] = organization_ids[index % len(organization_ids)]
            shelter_rows = [row.fields for row in batch if row.is_shelter]
            medical_rows = [row.fields for row in batch if not row.is_shelter]
            self.insert(Shelter, shelter_rows)
            self.insert(MedicalService, medical_rows)
            shelters += len(shelter_rows)
            medical += len(medical_rows)
        self.add_phones()
        # COPY and bulk_create send no post_save: mark snapshots stale as
        # shelters.signals would have, so the refresher picks the new listings up.
        snapshots.mark_stale(None)
        # Fresh statistics, or the planner may walk a filter's index instead of the
        # point index (SQLite especially, which has none until ANALYZE).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Added {shelters} shelters and {medical} medical services in "
            f"{time.monotonic() - started:.0f} s."
        )

    def insert(self, model, rows: list[dict]) -> None:
        if not rows:
            return
        if connection.vendor != "postgresql":
            model.objects.bulk_create([model(**fields) for fields in rows], batch_size=2000)
            return
        columns = list(rows[0])
        json_columns = {
            field.attname
            for field in model._meta.fields
            if field.get_internal_type() == "JSONField"
        }
        table = model._meta.db_table
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for fields in rows:
                copy.write_row(
                    [json.dumps(fields[c]) if c in json_columns else fields[c] for c in columns]
                )

    def add_phones(self) -> None:
        """One fictional intake number per synthetic listing, in one statement each."""
        digits = "(id % 100)"
        two_digits = (
            f"lpad({digits}::text, 2, '0')"
            if connection.vendor == "postgresql"
            else f"substr('0' || {digits}, -2)"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            for table, owner in (("shelters_shelter", "shelter_id"),
                                 ("shelters_medicalservice", "medical_service_id")):  # fmt: skip
                phones = f"{table}phone"
                cursor.execute(
                    f"INSERT INTO {phones} ({owner}, type, number, available_24_7, hours) "
                    f"SELECT id, 'intake', '555-01' || {two_digits}, open_24_7, '' "
                    f"FROM {table} t WHERE name LIKE 'Synthetic %%' "
                    f"AND NOT EXISTS (SELECT 1 FROM {phones} p WHERE p.{owner} = t.id)"
                )

    def delete_synthetic(self) -> None:
        for model in (Shelter, MedicalService):
            model.objects.filter(name__startswith="Synthetic ").delete()
        Organization.objects.filter(name__startswith="Synthetic Organization ").delete()

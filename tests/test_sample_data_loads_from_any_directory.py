"""load_sample_data finds its fixtures from the project, not the working directory."""

import pytest
from django.core.management import call_command

from shelters.models import Hotline, Shelter

pytestmark = pytest.mark.django_db


def test_sample_data_loads_from_another_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("load_sample_data", verbosity=0)
    assert Shelter.objects.exists()
    assert Hotline.objects.exists()

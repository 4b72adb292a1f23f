"""Production settings pass Django's deployment checklist with no warnings."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "directory.settings",
    "SECRET_KEY": "kq3Jw9-a7Lr2Vx8Tm4Np6Zs1Hc5Yb0Ue-Gd7Fo2Ri9Wl3Qe8Kt6Mj4Ay1Xn5Pv0Bh",
    "ALLOWED_HOSTS": "directory.example.org",
    "DEBUG": "0",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_grid_finer_than_five_km_is_refused():
    result = run_manage("check", **{**PRODUCTION_ENV, "LOCATION_GRID_KM": "2"})
    assert result.returncode != 0
    assert "LOCATION_GRID_KM" in result.stderr

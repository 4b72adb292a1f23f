"""Production settings plus the framework-ceiling view, for `make bench` only."""

from directory.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

"""Production settings for the benchmark's gunicorn: STATIC_ROOT and the URLconf differ.

bench/run collects the static files into a temporary directory (the manifest
storage needs them) and points BENCH_STATIC_ROOT at it. bench/urls.py is the
site's URLs plus the framework ceiling, /__ceiling__/ (bench/ceiling.py).
"""

import os

from library.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
ROOT_URLCONF = "bench.urls"

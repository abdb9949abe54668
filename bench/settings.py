"""Production settings for the benchmark's gunicorn: only STATIC_ROOT differs.

bench/run collects the static files into a temporary directory (the manifest
storage needs them) and points BENCH_STATIC_ROOT at it.
"""

import os

from library.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]

"""Fetch pages once through Django's test client and count their SQL queries.

    python -m bench.probe /resources/ /updates/400/   # prints JSON

Run by bench/run against the same database as the gunicorn it measures, with
the whole-page cache off, so the counts are what a page costs when rendered:
"queries_cold" with every fragment cache empty, "queries" with them filled
(as they are during the load runs).
"""

import json
import os
import sys


def main(paths):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    client = Client(HTTP_HOST="127.0.0.1")
    from django.core.cache import caches

    results = {}
    for path in paths:
        client.get(path)  # first request: connection, templates
        caches["default"].clear()
        with CaptureQueriesContext(connection) as cold:  # every fragment cache empty
            client.get(path)
        with CaptureQueriesContext(connection) as warm:  # as under load: fragments cached
            response = client.get(path)
        results[path] = {
            "status": response.status_code,
            "queries": len(warm),
            "queries_cold": len(cold),
        }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])

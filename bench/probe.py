"""Fetch pages once through Django's test client and count their SQL queries.

    python -m bench.probe /resources/ /updates/400/   # prints JSON

Run by bench/run against the same database as the gunicorn it measures, with
the whole-page cache off, so the counts are what a page costs when rendered.
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
    results = {}
    for path in paths:
        client.get(path)  # first request: connection, templates, ceiling bytes
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        results[path] = {"status": response.status_code, "queries": len(queries)}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])

"""ASGI entry point, for an ASGI server (e.g. `uvicorn library.asgi:application`).

The site is served by gunicorn through library/wsgi.py; this is the same
application for servers that speak ASGI.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library.settings")

application = get_asgi_application()

"""WSGI entry point: what gunicorn serves (`gunicorn library.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library.settings")

application = get_wsgi_application()

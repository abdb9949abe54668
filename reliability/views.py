"""Health checks for load balancers, and the page shown when the database is away."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

# Seconds a browser or load balancer should wait before trying again.
RETRY_AFTER_SECONDS = 10

# What a database that is restarting, unreachable or out of connections raises.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@never_cache
@require_safe
def healthz(request):
    """The process is alive and answering. Touches nothing else (no database, no cache)."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request):
    """Ready for traffic: the database answers a query. 503 if it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("Readiness check failed: the database did not answer (%s)", exc)
        response = HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ready\n", content_type="text/plain; charset=utf-8")


def service_unavailable(request):
    """A site-styled 503 with Retry-After, rendered without touching the database.

    No context processors run (they would read the session or messages, which
    live in the database); the page needs only the request for the header.
    """
    try:
        html = loader.render_to_string("503.html", {"request": request})
    except Exception:  # The page must never fail itself.
        logger.exception("Could not render 503.html")
        html = "<h1>Service unavailable</h1><p>Please try again in a minute.</p>"
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never let a cache keep the outage page.
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """handler500: a 503 when the database is away (a restart), else the usual 500.

    Django calls this inside its exception handler, so the exception being
    handled is the one that broke the request, wherever it was raised (view,
    template, middleware).
    """
    exc, seen = sys.exception(), set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return service_unavailable(request)
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    try:
        return django_server_error(request, template_name=template_name)
    except Exception:
        return HttpResponseServerError("<h1>Server Error (500)</h1>")

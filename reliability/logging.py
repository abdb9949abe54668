"""One log line per request, carrying a request id that every other log line shares.

The request id comes from the `X-Request-ID` header when a proxy or load
balancer set a sane one, else it is generated; it is echoed in the response's
`X-Request-ID` so a reader's report can be matched to the log.

Only the method, the path, the status, the duration and the request id are
logged: never the query string's secret-looking values, bodies, cookies,
session data or CSRF tokens.
"""

import contextvars
import logging
import re
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger("library.requests")

request_id_var = contextvars.ContextVar("request_id", default="-")

SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@+/=-]{1,128}")
# Query parameters whose values are never written to the log.
SECRET_PARAMETER = re.compile(
    r"pass|secret|token|key|csrf|session|auth|sig|code|otp|email", re.IGNORECASE
)
LOGGED_QUERY_LENGTH = 300
ESCAPES = {'"': '\\"', "\\": "\\\\"}


class RequestIdFilter(logging.Filter):
    """Give every log record the current request's id (`-` outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


def printable(text, limit):
    """The text with control characters escaped (no forged log lines), cut to `limit`."""
    text = text[:limit]
    return "".join(ESCAPES.get(c, c) if c.isprintable() else repr(c)[1:-1] for c in text)


def loggable_query(query_string):
    """The query string with the values of secret-looking parameters replaced."""
    if not query_string:
        return ""
    pairs = parse_qsl(query_string[: LOGGED_QUERY_LENGTH * 4], keep_blank_values=True)
    redacted = [(k, "[redacted]" if SECRET_PARAMETER.search(k) else v) for k, v in pairs]
    return printable(urlencode(redacted), LOGGED_QUERY_LENGTH)


def request_id_for(request):
    supplied = request.META.get("HTTP_X_REQUEST_ID", "")
    if SANE_REQUEST_ID.fullmatch(supplied):
        return supplied
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """Outermost middleware: times the request and logs one line when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        # Kept until the response is finished (request_finished below), so
        # Django's own error lines, logged after the middleware, carry it too.
        request_id_var.set(request.request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        duration_ms = (time.perf_counter() - started) * 1000
        query = loggable_query(request.META.get("QUERY_STRING", ""))
        logger.info(
            '%s "%s%s" %s %.1fms',
            printable(request.method, 16),
            printable(request.path, 500),
            f"?{query}" if query else "",
            response.status_code,
            duration_ms,
            extra={"status": response.status_code, "duration_ms": round(duration_ms, 1)},
        )
        return response


@receiver(request_finished)
def forget_request_id(sender, **kwargs):
    request_id_var.set("-")

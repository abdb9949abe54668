"""The database session store, refusing session cookies Django could never have issued.

Django makes session keys of 32 lowercase letters and digits, but looks up
whatever the cookie says. A hostile cookie with a NUL byte makes PostgreSQL
refuse the query (DataError), which was a 500 on every page that reads the
session. Here such a key is treated like an expired one: no session, a new
one if needed.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

SESSION_KEY_MAX_LENGTH = 40  # The session_key column.


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return (
            isinstance(key, str)
            and 8 <= len(key) <= SESSION_KEY_MAX_LENGTH
            and all(char in VALID_KEY_CHARS for char in key)
        )

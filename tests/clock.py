"""A stopped clock (time-machine) for tests that pin the date and time of day."""

from contextlib import contextmanager

import time_machine
from django.core.cache import caches


@contextmanager
def frozen_at(instant):
    """Stop the clock at `instant` (an aware datetime) until the block ends.

    The caches are emptied either side: an entry stored at a later instant
    (by an earlier test, or in real time) would otherwise look fresh once the
    clock is taken back before it.
    """
    clear_caches()
    try:
        with time_machine.travel(instant, tick=False):
            yield instant
    finally:
        clear_caches()


def clear_caches():
    for cache in caches.all():
        cache.clear()

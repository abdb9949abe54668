"""The Redis cache degrades to no cache: a miss for every read, a dropped write."""

import time

import pytest

from bench.harness import ThrowawayRedis, free_port, missing_redis_reason
from reliability import cache as resilient
from reliability.cache import ResilientRedisCache


def make_cache(url):
    return ResilientRedisCache(url, {"KEY_PREFIX": "h_rel"})


def assert_behaves_as_no_cache(cache):
    assert cache.get("page") is None
    assert cache.get("page", "default") == "default"
    cache.set("page", "html")
    assert cache.add("page", "html") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.get_or_set("page", "built") == "built"
    assert cache.has_key("page") is False
    cache.delete("page")
    cache.delete_many(["a", "b"])
    with pytest.raises(ValueError):
        cache.incr("hits")


def test_an_unreachable_redis_is_no_cache_and_no_error(caplog):
    cache = make_cache(f"redis://127.0.0.1:{free_port()}/5")  # Nobody listens there.
    started = time.monotonic()
    assert_behaves_as_no_cache(cache)
    assert time.monotonic() - started < 2
    warnings = [r for r in caplog.records if r.name == "reliability.cache"]
    assert len(warnings) == 1, "An outage is logged once, not once per call"
    assert "serving without it" in warnings[0].getMessage()


@pytest.mark.skipif(bool(missing_redis_reason()), reason=str(missing_redis_reason()))
def test_redis_stopped_then_back(monkeypatch):
    redis = ThrowawayRedis().start()
    try:
        cache = make_cache(redis.url(5))
        cache.set("page", "html")
        assert cache.get("page") == "html"

        redis.stop()
        assert_behaves_as_no_cache(cache)

        redis.start()
        monkeypatch.setattr(resilient, "RETRY_AFTER", 0)
        cache._down_until = 0
        cache.set("page", "fresh")
        assert cache.get("page") == "fresh"
    finally:
        redis.destroy()

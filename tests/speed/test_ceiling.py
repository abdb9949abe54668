"""/__ceiling__/ exists only in the benchmark's URLconf, and serves the library page's bytes.

bench/settings.py (the benchmark's gunicorn) sets ROOT_URLCONF to bench/urls.py.
"""

import pytest

from tests.factories import make_resource


@pytest.fixture
def reload_urls(settings):
    """The site's own URLconf, or the benchmark's (the settings fixture puts it back)."""
    site_urlconf = settings.ROOT_URLCONF

    def reload(benchmark):
        settings.ROOT_URLCONF = "bench.urls" if benchmark else site_urlconf

    return reload


@pytest.mark.django_db
def test_ceiling_does_not_exist_without_benchmark(client, reload_urls):
    reload_urls(benchmark=False)
    assert client.get("/__ceiling__/").status_code == 404


@pytest.mark.django_db
def test_ceiling_serves_the_library_page_from_memory(client, reload_urls, monkeypatch):
    import bench.ceiling

    monkeypatch.setattr(bench.ceiling, "_page", None)
    make_resource("Leading in colour")
    reload_urls(benchmark=True)
    response = client.get("/__ceiling__/")
    assert response.status_code == 200
    assert "Leading in colour" in response.content.decode()
    assert response.content == client.get("/__ceiling__/").content

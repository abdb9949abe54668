"""/__ceiling__/ exists only when BENCHMARK=1, and serves the library page's bytes."""

import importlib

import pytest
from django.urls import clear_url_caches

import library.urls
from tests.factories import make_resource


@pytest.fixture
def reload_urls(monkeypatch, settings):
    def reload(benchmark):
        if benchmark:
            monkeypatch.setenv("BENCHMARK", "1")
        else:
            monkeypatch.delenv("BENCHMARK", raising=False)
        importlib.reload(library.urls)
        clear_url_caches()

    yield reload
    monkeypatch.delenv("BENCHMARK", raising=False)
    importlib.reload(library.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_ceiling_does_not_exist_without_benchmark(client, reload_urls):
    reload_urls(benchmark=False)
    assert client.get("/__ceiling__/").status_code == 404


@pytest.mark.django_db
def test_ceiling_serves_the_library_page_from_memory(client, reload_urls, monkeypatch):
    import library.benchmark

    monkeypatch.setattr(library.benchmark, "_page", None)
    make_resource("Leading in colour")
    reload_urls(benchmark=True)
    response = client.get("/__ceiling__/")
    assert response.status_code == 200
    assert "Leading in colour" in response.content.decode()
    assert response.content == client.get("/__ceiling__/").content

"""Static files as production serves them: hashed names, compressed, cached forever."""

import json

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def collected(tmp_path):
    root = tmp_path / "static"
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=PRODUCTION_STORAGES,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        DEBUG=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
        yield root, manifest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["css/site.css", "css/library.css", "css/updates.css", "css/search.css", "js/site.js"]
)
def test_hashed_files_are_compressed_and_cached_forever(collected, name):
    root, manifest = collected
    hashed = manifest[name]
    assert hashed != name  # the name carries the content hash
    assert (root / f"{hashed}.gz").exists()

    client = Client()  # a new handler: whitenoise reads the collected files
    response = client.get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert "max-age=315360000" in cache_control  # ten years
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.django_db
def test_pages_link_the_hashed_names(collected):
    _, manifest = collected
    html = Client().get("/").content.decode()
    for stylesheet in ("site", "library", "updates", "search"):
        assert f"/static/{manifest[f'css/{stylesheet}.css']}" in html

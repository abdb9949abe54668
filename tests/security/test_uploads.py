"""Uploads are checked by content, kept under generated names and served as downloads only."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources.validators import validate_resource_file
from tests.factories import make_format, make_resource

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
SHELL = b"#!/bin/sh\nrm -rf ~\n"


def zip_of(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = zip_of({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
JAR = zip_of({"META-INF/MANIFEST.MF": "Main-Class: Evil\n", "Evil.class": "\xca\xfe"})


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", ELF),
        ("report.pdf", PE),
        ("report.pdf", HTML),
        ("report.pdf", SVG),
        ("report.pdf", SHELL),
        ("report.docx", PE),
        ("report.docx", JAR),  # a ZIP, but not a Word document
        ("report.docx", ODT),  # an OpenDocument file named as Word
        ("report.odt", DOCX),
        ("report.xlsx", DOCX),  # Word parts, not a spreadsheet
        ("report.doc", HTML),
        ("report.pdf", b""),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        validate_resource_file(upload(name, content))
    assert error.value.code in ("file_content", "file_size")


@pytest.mark.parametrize(
    "name", ["evil.exe", "page.html", "image.svg", "script.js", "report.pdf.exe", "noextension"]
)
def test_a_file_type_readers_cannot_open_is_refused_by_name_too(name):
    with pytest.raises(ValidationError) as error:
        validate_resource_file(upload(name, PDF))
    assert error.value.code == "file_type"


@pytest.mark.parametrize(
    ("name", "content"), [("report.pdf", PDF), ("report.docx", DOCX), ("notes.odt", ODT)]
)
def test_real_documents_are_accepted(name, content):
    validate_resource_file(upload(name, content))


def test_files_over_the_limit_are_refused(settings):
    settings.RESOURCE_FILE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        validate_resource_file(upload("big.pdf", PDF + b"0" * 2048))
    assert error.value.code == "file_size"


def test_the_admin_refuses_a_renamed_executable(admin_client):
    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        {
            "title": "Sneaky",
            "slug": "sneaky",
            "format": make_format("Report").pk,
            "summary": "A summary.",
            "published_on": "01/01/2026",
            "file": upload("report.pdf", PE),
        },
    )
    assert response.status_code == 200
    assert "does not look like a real .pdf file" in response.content.decode()


def test_uploads_are_stored_under_a_generated_name_and_keep_the_original_for_downloads():
    first = make_resource("One", file=upload("../../Annual report 2026.pdf", PDF))
    second = make_resource("Two", file=upload("../../Annual report 2026.pdf", PDF))

    for resource in (first, second):
        assert re.fullmatch(r"resources/[0-9a-f]{32}\.pdf", resource.file.name)
        assert resource.file_name == "Annual report 2026.pdf"
    assert first.file.name != second.file.name


def test_download_is_an_attachment_with_a_safe_type_and_the_original_name(client):
    resource = make_resource("One", file=upload("Annual report 2026.pdf", PDF))

    response = client.get(reverse("resources:resource_download", args=[resource.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Annual report 2026.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_stored_file_with_an_odd_extension_is_served_as_octet_stream(client):
    """Files from before these checks (or put there by hand) never get a runnable type."""
    from django.core.files.base import ContentFile

    resource = make_resource("Old")
    resource.file.save("legacy.html", ContentFile(HTML), save=True)

    response = client.get(reverse("resources:resource_download", args=[resource.slug]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")

"""Checks on files editors upload: only documents readers can open, of a sane size."""

import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Extension → the name readers see next to the download link.
FILE_TYPES = {
    "pdf": "PDF",
    "doc": "Word document",
    "docx": "Word document",
    "ppt": "PowerPoint presentation",
    "pptx": "PowerPoint presentation",
    "xls": "Excel spreadsheet",
    "xlsx": "Excel spreadsheet",
    "odt": "OpenDocument text",
    "odp": "OpenDocument presentation",
    "ods": "OpenDocument spreadsheet",
}

# The first bytes each kind of file must start with, so a renamed
# executable or web page cannot pass as a document.
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"  # .docx, .pptx, .xlsx and OpenDocument files
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .ppt, .xls
MAGIC_FOR_EXTENSION = {
    "pdf": PDF_MAGIC,
    "doc": OLE_MAGIC,
    "ppt": OLE_MAGIC,
    "xls": OLE_MAGIC,
    "docx": ZIP_MAGIC,
    "pptx": ZIP_MAGIC,
    "xlsx": ZIP_MAGIC,
    "odt": ZIP_MAGIC,
    "odp": ZIP_MAGIC,
    "ods": ZIP_MAGIC,
}


# What must be inside a ZIP-based document for it to be one: Office Open XML
# files list their parts in [Content_Types].xml; OpenDocument files start with
# a "mimetype" entry naming their type.
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "odp": b"application/vnd.oasis.opendocument.presentation",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OFFICE_MAIN_PART = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}

# The content type each kind of file is served with (never one a browser runs).
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def file_extension(name):
    return PurePosixPath(name).suffix.lower().lstrip(".")


def resource_file_path(instance, filename):
    """Store each upload under a new random name; the model keeps the original for downloads."""
    extension = file_extension(filename)
    suffix = f".{extension}" if extension in FILE_TYPES else ""
    return f"resources/{uuid.uuid4().hex}{suffix}"


def _is_real_zip_document(upload, extension):
    """True if the ZIP in `upload` holds the parts an Office or OpenDocument file must."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if extension in OPENDOCUMENT_TYPES:
                return (
                    bool(names)
                    and names[0] == "mimetype"
                    and archive.read("mimetype").strip() == OPENDOCUMENT_TYPES[extension]
                )
            return "[Content_Types].xml" in names and any(
                name.startswith(OFFICE_MAIN_PART[extension]) for name in names
            )
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def validate_resource_file(upload):
    extension = file_extension(upload.name)
    if extension not in FILE_TYPES:
        raise ValidationError(
            "Upload a PDF, Word, PowerPoint, Excel or OpenDocument file (%(allowed)s).",
            code="file_type",
            params={"allowed": ", ".join(f".{ext}" for ext in FILE_TYPES)},
        )
    limit = settings.RESOURCE_FILE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            "This file is %(size)s; the largest file you can upload is %(limit)s.",
            code="file_size",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    # Files already stored were checked when they were uploaded.
    if getattr(upload, "_committed", False):
        return
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(OLE_MAGIC))
    upload.seek(0)
    looks_real = head.startswith(MAGIC_FOR_EXTENSION[extension]) and (
        MAGIC_FOR_EXTENSION[extension] != ZIP_MAGIC or _is_real_zip_document(upload, extension)
    )
    upload.seek(position)
    if not looks_real:
        raise ValidationError(
            "This file does not look like a real .%(extension)s file. "
            "Save it again from the program that made it and upload that copy.",
            code="file_content",
            params={"extension": extension},
        )

"""Checks on files editors upload: only documents readers can open, of a sane size."""

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


def validate_resource_file(upload):
    extension = PurePosixPath(upload.name).suffix.lower().lstrip(".")
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
    upload.seek(position)
    if not head.startswith(MAGIC_FOR_EXTENSION[extension]):
        raise ValidationError(
            "This file does not look like a real .%(extension)s file. "
            "Save it again from the program that made it and upload that copy.",
            code="file_content",
            params={"extension": extension},
        )

"""schema.org JSON-LD blocks, safe inside a page's <script> element."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# The characters that could end a <script> element or open a comment in it,
# written as JSON escapes (the same ones Django's json_script uses).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """A schema.org JSON-LD block; no text in `data` can close the <script> element.

    A data block, never executed, so it needs no CSP nonce (and a cached page carries none).
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    text = text.translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def organisation(name, url=""):
    data = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data

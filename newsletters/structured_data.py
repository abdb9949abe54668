"""A weekly update as a schema.org PublicationIssue (JSON-LD)."""

from django.urls import reverse

from core.calendar import LONDON
from core.site import SITE_NAME
from core.structured_data import organisation


def bulletin_data(bulletin, request):
    url = request.build_absolute_uri(bulletin.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "PublicationIssue",
        "@id": url,
        "url": url,
        "name": bulletin.title,
        "issueNumber": str(bulletin.number),
        "datePublished": bulletin.issued_on.isoformat(),
        "inLanguage": "en-GB",
        "isPartOf": {
            "@type": "Periodical",
            "name": f"{SITE_NAME} weekly update",
            "url": request.build_absolute_uri(reverse("newsletters:bulletin_list")),
        },
        "publisher": organisation(SITE_NAME, request.build_absolute_uri("/")),
        "hasPart": [
            {
                "@type": "CreativeWork",
                "name": item.title,
                "url": f"{url}#{item.anchor}",
                "position": position,
            }
            for position, item in enumerate(bulletin.items.all(), start=1)
        ],
    }
    if bulletin.updated_at:
        data["dateModified"] = bulletin.updated_at.astimezone(LONDON).isoformat()
    return data

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_bulletin, make_format, make_publisher, make_resource, make_theme


def postgres_only(reason):
    return pytest.mark.skipif(
        connection.vendor != "postgresql", reason=f"PostgreSQL only: {reason}"
    )


did_you_mean_needs_postgres = postgres_only(
    "SQLite's FTS5 has no trigram similarity for “Did you mean”"
)


@pytest.fixture
def corpus(db):
    """A few resources and one live update, drawn from the sample content."""
    inclusion = make_theme("Inclusion and equity", slug="inclusion-and-equity")
    leadership = make_theme("Leadership", slug="leadership")
    report = make_format("Report", slug="report")
    think_piece = make_format("Think piece", slug="think-piece")
    rsa = make_publisher("RSA", slug="rsa")
    update = make_bulletin(
        393,
        issued_on=date(2020, 3, 6),
        items=[
            {
                "title": "Sector-led improvement programme",
                "update": "The regional programme continues this term.",
            },
            {
                "title": "Behaviour Hubs Programme launched by DfE",
                "update": "Behaviour hubs will pair schools with exemplary behaviour cultures "
                "with schools that want to turn their behaviour around.",
                "action_required": "Apply to become a lead school by 30 March.",
            },
        ],
    )
    return {
        "pinball": make_resource(
            "RSA Pinball Kids – Preventing school exclusions",
            format=report,
            publisher=rsa,
            themes=[inclusion],
            summary="In the last five years there has been a 60 percent increase in the "
            "number of pupils permanently excluded from England’s schools.",
            published_on=date(2020, 3, 1),
        ),
        "body_only": make_resource(
            "Annual review of the programme",
            format=report,
            summary="A look back at the year's work with schools and councils.",
            body="## Findings\n\nSchools worked hard to reduce **exclusion** of pupils.",
            published_on=date(2021, 1, 1),
        ),
        "longer": make_resource(
            "Leading for Longer",
            format=think_piece,
            themes=[leadership],
            summary="Why directors leave, and succession planning that keeps them.",
            credit="A think piece by Meera Spillett",
            published_on=date(2019, 6, 1),
        ),
        "troublemaker": make_resource(
            "How to be a professional troublemaker",
            format=think_piece,
            themes=[leadership],
            summary="Disrupting the status quo can be scary, but sometimes it is necessary.",
            published_on=date(2021, 3, 1),
        ),
        "draft": make_resource(
            "Draft plan on exclusion and behaviour", published_at=None, themes=[inclusion]
        ),
        "scheduled": make_resource(
            "Scheduled exclusion guidance",
            published_at=timezone.now() + timedelta(days=3),
        ),
        "update": update,
        "hidden_update": make_bulletin(
            394,
            published_at=None,
            items=[{"title": "Secret behaviour exclusion item", "update": "Not yet."}],
        ),
        "themes": {"inclusion": inclusion, "leadership": leadership},
        "formats": {"report": report, "think_piece": think_piece},
        "publisher": rsa,
    }

"""On PostgreSQL a search reads the GIN index, not the whole table (10,000 generated resources)."""

import pytest
from django.db import connection
from django.utils import timezone

from resources.models import Resource
from search import engine, index
from search.query import parse
from tests.factories import make_format
from tests.search.conftest import postgres_only

pytestmark = [
    pytest.mark.django_db,
    postgres_only("the GIN index and EXPLAIN output are PostgreSQL's; SQLite uses FTS5"),
]

ROWS = 10_000
TOPICS = ["fostering", "adoption", "attendance", "inspection", "workforce", "youth", "kinship"]


@pytest.fixture
def ten_thousand_resources():
    report = make_format("Report")
    now = timezone.now()
    Resource.objects.bulk_create(
        [
            Resource(
                title=f"Paper {n} on {TOPICS[n % len(TOPICS)]}"
                + (" and unregulated children's homes" if n % 2500 == 0 else ""),
                slug=f"paper-{n}",
                summary=f"Findings on {TOPICS[(n * 3) % len(TOPICS)]} from council {n % 150}.",
                body=f"Body text number {n} about {TOPICS[(n * 5) % len(TOPICS)]}.",
                format=report,
                published_at=now,
            )
            for n in range(ROWS)
        ],
        batch_size=2000,
    )
    index.rebuild(batch_size=2000)
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would gather on a live site, so the planner
        # chooses by real costs (no enable_seqscan tricks).
        cursor.execute(f"ANALYZE {Resource._meta.db_table}")


def test_a_search_over_10000_resources_uses_the_gin_index(client, ten_thousand_resources):
    assert Resource.objects.filter(search_vector__isnull=True).count() == 0
    query = parse("unregulated homes")
    queryset = engine.search(Resource.objects.published(), query)

    plan = queryset.explain()

    assert "resources_resource_search_vector_gin" in plan, plan
    assert "Seq Scan on resources_resource" not in plan, plan
    assert queryset.count() == ROWS // 2500
    response = client.get("/search/", {"q": "unregulated children's homes"})
    assert response.context["page_obj"].paginator.count == ROWS // 2500

"""Fixtures shared by the weekly updates' tests.

`update_393`: the sample update imported (test_importer*.py, test_import_command.py).
`updates` and `state`: the draft / scheduled / live grid (test_models.py,
test_publishing.py).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletters.models import Bulletin
from tests.factories import make_bulletin
from tests.newsletters.samples import SAMPLE_393, run_import


@pytest.fixture
def update_393():
    run_import(SAMPLE_393)
    return Bulletin.objects.get(number=393)


# An update in each publication state: the live one has the lowest number, so
# the others would be "the latest update" if they showed at all.
STATES = {"live": 501, "scheduled": 502, "draft": 503}
DEADLINE_IN_DAYS = 3


def publish_time(state):
    """The publish time that puts a row in `state`: none, still to come, or passed."""
    now = timezone.now()
    return {
        "draft": None,
        "scheduled": now + timedelta(days=2),
        "live": now - timedelta(minutes=5),
    }[state]


def item_title(state):
    return f"Behaviour hubs in the {state} update"


@pytest.fixture
def updates(db):
    """One update in each publication state, each with an item due in three days."""
    today = timezone.localdate()
    return {
        state: make_bulletin(
            number,
            issued_on=today,
            published_at=publish_time(state),
            items=[
                {
                    "title": item_title(state),
                    "update": "Schools with exemplary behaviour cultures will pair up.",
                    "action_deadline": today + timedelta(days=DEADLINE_IN_DAYS),
                }
            ],
        )
        for state, number in STATES.items()
    }


@pytest.fixture(params=list(STATES))
def state(request):
    """Each publication state in turn: "draft", "scheduled", "live"."""
    return request.param

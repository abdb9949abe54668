import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command

from tests.factories import make_staff


@pytest.fixture
def staff_client(client, db):
    """A logged-in member of staff who may edit resources (not a superuser)."""
    client.force_login(make_staff(permissions=["resources.change_resource"]))
    return client


@pytest.fixture
def editor_client(client, db):
    """A logged-in member of staff in the Editors group, with no permissions of their own."""
    editor = make_staff(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def demo(db):
    """The library's demo content and Update No 393, as `make serve` loads them."""
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_updates", verbosity=0)


@pytest.fixture
def assert_constant_queries(django_assert_max_num_queries):
    """Check that a page costs the same few queries however much there is to show.

    `setup(start, stop)` adds the rows numbered `start` to `stop` (those of the
    smaller size stay) and returns the request to make. At each size the request
    must answer `status` in at most `most` queries, and the count at the larger
    size must equal the count at the smaller. The first request is made once
    unmeasured: what a process does once (Django's content-type and site
    caches, the page cache's generation) is no page's cost. Returns the last response.
    """

    def check(setup, most, sizes=(20, 200), status=200):
        counts, start = [], 0
        for stop in sizes:
            request = setup(start, stop)
            if not counts:
                request()
            with django_assert_max_num_queries(most) as queries:
                response = request()
            assert response.status_code == status, f"{response.status_code} at size {stop}"
            counts.append(len(queries))
            start = stop
        assert counts == [counts[0]] * len(counts), f"queries at sizes {sizes}: {counts}"
        return response

    return check


@pytest.fixture
def page_cache(settings):
    """The whole-page cache on, as in production, starting empty."""
    settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()

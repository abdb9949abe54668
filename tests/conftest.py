import pytest

from tests.factories import make_staff


@pytest.fixture
def staff_client(client, db):
    """A logged-in member of staff who may edit resources (not a superuser)."""
    client.force_login(make_staff(permissions=["resources.change_resource"]))
    return client

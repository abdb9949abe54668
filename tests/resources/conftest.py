import pytest

from tests.factories import make_format, make_theme


@pytest.fixture
def leading():
    return make_theme(
        "Leading in Colour",
        slug="leading-in-colour",
        introduction="This section contains materials on how to enable best practice to thrive.",
    )


@pytest.fixture
def think_piece():
    return make_format("Think piece", slug="think-piece")

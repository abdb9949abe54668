"""The infrastructure apps know no content app: `search` and `pagecache` import neither.

Beside lint-imports and tests/test_layers.py: this also catches apps.get_model()
calls and URL names of a content app in their templates.

Content apps register with them instead (search/registry.py, pagecache/content.py).
Imports at every level count, and so do apps.get_model() calls naming a content app.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT_APPS = {"resources", "newsletters"}
INFRASTRUCTURE = ("search", "pagecache")


def modules(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def content_apps_named(path):
    """(line, what) for each import of a content app, or get_model() naming one, in `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [str(node.args[0].value).split(".")[0]]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] in CONTENT_APPS]
    return found


@pytest.mark.parametrize("app", INFRASTRUCTURE)
def test_infrastructure_apps_import_no_content_app(app):
    found = {
        str(path.relative_to(ROOT)): hits
        for path in modules(app)
        if (hits := content_apps_named(path))
    }
    assert found == {}


@pytest.mark.parametrize("app", INFRASTRUCTURE)
def test_infrastructure_templates_load_and_link_no_content_app(app):
    for path in sorted((ROOT / "templates" / app).rglob("*.html")):
        text = path.read_text()
        for name in CONTENT_APPS:
            assert f"'{name}:" not in text and f'"{name}:' not in text, path
        assert "resource_tags" not in text and "bulletin_tags" not in text, path


def test_the_check_itself_finds_a_hidden_import(tmp_path):
    module = tmp_path / "hidden.py"
    module.write_text(
        "def f(apps):\n"
        "    from resources.models import Resource\n"
        "    return apps.get_model('newsletters', 'Bulletin')\n"
    )
    assert content_apps_named(module) == [(2, "resources.models"), (3, "newsletters")]

"""The layers hold in templates too (lint-imports checks Python; see pyproject.toml).

A template belongs to the app whose folder it is in (templates/resources/… to
`resources`, templates/admin/newsletters/… to `newsletters`); the templates at
the top (base.html, includes/, the error pages) are the site's frame, shared by
every app, so they sit with `core`. A template may `{% load %}` tag libraries,
and `{% include %}` or `{% extends %}` templates, of its own layer or below
only; and Python code may name only templates of its own layer or below.
"""

import ast
import re
from pathlib import Path

import pytest
from django.template.backends.django import get_installed_libraries

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
# Lowest first; apps on one rung are siblings that must not depend on each other.
LAYERS = [{"core"}, {"search", "pagecache", "reliability"}, {"resources"}, {"newsletters"}]
APPS = set().union(*LAYERS)
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}

LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
TEMPLATE_REFERENCE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")
TEMPLATE_NAME = re.compile(r"^[\w/.-]+\.(?:html|txt|xml)$")


def owner_of_template(name):
    """The app a template name belongs to, by its folder."""
    parts = Path(name).parts
    if parts[0] == "admin" and len(parts) > 2:
        parts = parts[1:]
    return parts[0] if len(parts) > 1 and parts[0] in APPS else "core"


def may_use(user, used):
    """Whether `user` may depend on `used`: its own app, or a lower layer."""
    return used == user or RANK[used] < RANK[user]


def library_owner(name):
    module = get_installed_libraries()[name]
    return module.split(".")[0]


def loaded_libraries(source):
    for match in LOAD.finditer(source):
        words = match.group(1).split()
        # `{% load name1 name2 from library %}` loads one library.
        yield from words[words.index("from") + 1 :] if "from" in words else words


def template_files():
    return sorted(
        path for path in TEMPLATES.rglob("*") if path.suffix in {".html", ".txt", ".xml"}
    )


@pytest.mark.parametrize("path", template_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_load_and_include_only_their_layer_or_below(path):
    name = str(path.relative_to(TEMPLATES))
    owner = owner_of_template(name)
    source = path.read_text(encoding="utf-8")
    problems = []
    for library in loaded_libraries(source):
        used = library_owner(library)
        if used in APPS and not may_use(owner, used):
            problems.append(f"loads {library!r} from {used}")
    for reference in TEMPLATE_REFERENCE.findall(source):
        used = owner_of_template(reference)
        if not may_use(owner, used):
            problems.append(f"includes or extends {reference!r} of {used}")
    assert not problems, f"{name} belongs to {owner} but " + "; ".join(problems)


def python_files():
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    )


@pytest.mark.parametrize("path", python_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_python_names_only_templates_of_its_layer_or_below(path):
    owner = path.relative_to(ROOT).parts[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    named = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and TEMPLATE_NAME.match(node.value)
        and (TEMPLATES / node.value).exists()
    }
    wrong = sorted(name for name in named if not may_use(owner, owner_of_template(name)))
    assert not wrong, f"{path.relative_to(ROOT)} ({owner}) names templates above it: {wrong}"


def test_the_checks_see_a_template_that_breaks_the_layers():
    """The checks can fail: a resources template loading newsletters' tags is caught."""
    assert not may_use("resources", library_owner("bulletin_tags"))
    assert not may_use("search", owner_of_template("resources/_resource_card.html"))
    assert may_use("newsletters", owner_of_template("resources/_resource_card.html"))
    assert owner_of_template("admin/newsletters/bulletin/change_form.html") == "newsletters"
    assert owner_of_template("includes/pagination.html") == "core"

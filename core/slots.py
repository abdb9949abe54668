"""Places in one app's pages where another app puts its part, unknown to the first.

The library's home page has room for "the latest update" and a resource's
page for "featured in these updates", but `resources` must not know
`newsletters`. So a template names a slot (`{% slot "home.updates" %}`, from
the `slots` tag library) and an app fills it from its `AppConfig.ready()`:

    slots.fill("home.updates", "newsletters/_home_updates.html", latest_update)

A slot nobody fills renders nothing.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    template_name: str
    # Called with the slot's arguments (`resource=…`); returns the template's context.
    context: Callable[..., dict]


_parts = defaultdict(list)


def fill(slot, template_name, context=lambda **arguments: arguments):
    """Render `template_name` in `slot`, with what `context(**arguments)` returns."""
    part = Part(template_name, context)
    if part not in _parts[slot]:
        _parts[slot].append(part)


def parts(slot):
    return list(_parts[slot])

"""What the public pages show: the content apps register their models here.

The page cache knows no content app. Each registers, from its
`AppConfig.ready()`, the models whose rows public pages show:

    content.register_app(self, scheduled=[Resource])

A save, delete or many-to-many change of a registered model bumps the content
generation (pagecache/signals.py), and the publish time of a registered
scheduled model, when it comes, makes pages stale too (generation.py).
Users, sessions and the admin log are nobody's content: they change no
anonymous page.
"""

_models = set()  # every model whose changes public pages show
_scheduled = []  # Publishable models, in registration order


def register(*models):
    """Public pages show these models' rows: a change to one bumps the generation."""
    _models.update(models)


def register_scheduled(*models):
    """Public pages show these Publishable models' rows from their publish time on."""
    register(*models)
    _scheduled.extend(model for model in models if model not in _scheduled)


def register_app(app_config, *, scheduled=()):
    """Register every model of `app_config` (its many-to-many tables too), and `scheduled`."""
    register(*app_config.get_models(include_auto_created=True))
    register_scheduled(*scheduled)


def unregister(*models):
    _models.difference_update(models)
    _scheduled[:] = [model for model in _scheduled if model not in models]


def shows(model):
    """Whether public pages show rows of `model` (a sender of a model signal)."""
    return model in _models


def scheduled_models():
    return tuple(_scheduled)

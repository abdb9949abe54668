"""`{% slot "name" key=value %}`: the parts other apps put in this place (core/slots.py)."""

from django import template
from django.utils.safestring import mark_safe

from core import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, slot_name, **arguments):
    rendered = []
    for part in slots.parts(slot_name):
        part_template = context.template.engine.get_template(part.template_name)
        with context.push(**part.context(**arguments)):
            rendered.append(part_template.render(context))
    return mark_safe("".join(rendered))

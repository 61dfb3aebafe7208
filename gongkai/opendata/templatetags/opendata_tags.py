from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`options|get_item:d.code` — dict lookup by a variable key."""
    try:
        return mapping.get(key, ())
    except AttributeError:
        return ()

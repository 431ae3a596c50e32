"""`{% admin_dashboard as charts %}`: the admin index's charts from every app."""

from django import template

from herentq import extensions

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_dashboard(context):
    return extensions.admin_dashboard(context["request"])

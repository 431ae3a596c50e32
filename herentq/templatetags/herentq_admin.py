"""Template tags of the admin: a changelist's rows, see herentq/admin_list.py."""

from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.template import Library

from herentq.admin_list import result_list

register = Library()


@register.tag(name="herentq_result_list")
def result_list_tag(parser, token):
    """Django's `{% result_list cl %}`, with the same template and markup."""
    return InclusionAdminNode(
        parser,
        token,
        func=result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )

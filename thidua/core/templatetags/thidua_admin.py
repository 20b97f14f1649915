from django import template
from django.utils.translation import gettext as _
from wagtail.admin.forms.search import SearchForm

register = template.Library()


@register.simple_tag
def back_office_search_form() -> SearchForm:
    """The dashboard's search box, which searches the back office rather than portal pages."""
    return SearchForm(placeholder=_("Tìm cán bộ, cơ quan, đơn vị…"))

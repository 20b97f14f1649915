"""A stock Wagtail article: a Page subclass with a RichTextField body, nothing else."""

from wagtail.fields import RichTextField
from wagtail.models import Page


class PlainArticlePage(Page):
    body = RichTextField()

from modeltranslation.translator import translator

from herentq.models import NewsItem, Notice, Page, ServiceContact
from herentq.translation_options import options

translator.register(Notice, options(Notice, "title", "body"))
translator.register(Page, options(Page, "title", "intro", "body"))
translator.register(
    NewsItem, options(NewsItem, "title", "summary", "body", "image_alt")
)
translator.register(ServiceContact, options(ServiceContact, "name", "office_hours"))

from modeltranslation.translator import translator

from herentq.translation_options import options
from learning_tracks.models import Newsletter, Session, Theme, Track

translator.register(
    Track,
    options(
        Track,
        "title",
        "summary",
        "context",
        "objectives",
        "target_group",
        "process",
        "timing",
    ),
)
translator.register(Session, options(Session, "topic", "description"))
translator.register(Theme, options(Theme, "name", "description"))
translator.register(Newsletter, options(Newsletter, "subject", "body"))

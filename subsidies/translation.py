from modeltranslation.translator import translator

from herentq.translation_options import options
from subsidies.models import AttachmentRequirement, Call, Scheme

translator.register(
    Scheme,
    options(Scheme, "name", "summary", "description", "eligibility", "rules"),
)
translator.register(Call, options(Call, "title"))
translator.register(
    AttachmentRequirement, options(AttachmentRequirement, "name", "description")
)

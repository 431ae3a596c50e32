from modeltranslation.translator import translator

from herentq.translation_options import options
from partnerships.models import Agreement, Exchange, PartnerOrganisation, Partnership

translator.register(Partnership, options(Partnership, "title", "summary", "body"))
translator.register(Agreement, options(Agreement, "summary"))
translator.register(Exchange, options(Exchange, "title", "purpose", "report"))
translator.register(PartnerOrganisation, options(PartnerOrganisation, "role"))

from modeltranslation.translator import translator

from council.models import Council
from herentq.translation_options import options

# The council's own pages; minutes and advice stay in the language adopted (Dutch).
translator.register(Council, options(Council, "full_name", "description"))

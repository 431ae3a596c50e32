import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herentq.settings.production")

application = get_wsgi_application()

# What is loaded now lives as long as the worker: apps, models, the admin and
# (imported here rather than on the first request) the URL patterns and views.
# gc.freeze() takes it out of the garbage collector's reach, so the full
# collection that comes every few dozen requests scans what the requests made,
# not the ~140 000 objects of the framework too: that cost 50-100 ms on one
# request in twenty, which is where an admin page's 95th percentile lies.
import_module(settings.ROOT_URLCONF)
gc.freeze()

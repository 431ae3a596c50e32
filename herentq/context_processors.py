from django.utils.functional import SimpleLazyObject

from herentq.models import Notice, ServiceContact


def site(request):
    """Current notices and the service's contact details, on every page."""
    return {
        "current_notices": SimpleLazyObject(lambda: list(Notice.objects.current())),
        "service_contact": SimpleLazyObject(ServiceContact.objects.first),
    }

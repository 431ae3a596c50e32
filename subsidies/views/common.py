"""What the applicant's pages share: where to go back to, and the file the
user may see."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from subsidies import selectors
from subsidies.models import Application


def safe_next(request, default: str) -> str:
    """A path on this site to go back to; anything else gives `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")  # redirect() would take a word for a URL name
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        )
    ):
        return target
    return default


class ApplicationMixin(LoginRequiredMixin):
    """The file, only when it belongs to one of the user's organisations (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.application = selectors.application_for_user(
                request.user, kwargs["pk"]
            )
        except Application.DoesNotExist:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

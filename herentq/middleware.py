class PermissionsPolicyMiddleware:
    """Switch off browser features the portal never uses."""

    POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class StaffTwoFactorMiddleware:
    """Staff and the secretariat pass the second factor before any non-open page.

    When `HERENTQ_STAFF_MFA_REQUIRED` is on (production): without an activated TOTP
    authenticator they are sent to activate one; with one, but a session in which
    no code was given, they are asked for a code (see herentq.second_factor).
    The admin is checked by its path as well, whatever view answers there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from herentq.second_factor import is_open

        if is_open(view_func):
            return None
        return self._refusal(request)

    @staticmethod
    def _refusal(request):
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode
        from django.utils.translation import gettext as _

        from herentq import second_factor

        if not (
            second_factor.is_required()
            and second_factor.must_use_second_factor(request.user)
        ):
            return None
        if not second_factor.has_authenticator(request.user):
            messages.warning(
                request,
                _(
                    "Medewerkers gebruiken tweestapsverificatie. Activeer eerst een "
                    "authenticator-app; daarna opent deze pagina."
                ),
            )
            return redirect("mfa_activate_totp")
        if second_factor.passed_in_session(request):
            return None
        messages.info(
            request,
            _("Geef de code uit uw authenticator-app om verder te gaan."),
        )
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")

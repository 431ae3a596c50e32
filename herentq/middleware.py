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
    """Staff reach the admin only with a TOTP authenticator (when required).

    The admin's own login goes through allauth (see urls.py), which asks for the
    code of an activated authenticator; this middleware sends staff without one to
    the activation page first. `HERENTQ_STAFF_MFA_REQUIRED` is on in production.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        if (
            settings.HERENTQ_STAFF_MFA_REQUIRED
            and request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.is_staff
            and not _has_totp(request.user)
        ):
            from django.contrib import messages
            from django.shortcuts import redirect
            from django.utils.translation import gettext as _

            messages.warning(
                request,
                _(
                    "Medewerkers gebruiken tweestapsverificatie. Activeer eerst een "
                    "authenticator-app; daarna opent de back office."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()

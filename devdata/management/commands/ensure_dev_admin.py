from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from council import onboarding
from council import services as council_services
from council.constants import GROSH_SLUG
from council.models import CouncilMember
from herentq.constants import SERVICE_GROUP

# The demo council member whose account `make dev` prints (devdata/demo/council.py).
MEMBER_NAME = ("Lien", "Claes")
MEMBER_PASSWORD = "herentq-lid"


def _account(email: str, password: str, **flags):
    user, _ = get_user_model().objects.get_or_create(
        username=email.split("@")[0], defaults={"email": email}
    )
    for name, value in flags.items():
        setattr(user, name, value)
    user.email = email
    user.set_password(password)
    user.save()
    # allauth signs in by e-mail address, which must be verified.
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


class Command(BaseCommand):
    help = (
        "Create (or reset) the development admin account and a council member's "
        "account, and print their credentials."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default="herentq-admin")

    def handle(self, *args, username, password, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin only runs with DEBUG on.")
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@herent.be"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=SERVICE_GROUP))
        # allauth signs in by e-mail address, which must be verified.
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  e-mail: {user.email}  "
                f"password: {password}"
            )
        )
        self._council_member()

    def _council_member(self):
        """A demo member who accepted the secretariat's invitation, as anyone does."""
        first, last = MEMBER_NAME
        member = CouncilMember.objects.filter(
            council__slug=GROSH_SLUG, first_name=first, last_name=last
        ).first()
        if member is None:
            self.stdout.write("No demo council member: run load_demo_data first.")
            return
        user = _account(member.contact_email, MEMBER_PASSWORD)
        if (
            member.user_id != user.pk
            or member.access_ended_at
            or not member.accepted_at
        ):
            member = council_services.member_invite(member=member)
            council_services.member_accept_invitation(
                token=onboarding.make_token(member), user=user
            )
        self.stdout.write(
            self.style.SUCCESS(
                "GROSH member: http://127.0.0.1:8000/grosh/leden/  "
                f"e-mail: {user.email}  password: {MEMBER_PASSWORD}"
            )
        )

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from herentq.constants import SERVICE_GROUP


class Command(BaseCommand):
    help = "Create (or reset) the development admin account and print its credentials."

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

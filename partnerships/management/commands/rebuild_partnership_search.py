from django.core.management.base import BaseCommand

from partnerships import services
from partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Rebuild the search document of every partnership (after a bulk import or a "
        "renamed local authority; saves through the admin keep it up to date)."
    )

    def handle(self, *args, **options):
        ids = list(Partnership.objects.values_list("pk", flat=True))
        for partnership_id in ids:
            services.partnership_refresh_search(partnership_id=partnership_id)
        self.stdout.write(f"{len(ids)} partnerships indexed")

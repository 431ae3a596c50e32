"""Benchmark volume of the partnerships app (see `manage.py load_bench_data`).

At scale 1: 2 000 partnerships between Flemish local authorities and real places
abroad, each with its places, agreements (with action domains), SDGs, a partner
organisation, sometimes an exchange, and two photo albums of five photos (20 000
photos). Rows are complete and valid: the photos share a handful of rendition files
made once by the app's own pipeline (`images.make_renditions`) instead of 20 000
images, and the search document is built by `services.partnership_refresh_search`,
as a save in the admin would. Texts are generated and say they are examples.

Bench partnerships have slugs starting with "bench-"; a second run adds only the
ones that are missing (a larger scale adds the difference).
"""

import datetime as dt
import math
import random
from decimal import Decimal

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries

from devdata.bench import Target, batched, uncached_only
from devdata.demo.partnerships import placeholder_photo
from herentq.models import SDG, LocalAuthority
from partnerships import services
from partnerships.constants import (
    AgreementKind,
    DatePrecision,
    ExchangeDirection,
    PartnershipStatus,
    PlaceKind,
)
from partnerships.images import make_renditions
from partnerships.models import (
    ActionDomain,
    Agreement,
    Exchange,
    PartnerOrganisation,
    PartnerPlace,
    Partnership,
    Photo,
    PhotoAlbum,
)

PARTNERSHIPS = 2000
ALBUMS_PER_PARTNERSHIP = 2
PHOTOS_PER_ALBUM = 5
SLUG_PREFIX = "bench-"

# Flemish municipalities: (name, postcode, province).
AUTHORITIES = [
    ("Aalst", "9300", "Oost-Vlaanderen"),
    ("Aarschot", "3200", "Vlaams-Brabant"),
    ("Antwerpen", "2000", "Antwerpen"),
    ("Asse", "1730", "Vlaams-Brabant"),
    ("Beringen", "3580", "Limburg"),
    ("Bertem", "3060", "Vlaams-Brabant"),
    ("Bree", "3960", "Limburg"),
    ("Brugge", "8000", "West-Vlaanderen"),
    ("Deinze", "9800", "Oost-Vlaanderen"),
    ("Dendermonde", "9200", "Oost-Vlaanderen"),
    ("Diest", "3290", "Vlaams-Brabant"),
    ("Dilbeek", "1700", "Vlaams-Brabant"),
    ("Eeklo", "9900", "Oost-Vlaanderen"),
    ("Geel", "2440", "Antwerpen"),
    ("Gent", "9000", "Oost-Vlaanderen"),
    ("Grimbergen", "1850", "Vlaams-Brabant"),
    ("Haacht", "3150", "Vlaams-Brabant"),
    ("Halle", "1500", "Vlaams-Brabant"),
    ("Hasselt", "3500", "Limburg"),
    ("Heist-op-den-Berg", "2220", "Antwerpen"),
    ("Herentals", "2200", "Antwerpen"),
    ("Ieper", "8900", "West-Vlaanderen"),
    ("Izegem", "8870", "West-Vlaanderen"),
    ("Kapellen", "2950", "Antwerpen"),
    ("Knokke-Heist", "8300", "West-Vlaanderen"),
    ("Kortenberg", "3070", "Vlaams-Brabant"),
    ("Kortrijk", "8500", "West-Vlaanderen"),
    ("Leuven", "3000", "Vlaams-Brabant"),
    ("Lier", "2500", "Antwerpen"),
    ("Lokeren", "9160", "Oost-Vlaanderen"),
    ("Lommel", "3920", "Limburg"),
    ("Maasmechelen", "3630", "Limburg"),
    ("Mechelen", "2800", "Antwerpen"),
    ("Menen", "8930", "West-Vlaanderen"),
    ("Mol", "2400", "Antwerpen"),
    ("Mortsel", "2640", "Antwerpen"),
    ("Ninove", "9400", "Oost-Vlaanderen"),
    ("Oostende", "8400", "West-Vlaanderen"),
    ("Oudenaarde", "9700", "Oost-Vlaanderen"),
    ("Poperinge", "8970", "West-Vlaanderen"),
    ("Roeselare", "8800", "West-Vlaanderen"),
    ("Rotselaar", "3110", "Vlaams-Brabant"),
    ("Schoten", "2900", "Antwerpen"),
    ("Sint-Niklaas", "9100", "Oost-Vlaanderen"),
    ("Sint-Truiden", "3800", "Limburg"),
    ("Tielt", "8700", "West-Vlaanderen"),
    ("Tienen", "3300", "Vlaams-Brabant"),
    ("Tongeren", "3700", "Limburg"),
    ("Turnhout", "2300", "Antwerpen"),
    ("Vilvoorde", "1800", "Vlaams-Brabant"),
    ("Waregem", "8790", "West-Vlaanderen"),
    ("Wemmel", "1780", "Vlaams-Brabant"),
    ("Zaventem", "1930", "Vlaams-Brabant"),
    ("Zottegem", "9620", "Oost-Vlaanderen"),
]

# Places abroad: (name, larger area, country, latitude, longitude).
PLACES = [
    ("Bukavu", "Zuid-Kivu", "CD", "-2.50800", "28.86000"),
    ("Kinshasa", "", "CD", "-4.32200", "15.30700"),
    ("Lubumbashi", "Haut-Katanga", "CD", "-11.66400", "27.48300"),
    ("Kigali", "", "RW", "-1.94400", "30.06200"),
    ("Huye", "Zuidelijke Provincie", "RW", "-2.59600", "29.73900"),
    ("Bujumbura", "", "BI", "-3.38200", "29.36100"),
    ("Ouagadougou", "Centre", "BF", "12.37100", "-1.51900"),
    ("Bobo-Dioulasso", "Hauts-Bassins", "BF", "11.17700", "-4.29700"),
    ("Dakar", "", "SN", "14.69300", "-17.44700"),
    ("Saint-Louis", "", "SN", "16.02600", "-16.48900"),
    ("Bamako", "", "ML", "12.63900", "-8.00300"),
    ("Cotonou", "Littoral", "BJ", "6.36500", "2.41800"),
    ("Porto-Novo", "Ouémé", "BJ", "6.49700", "2.60500"),
    ("Lomé", "", "TG", "6.13700", "1.21200"),
    ("Kumasi", "Ashanti", "GH", "6.68800", "-1.62400"),
    ("Nairobi", "", "KE", "-1.29200", "36.82200"),
    ("Kisumu", "", "KE", "-0.09200", "34.76800"),
    ("Arusha", "", "TZ", "-3.38700", "36.68300"),
    ("Morogoro", "", "TZ", "-6.82100", "37.66100"),
    ("Maputo", "", "MZ", "-25.96900", "32.57300"),
    ("Durban", "KwaZoeloe-Natal", "ZA", "-29.85800", "31.02200"),
    ("Nador", "Oriental", "MA", "35.16800", "-2.93300"),
    ("Al Hoceima", "Tanger-Tétouan-Al Hoceïma", "MA", "35.24700", "-3.93200"),
    ("Tunis", "", "TN", "36.80600", "10.18100"),
    ("Cuenca", "Azuay", "EC", "-2.90000", "-79.00500"),
    ("Quito", "Pichincha", "EC", "-0.18100", "-78.46800"),
    ("Cusco", "", "PE", "-13.53200", "-71.96700"),
    ("Arequipa", "", "PE", "-16.40900", "-71.53700"),
    ("Cochabamba", "", "BO", "-17.38900", "-66.15600"),
    ("Sucre", "Chuquisaca", "BO", "-19.04800", "-65.26000"),
    ("León", "", "NI", "12.43500", "-86.87900"),
    ("Estelí", "", "NI", "13.09100", "-86.35400"),
    ("Quetzaltenango", "", "GT", "14.83400", "-91.51800"),
    ("Santa Tecla", "La Libertad", "SV", "13.67300", "-89.28000"),
    ("Recife", "Pernambuco", "BR", "-8.04700", "-34.87700"),
    ("Cebu", "Centraal-Visayas", "PH", "10.31600", "123.89100"),
    ("Huế", "", "VN", "16.46300", "107.59000"),
    ("Battambang", "", "KH", "13.09600", "103.20200"),
    ("Bethlehem", "Westelijke Jordaanoever", "PS", "31.70500", "35.20200"),
    ("Ramallah", "Westelijke Jordaanoever", "PS", "31.90400", "35.20400"),
    ("Paramaribo", "", "SR", "5.85200", "-55.20400"),
    ("Kathmandu", "", "NP", "27.71700", "85.32400"),
]

THEMES = [
    ("drinkwater en sanitair in de wijken", [6, 3]),
    ("onderwijs en beroepsopleiding voor jongeren", [4, 8]),
    ("de lokale gezondheidszorg", [3, 10]),
    ("afvalbeheer en een proper leefmilieu", [11, 12]),
    ("gendergelijkheid in het lokaal bestuur", [5, 16]),
    ("duurzame landbouw en voedselzekerheid", [2, 15]),
    ("de burgerlijke stand en bestuurskracht", [16, 17]),
    ("klimaatadaptatie en hernieuwbare energie", [7, 13]),
    ("cultuur, sport en uitwisseling tussen jongeren", [4, 10]),
]

AGREEMENT_KINDS = [
    AgreementKind.JUMELAGE,
    AgreementKind.DEVELOPMENT_COOPERATION,
    AgreementKind.COOPERATION_PROTOCOL,
    AgreementKind.COOPERATION_AGREEMENT,
    AgreementKind.FRATERNISATION,
]

PHOTO_MOTIFS = [
    ("hills", "groene heuvels onder een blauwe lucht met een gele zon"),
    ("village", "drie huisjes met rode daken aan de voet van een berg"),
    ("radio", "een zendmast van een radio op een heuvel bij avondrood"),
    ("desert", "een zandvlakte onder een oranje zon"),
]


def target_count(scale: float) -> int:
    return max(1, math.ceil(PARTNERSHIPS * scale))


def _authorities() -> list[LocalAuthority]:
    """The municipalities the bench partnerships start from (created if missing)."""
    existing = {
        authority.slug: authority
        for authority in LocalAuthority.objects.filter(
            slug__in=[slugify(name) for name, _postcode, _province in AUTHORITIES]
        )
    }
    missing = [
        LocalAuthority(name=name, slug=slugify(name), postcode=code, province=province)
        for name, code, province in AUTHORITIES
        if slugify(name) not in existing
    ]
    LocalAuthority.objects.bulk_create(missing)
    return list(
        LocalAuthority.objects.filter(
            slug__in=[slugify(name) for name, _code, _province in AUTHORITIES]
        ).order_by("name")
    )


def _specs(count: int, authorities: list[LocalAuthority]) -> list[dict]:
    """The same `count` partnerships on every run: authority × place, shuffled."""
    pairs = [(a, p) for a in range(len(authorities)) for p in range(len(PLACES))]
    random.Random(2016).shuffle(pairs)
    specs = []
    for index in range(count):
        authority_index, place_index = pairs[index % len(pairs)]
        authority = authorities[authority_index]
        place = PLACES[place_index]
        round_ = index // len(pairs)  # beyond all pairs, a later round of each
        suffix = f"-{round_ + 1}" if round_ else ""
        slug = f"{SLUG_PREFIX}{index:05d}-{slugify(authority.name)}-{slugify(place[0])}"
        specs.append(
            {
                "index": index,
                "slug": slug[:200],
                "authority": authority,
                "place": place,
                "title": f"{authority.name} – {place[0]}{suffix}",
            }
        )
    return specs


def _country_name(code: str) -> str:
    with translation.override("nl-be"):
        return str(countries.name(code))


def _partnership(spec: dict) -> Partnership:
    index = spec["index"]
    name, area, code, _lat, _lon = spec["place"]
    theme, _sdgs = THEMES[index % len(THEMES)]
    authority = spec["authority"].name
    if index % 20 == 7:
        status, published = PartnershipStatus.IN_PREPARATION, False
    elif index % 10 == 9:
        status, published = PartnershipStatus.ENDED, True
    else:
        status, published = PartnershipStatus.ACTIVE, True
    return Partnership(
        local_authority=spec["authority"],
        title=spec["title"],
        slug=spec["slug"],
        status=status,
        is_published=published,
        summary=(
            f"Voorbeeld: de stedenband tussen {authority} en {name} "
            f"({_country_name(code)}) werkt rond {theme}."
        ),
        body=(
            f"Voorbeeldtekst voor de belastingtest. {authority} en {name}"
            f"{f' ({area})' if area else ''} wisselen kennis en ervaring uit rond "
            f"{theme}, op basis van gelijkwaardigheid en wederkerigheid.\n\n"
            "Beide besturen stellen elk jaar samen een actieplan op; het "
            "middenveld en de scholen van beide gemeenten werken mee, en de "
            "adviesraad volgt het partnerschap op."
        ),
        contact_name="Dienst internationale samenwerking" if index % 3 == 0 else "",
        contact_email=(
            f"internationaal@{slugify(authority)}.example.be" if index % 3 == 0 else ""
        ),
    )


def _partial(year: int, index: int) -> tuple[dt.date, str]:
    precision = [DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY][index % 3]
    if precision == DatePrecision.YEAR:
        return dt.date(year, 1, 1), precision
    if precision == DatePrecision.MONTH:
        return dt.date(year, index % 12 + 1, 1), precision
    return dt.date(year, index % 12 + 1, index % 28 + 1), precision


def _rendition_files() -> list[dict]:
    """A few photos through the app's own pipeline; bench photos share their files."""
    files = []
    for number, (motif, description) in enumerate(PHOTO_MOTIFS, start=1):
        renditions = make_renditions(placeholder_photo(motif, number))
        fields = {}
        for field, rendition in renditions.items():
            fields[field] = default_storage.save(
                Photo._meta.get_field(field).generate_filename(None, "photo.jpg"),
                rendition.content,
            )
            fields[f"{field}_width"] = rendition.width
            fields[f"{field}_height"] = rendition.height
        files.append({"fields": fields, "description": description})
    return files


def load(*, scale: float) -> None:
    _load(scale=scale)
    # Bulk inserts send no signals: what is built from the data is built again.
    services.data_changed()


def _load(*, scale: float) -> None:
    authorities = _authorities()
    specs = _specs(target_count(scale), authorities)
    existing = set(
        Partnership.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "slug", flat=True
        )
    )
    specs = [spec for spec in specs if spec["slug"] not in existing]
    if not specs:
        return
    domains = list(ActionDomain.objects.order_by("slug"))
    sdgs = {sdg.number: sdg for sdg in SDG.objects.all()}
    files = _rendition_files()

    partnerships = [_partnership(spec) for spec in specs]
    for batch in batched(partnerships, 1000):
        Partnership.objects.bulk_create(batch)

    places, organisations, exchanges, albums = [], [], [], []
    agreements, partnership_domains, partnership_sdgs = [], [], []
    for spec, partnership in zip(specs, partnerships, strict=True):
        index = spec["index"]
        name, area, code, lat, lon = spec["place"]
        places.append(
            PartnerPlace(
                partnership=partnership,
                name=name,
                kind=PlaceKind.CITY,
                area=area,
                country=code,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                position=1,
            )
        )
        organisations.append(
            PartnerOrganisation(
                partnership=partnership,
                name=f"Gemeentebestuur van {name}",
                role="partnerbestuur (voorbeeld)",
                position=1,
            )
        )
        year = 1985 + index % 33  # the renewal six years later is past too
        for number in range(1 + index % 2):
            signed_on, precision = _partial(year + 6 * number, index + number)
            agreements.append(
                Agreement(
                    partnership=partnership,
                    kind=AGREEMENT_KINDS[(index + number) % len(AGREEMENT_KINDS)],
                    signed_on=signed_on,
                    signed_on_precision=precision,
                    signed_at=spec["authority"].name if number == 0 else name,
                    summary=(
                        "Voorbeeld: de partners leggen hun samenwerking en de "
                        "jaarlijkse opvolging vast."
                    ),
                )
            )
        if index % 3 == 0:
            starts = dt.date(2010 + index % 14, index % 12 + 1, 1)
            exchanges.append(
                Exchange(
                    partnership=partnership,
                    direction=[
                        ExchangeDirection.NORTH_SOUTH,
                        ExchangeDirection.SOUTH_NORTH,
                    ][index % 2],
                    title=f"Voorbeeld: werkbezoek {starts.year}",
                    starts_on=starts,
                    starts_on_precision=DatePrecision.MONTH,
                    travellers="Voorbeeld: een schepen en twee medewerkers.",
                    purpose="Voorbeeld: het actieplan van het jaar opvolgen.",
                )
            )
        for position in range(1, ALBUMS_PER_PARTNERSHIP + 1):
            albums.append(
                PhotoAlbum(
                    partnership=partnership,
                    title=f"{name} {2012 + (index + position) % 12} (voorbeeld)",
                    description="Voorbeeldafbeeldingen voor de belastingtest.",
                    position=position,
                )
            )
        for offset in range(3):
            domain = domains[(index + 5 * offset) % len(domains)]
            partnership_domains.append(
                Partnership.domains.through(
                    partnership_id=partnership.pk, actiondomain_id=domain.pk
                )
            )
        numbers = THEMES[index % len(THEMES)][1] + [17]
        for number in dict.fromkeys(numbers):
            partnership_sdgs.append(
                Partnership.sdgs.through(
                    partnership_id=partnership.pk, sdg_id=sdgs[number].pk
                )
            )

    for rows in (places, organisations, exchanges, albums, agreements):
        for batch in batched(rows, 5000):
            type(batch[0]).objects.bulk_create(batch)
    for rows in (partnership_domains, partnership_sdgs):
        for batch in batched(rows, 5000):
            type(batch[0]).objects.bulk_create(batch)
    agreement_domains = [
        Agreement.domains.through(
            agreement_id=agreement.pk,
            actiondomain_id=domains[agreement.pk % len(domains)].pk,
        )
        for agreement in agreements
    ]
    for batch in batched(agreement_domains, 5000):
        Agreement.domains.through.objects.bulk_create(batch)

    photos = []
    for album in albums:
        for position in range(1, PHOTOS_PER_ALBUM + 1):
            file = files[(album.pk + position) % len(files)]
            photos.append(
                Photo(
                    album=album,
                    **file["fields"],
                    alt_text=(
                        f"Voorbeeldafbeelding (geen echte foto): {file['description']}."
                    ),
                    caption=f"Voorbeeldfoto {position} van het album.",
                    credit="HerentQ-belastingtest",
                    position=position,
                )
            )
    for batch in batched(photos, 5000):
        Photo.objects.bulk_create(batch)

    for partnership in partnerships:
        services.partnership_refresh_search(partnership_id=partnership.pk)


def volume() -> dict[str, int]:
    return {
        "partnerships": Partnership.objects.count(),
        "photos": Photo.objects.count(),
    }


HERENT_SLUG = "herent-nimlahakok-nimlasachal"


def targets() -> list[Target]:
    return [
        Target("partnerschappen: lijst", reverse("partnerships:list")),
        Target(
            "partnerschap: detail",
            reverse("partnerships:detail", args=[HERENT_SLUG]),
        ),
        Target(
            "partnerschappen: zoeken",
            reverse("partnerships:list") + "?zoek=onderwijs",
        ),
        # A different search on every request: what the page cache never has.
        uncached_only(
            Target(
                "partnerschappen: zoeken (wisselend)",
                reverse("partnerships:list"),
                vary="zoek",
            )
        ),
        uncached_only(
            Target(
                "open data: CSV",
                reverse("partnerships:export_csv"),
                kind="download",
            )
        ),
        uncached_only(
            Target(
                "open data: JSON",
                reverse("partnerships:export_json"),
                kind="download",
            )
        ),
        uncached_only(
            Target(
                "admin: partnerschappen",
                reverse("admin:partnerships_partnership_changelist"),
                kind="admin",
            )
        ),
        *_change_form(),
    ]


def _change_form() -> list[Target]:
    partnership = Partnership.objects.filter(slug=HERENT_SLUG).first()
    if partnership is None:
        return []
    path = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    return [uncached_only(Target("admin: partnerschap wijzigen", path, kind="admin"))]

"""Demo data of the partnerships app (the facts are in docs/domain.md).

Facts come from the municipalities' own pages: the partnerships, their places, agreement kinds, dates and
domains, the Palestine network. Coordinates, the larger areas not named there
and the SDG links are general knowledge or the service's reading of the domains.
Exchanges and photos that those pages do not describe are examples, and say so in
their text. Photos are drawn with Pillow, never downloaded.

Idempotent: every row is found by a natural key and only saved when it differs.
"""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from devdata.demo import upsert
from herentq.models import SDG, LocalAuthority, NewsItem
from partnerships import services
from partnerships.constants import (
    AgreementKind,
    DatePrecision,
    ExchangeDirection,
    PartnershipStatus,
    PlaceKind,
)
from partnerships.models import (
    ActionDomain,
    Agreement,
    Exchange,
    Network,
    NetworkMembership,
    PartnerOrganisation,
    PartnerPlace,
    Partnership,
    PhotoAlbum,
)

DOMAINS = {
    "gezondheid": "Gezondheid",
    "onderwijs": "Onderwijs en vorming",
    "beroepsopleiding": "Beroepsopleiding",
    "sociale-actie": "Sociale actie",
    "sociaal-werk": "Sociaal werk",
    "sociale-economie": "Sociale economie en microkrediet",
    "economie": "Economie",
    "kunst": "Kunst",
    "cultuur": "Cultuur",
    "sport": "Sport",
    "leefmilieu": "Leefmilieu",
    "mobiliteit": "Mobiliteit",
    "toerisme": "Toerisme",
    "burgerlijke-stand": "Burgerlijke stand",
    "gendergelijkheid": "Gendergelijkheid",
    "duurzaamheid": "Duurzaamheid",
    "bestuurskracht": "Bestuurskracht",
    "media": "Media en gemeenschapsradio",
}

SINT_JOOST_CONTACT = {
    "contact_name": "Khalid Charef",
    "contact_service": "Internationale betrekkingen & Samenwerking",
    "contact_address": "Sterrekundelaan 12\n1210 Brussel",
}
NO_CONTACT = dict.fromkeys(SINT_JOOST_CONTACT, "")

SINT_JOOST_BODY = (
    "De gemeente Sint-Joost-ten-Node is een gemeente waar meer dan 125 "
    "nationaliteiten samenleven, een soort van wereldlaboratorium van de "
    "Noord-Zuidrelaties verzameld op haar 1 km². Als kleinste gemeente met het "
    "laagste inkomen per inwoner in België wil Sint-Joost een belangrijke rol spelen "
    "op het vlak van internationale solidariteit, om kennis, ervaringen en knowhow "
    "uit te wisselen in tal van domeinen van het lokale leven (dienstverlening aan de "
    "bevolking, netheid, cultuur, mobiliteit, ...).\n\n"
    "De doelstelling is om te strijden tegen kansarmoede door de versterking van de "
    "instellingen van de landen van het Zuiden."
)

JUMELAGE_2014 = (
    "De twee entiteiten komen overeen om gezamenlijke inspanningen te leveren, op "
    "basis van gelijkheid en wederkerigheid, met het oog op de bevordering van innige "
    "contacten tussen de inwoners alsook de uitwisseling van goede praktijken en "
    "ervaring voor wat betreft de toekomstige ontwikkeling van de twee gemeenten op "
    "het vlak van gezondheid, sociaal werk, economie, opvoeding, kunst, cultuur, "
    "sport, leefmilieu en mobiliteit."
)
JUMELAGE_2014_DOMAINS = [
    "gezondheid",
    "sociaal-werk",
    "economie",
    "onderwijs",
    "kunst",
    "cultuur",
    "sport",
    "leefmilieu",
    "mobiliteit",
]

STEDENBAND_BODY = (
    "In het project De Stedenband ontwikkel(t)(d) zijn drie stedenbanden betrokken: "
    "Brasschaat - Tarija in Bolivia, Edegem - San Jerónimo in Peru en Herent - "
    "Nimlaha'kok in Guatemala. Ze doen dienst als proeftuinen om diepgaand aan de "
    "slag te gaan met de SDG's in een wederkerige dialoog, in beide "
    "partnergemeenten en binnen een mondiaal netwerk. De opgedane kennis en ervaring "
    "wordt gedeeld met de andere stedenbanden via de fora die de VVSG opzet.\n\n"
    "De VVSG coördineert; Levuur en Cimic vzw ondersteunen het proces om tot een "
    "open en brede participatieve dialoog te komen in een interculturele context. "
    "Het is een traject van 36 maanden, met steun van een federaal programma."
)
STEDENBAND_ORGANISATIONS = [
    ("VVSG", "coördineert het project De Stedenband ontwikkel(t)(d)"),
    ("Cimic vzw", "begeleidt de participatieve, interculturele dialoog"),
    ("Levuur", "begeleidt de participatieve, interculturele dialoog"),
]


def _place(name, kind, country, lat, lon, area="", other_names=""):
    return {
        "name": name,
        "kind": kind,
        "area": area,
        "other_names": other_names,
        "country": country,
        "latitude": Decimal(lat),
        "longitude": Decimal(lon),
    }


PARTNERSHIPS = [
    {
        "slug": "herent-nimlahakok-nimlasachal",
        "authority": "herent",
        "title": "Herent – Nimlaha'kok en Nimlasachal",
        "summary": (
            "De bestuurlijke band tussen Herent en twee regio's van de stad Cobán in "
            "Alta Verapaz, Guatemala: Nimlaha'kok en Nimlasachal. Herent werkt er "
            "vooral met de inheemse Maya-Q'eqchi'-leiders en hun lokale organisaties."
        ),
        "body": (
            "De dienst lokaal mondiaal beleid werkt de bestuurlijke band uit tussen "
            "Herent en twee regio's van de stad Cobán, Alta Verapaz, Guatemala: de "
            "regio's Nimlaha'kok en Nimlasachal. We werken er vooral met de inheemse "
            "Maya-Q'eqchi'-leiders en hun lokale organisaties. We ondersteunen er een "
            "lokale gemeenschapsradio en we zoeken mee naar vormingsprogramma's op "
            "maat van de regio's. Gendergelijkheid en duurzaamheid staan voorop.\n\n"
            "Zo af en toe zijn er uitwisselingen, van Noord naar Zuid en omgekeerd.\n\n"
            "Herent - Nimlaha'kok is een van de drie proeftuinen van het project De "
            "Stedenband ontwikkel(t)(d), dat de stedenband richting de SDG's bijstuurt: "
            "samenwerken aan de SDG's in beide partnergemeenten, in een wederkerige "
            "dialoog."
        ),
        "places": [
            _place(
                "Nimlaha'kok",
                PlaceKind.REGION,
                "GT",
                "15.52000",
                "-90.30000",
                "Cobán, Alta Verapaz",
            ),
            _place(
                "Nimlasachal",
                PlaceKind.REGION,
                "GT",
                "15.58000",
                "-90.42000",
                "Cobán, Alta Verapaz",
            ),
        ],
        "domains": ["onderwijs", "media", "gendergelijkheid", "duurzaamheid"],
        "sdgs": [4, 5, 13, 16, 17],
        "organisations": [
            (
                "Maya-Q'eqchi'-leiders en hun lokale organisaties",
                "de partners van Herent in Nimlaha'kok en Nimlasachal",
            ),
            ("Lokale gemeenschapsradio", "ondersteund door Herent"),
            *STEDENBAND_ORGANISATIONS,
        ],
        "news": ["stedenband-ontwikkeltd"],
        "contact": NO_CONTACT,
        "agreements": [],
        "exchanges": [
            {
                "title": "Voorbeeld: werkbezoek aan Nimlaha'kok en Nimlasachal",
                "direction": ExchangeDirection.NORTH_SOUTH,
                "starts": (dt.date(2023, 5, 8), DatePrecision.DAY),
                "ends": (dt.date(2023, 5, 19), DatePrecision.DAY),
                "travellers": (
                    "Voorbeeld: de schepen voor ontwikkelingssamenwerking, een "
                    "medewerker van de dienst lokaal mondiaal beleid en twee leden van "
                    "de GROSH."
                ),
                "purpose": (
                    "Voorbeeld: met de Maya-Q'eqchi'-leiders de vormingsprogramma's op "
                    "maat van de regio's bespreken en de gemeenschapsradio bezoeken."
                ),
                "report": (
                    "Voorbeeld van een kort verslag: de delegatie sprak met de "
                    "leidersorganisaties over gendergelijkheid in de "
                    "vormingsprogramma's en nam deel aan een uitzending van de "
                    "gemeenschapsradio."
                ),
            },
            {
                "title": "Voorbeeld: bezoek van Maya-Q'eqchi'-leiders aan Herent",
                "direction": ExchangeDirection.SOUTH_NORTH,
                "starts": (dt.date(2023, 10, 1), DatePrecision.MONTH),
                "ends": None,
                "travellers": "Voorbeeld: twee leiders uit Nimlaha'kok en Nimlasachal.",
                "purpose": (
                    "Voorbeeld: getuigen in Herentse scholen en met de GROSH de "
                    "SDG-werking van de stedenband evalueren."
                ),
                "report": "",
            },
        ],
        "albums": [
            {
                "title": "Nimlaha'kok en Nimlasachal (voorbeeldfoto's)",
                "description": (
                    "Voorbeeldafbeeldingen, getekend voor de demo: geen echte foto's."
                ),
                "photos": [
                    ("hills", "groene heuvels onder een blauwe lucht met een gele zon"),
                    ("village", "drie huisjes met rode daken aan de voet van een berg"),
                    ("radio", "een zendmast van een radio op een heuvel bij avondrood"),
                ],
            }
        ],
    },
    {
        "slug": "brasschaat-tarija",
        "authority": "brasschaat",
        "title": "Brasschaat – Tarija",
        "summary": (
            "Een van de drie stedenbanden die in het project De Stedenband "
            "ontwikkel(t)(d) als proeftuin met de SDG's aan de slag gaan."
        ),
        "body": STEDENBAND_BODY,
        "places": [
            _place(
                "Tarija",
                PlaceKind.CITY,
                "BO",
                "-21.53550",
                "-64.72960",
                "departement Tarija",
            )
        ],
        "domains": ["duurzaamheid"],
        "sdgs": [11, 17],
        "organisations": STEDENBAND_ORGANISATIONS,
        "news": ["stedenband-ontwikkeltd"],
        "contact": NO_CONTACT,
        "agreements": [],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "edegem-san-jeronimo",
        "authority": "edegem",
        "title": "Edegem – San Jerónimo",
        "summary": (
            "Een van de drie stedenbanden die in het project De Stedenband "
            "ontwikkel(t)(d) als proeftuin met de SDG's aan de slag gaan."
        ),
        "body": STEDENBAND_BODY,
        "places": [
            _place(
                "San Jerónimo",
                PlaceKind.DISTRICT,
                "PE",
                "-13.54470",
                "-71.88470",
                "Cusco",
            )
        ],
        "domains": ["duurzaamheid"],
        "sdgs": [11, 17],
        "organisations": STEDENBAND_ORGANISATIONS,
        "news": ["stedenband-ontwikkeltd"],
        "contact": NO_CONTACT,
        "agreements": [],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "sint-joost-regio-oriental",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – Regio Oriental",
        "summary": (
            "Gedecentraliseerde samenwerking met de landelijke gemeente Bni Mathar, de "
            "stedelijke gemeente Aïn Beni Mathar en de Provincie Jerada in de Regio "
            "Oriental (Marokko), rond sociaal beleid."
        ),
        "body": SINT_JOOST_BODY,
        "places": [
            _place(
                "Bni Mathar",
                PlaceKind.MUNICIPALITY,
                "MA",
                "33.95000",
                "-2.10000",
                "Provincie Jerada, Regio Oriental",
            ),
            _place(
                "Aïn Beni Mathar",
                PlaceKind.MUNICIPALITY,
                "MA",
                "34.00970",
                "-2.02470",
                "Provincie Jerada, Regio Oriental",
            ),
            _place(
                "Provincie Jerada",
                PlaceKind.PROVINCE,
                "MA",
                "34.31170",
                "-2.16360",
                "Regio Oriental",
            ),
        ],
        "domains": [
            "sociale-actie",
            "bestuurskracht",
            "onderwijs",
            "gezondheid",
            "beroepsopleiding",
            "cultuur",
            "gendergelijkheid",
        ],
        "sdgs": [1, 3, 4, 5, 10, 16],
        "organisations": [],
        "news": [],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.DEVELOPMENT_COOPERATION,
                "signed": (dt.date(2011, 1, 1), DatePrecision.YEAR),
                "signed_at": "",
                "domains": [
                    "sociale-actie",
                    "bestuurskracht",
                    "onderwijs",
                    "gezondheid",
                    "beroepsopleiding",
                    "cultuur",
                    "gendergelijkheid",
                ],
                "summary": (
                    "Overeenkomst van Ontwikkelingssamenwerking met 3 politieke "
                    "partners. Actiedomeinen: sociale beleidsvoeringen.\n\n"
                    "- Oprichting van een dienst Sociale Actie.\n"
                    "- Ontwikkeling van een coördinatie van de lokale actoren "
                    "(verkozenen, ambtenaren en verenigingen).\n"
                    "- Versterking van de bevoegdheden in sociale actie: opvoeding, "
                    "gezondheid, beroepsopleidingen, uitrusting van een cultureel "
                    "centrum en een bibliotheek, sensibilisering rond emancipatie van "
                    "vrouwen, kook- en naaiworkshops, opleidingen voor verkozenen en "
                    "ambtenaren, een gemeentelijk ontwikkelingsplan, "
                    "uitwisselingsbezoeken, schoolhulp (bibliotheek, boeken, lessen, "
                    "speelplaatsen, informatica-uitrusting, schoolvervoer) en "
                    "platformen in Marokko en in België."
                ),
            }
        ],
        "exchanges": [],
        "albums": [
            {
                "title": "Regio Oriental (voorbeeldfoto's)",
                "description": (
                    "Voorbeeldafbeeldingen, getekend voor de demo: geen echte foto's."
                ),
                "photos": [
                    (
                        "desert",
                        "een zandkleurige vlakte met een oranje zon laag aan de hemel",
                    ),
                    ("village", "drie huisjes met rode daken aan de voet van een berg"),
                ],
            }
        ],
    },
    {
        "slug": "sint-joost-tanger",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – Tanger",
        "summary": (
            "Jumelage met de stad Tanger (Marokko) sinds 2014: uitwisseling van goede "
            "praktijken op basis van gelijkheid en wederkerigheid."
        ),
        "body": SINT_JOOST_BODY,
        "places": [
            _place(
                "Tanger",
                PlaceKind.CITY,
                "MA",
                "35.75950",
                "-5.83400",
                other_names="Tangier, Tánger, Tanja, طنجة",
            ),
        ],
        "domains": JUMELAGE_2014_DOMAINS,
        "sdgs": [3, 4, 8, 11],
        "organisations": [],
        "news": [],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.JUMELAGE,
                "signed": (dt.date(2014, 1, 1), DatePrecision.YEAR),
                "signed_at": "",
                "domains": JUMELAGE_2014_DOMAINS,
                "summary": JUMELAGE_2014,
            }
        ],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "sint-joost-eskisehir",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – Eskişehir",
        "summary": (
            "Jumelage met de stad Eskişehir (Turkije) sinds 2014: uitwisseling van "
            "goede praktijken op basis van gelijkheid en wederkerigheid."
        ),
        "body": SINT_JOOST_BODY,
        "places": [
            _place("Eskişehir", PlaceKind.CITY, "TR", "39.77670", "30.52060"),
        ],
        "domains": JUMELAGE_2014_DOMAINS,
        "sdgs": [3, 4, 8, 11],
        "organisations": [],
        "news": [],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.JUMELAGE,
                "signed": (dt.date(2014, 1, 1), DatePrecision.YEAR),
                "signed_at": "",
                "domains": JUMELAGE_2014_DOMAINS,
                "summary": JUMELAGE_2014,
            }
        ],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "sint-joost-binalonan",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – Binalonan",
        "summary": (
            "Ontwikkelingssamenwerking met de stad Binalonan in de provincie "
            "Pangasinan (Filipijnen) sinds 2015: strijd tegen kansarmoede."
        ),
        "body": SINT_JOOST_BODY,
        "places": [
            _place(
                "Binalonan",
                PlaceKind.CITY,
                "PH",
                "16.04860",
                "120.59420",
                "Provincie Pangasinan",
            ),
        ],
        "domains": ["sociale-economie", "onderwijs", "gezondheid"],
        "sdgs": [1, 3, 4, 8],
        "organisations": [],
        "news": [],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.DEVELOPMENT_COOPERATION,
                "signed": (dt.date(2015, 1, 1), DatePrecision.YEAR),
                "signed_at": "",
                "domains": ["sociale-economie", "onderwijs", "gezondheid"],
                "summary": (
                    "Actiedomeinen: socio-economische beleidsvoeringen. Strijd tegen "
                    "kansarmoede door acties van sociale economie, educatie en "
                    "gezondheid (mobiele kraampjes, informatica-uitrusting, steun aan "
                    "de verenigingen door microkredieten, bibliotheek ...)."
                ),
            }
        ],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "sint-joost-al-aizaria",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – Al Aizaria",
        "summary": (
            "Samenwerkingsprotocol met de stad Al Aizaria in de regio Oost-Jeruzalem "
            "(Palestina) sinds 2017: transversale sociale actie."
        ),
        "body": SINT_JOOST_BODY,
        "places": [
            _place(
                "Al Aizaria",
                PlaceKind.CITY,
                "PS",
                "31.77100",
                "35.26300",
                "Regio Oost-Jeruzalem",
            ),
        ],
        "domains": ["sociale-actie", "economie", "cultuur", "sport"],
        "sdgs": [10, 16, 17],
        "organisations": [],
        "news": [],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.COOPERATION_PROTOCOL,
                "signed": (dt.date(2017, 1, 1), DatePrecision.YEAR),
                "signed_at": "",
                "domains": ["sociale-actie", "economie", "cultuur", "sport"],
                "summary": (
                    "De partners verbinden zich ertoe hun inspanningen voor "
                    "samenwerking te bundelen in één of meer actiedomeinen die als "
                    "prioritair worden beschouwd. Het doel is sociale acties tot stand "
                    "te brengen op een transversale manier, die tegelijk betrekking "
                    "kunnen hebben op economie, cultuur, sport, enz."
                ),
            }
        ],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "sint-joost-kardzjali",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – Kardzjali",
        "summary": (
            "Samenwerkingsakkoord met de gemeente Kardzjali (Bulgarije), ondertekend "
            "op 7 mei 2019 in Sint-Joost-ten-Node: samenwerking inzake burgerlijke stand."
        ),
        "body": SINT_JOOST_BODY,
        "places": [
            _place("Kardzjali", PlaceKind.MUNICIPALITY, "BG", "41.65000", "25.36670"),
        ],
        "domains": ["burgerlijke-stand"],
        "sdgs": [16],
        "organisations": [],
        "news": [],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.COOPERATION_AGREEMENT,
                "signed": (dt.date(2019, 5, 7), DatePrecision.DAY),
                "signed_at": "Sint-Joost-ten-Node",
                "domains": ["burgerlijke-stand"],
                "summary": (
                    "De partners verbinden zich ertoe hun samenwerkingsinspanningen te "
                    "verenigen in hun respectieve bevoegdheidsdomeinen, met name inzake "
                    "burgerlijke stand, om de administratieve formaliteiten en het "
                    "verkrijgen van documenten door hun staatsburgers te "
                    "vergemakkelijken."
                ),
            }
        ],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "sint-joost-boekarest-5de-district",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – 5de District van Boekarest",
        "summary": (
            "Jumelageprotocol met het 5de District van de gemeente Boekarest "
            "(Roemenië), ondertekend in maart 2018."
        ),
        "body": SINT_JOOST_BODY,
        "places": [
            _place(
                "5de District",
                PlaceKind.DISTRICT,
                "RO",
                "44.40000",
                "26.07000",
                "Boekarest",
                other_names="Sectorul 5, București, Bucharest, Bucarest, Bukarest",
            ),
        ],
        "domains": ["economie", "toerisme", "cultuur", "sport", "onderwijs"],
        "sdgs": [4, 8, 11],
        "organisations": [],
        "news": [],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.JUMELAGE_PROTOCOL,
                "signed": (dt.date(2018, 3, 1), DatePrecision.MONTH),
                "signed_at": "",
                "domains": ["economie", "toerisme", "cultuur", "sport", "onderwijs"],
                "summary": (
                    "De doelstellingen van dit protocol zijn meer bepaald economische "
                    "ontwikkeling, promotie van het toerisme en culturele, sportieve "
                    "en educatieve uitwisselingen."
                ),
            }
        ],
        "exchanges": [],
        "albums": [],
    },
    {
        "slug": "sint-joost-selembao",
        "authority": "sint-joost-ten-node",
        "title": "Sint-Joost-ten-Node – Selembao",
        "summary": (
            "Verbroedering met de gemeente Selembao (Democratische Republiek Congo), "
            "officieel gemaakt na een verkennende missie in oktober 2019."
        ),
        "body": (
            SINT_JOOST_BODY + "\n\nDe verbroedering met Selembao vervolledigt de "
            "zeven internationale partnerschappen van Sint-Joost met de stad Tanger, "
            "de regio Oriental, de stad Eskişehir, de stad Binalonan, de stad Al "
            "Aizaria, de stad Kardzjali en het 5de district van de gemeente Boekarest."
        ),
        "places": [
            _place(
                "Selembao",
                PlaceKind.MUNICIPALITY,
                "CD",
                "-4.36670",
                "15.28330",
                "Kinshasa",
            ),
        ],
        "domains": [],
        "sdgs": [17],
        "organisations": [],
        "news": ["verbroedering-sint-joost-selembao"],
        "contact": SINT_JOOST_CONTACT,
        "agreements": [
            {
                "kind": AgreementKind.FRATERNISATION,
                "signed": None,
                "signed_at": "",
                "domains": [],
                "summary": (
                    "De gemeentelijke autoriteiten maakten de verbroedering met de "
                    "gemeente Selembao officieel na de verkennende missie van oktober "
                    "2019. De bron geeft de datum van ondertekening niet."
                ),
            }
        ],
        "exchanges": [
            {
                "title": "Verkennende missie naar Selembao",
                "direction": ExchangeDirection.NORTH_SOUTH,
                "starts": (dt.date(2019, 10, 1), DatePrecision.MONTH),
                "ends": None,
                "travellers": (
                    "Burgemeester Emir Kir en Dorah Ilunga, schepen van "
                    "Internationale Betrekkingen."
                ),
                "purpose": (
                    "Potentiële partners ontmoeten en de prioriteiten voor de "
                    "intercommunale samenwerking bepalen."
                ),
                "report": "De missie leidde tot de officiële verbroedering met Selembao.",
            }
        ],
        "albums": [],
    },
]

NETWORKS = [
    {
        "slug": "belgische-lokale-overheden-voor-palestina",
        "name": "Netwerk van de Belgische lokale overheden voor Palestina",
        "description": (
            "Dit netwerk heeft tot doel de gedecentraliseerde samenwerking met "
            "Palestina te verbeteren via uitwisselingen van bekwaamheden, goede "
            "praktijken en ervaring, maar ook gezamenlijke projecten tot stand te "
            "brengen tussen Belgische en Europese lokale overheden."
        ),
        "members": [("sint-joost-ten-node", (dt.date(2014, 1, 1), "year"), "")],
    },
    {
        "slug": "alda",
        "name": "ALDA - European Association for Local Democracy",
        "description": "Een Europees netwerk van lokale besturen.",
        "members": [
            (
                "sint-joost-ten-node",
                None,
                "Een van de Europese netwerken waarvan Sint-Joost deel uitmaakt, "
                "naast onder meer LU DEN, Liaison Europe en Infos Day.",
            )
        ],
    },
]


def placeholder_photo(motif: str, number: int) -> ContentFile:
    """A drawn landscape, so the demo never downloads an image."""
    width, height = 1600, 1000
    skies = {
        "hills": ((110, 170, 230), (200, 230, 250)),
        "village": ((140, 180, 220), (230, 240, 250)),
        "radio": ((120, 60, 110), (250, 150, 90)),
        "desert": ((150, 190, 230), (250, 225, 180)),
    }
    top, bottom = skies[motif]
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(
                round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)
            ),
        )
    sun = (1250, 220) if motif != "desert" else (1200, 560)
    sun_colour = (250, 210, 60) if motif != "desert" else (245, 140, 40)
    draw.ellipse([sun[0] - 90, sun[1] - 90, sun[0] + 90, sun[1] + 90], fill=sun_colour)
    if motif == "desert":
        draw.rectangle([0, 620, width, height], fill=(222, 190, 130))
    else:
        draw.polygon(
            [
                (0, 700),
                (300, 420),
                (620, 650),
                (900, 380),
                (1250, 640),
                (1600, 470),
                (1600, 1000),
                (0, 1000),
            ],
            fill=(60, 130, 70),
        )
        draw.polygon(
            [(0, 820), (500, 640), (1000, 800), (1600, 660), (1600, 1000), (0, 1000)],
            fill=(90, 160, 80),
        )
    if motif == "village":
        for x in (450, 700, 950):
            draw.rectangle([x, 760, x + 180, 900], fill=(240, 230, 210))
            draw.polygon(
                [(x - 20, 760), (x + 90, 670), (x + 200, 760)], fill=(180, 50, 40)
            )
    if motif == "radio":
        draw.line([(820, 380), (820, 120)], fill=(40, 40, 40), width=14)
        draw.line([(760, 380), (820, 120), (880, 380)], fill=(40, 40, 40), width=8)
    draw.rectangle([40, 40, 560, 130], fill=(255, 255, 255))
    draw.text((60, 60), f"VOORBEELDFOTO {number}", fill=(0, 0, 0), font_size=48)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"voorbeeld-{motif}-{number}.jpg")


def _partial(value):
    if value is None:
        return None, ""
    date, precision = value
    return date, precision


def _load_partnership(spec, domains, sdgs, news):
    authority = LocalAuthority.objects.get(slug=spec["authority"])
    partnership = upsert(
        Partnership,
        slug=spec["slug"],
        defaults={
            "local_authority": authority,
            "title": spec["title"],
            "summary": spec["summary"],
            "body": spec["body"],
            "status": PartnershipStatus.ACTIVE,
            "is_published": True,
            **spec["contact"],
        },
    )
    partnership.domains.set([domains[slug] for slug in spec["domains"]])
    partnership.sdgs.set([sdgs[number] for number in spec["sdgs"]])
    partnership.news_items.set([news[slug] for slug in spec["news"] if slug in news])

    for position, place in enumerate(spec["places"], start=1):
        upsert(
            PartnerPlace,
            partnership=partnership,
            name=place["name"],
            defaults={
                **{k: v for k, v in place.items() if k != "name"},
                "position": position,
            },
        )
    for position, (name, role) in enumerate(spec["organisations"], start=1):
        upsert(
            PartnerOrganisation,
            partnership=partnership,
            name=name,
            defaults={"role": role, "position": position},
        )
    for item in spec["agreements"]:
        signed_on, signed_precision = _partial(item["signed"])
        agreement = upsert(
            Agreement,
            partnership=partnership,
            kind=item["kind"],
            defaults={
                "signed_on": signed_on,
                "signed_on_precision": signed_precision,
                "signed_at": item["signed_at"],
                "summary": item["summary"],
            },
        )
        agreement.domains.set([domains[slug] for slug in item["domains"]])
    for item in spec["exchanges"]:
        starts_on, starts_precision = _partial(item["starts"])
        ends_on, ends_precision = _partial(item["ends"])
        upsert(
            Exchange,
            partnership=partnership,
            title=item["title"],
            defaults={
                "direction": item["direction"],
                "starts_on": starts_on,
                "starts_on_precision": starts_precision,
                "ends_on": ends_on,
                "ends_on_precision": ends_precision,
                "travellers": item["travellers"],
                "purpose": item["purpose"],
                "report": item["report"],
            },
        )
    for position, item in enumerate(spec["albums"], start=1):
        album = upsert(
            PhotoAlbum,
            partnership=partnership,
            title=item["title"],
            defaults={"description": item["description"], "position": position},
        )
        existing = album.photos.count()
        for number, (motif, description) in enumerate(item["photos"], start=1):
            if number <= existing:
                continue
            services.photos_add(
                album=album,
                uploads=[placeholder_photo(motif, number)],
                alt_text=f"Voorbeeldafbeelding (geen echte foto): {description}.",
                caption=f"Voorbeeldfoto {number}, getekend voor de demo.",
                credit="HerentQ-demo",
            )
    return partnership


def load():
    domains = {
        slug: upsert(ActionDomain, slug=slug, defaults={"name": name})
        for slug, name in DOMAINS.items()
    }
    sdgs = {sdg.number: sdg for sdg in SDG.objects.all()}
    news = {item.slug: item for item in NewsItem.objects.all()}
    # One search refresh per partnership, not one per place, organisation, agreement.
    with services.refreshes_held():
        for spec in PARTNERSHIPS:
            _load_partnership(spec, domains, sdgs, news)

    for spec in NETWORKS:
        network = upsert(
            Network,
            slug=spec["slug"],
            defaults={"name": spec["name"], "description": spec["description"]},
        )
        for authority_slug, joined, note in spec["members"]:
            joined_on, joined_precision = _partial(joined)
            upsert(
                NetworkMembership,
                network=network,
                local_authority=LocalAuthority.objects.get(slug=authority_slug),
                defaults={
                    "joined_on": joined_on,
                    "joined_on_precision": joined_precision,
                    "note": note,
                },
            )

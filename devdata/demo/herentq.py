"""Demo data of the core: real facts about Herent's service (docs/domain.md).

Idempotent: every row is found by a natural key and updated, never duplicated.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from devdata.demo import upsert
from herentq.models import LocalAuthority, NewsItem, Notice, Page, ServiceContact

AUTHORITIES = [
    # (name, slug, postcode, province)
    ("Herent", "herent", "3020", "Vlaams-Brabant"),
    (
        "Sint-Joost-ten-Node",
        "sint-joost-ten-node",
        "1210",
        "Brussels Hoofdstedelijk Gewest",
    ),
    ("Brasschaat", "brasschaat", "2930", "Antwerpen"),
    ("Edegem", "edegem", "2650", "Antwerpen"),
    ("Genk", "genk", "3600", "Limburg"),
]

ABOUT_INTRO = (
    "De dienst lokaal mondiaal beleid werkt de bestuurlijke band uit tussen Herent en "
    "twee regio's van de stad Cobán, Alta Verapaz, Guatemala, met name de regio's "
    "Nimlaha'kok en Nimlasachal."
)
ABOUT_BODY = """\
We werken er vooral met de inheemse Maya-Q'eqchi'-leiders en hun lokale organisaties. We ondersteunen er een lokale gemeenschapsradio en we zoeken mee naar vormingsprogramma's op maat van de regio's. Gendergelijkheid en duurzaamheid staan voorop.

Tevens neemt de dienst initiatieven om Herentenaren, Herentse instellingen, personeel en bestuur van gemeente en OCMW te sensibiliseren en te vormen rond mondiale thema's. Met sommige van de partners worden langdurige trajecten uitgetekend (bv. met het onderwijs).

De dienst coördineert lokale, Vlaamse, federale of Europese programma's met betrekking tot gemeentelijk mondiaal beleid.

De dienst probeert ook de Duurzame Ontwikkelingsdoelstellingen (SDG's) - opgemaakt binnen de schoot van de Verenigde Naties - zo goed mogelijk naar het lokale niveau te vertalen en te bereiken.

Zo af en toe zijn er uitwisselingen, van Noord naar Zuid en omgekeerd. Die beantwoorden aan de opdrachten zoals hierboven beschreven.

De dienst wordt geadviseerd door de GROSH (Gemeentelijke Raad voor Ontwikkelingssamenwerking Herent).

Er bestaan verschillende subsidies voor ontwikkelingssamenwerking: u vindt ze onder Subsidies."""

CONTACT_BODY = """\
Hebt u een vraag over een partnerschap, een subsidie, de GROSH of een leertraject? Neem contact op met de dienst lokaal mondiaal beleid.

Er is telefoonpermanentie tijdens de kantooruren."""

ACCESSIBILITY_BODY = """\
Toepassingsgebied
Het lokaal bestuur Herent streeft ernaar dit portaal toegankelijk te maken, overeenkomstig het decreet van 7 december 2018 over de toegankelijkheid van de websites en mobiele applicaties van overheidsinstanties. Deze toegankelijkheidsverklaring is van toepassing op het portaal van de dienst lokaal mondiaal beleid: de publieke pagina's, de subsidieloketten, de ledenzone van de GROSH en de inschrijvingen voor leertrajecten.

Nalevingsstatus
Dit portaal is gedeeltelijk in overeenstemming met niveau AA van de Web Content Accessibility Guidelines (WCAG) 2.1, wegens de niet-conformiteiten hieronder.

Niet-toegankelijke inhoud
Pdf-documenten die partners aanleveren (zoals ondertekende overeenkomsten) zijn niet altijd toegankelijk; van elke overeenkomst staat een samenvatting in HTML op de pagina van het partnerschap. De back office (beheeromgeving voor medewerkers) valt buiten deze verklaring.

Opstelling van deze verklaring
Deze verklaring werd opgesteld op basis van een zelfevaluatie: elke pagina en elk formulier wordt bij elke wijziging automatisch getoetst met axe-core (WCAG 2.0 en 2.1, niveau A en AA), en de belangrijkste taken worden met het toetsenbord alleen doorlopen.

Feedback en contactgegevens
Stuit u op een toegankelijkheidsprobleem? Meld het ons via info@herent.be of 016 85 30 20. We antwoorden binnen twintig werkdagen.

Handhavingsprocedure
Bent u niet tevreden met ons antwoord, dan kunt u een klacht indienen bij de Vlaamse Ombudsdienst, Leuvenseweg 86, 1000 Brussel, klachten@vlaamseombudsdienst.be, gratis telefoonnummer 1700."""

PRIVACY_BODY = """\
Het lokaal bestuur Herent verwerkt persoonsgegevens volgens de Algemene Verordening Gegevensbescherming (AVG).

Welke gegevens? Voor een subsidieaanvraag: de gegevens van uw vereniging, de contactpersoon en de bijlagen die u oplaadt. Voor een leertraject: uw naam, e-mailadres, organisatie of gemeente, rol en eventuele dieet- of toegankelijkheidsnoden. Voor de nieuwsbrief: uw e-mailadres en gekozen thema's.

Waarom? Om uw aanvraag of inschrijving te behandelen en u erover te informeren. We gebruiken uw gegevens voor niets anders en geven ze niet door aan derden, behalve waar de wet dat vraagt.

Hoe lang? Subsidiedossiers bewaren we zolang de archiefwet dat voorschrijft: tien jaar na de afsluiting wissen we er de persoonsgegevens uit (contactpersoon, berichten, bijlagen). Een account dat drie jaar niet gebruikt werd, krijgt een waarschuwing en wordt dertig dagen later gesloten als het nog steeds niet gebruikt werd. Gegevens van deelnemers aan een leertraject wissen of anonimiseren we een jaar na afloop van het traject.

Uw gegevens in uw handen: via "Mijn dossiers" downloadt u alles wat het portaal over u bewaart, sluit u uw account en kiest u welke e-mails u krijgt.

Uw rechten: u kunt uw gegevens inkijken, laten verbeteren of laten wissen via info@herent.be. Een klacht kunt u indienen bij de Vlaamse Toezichtcommissie."""

NEWS = [
    (
        "stedenband-ontwikkeltd",
        "Herent proeftuin in 'De Stedenband ontwikkel(t)(d)'",
        dt.date(2024, 9, 2),
        "Drie stedenbanden gaan als proeftuinen aan de slag met de SDG's in een "
        "wederkerige dialoog: Brasschaat-Tarija, Edegem-San Jerónimo en "
        "Herent-Nimlaha'kok.",
        "In het project De Stedenband ontwikkel(t)(d) zijn drie stedenbanden "
        "betrokken: Brasschaat - Tarija in Bolivia, Edegem - San Jerónimo in Peru en "
        "Herent - Nimlaha'kok in Guatemala. VVSG coördineert, Levuur en Cimic vzw "
        "ondersteunen het proces voor een open en brede participatieve dialoog in een "
        "interculturele context. Het is een traject van 36 maanden, gefinancierd door "
        "een federaal programma.\n\nDe drie stedenbanden doen dienst als proeftuinen "
        "om diepgaand aan de slag te gaan met de SDG's in beide partnergemeenten. De "
        "opgedane kennis wordt gedeeld met de andere stedenbanden via de fora die de "
        "VVSG opzet.",
    ),
    (
        "zeven-leertrajecten-lokaal-mondiaal-beleid",
        "Zeven leertrajecten 'Lokaal Mondiaal Beleid in de praktijk'",
        dt.date(2024, 2, 2),
        "Op de inspiratiedag van de VVSG werden zeven leertrajecten voorgesteld, van "
        "duurzaam aankoopbeleid tot alternatieve vormen van internationale "
        "samenwerking.",
        "Op de inspiratiedag van 2 februari 2016 werd het concept Lokaal Mondiaal "
        "Beleid toegelicht. Om dit concept in de praktijk om te zetten werden zeven "
        "leertrajecten voorgesteld. Inschrijven gebeurt via de pagina van elk traject, "
        "eenmaal het traject gelanceerd is.",
    ),
    (
        "verbroedering-sint-joost-selembao",
        "Sint-Joost-ten-Node verbroedert met Selembao",
        dt.date(2024, 11, 15),
        "Sint-Joost-ten-Node maakte zijn verbroedering met de gemeente Selembao in de "
        "Democratische Republiek Congo officieel.",
        "Het akkoord werd gesloten naar aanleiding van de verkennende missie onder "
        "leiding van burgemeester Emir Kir en schepen van Internationale Betrekkingen "
        "Dorah Ilunga in oktober 2019, om potentiële partners te ontmoeten en de "
        "prioriteiten voor de intercommunale samenwerking te bepalen. Het vervolledigt "
        "de zeven internationale partnerschappen van Sint-Joost.",
    ),
]


def load():
    owner_slug = settings.HERENTQ_OWNER
    for name, slug, postcode, province in AUTHORITIES:
        upsert(
            LocalAuthority,
            slug=slug,
            defaults={
                "name": name,
                "postcode": postcode,
                "province": province,
                "is_owner": slug == owner_slug,
            },
        )

    upsert(
        ServiceContact,
        pk=1,
        defaults={
            "name": "Dienst lokaal mondiaal beleid - gemeente Herent",
            "address": "Gemeentehuis De Kouter\n3020 Herent",
            "phone": "016 85 30 20",
            "email": "info@herent.be",
            "office_hours": (
                "Maandag tot donderdag: 8.30 - 12 uur en 14 - 16 uur\n"
                "Maandagavond: 17.30 - 19.45 uur\n"
                "Vrijdag: 8.30 - 12 uur"
            ),
        },
    )

    pages = [
        ("over-de-dienst", "Lokaal mondiaal", ABOUT_INTRO, ABOUT_BODY, False),
        ("contact", "Contact", "", CONTACT_BODY, True),
        (
            "toegankelijkheid",
            "Toegankelijkheidsverklaring",
            "",
            ACCESSIBILITY_BODY,
            False,
        ),
        ("privacy", "Privacyverklaring", "", PRIVACY_BODY, False),
    ]
    for slug, title, intro, body, show_contact in pages:
        upsert(
            Page,
            slug=slug,
            defaults={
                "title": title,
                "intro": intro,
                "body": body,
                "show_contact": show_contact,
                "is_published": True,
            },
        )

    tz = timezone.get_current_timezone()
    upsert(
        Notice,
        title="Coronavirusmaatregelen",
        defaults={
            "severity": "warning",
            "starts_at": dt.datetime(2020, 3, 16, tzinfo=tz),
            "ends_at": dt.datetime(2020, 4, 20, tzinfo=tz),
            "body": (
                "De gemeentelijke diensten werken met een minimale personeelsbezetting "
                "in De Kouter tot en met 19 april. Hebt u een dringende vraag voor het "
                "lokale bestuur, bel dan 016 85 30 20 of mail naar info@herent.be. "
                "Voor vragen i.v.m. corona bel naar 0800 14 689."
            ),
        },
    )
    today = timezone.localdate()
    upsert(
        Notice,
        title="Nieuw: subsidies online aanvragen",
        defaults={
            "severity": "info",
            "starts_at": dt.datetime.combine(
                today - dt.timedelta(days=7), dt.time(), tzinfo=tz
            ),
            "ends_at": dt.datetime.combine(
                today + dt.timedelta(days=90), dt.time(), tzinfo=tz
            ),
            "body": (
                "Verenigingen vragen een subsidie voor ontwikkelingssamenwerking "
                "voortaan online aan en volgen hun dossier op dit portaal."
            ),
        },
    )

    for slug, title, published_on, summary, body in NEWS:
        upsert(
            NewsItem,
            slug=slug,
            defaults={
                "title": title,
                "published_on": published_on,
                "summary": summary,
                "body": body,
                "is_published": True,
            },
        )

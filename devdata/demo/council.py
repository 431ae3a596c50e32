"""Demo data of the GROSH: members, six meetings in the past year and two planned,
minutes in every state, advice with the college's follow-up.

The council, its role and the themes are real (docs/domain.md); the people,
meetings, minutes and advice are invented examples, and the council's description
says so on every page that shows them. Loading twice changes nothing: rows are found
by natural keys and each workflow step runs only when it has not run yet.
"""

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from council import services
from council.constants import (
    GROSH_SLUG,
    AdviceOutcome,
    AttendanceStatus,
    FollowUpStatus,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
)
from council.models import (
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    Minutes,
    MinutesVersion,
)
from devdata.demo import upsert
from herentq.models import LocalAuthority

DESCRIPTION = (
    "De GROSH (Gemeentelijke Raad voor Ontwikkelingssamenwerking Herent) adviseert "
    "het gemeentebestuur en de dienst lokaal mondiaal beleid: over de bestuurlijke "
    "band met Nimlaha'kok en Nimlasachal in Cobán (Guatemala), over de subsidies "
    "voor ontwikkelingssamenwerking en over sensibilisering in Herent.\n\n"
    "Voorbeeld: de leden, vergaderingen, verslagen en adviezen op deze pagina's zijn "
    "fictieve demogegevens."
)
LOCATION = "Gemeentehuis De Kouter, Herent"

# (key, first name, last name, role, organisation)
MEMBERS = [
    ("chair", "An", "Peeters", MemberRole.CHAIR, "Wereldwinkel Herent"),
    (
        "vice",
        "Koen",
        "Janssens",
        MemberRole.VICE_CHAIR,
        "Vrienden van Nimlaha'kok (4de pijler)",
    ),
    (
        "secretary",
        "Sofie",
        "Maes",
        MemberRole.SECRETARY,
        "Dienst lokaal mondiaal beleid",
    ),
    ("school", "Fatima", "El Amrani", MemberRole.MEMBER, "Basisschool De Wegwijzer"),
    ("ngo", "Jan", "Wouters", MemberRole.MEMBER, "Werkgroep Noord-Zuid Winksele"),
    ("youth", "Lien", "Claes", MemberRole.MEMBER, "Jeugdraad Herent"),
    ("seniors", "Pieter", "Vandenberghe", MemberRole.MEMBER, "Seniorenraad Herent"),
    (
        "alderman",
        "Marc",
        "Declercq",
        MemberRole.OBSERVER,
        "Schepen van ontwikkelingssamenwerking",
    ),
]

# Six meetings in the past year (days before today) and two planned (days after).
# Each agenda item: (title, public, description, minutes text, advice or None).
# An advice: (subject, outcome, for, against, abstain, conflicted keys, text,
#             motivation, follow-up (status, days after the meeting, note) or None)
MEETINGS = [
    {
        "key": "m1",
        "days": -330,
        "absent": {"seniors": AttendanceStatus.EXCUSED},
        "minutes": "published",
        "items": [
            (
                "Werking en jaarplanning van de GROSH",
                True,
                "Vergaderdata, werkgroepen en de taakverdeling voor het nieuwe werkjaar.",
                "De voorzitter stelt de vergaderdata voor. De raad vergadert zes keer per "
                "jaar in De Kouter. Er komen twee werkgroepen: 'Subsidies' en "
                "'Sensibilisering'.",
                None,
            ),
            (
                "Verdeling van de subsidies voor 4de-pijlerorganisaties",
                True,
                "Advies over de verdeling van de projectsubsidies van dit jaar.",
                "De secretaris licht het subsidiereglement en de ingediende aanvragen "
                "toe. De raad bespreekt de criteria: gendergelijkheid en duurzaamheid "
                "wegen het zwaarst, zoals in het beleid van de dienst.",
                (
                    "Verdeling van de projectsubsidies voor 4de-pijlerorganisaties",
                    AdviceOutcome.POSITIVE,
                    5,
                    0,
                    0,
                    [],
                    "De GROSH adviseert de voorgestelde verdeling van de projectsubsidies "
                    "goed te keuren.",
                    "De projecten beantwoorden aan het subsidiereglement en versterken "
                    "gendergelijkheid en duurzaamheid bij de partners in het Zuiden.",
                    (
                        FollowUpStatus.FOLLOWED,
                        21,
                        "Het college keurde de verdeling goed.",
                    ),
                ),
            ),
            (
                "Noodhulpaanvraag van een vereniging",
                False,
                "Aanvraag met persoonsgegevens van begunstigden.",
                "Besloten: de raad bespreekt de aanvraag en vraagt bijkomende stukken "
                "over de begunstigden op.",
                None,
            ),
        ],
    },
    {
        "key": "m2",
        "days": -270,
        "absent": {"youth": AttendanceStatus.ABSENT},
        "minutes": "published",
        "items": [
            (
                "Steun aan de gemeenschapsradio in Nimlaha'kok",
                True,
                "Voorstel om de lokale gemeenschapsradio drie jaar te ondersteunen.",
                "De dienst stelt het project voor: de radio brengt informatie in het "
                "Q'eqchi' en werkt met de inheemse Maya-Q'eqchi'-leiders. De raad steunt "
                "het voorstel en vraagt aandacht voor vrouwelijke programmamakers.",
                (
                    "Meerjarige steun aan de gemeenschapsradio in Nimlaha'kok",
                    AdviceOutcome.POSITIVE,
                    5,
                    0,
                    0,
                    [],
                    "De GROSH adviseert de gemeenschapsradio in Nimlaha'kok drie jaar te "
                    "ondersteunen.",
                    "De radio bereikt de gemeenschappen van Nimlaha'kok in hun eigen taal "
                    "en past in de bestuurlijke band met Cobán.",
                    (
                        FollowUpStatus.FOLLOWED,
                        28,
                        "Opgenomen in het meerjarenplan.",
                    ),
                ),
            ),
            (
                "Vormingsprogramma's op maat van de regio's",
                True,
                "Stand van zaken van de vormingen in Nimlaha'kok en Nimlasachal.",
                "De secretaris geeft een overzicht van de vormingen. Gendergelijkheid "
                "blijft een rode draad.",
                None,
            ),
            (
                "Evaluatie van een subsidiedossier",
                False,
                "Verantwoording van een gesubsidieerd project.",
                "Besloten: de raad bespreekt de verantwoording en vraagt het college de "
                "saldobetaling uit te stellen tot de ontbrekende bewijsstukken binnen zijn.",
                None,
            ),
        ],
    },
    {
        "key": "m3",
        "days": -210,
        "absent": {"ngo": AttendanceStatus.EXCUSED},
        "minutes": "published",
        "correction": (
            "Deelname aan het leertraject Duurzaam aankoopbeleid",
            "De raad vraagt dat de gemeente deelneemt aan het VVSG-leertraject "
            "'Duurzaam aankoopbeleid' (focus op duurzame werkkledij), op voorwaarde dat "
            "de aankoopdienst mee instapt. Twee leden stemden tegen of onthielden zich.",
            "Verkeerde stemverhouding in het verslag rechtgezet (3 voor, 1 tegen, "
            "1 onthouding).",
        ),
        "items": [
            (
                "Deelname aan het leertraject Duurzaam aankoopbeleid",
                True,
                "Het VVSG-leertraject 'Lokaal Mondiaal Beleid in de praktijk', traject 1.",
                "De raad vraagt dat de gemeente deelneemt aan het VVSG-leertraject "
                "'Duurzaam aankoopbeleid' (focus op duurzame werkkledij), op voorwaarde "
                "dat de aankoopdienst mee instapt.",
                (
                    "Deelname aan het VVSG-leertraject Duurzaam aankoopbeleid",
                    AdviceOutcome.CONDITIONAL,
                    3,
                    1,
                    1,
                    [],
                    "De GROSH adviseert deel te nemen aan het leertraject Duurzaam "
                    "aankoopbeleid, op voorwaarde dat de aankoopdienst mee instapt.",
                    "Duurzame werkkledij is een concrete eerste stap; zonder de "
                    "aankoopdienst blijven de lessen zonder gevolg.",
                    (
                        FollowUpStatus.PARTLY,
                        35,
                        "Deelname goedgekeurd; de aankoopdienst volgt enkel de eerste sessie.",
                    ),
                ),
            ),
            (
                "De SDG's vertalen naar het lokale niveau",
                True,
                "Hoe de duurzame ontwikkelingsdoelstellingen in het meerjarenplan komen.",
                "De dienst stelt voor de SDG's te koppelen aan de acties van het "
                "meerjarenplan. De raad vraagt een jaarlijkse rapportering.",
                None,
            ),
            (
                "Klacht over een subsidiebeslissing",
                False,
                "Bezwaar van een aanvrager.",
                "Besloten: de raad neemt kennis van het bezwaar en bevestigt zijn advies.",
                None,
            ),
        ],
    },
    {
        "key": "m4",
        "days": -150,
        "absent": {"school": AttendanceStatus.EXCUSED},
        "minutes": "approved",
        "items": [
            (
                "Voorstel om de noodhulpenveloppe te verlagen",
                True,
                "Begrotingsvoorstel voor het volgende jaar.",
                "De schepen licht het begrotingsvoorstel toe. De raad betreurt de "
                "verlaging van de noodhulpenveloppe en stemt tegen.",
                (
                    "Verlaging van de noodhulpenveloppe",
                    AdviceOutcome.NEGATIVE,
                    1,
                    4,
                    0,
                    [],
                    "De GROSH adviseert de noodhulpenveloppe niet te verlagen.",
                    "Noodhulp moet snel kunnen; een kleinere enveloppe dwingt tot keuzes "
                    "tussen crisissen.",
                    (
                        FollowUpStatus.NOT_FOLLOWED,
                        42,
                        "Het college verlaagde de enveloppe om budgettaire redenen.",
                    ),
                ),
            ),
            (
                "De Stedenband ontwikkel(t)(d)",
                True,
                "Herent als proeftuin naast Brasschaat-Tarija en Edegem-San Jerónimo.",
                "De secretaris stelt het project van 36 maanden voor, gecoördineerd door "
                "VVSG met Cimic vzw en Levuur. De raad wil de dialoog met Nimlaha'kok "
                "wederkerig houden.",
                None,
            ),
            (
                "Samenstelling van de werkgroep subsidies",
                False,
                "Persoonlijke situatie van kandidaat-leden.",
                "Besloten: de raad duidt twee leden aan voor de werkgroep subsidies.",
                None,
            ),
        ],
    },
    {
        "key": "m5",
        "days": -90,
        "absent": {"alderman": AttendanceStatus.EXCUSED},
        "minutes": "circulated",
        "items": [
            (
                "Uitwisseling met Nimlasachal: jongerenbezoek in Herent",
                True,
                "Een uitwisseling van Zuid naar Noord met jongeren uit Nimlasachal.",
                "De raad steunt het bezoek. Koen Janssens meldt een belangenconflict "
                "(zijn vereniging organiseert het bezoek) en stemt niet mee.",
                (
                    "Jongerenuitwisseling met Nimlasachal",
                    AdviceOutcome.POSITIVE,
                    4,
                    0,
                    1,
                    ["vice"],
                    "De GROSH adviseert de jongerenuitwisseling met Nimlasachal te "
                    "steunen.",
                    "Uitwisselingen in beide richtingen maken de stedenband wederkerig.",
                    None,
                ),
            ),
            (
                "Sensibilisering in de Herentse scholen",
                True,
                "Een langdurig traject wereldburgerschap met het onderwijs.",
                "De raad wil een traject wereldburgerschap met twee scholen, "
                "geïnspireerd op het VVSG-leertraject Wereldburgerschap.",
                None,
            ),
            (
                "Aanvraag voor een stage in het Zuiden",
                False,
                "Aanvraag van een inwoner, met persoonsgegevens.",
                "Besloten: de raad adviseert de stage te steunen mits een verzekering.",
                None,
            ),
        ],
    },
    {
        "key": "m6",
        "days": -30,
        "absent": {},
        "minutes": "draft",
        "items": [
            (
                "Jaarverslag van de dienst lokaal mondiaal beleid",
                True,
                "Bespreking van het jaarverslag.",
                "De secretaris overloopt het jaarverslag. De raad vraagt meer aandacht "
                "voor de SDG's in de communicatie.",
                None,
            ),
            (
                "Noodhulpaanvraag na een overstroming",
                False,
                "Dringende aanvraag van een 4de-pijlerorganisatie.",
                "Besloten: de raad adviseert een noodhulpsubsidie onder voorwaarden.",
                (
                    "Noodhulpaanvraag na een overstroming",
                    AdviceOutcome.CONDITIONAL,
                    5,
                    0,
                    0,
                    [],
                    "De GROSH adviseert de noodhulp toe te kennen, op voorwaarde dat de "
                    "partner een verantwoording binnen drie maanden bezorgt.",
                    "De nood is aangetoond; de verantwoording waarborgt de besteding.",
                    None,
                ),
            ),
        ],
    },
    {
        "key": "p1",
        "days": 30,
        "absent": None,
        "minutes": None,
        "items": [
            (
                "Voorstel van jaaractieplan lokaal mondiaal beleid",
                True,
                "Het actieplan voor volgend jaar, met de SDG's als kader.",
                "",
                None,
            ),
            (
                "Subsidieaanvragen projectsubsidie: eerste ronde",
                False,
                "Bespreking van de ingediende aanvragen (persoonsgegevens).",
                "",
                None,
            ),
        ],
    },
    {
        "key": "p2",
        "days": 90,
        "absent": None,
        "minutes": None,
        "items": [
            (
                "Evaluatie van de uitwisseling Noord-Zuid",
                True,
                "Wat leerden de deelnemers van het bezoek aan Nimlaha'kok?",
                "",
                None,
            ),
        ],
    },
]

# A small valid PDF, so that the demo documents open.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
DOCUMENTS = {
    (
        "p1",
        "Voorstel van jaaractieplan lokaal mondiaal beleid",
    ): "Ontwerp jaaractieplan",
    (
        "p1",
        "Subsidieaanvragen projectsubsidie: eerste ronde",
    ): "Overzicht van de aanvragen",
    ("m6", "Jaarverslag van de dienst lokaal mondiaal beleid"): "Jaarverslag",
}


def _members(council, today):
    term_start = dt.date(today.year - 2, 1, 1)
    members = {}
    for key, first, last, role, organisation in MEMBERS:
        email = f"{first}.{last}".lower().replace(" ", "") + "@example.org"
        members[key] = upsert(
            CouncilMember,
            council=council,
            first_name=first,
            last_name=last,
            defaults={
                "role": role,
                "organisation": organisation,
                "email": email,
                "term_start": term_start,
                "term_end": None,
            },
        )
    return members


def _meeting(council, spec, today):
    # Dates follow today, so a meeting is found again by its first agenda item.
    existing = Meeting.objects.filter(
        council=council, agenda_items__title=spec["items"][0][0]
    ).first()
    if existing is not None:
        return existing
    tz = timezone.get_current_timezone()
    day = today + dt.timedelta(days=spec["days"])
    day -= dt.timedelta(days=(day.weekday() - 1) % 7)  # the council meets on Tuesdays
    start = dt.datetime.combine(day, dt.time(20, 0), tzinfo=tz)
    held = spec["days"] < 0
    return Meeting.objects.create(
        council=council,
        planned_start=start,
        location=LOCATION,
        status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
        started_at=start + dt.timedelta(minutes=5) if held else None,
        ended_at=start + dt.timedelta(hours=2) if held else None,
    )


def _items(meeting, spec):
    items = {}
    for title, public, description, _text, _advice in spec["items"]:
        item = AgendaItem.objects.filter(meeting=meeting, title=title).first()
        if item is None:
            item = services.agenda_item_create(
                meeting=meeting, title=title, description=description, is_public=public
            )
        items[title] = item
    return items


def _documents(meeting, spec, items):
    for (key, item_title), title in DOCUMENTS.items():
        if key != spec["key"]:
            continue
        item = items[item_title]
        if not AgendaDocument.objects.filter(agenda_item=item, title=title).exists():
            services.document_add(
                agenda_item=item,
                title=title,
                file=ContentFile(DEMO_PDF, "document.pdf"),
            )


def _attendance(meeting, spec, members):
    for key, member in members.items():
        status = spec["absent"].get(key, AttendanceStatus.PRESENT)
        upsert(Attendance, meeting=meeting, member=member, defaults={"status": status})


def _advice(meeting, spec, items, members):
    for title, _public, _description, _text, advice in spec["items"]:
        if advice is None:
            continue
        subject, outcome, votes_for, against, abstain, conflicted, text, why, follow = (
            advice
        )
        item = items[title]
        recorded = getattr(item, "advice", None)
        if recorded is None:
            recorded = services.advice_record(
                agenda_item=item,
                subject_text=subject,
                text=text,
                motivation=why,
                outcome=outcome,
                votes_for=votes_for,
                votes_against=against,
                votes_abstain=abstain,
                conflicted_members=[members[key] for key in conflicted],
            )
        if follow and not recorded.followup_status:
            status, days, note = follow
            services.advice_record_followup(
                advice=recorded,
                status=status,
                decided_on=timezone.localdate(meeting.planned_start)
                + dt.timedelta(days=days),
                note=note,
            )


def _backdate(minutes, when, field):
    # Demo history only: what was written just now gets a date after the meeting.
    MinutesVersion.objects.filter(minutes=minutes, created_at__gt=when).update(
        created_at=when
    )
    Minutes.objects.filter(pk=minutes.pk).update(**{field: when})


def _minutes(meeting, spec, items, next_meeting):
    target = spec["minutes"]
    minutes = services.minutes_create(meeting=meeting)
    if not minutes.versions.exists():
        for title, _public, _description, text, _advice in spec["items"]:
            entry = minutes.entries.get(agenda_item=items[title])
            if entry.text != text:
                services.minutes_entry_update(entry=entry, text=text)
    order = [
        MinutesStatus.DRAFT,
        MinutesStatus.CIRCULATED,
        MinutesStatus.APPROVED,
        MinutesStatus.PUBLISHED,
    ]
    goal = order.index(target)
    if minutes.status == MinutesStatus.DRAFT and goal >= 1:
        services.minutes_circulate(minutes=minutes, notify=False)
        _backdate(
            minutes, meeting.planned_start + dt.timedelta(days=7), "circulated_at"
        )
        minutes.refresh_from_db()
    if minutes.status == MinutesStatus.CIRCULATED and next_meeting is not None:
        if minutes.approval_item_id is None:
            services.minutes_schedule_approval(minutes=minutes, meeting=next_meeting)
            minutes.refresh_from_db()
        if goal >= 2:
            services.minutes_approve(minutes=minutes)
            _backdate(
                minutes,
                next_meeting.planned_start + dt.timedelta(hours=2),
                "approved_at",
            )
            minutes.refresh_from_db()
    if minutes.status == MinutesStatus.APPROVED and goal >= 3:
        services.minutes_publish(minutes=minutes)
        _backdate(
            minutes, next_meeting.planned_start + dt.timedelta(days=3), "published_at"
        )
        minutes.refresh_from_db()
    correction = spec.get("correction")
    if correction and minutes.is_published and minutes.versions.count() == 3:
        title, text, reason = correction
        entry = minutes.entries.get(agenda_item=items[title])
        services.minutes_entry_update(entry=entry, text=text)
        services.minutes_publish_correction(minutes=minutes, reason=reason)
        _backdate(
            minutes, next_meeting.planned_start + dt.timedelta(days=10), "updated_at"
        )
    return minutes


def load():
    today = timezone.localdate()
    owner = LocalAuthority.objects.filter(slug=settings.HERENTQ_OWNER).first()
    council = upsert(
        Council,
        slug=GROSH_SLUG,
        defaults={
            "name": "GROSH",
            "full_name": "Gemeentelijke Raad voor Ontwikkelingssamenwerking Herent",
            "description": DESCRIPTION,
            "local_authority": owner,
            "default_location": LOCATION,
        },
    )
    members = _members(council, today)
    meetings = [(spec, _meeting(council, spec, today)) for spec in MEETINGS]
    all_items = {}
    for spec, meeting in meetings:
        all_items[spec["key"]] = _items(meeting, spec)
        _documents(meeting, spec, all_items[spec["key"]])
        if spec["absent"] is not None:
            _attendance(meeting, spec, members)
            _advice(meeting, spec, all_items[spec["key"]], members)
    for _spec, meeting in meetings:
        # The secretariat convoked the planned meetings early: their public agendas
        # are on the site (send_council_reminders does it 8 days before).
        if meeting.status == MeetingStatus.PLANNED and not meeting.agenda_published_at:
            services.meeting_convoke(meeting=meeting)
    for index, (spec, meeting) in enumerate(meetings):
        if spec["minutes"] is None:
            continue
        next_meeting = meetings[index + 1][1] if index + 1 < len(meetings) else None
        _minutes(meeting, spec, all_items[spec["key"]], next_meeting)

"""Demo data: the seven VVSG learning tracks (docs/domain.md), in different phases.

Titles, descriptions, aims, the partner of track 1 and the contact persons come
from VVSG's public description of the tracks. Dates are placed around the current week so that every phase makes
sense today; the course of each track, its sessions, the participants (addresses at
example.be) and the lessons of track 1 are invented examples and say so.
Idempotent: rows are found by natural keys and only updated where they differ.
"""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

from devdata.demo import upsert
from herentq.models import SDG
from learning_tracks.constants import (
    SEAT_HOLDING_STATUSES,
    EnrolmentStatus,
    ParticipantRole,
    ResourceKind,
    TrackStatus,
)
from learning_tracks.models import (
    Attendance,
    Enrolment,
    Interest,
    Newsletter,
    NewsletterSubscriber,
    Session,
    Theme,
    Track,
    TrackResource,
)

ORGANISER = "VVSG – Dienst Internationaal"
CONTACTS = [
    ("Karlien Gorissen", "karlien.gorissen@vvsg.be"),
    ("Hanne Albers", "hanne.albers@vvsg.be"),
]
CONTEXT = (
    "Op de inspiratiedag van 2 februari 2016 werd het concept Lokaal Mondiaal Beleid "
    "toegelicht. Om dit concept in de praktijk om te zetten, werden zeven "
    "leertrajecten voorgesteld aan de deelnemers en kregen ze verder vorm. Het "
    "concept inspireert steden en gemeenten om het lokale beleid voor "
    "ontwikkelingssamenwerking te transformeren naar een beleid waarin men de eigen "
    "verantwoordelijkheid en voorbeeldrol als bestuur uitspeelt."
)
AIMS = (
    "Labo-functie: ruimte creëren om je als stad of gemeente te verdiepen in dit "
    "thema, samen met collega's uit andere lokale besturen, om te experimenteren en "
    "de eigen praktijk te verbeteren en te versterken.\n\n"
    "Voedingsbodem: het concept Lokaal Mondiaal Beleid verrijken met de geleerde "
    "lessen uit de eigen praktijken.\n\n"
    "Uitrol: de geleerde lessen delen met andere Vlaamse lokale besturen, via tools "
    "en begeleiding."
)
TARGET_GROUP = (
    "Ambtenaren, schepenen en vertegenwoordigers van het middenveld uit Vlaamse "
    "steden en gemeenten."
)
VVSG_ADDRESS = "VVSG, Bischoffsheimlaan 1-8, 1000 Brussel"

# (number, slug, title, theme, summary, questions, partner, status, capacity,
#  cap per municipality, SDG numbers, session topics)
TRACKS = [
    (
        1,
        "duurzaam-aankoopbeleid",
        "Duurzaam aankoopbeleid",
        "Duurzaam aankoopbeleid",
        "Samen met Steunpunt Duurzame Overheidsopdrachten wordt er gewerkt aan de "
        "strategische verankering van duurzaamheid in de aankoopprocedure in jouw "
        "stad of gemeente. De focus van dit leertraject ligt op duurzame werkkledij.",
        "Welke criteria moet jouw stad of gemeente integreren in de bestekken? Welke "
        "spelers bieden duurzaam textiel aan?",
        "Steunpunt Duurzame Overheidsopdrachten",
        TrackStatus.LESSONS_PUBLISHED,
        15,
        None,
        [8, 12],
        [
            "Duurzaamheid in de aankoopstrategie",
            "Criteria voor duurzame werkkledij in bestekken",
            "Marktverkenning: wie biedt duurzaam textiel aan?",
            "Van bestek tot gunning: ervaringen delen",
        ],
    ),
    (
        2,
        "duurzaam-bankieren",
        "Duurzaam bankieren",
        "Duurzaam bankieren",
        "Hoe kan de stad/gemeente duurzaam met haar financiën omgaan? Hoe kan de stad "
        "of gemeente haar burgers stimuleren bewust te beleggen? Inspiratie voor zowel "
        "financiële beheerders als (noord-zuid-)ambtenaren die burgers willen "
        "sensibiliseren voor duurzaam beleggen.",
        "Hoe kan de stad of gemeente duurzaam met haar financiën omgaan, en haar "
        "burgers stimuleren bewust te beleggen?",
        "",
        TrackStatus.COMPLETED,
        15,
        None,
        [8, 13],
        [
            "Wat is duurzaam bankieren?",
            "De eigen financiën van de gemeente doorlichten",
            "Burgers sensibiliseren voor duurzaam beleggen",
            "Een actieplan voor de eigen gemeente",
        ],
    ),
    (
        3,
        "migratie-integratie-en-ontwikkeling",
        "Migratie, integratie en ontwikkeling",
        "Migratie, integratie en ontwikkeling",
        "Drie domeinen die met elkaar verband houden, maar hoe kan een stad of "
        "gemeente een link slaan tussen deze domeinen? Welke rol spelen diaspora- en "
        "migrantenorganisaties die actief zijn binnen de gemeente en hoe bereik je "
        "hen? Welke lessen kunnen we trekken uit andere voorbeelden?",
        "Hoe slaat een stad of gemeente een brug tussen migratie, integratie en "
        "ontwikkeling? Hoe bereik je diaspora- en migrantenorganisaties?",
        "",
        TrackStatus.RUNNING,
        15,
        None,
        [10, 17],
        [
            "Migratie, integratie en ontwikkeling: de verbanden",
            "Diaspora- en migrantenorganisaties in de gemeente",
            "Hoe bereik je hen? Werken met sleutelfiguren",
            "Lessen uit andere voorbeelden",
        ],
    ),
    (
        4,
        "wereldburgerschap",
        "Wereldburgerschap",
        "Wereldburgerschap",
        "Wat is wereldburgerschapseducatie? Wie speelt mee? Wat is de rol van een "
        "lokaal bestuur in wereldburgerschapseducatie? Hoe kan een stad of gemeente "
        "wereldburgerschap promoten?",
        "Wat is de rol van een lokaal bestuur in wereldburgerschapseducatie, en hoe "
        "promoot een stad of gemeente wereldburgerschap?",
        "",
        TrackStatus.ENROLMENT_OPEN,
        12,
        3,
        [4],
        [
            "Wat is wereldburgerschapseducatie?",
            "Wie speelt mee? De spelers in de gemeente",
            "De rol van het lokaal bestuur",
            "Wereldburgerschap promoten: campagnes en scholen",
        ],
    ),
    (
        5,
        "participatie",
        "Participatie",
        "Participatie",
        'Op de brug van oud naar nieuw. Participatie is "hot", maar is tegelijkertijd '
        "ook een containerbegrip. Inspraak en participatie zijn nodig om te komen tot "
        "een sterk en gedragen beleid, maar hoe doe je dat, wanneer in de "
        "beleidsvoorbereiding en rond welke thema's? Welke rol kunnen de adviesraden "
        "nog spelen en welke nieuwe participatievormen bestaan er?",
        "Hoe, wanneer en rond welke thema's organiseer je inspraak? Welke rol spelen "
        "adviesraden nog, en welke nieuwe participatievormen bestaan er?",
        "",
        TrackStatus.ENROLMENT_OPEN,
        20,
        None,
        [16],
        [
            "Participatie: meer dan een containerbegrip",
            "De adviesraad in een nieuwe rol",
            "Nieuwe participatievormen uitproberen",
        ],
    ),
    (
        6,
        "transversaal-werken",
        "Transversaal werken voor Lokaal Mondiaal beleid",
        "Transversaal werken",
        "Vanuit de sector transitie voor duurzame ontwikkeling en het systeemdenken "
        "laten we ons inspireren. We houden onze werkwijze (in de eigen stad of "
        "gemeente) onder de loep aan de hand van een referentiekader en bekijken welke "
        "stappen we moeten zetten om verandering te brengen in onze eigen "
        "werkmethoden.",
        "Welke stappen zetten we om verandering te brengen in onze eigen werkmethoden?",
        "",
        TrackStatus.ANNOUNCED,
        16,
        None,
        [17],
        [
            "Transitiedenken en systeemdenken",
            "Onze werkwijze onder de loep: het referentiekader",
            "Stappen naar verandering",
        ],
    ),
    (
        7,
        "alternatieve-internationale-samenwerking",
        "Alternatieve vormen van gemeentelijke internationale samenwerking",
        "Alternatieve internationale samenwerking",
        "We kennen allemaal de klassieke stedenband, maar welke andere vormen van "
        "internationale gemeentelijke samenwerking (kunnen) bestaan? Kan een stad of "
        "gemeente ook aan internationale samenwerking doen (om meer internationale "
        "rechtvaardigheid te bereiken), zonder er veel geld en tijd tegenover te "
        "plaatsen? Wat is het voordeel voor de eigen stad of gemeente?",
        "Welke vormen van internationale samenwerking bestaan er naast de klassieke "
        "stedenband, en wat levert ze de eigen gemeente op?",
        "",
        TrackStatus.ANNOUNCED,
        16,
        None,
        [11, 17],
        [
            "Voorbij de klassieke stedenband",
            "Samenwerken met weinig geld en tijd",
            "Het voordeel voor de eigen gemeente",
        ],
    ),
]

# Weeks from the current week to each track's first session, weeks between sessions.
SCHEDULE = {
    1: (-52, 3),
    2: (-20, 3),
    3: (-5, 3),
    4: (4, 3),
    5: (6, 4),
    6: (14, 4),
    7: (20, 4),
}

PEOPLE = [
    ("An Peeters", "Herent", ParticipantRole.CIVIL_SERVANT),
    ("Bart Janssens", "Genk", ParticipantRole.ALDERMAN),
    ("Chloé Maes", "Edegem", ParticipantRole.CIVIL_SERVANT),
    ("Dirk Jacobs", "Brasschaat", ParticipantRole.CIVIL_SOCIETY),
    ("Els Mertens", "Sint-Joost-ten-Node", ParticipantRole.CIVIL_SERVANT),
    ("Filip Willems", "Herent", ParticipantRole.CIVIL_SOCIETY),
    ("Greet Claes", "Genk", ParticipantRole.CIVIL_SERVANT),
    ("Hamid El Amrani", "Sint-Joost-ten-Node", ParticipantRole.ALDERMAN),
    ("Ilse Goossens", "Edegem", ParticipantRole.CIVIL_SOCIETY),
    ("Jan Wouters", "Brasschaat", ParticipantRole.CIVIL_SERVANT),
    ("Karen De Smet", "Leuven", ParticipantRole.CIVIL_SERVANT),
    ("Luc Dubois", "Mechelen", ParticipantRole.ALDERMAN),
    ("Mieke Lambrechts", "Herent", ParticipantRole.OTHER),
    ("Nadia Bouzid", "Genk", ParticipantRole.CIVIL_SOCIETY),
    ("Olivier Hermans", "Leuven", ParticipantRole.CIVIL_SERVANT),
    ("Petra Vermeulen", "Mechelen", ParticipantRole.CIVIL_SERVANT),
]

# Track number → (confirmed participants, waiting, sessions each one attended).
ENROLMENTS = {1: (8, 0), 2: (9, 0), 3: (10, 0), 4: (12, 3), 5: (6, 0)}

LESSONS = [
    (
        ResourceKind.LESSONS,
        "geleerde-lessen",
        "Geleerde lessen: duurzame werkkledij (voorbeeld)",
        "Wat de deelnemende gemeenten leerden over duurzame werkkledij in hun "
        "aankoopbeleid. Een uitgewerkt voorbeeld.",
        "Duurzaamheid hoort in de aankoopstrategie, niet enkel in één bestek. De "
        "deelnemers merkten dat een beslissing van het college of de raad over "
        "duurzaam aankopen het verschil maakt wanneer een aankoopdienst kritische "
        "vragen krijgt.\n\n"
        "Begin bij de markt. Een marktverkenning vóór het bestek toont welke "
        "leveranciers duurzaam textiel aanbieden en welke labels haalbaar zijn.\n\n"
        "Werk samen. Gemeenten die samen aankopen, wegen zwaarder op de markt en "
        "delen het werk van het opstellen van criteria.",
    ),
    (
        ResourceKind.MANUAL,
        "handleiding-duurzame-werkkledij",
        "Handleiding duurzame werkkledij in bestekken (voorbeeld)",
        "Hoe u sociale en ecologische criteria opneemt in een bestek voor werkkledij.",
        "Deze handleiding volgt de stappen van een overheidsopdracht voor werkkledij: "
        "de behoefte bepalen, de markt verkennen, criteria kiezen, het bestek "
        "opstellen, gunnen en opvolgen.\n\n"
        "Bij elke stap staan de vragen die de deelnemers van het leertraject zich "
        "stelden, en de antwoorden die ze samen met het Steunpunt Duurzame "
        "Overheidsopdrachten vonden.",
    ),
    (
        ResourceKind.STEP_PLAN,
        "stappenplan",
        "Stappenplan duurzaam aankopen (voorbeeld)",
        "Zes stappen om duurzaamheid te verankeren in de aankoopprocedure.",
        "1. Zorg voor een beslissing van het bestuur over duurzaam aankopen.\n"
        "2. Breng de aankopen van de gemeente in kaart.\n"
        "3. Kies een eerste productgroep, bijvoorbeeld werkkledij.\n"
        "4. Verken de markt.\n"
        "5. Neem criteria op in het bestek en gun de opdracht.\n"
        "6. Volg de uitvoering op en deel wat u leerde.",
    ),
    (
        ResourceKind.CHECKLIST,
        "checklist",
        "Checklist bestek werkkledij (voorbeeld)",
        "Waar u aan denkt voordat een bestek voor werkkledij de deur uitgaat.",
        "Zijn er sociale criteria (arbeidsomstandigheden in de toeleveringsketen)?\n"
        "Zijn er ecologische criteria (materialen, chemische stoffen)?\n"
        "Vraagt u bewijs (labels of gelijkwaardig)?\n"
        "Is er een clausule over opvolging tijdens de uitvoering?\n"
        "Is de marktverkenning gedocumenteerd?",
    ),
]


def _anchor() -> dt.datetime:
    """Monday of the current week, 09.30 in Brussels: the same all day long."""
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    return timezone.make_aware(dt.datetime.combine(monday, dt.time(9, 30)))


def load():
    anchor = _anchor()
    themes = {}
    for position, row in enumerate(TRACKS, start=1):
        name = row[3]
        themes[name] = upsert(
            Theme,
            slug=row[1],
            defaults={
                "name": name,
                "description": row[5],
                "position": position,
            },
        )
    for row in TRACKS:
        _load_track(row, themes[row[3]], anchor)
    _load_newsletter(themes)


def _load_track(row, theme, anchor):
    (number, slug, title, _theme, summary, questions, partner, status, capacity) = row[
        :9
    ]
    cap, sdg_numbers, topics = row[9], row[10], row[11]
    first_week, gap = SCHEDULE[number]
    starts = [
        anchor + dt.timedelta(weeks=first_week + gap * index)
        for index in range(len(topics))
    ]
    contact_name, contact_email = CONTACTS[(number - 1) % 2]
    last = starts[-1]
    timing = (
        f"{len(topics)} sessies van een halve dag, van "
        f"{date_format(timezone.localtime(starts[0]), 'F Y')} tot "
        f"{date_format(timezone.localtime(last), 'F Y')}"
    )
    opens = closes = completed = None
    if status == TrackStatus.ANNOUNCED and number == 6:
        opens = anchor + dt.timedelta(weeks=8)
    if status == TrackStatus.ENROLMENT_OPEN:
        opens = anchor - dt.timedelta(weeks=3)
        closes = starts[0] - dt.timedelta(days=7)
    if status in (TrackStatus.COMPLETED, TrackStatus.LESSONS_PUBLISHED):
        completed = last + dt.timedelta(weeks=2)
    track = upsert(
        Track,
        slug=slug,
        defaults={
            "number": number,
            "title": title,
            "theme": theme,
            "summary": summary,
            "context": CONTEXT,
            "objectives": f"{questions}\n\n{AIMS}",
            "target_group": (
                "Financiële beheerders en (noord-zuid)ambtenaren die burgers willen "
                "sensibiliseren voor duurzaam beleggen, en hun schepenen."
                if number == 2
                else TARGET_GROUP
            ),
            "process": (
                f"Voorbeeld van een verloop: {len(topics)} sessies van een halve dag, "
                "telkens met inspiratie van buiten, uitwisseling tussen de "
                "deelnemende besturen en huiswerk voor de eigen gemeente. Tussen de "
                "sessies experimenteren de deelnemers in hun eigen praktijk; de "
                "geleerde lessen worden nadien gedeeld met andere lokale besturen."
            ),
            "partner_organisation": partner,
            "organiser": ORGANISER,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "timing": timing,
            "status": status,
            "capacity": capacity,
            "enrolment_opens_at": opens,
            "enrolment_closes_at": closes,
            "municipality_cap": cap,
            "completed_at": completed,
        },
    )
    if set(track.sdgs.values_list("number", flat=True)) != set(sdg_numbers):
        track.sdgs.set(SDG.objects.filter(number__in=sdg_numbers))
    sessions = []
    for index, (topic, start) in enumerate(zip(topics, starts, strict=True)):
        online = index == 1  # the second session of every track is online
        sessions.append(
            upsert(
                Session,
                track=track,
                topic=topic,
                defaults={
                    "starts_at": start,
                    "ends_at": start + dt.timedelta(hours=3),
                    "location": "" if online else VVSG_ADDRESS,
                    "online_url": (
                        f"https://meet.example.org/vvsg-{slug}" if online else ""
                    ),
                    "description": "",
                },
            )
        )
    _load_enrolments(track, sessions, anchor)
    if number == 1:
        for position, (kind, resource_slug, title_, summary_, body) in enumerate(
            LESSONS, start=1
        ):
            upsert(
                TrackResource,
                track=track,
                slug=resource_slug,
                defaults={
                    "kind": kind,
                    "title": title_,
                    "summary": summary_,
                    "body": body,
                    "position": position,
                    "is_published": True,
                },
            )
    if number == 6:
        for name in ["interesse.herent", "interesse.genk"]:
            upsert(
                Interest,
                track=track,
                email=f"{name}@example.be",
                defaults={"created_at": anchor - dt.timedelta(days=10)},
            )


def _load_enrolments(track, sessions, anchor):
    confirmed, waiting = ENROLMENTS.get(track.number, (0, 0))
    people = PEOPLE[: confirmed + waiting]
    now = timezone.now()
    past_sessions = [s for s in sessions if s.ends_at <= now]
    opened = track.enrolment_opens_at or (sessions[0].starts_at - dt.timedelta(weeks=6))
    for index, (name, municipality, role) in enumerate(people):
        is_waiting = index >= confirmed
        enrolled_at = opened + dt.timedelta(hours=5 * (index + 1))
        email = (
            name.lower().replace(" ", ".").replace("é", "e") + f".{track.number}"
            "@example.be"
        )
        enrolment = upsert(
            Enrolment,
            track=track,
            email=email,
            defaults={
                "name": name,
                "organisation": f"Gemeente {municipality}",
                "role": role,
                "needs": "Vegetarisch" if index % 5 == 2 else "",
                "status": (
                    EnrolmentStatus.WAITING if is_waiting else EnrolmentStatus.CONFIRMED
                ),
                "consented_at": enrolled_at,
                "created_at": enrolled_at,
                "email_confirmed_at": enrolled_at + dt.timedelta(minutes=12),
                "waitlisted_at": (
                    enrolled_at + dt.timedelta(minutes=12) if is_waiting else None
                ),
            },
        )
        if is_waiting:
            continue
        # Nearly everyone attended; every fourth person missed the second session.
        for number, session in enumerate(past_sessions):
            if index % 4 == 3 and number == 1:
                continue
            Attendance.objects.get_or_create(
                session=session,
                enrolment=enrolment,
                defaults={"recorded_at": session.ends_at},
            )
    taken = track.enrolments.filter(status__in=SEAT_HOLDING_STATUSES).count()
    Track.objects.filter(pk=track.pk).exclude(seats_taken=taken).update(
        seats_taken=taken
    )


def _load_newsletter(themes):
    subscriber = upsert(
        NewsletterSubscriber,
        email="nieuwsbrief.lezer@example.be",
        defaults={},
    )
    wanted = {themes["Wereldburgerschap"].pk, themes["Participatie"].pk}
    if set(subscriber.themes.values_list("pk", flat=True)) != wanted:
        subscriber.themes.set(wanted)
    newsletter = upsert(
        Newsletter,
        subject="Nieuw leertraject: Transversaal werken (voorbeeld)",
        defaults={
            "body": (
                "Binnenkort openen de inschrijvingen voor het leertraject "
                "'Transversaal werken voor Lokaal Mondiaal beleid'. Zet u alvast op "
                "de interesselijst via de pagina van het traject."
            ),
        },
    )
    wanted = {themes["Transversaal werken"].pk}
    if set(newsletter.themes.values_list("pk", flat=True)) != wanted:
        newsletter.themes.set(wanted)

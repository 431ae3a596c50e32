"""French and English versions of the demo content (django-modeltranslation columns).

Sint-Joost-ten-Node's partnerships are French originals (the commune publishes in
French and Dutch); Herent's partnership, the service's main pages, the schemes and
calls (with their full texts and the attachments they ask for), the seven learning
tracks, their themes and the council's page are in the three languages. The rest (news, notices, exchanges, longer bodies) stays Dutch on
purpose: it shows the fallback, marked `lang="nl"` with a note.

Applied after every app's demo data by `load_demo_data`; rows are found by their
natural keys and updated only where a value differs.
"""

from django.apps import apps
from django.utils import timezone, translation
from django.utils.formats import date_format

from partnerships.services import partnership_refresh_search

SJ_BODY_FR = (
    "Saint-Josse-ten-Noode est une commune où vivent plus de 125 nationalités, une "
    "sorte de laboratoire mondial des relations Nord-Sud rassemblé sur son km². "
    "Plus petite commune du pays et celle au revenu par habitant le plus bas de "
    "Belgique, Saint-Josse veut jouer un rôle important en matière de solidarité "
    "internationale, pour échanger connaissances, expériences et savoir-faire dans "
    "de nombreux domaines de la vie locale (services à la population, propreté, "
    "culture, mobilité, ...).\n\n"
    "L'objectif est de lutter contre la pauvreté par le renforcement des "
    "institutions des pays du Sud."
)
SJ_BODY_EN = (
    "Saint-Josse-ten-Noode is a municipality where more than 125 nationalities live "
    "together, a kind of world laboratory of North-South relations gathered on its "
    "1 km². As the smallest municipality with the lowest income per inhabitant in "
    "Belgium, Saint-Josse wants to play an important part in international "
    "solidarity, exchanging knowledge, experience and know-how in many fields of "
    "local life (services to the population, cleanliness, culture, mobility, ...).\n\n"
    "The aim is to fight poverty by strengthening the institutions of the countries "
    "of the South."
)

# (app label, model, natural key) → {column: text}
TRANSLATIONS = [
    # --- Sint-Joost-ten-Node: French originals ------------------------------------
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-tanger"},
        {
            "title_fr": "Saint-Josse-ten-Noode – Tanger",
            "summary_fr": "Jumelage avec la ville de Tanger (Maroc) depuis 2014 : "
            "échange de bonnes pratiques sur la base de l'égalité et de la réciprocité.",
            "body_fr": SJ_BODY_FR,
            "title_en": "Saint-Josse-ten-Noode – Tangier",
            "summary_en": "Twinning with the city of Tangier (Morocco) since 2014: "
            "exchange of good practice on the basis of equality and reciprocity.",
            "body_en": SJ_BODY_EN,
        },
    ),
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-regio-oriental"},
        {
            "title_fr": "Saint-Josse-ten-Noode – Région de l'Oriental",
            "summary_fr": "Coopération décentralisée avec la commune rurale de Bni "
            "Mathar, la commune urbaine d'Aïn Beni Mathar et la Province de Jerada "
            "dans la Région de l'Oriental (Maroc), autour de la politique sociale.",
            "body_fr": SJ_BODY_FR,
            "title_en": "Saint-Josse-ten-Noode – Oriental Region",
            "summary_en": "Decentralised cooperation with the rural municipality of "
            "Bni Mathar, the urban municipality of Aïn Beni Mathar and the Province "
            "of Jerada in the Oriental Region (Morocco), on social policy.",
            "body_en": SJ_BODY_EN,
        },
    ),
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-eskisehir"},
        {
            "title_fr": "Saint-Josse-ten-Noode – Eskişehir",
            "summary_fr": "Jumelage avec la ville d'Eskişehir (Turquie) depuis 2014 : "
            "échange de bonnes pratiques sur la base de l'égalité et de la réciprocité.",
            "body_fr": SJ_BODY_FR,
            "title_en": "Saint-Josse-ten-Noode – Eskişehir",
            "summary_en": "Twinning with the city of Eskişehir (Turkey) since 2014: "
            "exchange of good practice on the basis of equality and reciprocity.",
            "body_en": SJ_BODY_EN,
        },
    ),
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-binalonan"},
        {
            "title_fr": "Saint-Josse-ten-Noode – Binalonan",
            "summary_fr": "Coopération au développement avec la ville de Binalonan, "
            "province de Pangasinan (Philippines), depuis 2015 : lutte contre la "
            "pauvreté.",
            "body_fr": SJ_BODY_FR,
            "title_en": "Saint-Josse-ten-Noode – Binalonan",
            "summary_en": "Development cooperation with the city of Binalonan, "
            "Pangasinan province (Philippines), since 2015: fighting poverty.",
            "body_en": SJ_BODY_EN,
        },
    ),
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-al-aizaria"},
        {
            "title_fr": "Saint-Josse-ten-Noode – Al Aizaria",
            "summary_fr": "Protocole de coopération avec la ville d'Al Aizaria, région "
            "de Jérusalem-Est (Palestine), depuis 2017 : action sociale transversale.",
            "body_fr": SJ_BODY_FR,
            "title_en": "Saint-Josse-ten-Noode – Al Eizariya",
            "summary_en": "Cooperation protocol with the town of Al Eizariya, East "
            "Jerusalem region (Palestine), since 2017: cross-cutting social action.",
            "body_en": SJ_BODY_EN,
        },
    ),
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-kardzjali"},
        {
            "title_fr": "Saint-Josse-ten-Noode – Kardjali",
            "summary_fr": "Accord de coopération avec la commune de Kardjali "
            "(Bulgarie), signé le 7 mai 2019 à Saint-Josse-ten-Noode : coopération en "
            "matière d'état civil.",
            "body_fr": SJ_BODY_FR,
            "title_en": "Saint-Josse-ten-Noode – Kardzhali",
            "summary_en": "Cooperation agreement with the municipality of Kardzhali "
            "(Bulgaria), signed on 7 May 2019 in Saint-Josse-ten-Noode: cooperation "
            "on civil registration.",
            "body_en": SJ_BODY_EN,
        },
    ),
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-boekarest-5de-district"},
        {
            "title_fr": "Saint-Josse-ten-Noode – 5e secteur de Bucarest",
            "summary_fr": "Protocole de jumelage avec le 5e secteur de la municipalité "
            "de Bucarest (Roumanie), signé en mars 2018.",
            "body_fr": SJ_BODY_FR,
            "title_en": "Saint-Josse-ten-Noode – Sector 5 of Bucharest",
            "summary_en": "Twinning protocol with Sector 5 of the municipality of "
            "Bucharest (Romania), signed in March 2018.",
            "body_en": SJ_BODY_EN,
        },
    ),
    (
        "partnerships",
        "Partnership",
        {"slug": "sint-joost-selembao"},
        {
            "title_fr": "Saint-Josse-ten-Noode – Selembao",
            "summary_fr": "Jumelage avec la commune de Selembao (République "
            "démocratique du Congo), officialisé après une mission exploratoire en "
            "octobre 2019.",
            "body_fr": SJ_BODY_FR
            + "\n\nLe jumelage avec Selembao complète les sept partenariats "
            "internationaux de Saint-Josse avec la ville de Tanger, la région de "
            "l'Oriental, la ville d'Eskişehir, la ville de Binalonan, la ville d'Al "
            "Aizaria, la ville de Kardjali et le 5e secteur de Bucarest.",
            "title_en": "Saint-Josse-ten-Noode – Selembao",
            "summary_en": "Twinning with the municipality of Selembao (Democratic "
            "Republic of the Congo), made official after an exploratory mission in "
            "October 2019.",
        },
    ),
    # --- Herent ------------------------------------------------------------------
    (
        "partnerships",
        "Partnership",
        {"slug": "herent-nimlahakok-nimlasachal"},
        {
            "title_fr": "Herent – Nimlaha'kok et Nimlasachal",
            "summary_fr": "Le lien institutionnel entre Herent et deux régions de la "
            "ville de Cobán en Alta Verapaz, Guatemala : Nimlaha'kok et Nimlasachal. "
            "Herent y travaille surtout avec les leaders indigènes maya q'eqchi' et "
            "leurs organisations locales.",
            "title_en": "Herent – Nimlaha'kok and Nimlasachal",
            "summary_en": "The institutional bond between Herent and two regions of "
            "the city of Cobán in Alta Verapaz, Guatemala: Nimlaha'kok and "
            "Nimlasachal. Herent works mainly with the indigenous Maya Q'eqchi' "
            "leaders and their local organisations.",
        },
    ),
    # --- The service's pages -----------------------------------------------------
    (
        "herentq",
        "Page",
        {"slug": "over-de-dienst"},
        {
            "title_fr": "Politique locale mondiale",
            "intro_fr": "Le service de politique locale mondiale développe le lien "
            "institutionnel entre Herent et deux régions de la ville de Cobán, Alta "
            "Verapaz, Guatemala : Nimlaha'kok et Nimlasachal.",
            "title_en": "Local global policy",
            "intro_en": "The local global policy service develops the institutional "
            "bond between Herent and two regions of the city of Cobán, Alta Verapaz, "
            "Guatemala: Nimlaha'kok and Nimlasachal.",
        },
    ),
    (
        "herentq",
        "Page",
        {"slug": "contact"},
        {
            "title_fr": "Contact",
            "body_fr": "Vous avez une question sur un partenariat, un subside, le "
            "GROSH ou un parcours d'apprentissage ? Contactez le service de politique "
            "locale mondiale.\n\nUne permanence téléphonique est assurée pendant les "
            "heures de bureau.",
            "title_en": "Contact",
            "body_en": "Do you have a question about a partnership, a grant, the "
            "GROSH or a learning track? Contact the local global policy service.\n\n"
            "You can reach us by phone during office hours.",
        },
    ),
    (
        "herentq",
        "Page",
        {"slug": "privacy"},
        {"title_fr": "Déclaration de confidentialité", "title_en": "Privacy statement"},
    ),
    (
        "herentq",
        "Page",
        {"slug": "toegankelijkheid"},
        {
            "title_fr": "Déclaration d'accessibilité",
            "title_en": "Accessibility statement",
        },
    ),
    # --- The service's contact details (footer and contact page) ------------------
    (
        "herentq",
        "ServiceContact",
        {"pk": 1},
        {
            "name_fr": "Service Politique mondiale locale - commune de Herent",
            "office_hours_fr": "Du lundi au jeudi : 8 h 30 - 12 h et 14 h - 16 h\n"
            "Lundi soir : 17 h 30 - 19 h 45\nVendredi : 8 h 30 - 12 h",
            "name_en": "Local Global Policy service - municipality of Herent",
            "office_hours_en": "Monday to Thursday: 8.30 am - 12 noon and 2 - 4 pm\n"
            "Monday evening: 5.30 - 7.45 pm\nFriday: 8.30 am - 12 noon",
        },
    ),
    # --- The council's page --------------------------------------------------------
    (
        "council",
        "Council",
        {"slug": "grosh"},
        {
            "full_name_fr": "Conseil communal pour la coopération au développement "
            "de Herent",
            "description_fr": "Le GROSH (conseil communal pour la coopération au "
            "développement de Herent) conseille l'administration communale et le "
            "service de politique locale mondiale : sur le lien avec Nimlaha'kok et "
            "Nimlasachal à Cobán (Guatemala), sur les subsides à la coopération au "
            "développement et sur la sensibilisation à Herent.\n\nExemple : les "
            "membres, réunions, procès-verbaux et avis de ces pages sont des données "
            "de démonstration fictives.",
            "full_name_en": "Herent Municipal Council for Development Cooperation",
            "description_en": "The GROSH (Herent municipal council for development "
            "cooperation) advises the municipal government and the local global "
            "policy service: on the bond with Nimlaha'kok and Nimlasachal in Cobán "
            "(Guatemala), on the development cooperation grants and on raising "
            "awareness in Herent.\n\nExample: the members, meetings, minutes and "
            "advice on these pages are fictitious demo data.",
        },
    ),
]

SCHEMES = {
    "projectsubsidie-4de-pijler": (
        (
            "Subside de projet pour les organisations du 4e pilier",
            "Soutien à un projet de développement d'une association de Herent avec un "
            "partenaire du Sud.",
        ),
        (
            "Project grant for fourth-pillar organisations",
            "Support for a development project of a Herent association with a partner "
            "in the South.",
        ),
    ),
    "noodhulp": (
        (
            "Aide d'urgence",
            "Un soutien rapide après une catastrophe ou une crise humanitaire dans une "
            "région où travaille une association de Herent.",
        ),
        (
            "Emergency aid",
            "Quick support after a disaster or a humanitarian crisis in a region where "
            "a Herent association works.",
        ),
    ),
    "inleefreis-of-stage-in-het-zuiden": (
        (
            "Voyage d'immersion ou stage dans le Sud",
            "Une intervention pour un habitant de Herent qui fait un voyage d'immersion "
            "ou un stage dans le Sud par une association ou une école.",
        ),
        (
            "Immersion trip or internship in the South",
            "A contribution for a Herent resident who goes on an immersion trip or an "
            "internship in the South through an association or a school.",
        ),
    ),
    "sensibiliseringsactiviteit-in-herent": (
        (
            "Activité de sensibilisation à Herent",
            "Soutien à une activité à Herent qui fait réfléchir les habitants aux enjeux "
            "mondiaux et aux ODD.",
        ),
        (
            "Awareness-raising activity in Herent",
            "Support for an activity in Herent that makes residents think about global "
            "issues and the SDGs.",
        ),
    ),
}

CALLS = {
    "Oproep najaar 2026": ("Appel automne 2026", "Autumn 2026 call"),
    "Tweede oproep 2026": ("Deuxième appel 2026", "Second call 2026"),
    "Oproep 2026": ("Appel 2026", "2026 call"),
    "Eerste oproep 2026": ("Premier appel 2026", "First call 2026"),
    "Noodhulp 2026": ("Aide d'urgence 2026", "Emergency aid 2026"),
    "Oproep 2025": ("Appel 2025", "2025 call"),
}

CONTEXT_FR = (
    "Lors de la journée d'inspiration du 2 février 2016, le concept de politique "
    "locale mondiale a été présenté. Pour le mettre en pratique, sept parcours "
    "d'apprentissage ont été proposés aux participants et ont pris forme. Le concept "
    "inspire les villes et communes à transformer leur politique locale de "
    "coopération au développement en une politique où l'administration assume sa "
    "propre responsabilité et son rôle d'exemple."
)
CONTEXT_EN = (
    "At the inspiration day of 2 February 2016 the concept of Local Global Policy "
    "was presented. To put it into practice, seven learning tracks were proposed to "
    "the participants and took shape. The concept inspires cities and municipalities "
    "to turn their local development cooperation policy into a policy in which the "
    "administration takes up its own responsibility and its role as an example."
)
TARGET_FR = (
    "Fonctionnaires, échevins et représentants de la société civile des villes et "
    "communes flamandes."
)
TARGET_EN = (
    "Civil servants, aldermen and representatives of civil society from Flemish "
    "cities and municipalities."
)
PROCESS_FR = (
    "Exemple de déroulement : des sessions d'une demi-journée, chaque fois avec une "
    "inspiration extérieure, des échanges entre les administrations participantes et "
    "un travail pour sa propre commune. Entre les sessions, les participants "
    "expérimentent dans leur pratique ; les leçons apprises sont ensuite partagées "
    "avec d'autres administrations locales."
)
PROCESS_EN = (
    "An example of the course: half-day sessions, each with outside inspiration, "
    "exchanges between the participating administrations and homework for one's own "
    "municipality. Between sessions the participants experiment in their own "
    "practice; the lessons learned are then shared with other local governments."
)
OBJECTIVES_FR = (
    "Fonction de laboratoire : créer un espace pour approfondir ce thème avec des "
    "collègues d'autres administrations locales, expérimenter et renforcer sa propre "
    "pratique.\n\nTerreau : enrichir le concept de politique locale mondiale des "
    "leçons tirées des pratiques.\n\nDiffusion : partager les leçons apprises avec "
    "d'autres administrations locales flamandes, par des outils et un "
    "accompagnement."
)
OBJECTIVES_EN = (
    "A laboratory: room to explore this theme with colleagues from other local "
    "governments, to experiment and to strengthen one's own practice.\n\n"
    "Breeding ground: enriching the concept of Local Global Policy with the lessons "
    "learned in practice.\n\nRoll-out: sharing the lessons learned with other "
    "Flemish local governments through tools and coaching."
)

# slug → ((title, summary) in French, (title, summary) in English)
TRACKS = {
    "duurzaam-aankoopbeleid": (
        (
            "Politique d'achats durable",
            "Avec le Steunpunt Duurzame Overheidsopdrachten, on travaille à ancrer "
            "stratégiquement la durabilité dans la procédure d'achat de votre ville ou "
            "commune. Ce parcours se concentre sur les vêtements de travail durables.",
        ),
        (
            "Sustainable procurement",
            "Together with the Steunpunt Duurzame Overheidsopdrachten, participants work "
            "on anchoring sustainability in the purchasing procedure of their city or "
            "municipality. This track focuses on sustainable workwear.",
        ),
    ),
    "duurzaam-bankieren": (
        (
            "Banque durable",
            "Comment la ville ou la commune peut-elle gérer ses finances de manière "
            "durable et encourager ses habitants à investir en conscience ? Une "
            "inspiration pour les gestionnaires financiers comme pour les "
            "fonctionnaires Nord-Sud.",
        ),
        (
            "Sustainable banking",
            "How can a city or municipality manage its finances sustainably and "
            "encourage its residents to invest responsibly? Inspiration for financial "
            "managers and North-South officers alike.",
        ),
    ),
    "migratie-integratie-en-ontwikkeling": (
        (
            "Migration, intégration et développement",
            "Trois domaines liés entre eux : comment une ville ou une commune peut-elle "
            "les relier ? Quel rôle jouent les organisations de la diaspora et de "
            "migrants actives dans la commune, et comment les atteindre ?",
        ),
        (
            "Migration, integration and development",
            "Three related fields: how can a city or municipality link them? What role "
            "do the diaspora and migrant organisations active in the municipality play, "
            "and how do you reach them?",
        ),
    ),
    "wereldburgerschap": (
        (
            "Citoyenneté mondiale",
            "Qu'est-ce que l'éducation à la citoyenneté mondiale ? Qui y participe ? "
            "Quel est le rôle d'une administration locale et comment une ville ou une "
            "commune peut-elle promouvoir la citoyenneté mondiale ?",
        ),
        (
            "Global citizenship",
            "What is global citizenship education? Who takes part? What is the role of "
            "a local government, and how can a city or municipality promote global "
            "citizenship?",
        ),
    ),
    "participatie": (
        (
            "Participation",
            "La participation est à la mode, mais c'est aussi une notion fourre-tout. "
            "Comment, quand et sur quels thèmes organiser la participation ? Quel rôle "
            "pour les conseils consultatifs et quelles nouvelles formes existent ?",
        ),
        (
            "Participation",
            "Participation is popular, yet also a catch-all term. How, when and on "
            "which themes do you organise it? What role is left for advisory councils, "
            "and what new forms of participation exist?",
        ),
    ),
    "transversaal-werken": (
        (
            "Travailler de manière transversale pour une politique locale mondiale",
            "Inspirés par la transition vers le développement durable et la pensée "
            "systémique, nous examinons notre façon de travailler à l'aide d'un cadre "
            "de référence et les étapes pour la changer.",
        ),
        (
            "Working across departments for Local Global Policy",
            "Inspired by the transition to sustainable development and systems "
            "thinking, we examine how we work with a frame of reference and the steps "
            "needed to change our own methods.",
        ),
    ),
    "alternatieve-internationale-samenwerking": (
        (
            "Autres formes de coopération internationale communale",
            "Nous connaissons tous le jumelage classique, mais quelles autres formes de "
            "coopération internationale communale existent ? Une commune peut-elle "
            "coopérer sans y consacrer beaucoup d'argent ni de temps, et qu'y gagne-t-elle ?",
        ),
        (
            "Alternative forms of municipal international cooperation",
            "We all know the classic town twinning, but what other forms of municipal "
            "international cooperation exist? Can a municipality cooperate without much "
            "money or time, and what does it gain?",
        ),
    ),
}


# The schemes' full texts (description, who may apply, the rules) and the
# attachments they ask for: slug → ((description, eligibility, rules) fr, … en).
SCHEME_TEXTS = {
    "projectsubsidie-4de-pijler": (
        (
            "Des projets qui améliorent durablement les conditions de vie des "
            "personnes dans le Sud, avec une organisation partenaire locale : "
            "enseignement, santé, eau, agriculture, formation, médias "
            "communautaires.\n\nLes projets dans les régions partenaires de Herent, "
            "Nimlaha'kok et Nimlasachal à Cobán (Guatemala), sont prioritaires. "
            "L'égalité de genre et la durabilité passent en premier.",
            "Les associations (organisations du 4e pilier) actives à Herent : une "
            "ASBL ou une association de fait comptant au moins trois bénévoles.",
            "Vous demandez au maximum 5 000 euros par projet.\nLe subside couvre au "
            "maximum la moitié du budget du projet.\nUne organisation reçoit au "
            "maximum 7 500 euros par an au titre de ce règlement.\nLe GROSH donne un "
            "avis, le collège décide.\nVous recevez 80 % en avance ; le solde après "
            "approbation du rapport final.\nVous introduisez le rapport final dans "
            "les trois mois suivant la fin du projet.",
        ),
        (
            "Projects that lastingly improve the living conditions of people in the "
            "South, together with a local partner organisation: education, health, "
            "water, farming, training, community media.\n\nProjects in Herent's "
            "partner regions, Nimlaha'kok and Nimlasachal in Cobán (Guatemala), come "
            "first. Gender equality and sustainability lead the way.",
            "Associations (fourth-pillar organisations) active in Herent: a non-profit "
            "association or an informal association with at least three volunteers.",
            "You ask for at most EUR 5,000 per project.\nThe grant is at most half of "
            "the project budget.\nAn organisation receives at most EUR 7,500 a year "
            "under this scheme.\nThe GROSH advises, the college decides.\nYou "
            "receive 80% as an advance; the balance once the final report is "
            "approved.\nYou submit the final report within three months of the end "
            "of the project.",
        ),
    ),
    "noodhulp": (
        (
            "Une aide après une catastrophe naturelle, une épidémie ou un conflit : "
            "nourriture, eau, abri, soins médicaux, reconstruction de première "
            "heure, par un partenaire sur place.",
            "Une ASBL ayant une organisation partenaire dans la zone touchée.",
            "Vous demandez au maximum 2 500 euros.\nLe subside peut couvrir tout le "
            "budget de l'action d'aide.\nLe collège décide sans avis du GROSH, pour "
            "que l'aide arrive vite.\nVous recevez tout le montant en avance.",
        ),
        (
            "Help after a natural disaster, an epidemic or a conflict: food, water, "
            "shelter, medical care, first reconstruction, through a partner on the "
            "spot.",
            "A non-profit association with a partner organisation in the affected "
            "area.",
            "You ask for at most EUR 2,500.\nThe grant may cover the whole budget of "
            "the relief action.\nThe college decides without the GROSH's advice, so "
            "that help arrives quickly.\nYou receive the whole amount as an advance.",
        ),
    ),
    "inleefreis-of-stage-in-het-zuiden": (
        (
            "Un voyage d'immersion ou un stage d'au moins trois semaines auprès d'une "
            "organisation partenaire dans le Sud, avec une préparation et une "
            "activité de retour à Herent où le participant raconte ce qu'il ou elle "
            "a appris.",
            "Une association ou une école de Herent, pour un participant qui habite "
            "Herent et a au moins 18 ans.",
            "Vous demandez au maximum 750 euros par participant.\nLe subside couvre "
            "au maximum la moitié des frais du voyage.\nAprès son retour, le "
            "participant organise une activité à Herent.",
        ),
        (
            "An immersion trip or internship of at least three weeks with a partner "
            "organisation in the South, with a preparation and a return activity in "
            "Herent in which the participant tells what he or she learned.",
            "An association or school in Herent, for a participant who lives in "
            "Herent and is at least 18 years old.",
            "You ask for at most EUR 750 per participant.\nThe grant is at most half "
            "of the cost of the trip.\nAfter returning, the participant organises an "
            "activity in Herent.",
        ),
    ),
    "sensibiliseringsactiviteit-in-herent": (
        (
            "Un film, un débat, une exposition, un marché ou un projet scolaire à "
            "Herent sur le commerce équitable, le climat, la migration, la "
            "citoyenneté mondiale ou l'un des objectifs de développement durable.",
            "Les associations et les écoles de Herent.",
            "Vous demandez au maximum 1 500 euros par activité.\nLe subside couvre "
            "au maximum 75 % du budget de l'activité.\nL'activité a lieu à Herent.",
        ),
        (
            "A film, debate, exhibition, market or school project in Herent on fair "
            "trade, climate, migration, global citizenship or one of the Sustainable "
            "Development Goals.",
            "Associations and schools in Herent.",
            "You ask for at most EUR 1,500 per activity.\nThe grant is at most 75% of "
            "the activity's budget.\nThe activity takes place in Herent.",
        ),
    ),
}

# Dutch name → ((name, description) fr, (name, description) en)
REQUIREMENTS = {
    "Brief of overeenkomst van de partnerorganisatie": (
        (
            "Lettre ou convention de l'organisation partenaire",
            "Qui montre que le partenaire porte le projet avec vous.",
        ),
        (
            "Letter or agreement of the partner organisation",
            "Showing that the partner supports the project.",
        ),
    ),
    "Statuten of huishoudelijk reglement": (
        ("Statuts ou règlement d'ordre intérieur", "De votre association."),
        ("Articles of association or internal rules", "Of your association."),
    ),
    "Foto's of ander materiaal": (
        ("Photos ou autre matériel", "Du projet ou de la région."),
        ("Photos or other material", "Of the project or the region."),
    ),
    "Hulpvraag van de partner": (
        (
            "Demande d'aide du partenaire",
            "Une lettre ou un e-mail du partenaire sur place.",
        ),
        ("The partner's request for help", "A letter or e-mail from the partner."),
    ),
    "Programma van de reis of stage": (
        (
            "Programme du voyage ou du stage",
            "Avec les dates et l'organisation d'accueil.",
        ),
        (
            "Programme of the trip or internship",
            "With the dates and the host organisation.",
        ),
    ),
    "Draaiboek van de activiteit": (
        (
            "Scénario de l'activité",
            "Pas obligatoire, mais utile pour le GROSH.",
        ),
        ("Running order of the activity", "Not required, but useful for the GROSH."),
    ),
}


# Themes whose name is not their track's: Dutch name → (French, English).
THEMES = {
    "Alternatieve internationale samenwerking": (
        "Coopération internationale alternative",
        "Alternative international cooperation",
    ),
    "Transversaal werken": (
        "Travailler de manière transversale",
        "Working across policy areas",
    ),
}

TIMING = {
    "fr": "{count} sessions d'une demi-journée, de {first} à {last}",
    "en": "{count} half-day sessions, from {first} to {last}",
}


def _timing(track) -> dict:
    """The track's "when" in French and English, from its sessions."""
    starts = list(
        track.sessions.order_by("starts_at").values_list("starts_at", flat=True)
    )
    if not starts:
        return {}
    values = {}
    for language, pattern in TIMING.items():
        with translation.override(language):
            values[f"timing_{language}"] = pattern.format(
                count=len(starts),
                first=date_format(timezone.localtime(starts[0]), "F Y"),
                last=date_format(timezone.localtime(starts[-1]), "F Y"),
            )
    return values


def _rows():
    yield from TRANSLATIONS
    for slug, ((name_fr, summary_fr), (name_en, summary_en)) in SCHEMES.items():
        yield (
            "subsidies",
            "Scheme",
            {"slug": slug},
            {
                "name_fr": name_fr,
                "summary_fr": summary_fr,
                "name_en": name_en,
                "summary_en": summary_en,
            },
        )
    for slug, (french, english) in SCHEME_TEXTS.items():
        values = {}
        for suffix, texts in (("fr", french), ("en", english)):
            for field, text in zip(
                ("description", "eligibility", "rules"), texts, strict=True
            ):
                values[f"{field}_{suffix}"] = text
        yield ("subsidies", "Scheme", {"slug": slug}, values)
    for name, ((name_fr, text_fr), (name_en, text_en)) in REQUIREMENTS.items():
        yield (
            "subsidies",
            "AttachmentRequirement",
            {"name_nl_be": name},
            {
                "name_fr": name_fr,
                "description_fr": text_fr,
                "name_en": name_en,
                "description_en": text_en,
            },
        )
    for name, (name_fr, name_en) in THEMES.items():
        yield (
            "learning_tracks",
            "Theme",
            {"name_nl_be": name},
            {"name_fr": name_fr, "name_en": name_en},
        )
    for title, (title_fr, title_en) in CALLS.items():
        yield (
            "subsidies",
            "Call",
            {"title_nl_be": title},
            {"title_fr": title_fr, "title_en": title_en},
        )
    Track = apps.get_model("learning_tracks", "Track")
    for track in Track.objects.all():
        texts = TRACKS.get(track.slug)
        if texts is None:
            continue
        (title_fr, summary_fr), (title_en, summary_en) = texts
        # Each track's newsletter theme bears its name.
        yield (
            "learning_tracks",
            "Theme",
            {"slug": track.slug, "name_nl_be": track.title_nl_be},
            {"name_fr": title_fr, "name_en": title_en},
        )
        yield (
            "learning_tracks",
            "Track",
            {"slug": track.slug},
            {
                **_timing(track),
                "title_fr": title_fr,
                "summary_fr": summary_fr,
                "context_fr": CONTEXT_FR,
                "objectives_fr": OBJECTIVES_FR,
                "target_group_fr": TARGET_FR,
                "process_fr": PROCESS_FR,
                "title_en": title_en,
                "summary_en": summary_en,
                "context_en": CONTEXT_EN,
                "objectives_en": OBJECTIVES_EN,
                "target_group_en": TARGET_EN,
                "process_en": PROCESS_EN,
            },
        )


def load() -> None:
    searched: set[int] = set()
    for app_label, model_name, lookup, values in _rows():
        model = apps.get_model(app_label, model_name)
        for obj in model.objects.filter(**lookup):
            changed = {
                name: value
                for name, value in values.items()
                if getattr(obj, name) != value
            }
            if changed:
                # update(): no history records, no timestamps touched.
                model.objects.filter(pk=obj.pk).update(**changed)
                if model_name == "Partnership":
                    searched.add(obj.pk)
    # update() sends no signals: the search documents take the new texts here.
    for partnership_id in sorted(searched):
        partnership_refresh_search(partnership_id=partnership_id)

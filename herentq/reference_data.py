"""Reference data every installation has: the 17 SDGs and the staff groups.

Loaded by migration 0003 and ensured again after every `migrate` or `flush`
(post_migrate), so a database emptied by a transactional test gets it back.
"""

from herentq.constants import (
    COUNCIL_MEMBERS_GROUP,
    COUNCIL_SECRETARIAT_GROUP,
    SERVICE_GROUP,
)

# The 17 goals with their official UN colours and Belgian Dutch names (docs/domain.md).
SDGS = [
    (1, "Geen armoede", "No Poverty", "#E5243B", "#FFFFFF"),
    (2, "Geen honger", "Zero Hunger", "#DDA63A", "#000000"),
    (
        3,
        "Goede gezondheid en welzijn",
        "Good Health and Well-being",
        "#4C9F38",
        "#000000",
    ),
    (4, "Kwaliteitsonderwijs", "Quality Education", "#C5192D", "#FFFFFF"),
    (5, "Gendergelijkheid", "Gender Equality", "#FF3A21", "#000000"),
    (6, "Schoon water en sanitair", "Clean Water and Sanitation", "#26BDE2", "#000000"),
    (
        7,
        "Betaalbare en duurzame energie",
        "Affordable and Clean Energy",
        "#FCC30B",
        "#000000",
    ),
    (
        8,
        "Waardig werk en economische groei",
        "Decent Work and Economic Growth",
        "#A21942",
        "#FFFFFF",
    ),
    (
        9,
        "Industrie, innovatie en infrastructuur",
        "Industry, Innovation and Infrastructure",
        "#FD6925",
        "#000000",
    ),
    (10, "Ongelijkheid verminderen", "Reduced Inequalities", "#DD1367", "#FFFFFF"),
    (
        11,
        "Duurzame steden en gemeenschappen",
        "Sustainable Cities and Communities",
        "#FD9D24",
        "#000000",
    ),
    (
        12,
        "Verantwoorde consumptie en productie",
        "Responsible Consumption and Production",
        "#BF8B2E",
        "#000000",
    ),
    (13, "Klimaatactie", "Climate Action", "#3F7E44", "#FFFFFF"),
    (14, "Leven in het water", "Life Below Water", "#0A97D9", "#000000"),
    (15, "Leven op het land", "Life on Land", "#56C02B", "#000000"),
    (
        16,
        "Vrede, justitie en sterke publieke diensten",
        "Peace, Justice and Strong Institutions",
        "#00689D",
        "#FFFFFF",
    ),
    (
        17,
        "Partnerschap om doelstellingen te bereiken",
        "Partnerships for the Goals",
        "#19486A",
        "#FFFFFF",
    ),
]

# The UN's official French names of the goals.
SDG_NAMES_FR = {
    1: "Pas de pauvreté",
    2: "Faim « zéro »",
    3: "Bonne santé et bien-être",
    4: "Éducation de qualité",
    5: "Égalité entre les sexes",
    6: "Eau propre et assainissement",
    7: "Énergie propre et d'un coût abordable",
    8: "Travail décent et croissance économique",
    9: "Industrie, innovation et infrastructure",
    10: "Inégalités réduites",
    11: "Villes et communautés durables",
    12: "Consommation et production responsables",
    13: "Mesures relatives à la lutte contre les changements climatiques",
    14: "Vie aquatique",
    15: "Vie terrestre",
    16: "Paix, justice et institutions efficaces",
    17: "Partenariats pour la réalisation des objectifs",
}

GROUPS = [SERVICE_GROUP, COUNCIL_SECRETARIAT_GROUP, COUNCIL_MEMBERS_GROUP]


def ensure_reference_data(sdg_model, group_model) -> None:
    """Create what is missing; takes the models so migrations can pass theirs."""
    for number, name_nl, name_en, colour, text_colour in SDGS:
        sdg_model.objects.get_or_create(
            number=number,
            defaults={
                "name_nl": name_nl,
                "name_en": name_en,
                "colour": colour,
                "text_colour": text_colour,
            },
        )
    if any(field.name == "name_fr" for field in sdg_model._meta.fields):
        for number, name_fr in SDG_NAMES_FR.items():
            sdg_model.objects.filter(number=number, name_fr="").update(name_fr=name_fr)
    for name in GROUPS:
        group_model.objects.get_or_create(name=name)

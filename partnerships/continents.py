"""The continent of every ISO 3166-1 country, after the UN geoscheme (M49).

The Americas are one continent, as in M49 and in everyday Dutch ("Amerika").
A test checks that every country django-countries knows has a continent here.
"""

from partnerships.constants import Continent

_CODES = {
    Continent.AFRICA: (
        "DZ EG LY MA SD TN EH "  # Northern Africa
        "BI KM DJ ER ET IO KE MG MW MU YT MZ RE RW SC SO SS TF UG TZ ZM ZW "  # Eastern
        "AO CM CF TD CG CD GQ GA ST "  # Middle Africa
        "BW SZ LS NA ZA "  # Southern Africa
        "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"  # Western Africa
    ),
    Continent.AMERICAS: (
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC "
        "SX TT TC VI "  # Caribbean
        "BZ CR SV GT HN MX NI PA "  # Central America
        "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE "  # South America
        "BM CA GL PM US"  # Northern America
    ),
    Continent.ASIA: (
        "KZ KG TJ TM UZ "  # Central Asia
        "CN HK MO KP JP MN KR TW "  # Eastern Asia
        "BN KH ID LA MY MM PH SG TH TL VN "  # South-eastern Asia
        "AF BD BT IN IR MV NP PK LK "  # Southern Asia
        "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"  # Western Asia
    ),
    Continent.EUROPE: (
        "BY BG CZ HU PL MD RO RU SK UA "  # Eastern Europe
        "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB "  # Northern Europe
        "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES "  # Southern Europe
        "AT BE FR DE LI LU MC NL CH"  # Western Europe
    ),
    Continent.OCEANIA: (
        "AU NZ NF HM CX CC "  # Australia and New Zealand
        "FJ NC PG SB VU "  # Melanesia
        "GU KI MH FM NR MP PW UM "  # Micronesia
        "AS CK PF NU PN WS TK TO TV WF"  # Polynesia
    ),
    Continent.ANTARCTICA: "AQ",
}

CONTINENT_OF_COUNTRY: dict[str, str] = {
    code: continent for continent, codes in _CODES.items() for code in codes.split()
}


def continent_of(country_code: str) -> str | None:
    return CONTINENT_OF_COUNTRY.get(str(country_code or "").upper())


def countries_in(continent: str) -> list[str]:
    return sorted(code for code, c in CONTINENT_OF_COUNTRY.items() if c == continent)

"""The Swedish words of the synthetic data: units, people, idea texts, benefits and reasons."""

from __future__ import annotations

import random
import re
import unicodedata

from tracker.ideas.stages import Stage

S = Stage

# Förvaltningar and their enheter: the units of the organisation, under the municipality.
UNITS = {
    "Socialförvaltningen": ("Hemtjänsten", "Särskilt boende", "Individ- och familjeomsorg", "LSS"),
    "Barn- och utbildningsförvaltningen": ("Förskolan", "Grundskolan", "Gymnasiet", "Elevhälsan"),
    "Samhällsbyggnadsförvaltningen": ("Gata/park", "Bygglov", "VA", "Miljö och hälsa"),
    "Kommunstyrelseförvaltningen": ("Kontaktcenter", "IT", "Ekonomi", "HR"),
}
CATEGORIES = (
    "Digitalisering", "Effektivisering", "Arbetsmiljö", "Miljö och klimat",
    "Service till invånare", "Vård och omsorg",
)  # fmt: skip
GOALS = (
    ("Digitalt först", "Våra tjänster är digitala när det gör dem enklare för invånarna."),
    ("Attraktiv arbetsgivare", "Medarbetare som trivs, utvecklas och stannar."),
    ("Hållbar kommun", "Minskad klimatpåverkan i allt vi gör."),
    ("God service", "Invånare och företag får snabba och tydliga svar."),
    ("Trygg vård och omsorg", "Trygghet och självständighet för den som behöver stöd."),
)
CRITERIA = (
    ("Nytta för invånare", False), ("Nytta för medarbetare", False),
    ("Strategisk passform", False), ("Genomförbarhet", False), ("Insats", True),
    ("Säkerhet i bedömningen", False),
)  # fmt: skip
TAGS = (
    "e-tjänst", "hemtjänst", "skola", "schema", "energi", "avfall", "telefoni", "bemanning",
    "dokumentation", "rekrytering", "felanmälan", "transport", "mat", "digital signering",
    "arkiv", "bokning", "inköp", "utbildning", "tillgänglighet", "kommunikation",
)  # fmt: skip
FIRST = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Sofia", "Elin", "Ida", "Johan",
    "Erik", "Lars", "Anders", "Per", "Karl", "Mikael", "Jonas", "Oskar", "Ahmed", "Fatima",
    "Leila", "Nils", "Maja", "Hanna", "Olof", "Amir", "Linnea", "Viktor", "Ebba",
)  # fmt: skip
LAST = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Berg", "Lind", "Ek", "Holm", "Sandberg", "Lundqvist",
    "Hassan", "Ali", "Strand", "Wikström",
)  # fmt: skip
DOING = (
    "Digital", "Gemensam", "Förenklad", "Automatisk", "Mobil", "Samordnad", "Schemalagd",
    "Självservice för", "Smartare", "Papperslös",
)  # fmt: skip
THINGS = (
    "ansökan om bygglov", "felanmälan", "tidbokning", "schemaläggning", "matsedel",
    "inköpsbeställning", "signering av avtal", "körjournal", "läkemedelshantering",
    "introduktion av nyanställda", "fakturahantering", "närvarorapportering", "avvikelsehantering",
    "nyckelhantering", "fordonsbokning", "vikarieanskaffning", "arkivering", "kallelser",
)  # fmt: skip
NEEDS = (
    "Idag tar det för lång tid och mycket görs för hand.",
    "Vi gör samma sak i flera system och uppgifter skrivs in två gånger.",
    "Invånarna hör av sig flera gånger för att få veta hur det går.",
    "Medarbetarna lägger tid på administration i stället för på kärnuppdraget.",
    "Det blir ofta fel, och felen upptäcks sent.",
    "Papper skickas mellan enheterna och kommer bort.",
)
PROPOSALS = (
    "Inför en e-tjänst som invånarna själva kan använda dygnet runt.",
    "Samla allt i ett system och koppla ihop det med verksamhetssystemet.",
    "Gör en gemensam rutin för alla enheter och utbilda medarbetarna.",
    "Testa ett nytt arbetssätt på en enhet först och sprid det sedan.",
    "Använd mobilen ute i verksamheten i stället för papper.",
)
EXPECTED = (
    "Frigjord tid för medarbetarna och snabbare svar till invånarna.",
    "Lägre kostnader och färre fel.",
    "Nöjdare invånare och en bättre arbetsmiljö.",
    "",
)
REASONS = {
    S.DECLINED: (
        "Liknande lösning finns redan i kommunens system.",
        "Nyttan står inte i proportion till kostnaden just nu.",
        "Ligger utanför kommunens uppdrag.",
    ),
    S.PARKED: (
        "Bra idé, men vi väntar på upphandlingen av nytt verksamhetssystem.",
        "Inga resurser i år; vi tar upp den i nästa budget.",
    ),
    S.STOPPED: ("Piloten visade ingen mätbar förbättring.", "För dyrt att driva i full skala."),
    S.SUBMITTED: ("Behöver beskrivas tydligare innan bedömning.",),
    S.SCREENING: ("Ny information: vi bedömer idén igen.",),
    S.PRIORITISED: ("Planen behöver göras om.", "Piloten visade att upplägget måste ändras."),
    S.ROLLOUT: ("Införandet behöver fler enheter innan uppföljningen.",),
}
JUMP_REASON = "Beprövad lösning med låg risk; vi inför den utan pilot."
HYPOTHESES = (
    "Om vi gör så här på en enhet minskar handläggningstiden märkbart.",
    "Med det nya arbetssättet frigörs tid som kan läggas på brukarna.",
)
LEARNINGS = (
    "Medarbetarna behöver mer tid för utbildning än vi trodde.",
    "Tekniken fungerade; rutinerna behövde ändras mest.",
    "Invånarna tog till sig tjänsten snabbare än väntat.",
)
# Indicators: (measure, type, direction, baseline range, target factor range, SEK per unit, title)
INDICATORS = (
    ("timmar per månad", "reallocation", "lower", (20, 400), (0.5, 0.9), "hours",
     "Mindre tid för {thing}"),
    ("kr per år", "financial", "lower", (50_000, 2_000_000), (0.6, 0.95), "one",
     "Lägre kostnad för {thing}"),
    ("dagar", "quality", "lower", (5, 60), (0.4, 0.8), None, "Kortare ledtid för {thing}"),
    ("NKI", "quality", "higher", (50, 70), (1.08, 1.25), None, "Nöjdare invånare med {thing}"),
    ("antal per månad", "reallocation", "lower", (50, 800), (0.5, 0.85), "case",
     "Färre manuella ärenden i {thing}"),
    ("procent", "quality", "higher", (10, 60), (1.2, 1.6), None, "Större andel digital {thing}"),
    ("kg CO2e per år", "environment", "lower", (1_000, 50_000), (0.6, 0.9), None,
     "Lägre utsläpp från {thing}"),
)  # fmt: skip


def slug(name: str) -> str:
    """An e-mail domain's part from a name: "Syntetisk kommun" gives "syntetisk-kommun"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "org"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def title(rng: random.Random) -> str:
    return f"{rng.choice(DOING)} {rng.choice(THINGS)}"


def need(rng: random.Random, unit: str) -> str:
    first, second = rng.sample(NEEDS, 2)
    return f"{first} {second} Det gäller särskilt {unit}."


def reason(stage: Stage, rng: random.Random) -> str:
    return rng.choice(REASONS.get(stage, ("Se kommentar i ärendet.",)))

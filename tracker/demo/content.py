"""The Swedish texts of the demo: organisations, people, generic reasons and the idea format.

Each idea is a block of lines, blocks apart by a blank line:

    Title | unit | category | stage [| source]
    The need (behov)
    The proposal (förslag)
    The expected benefit (förväntad nytta)
    [The reason: why declined or parked, the learnings of a stopped pilot, a withdrawal's note]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.auth.roles import Role
from tracker.demo.benefits_neighbours import LYSEKIL_BENEFITS, MUNKEDAL_BENEFITS
from tracker.demo.benefits_sotenas import SOTENAS_BENEFITS
from tracker.demo.benefits_sotenas_realised import SOTENAS_REALISED_BENEFITS
from tracker.demo.ideas_neighbours import LYSEKIL, MUNKEDAL
from tracker.demo.ideas_sotenas import SOTENAS, SOTENAS_CONFIDENTIAL, SOTENAS_TAGS
from tracker.demo.pilots_neighbours import LYSEKIL_PILOTS, MUNKEDAL_PILOTS
from tracker.demo.pilots_sotenas import SOTENAS_PILOTS
from tracker.ideas.models import Source
from tracker.ideas.stages import Stage


@dataclass(frozen=True)
class IdeaSpec:
    title: str
    unit: str
    category: str
    stage: Stage
    source: Source
    need: str
    proposal: str
    benefit: str
    reason: str = ""


def parse_ideas(text: str) -> list[IdeaSpec]:
    """The idea blocks of a text, in order."""
    specs = []
    for block in text.strip().split("\n\n"):
        head, need, proposal, benefit, *rest = block.strip().splitlines()
        title, unit, category, stage, *source = (part.strip() for part in head.split("|"))
        specs.append(
            IdeaSpec(
                title=title,
                unit=unit,
                category=category,
                stage=Stage(stage),
                source=Source(source[0]) if source else Source.EMPLOYEE,
                need=need,
                proposal=proposal,
                benefit=benefit,
                reason=" ".join(rest),
            )
        )
    return specs


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: Role
    unit: str | None  # None: the municipality's root unit


@dataclass(frozen=True)
class OrgSpec:
    name: str
    units: dict[str, tuple[str, ...]]  # förvaltning -> its enheter
    goals: dict[str, tuple[str, str]]  # theme -> (name, description)
    people: tuple[Person, ...]
    ideas: str
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # idea title -> its tags
    confidential: frozenset[str] = frozenset()  # the titles of its confidential ideas
    wip_limits: dict[Stage, int] = field(default_factory=dict)
    pilots: str = ""  # the pilot and rollout blocks of tracker/demo/pilots.py
    benefits: str = ""  # the benefit blocks of tracker/demo/benefits.py


CATEGORIES = (
    "Digitalisering",
    "Arbetsmiljö",
    "Miljö och klimat",
    "Service till invånare",
    "Effektivisering",
    "Vård och omsorg",
)

# The goal theme each category most often serves.
CATEGORY_THEME = {
    "Digitalisering": "digital",
    "Effektivisering": "digital",
    "Arbetsmiljö": "employer",
    "Miljö och klimat": "sustainable",
    "Service till invånare": "service",
    "Vård och omsorg": "care",
}

# The default criteria of DESIGN.md, each weighted 1; more effort lowers the priority.
CRITERIA = (
    ("Nytta för invånare", "Hur mycket idén förbättrar vardagen för invånare, brukare och elever."),
    ("Nytta för medarbetare", "Hur mycket idén förbättrar arbetsmiljön eller frigör tid."),
    ("Strategisk passform", "Hur väl idén stöder kommunens strategiska mål och prioriteringar."),
    ("Genomförbarhet", "Hur realistiskt det är att genomföra idén med våra resurser och system."),
    ("Insats", "Tid, pengar och förändring som idén kräver. Mer insats ger lägre prioritet."),
    ("Säkerhet i bedömningen", "Hur säkra vi är: finns underlag, data eller andras erfarenheter?"),
)
INVERTED = frozenset({"Insats"})

# The demo's comments: the submitter asks, the responsible manager answers.
COMMENT = "Finns det någon annan enhet som redan har provat det här? Jag hjälper gärna till."
REPLY = "Bra fråga! Jag kollar med de andra enheterna och återkommer här."

# Moves that need a reason, other than the closing ones whose reason each idea carries and the
# pivots, whose reason is what changes (in the pilot content of pilots_*.py).
JUMP_REASONS = (
    "Lösningen är beprövad i grannkommunerna och risken är låg; vi inför den utan pilot.",
    "Liten insats och inga nya system; en pilot skulle inte lära oss något nytt.",
    "Leverantören har redan infört samma lösning i tio kommuner; vi går direkt till införande.",
)
RESUMED_ROLLOUT_REASONS = (
    "Den nya införandeplanen är klar och leverantören kan leverera; införandet återupptas.",
)
BACK_REASONS = {
    (Stage.PRIORITISED, Stage.SCREENING): (
        "Kostnaden är inte utredd; bedömningen görs om med en enkel kalkyl.",
        "Dataskyddsombudet behöver granska förslaget innan vi prioriterar det.",
        "Facket vill vara med i bedömningen; vi tar upp den i samverkan först.",
    ),
    (Stage.ROLLOUT, Stage.PRIORITISED): (
        "Leverantören kunde inte leverera i tid; införandet planeras om till nästa halvår.",
    ),
    (Stage.FOLLOW_UP, Stage.ROLLOUT): (
        "Uppföljningen visar att två enheter inte har infört arbetssättet; införandet återupptas.",
        "Mätningen visade att rutinen inte följs nattetid; utbildningen görs om.",
    ),
}
PARK_REASONS = (
    "Avvaktar budgetbeslutet för nästa år.",
    "Förvaltningen har inte kapacitet just nu; vi tar upp idén igen nästa tertial.",
)
RATIONALES = {
    "high": (
        "Stor nytta till en rimlig insats, och tydligt i linje med målet ”{goal}”.",
        "Efterfrågas av både medarbetare och invånare. Stöder ”{goal}” och går att testa snabbt.",
        "Bra underlag och erfarenheter från grannkommunerna. Bidrar till ”{goal}”.",
    ),
    "mid": (
        "Rimlig nytta men osäker kostnad. Bidrar till ”{goal}”; behöver en enkel kalkyl.",
        "Intressant för ”{goal}”, men beroende av IT-enheten och ett avtal med leverantören.",
    ),
    "low": (
        "Begränsad nytta i förhållande till insatsen. Kopplingen till ”{goal}” är svag.",
        "Svårt att genomföra med dagens system; bidraget till ”{goal}” är litet.",
    ),
}

E, M, L, A = Role.EMPLOYEE, Role.MANAGER, Role.LEADER, Role.ADMIN
SOTENAS_MAIL = "sotenas.example.org"
MUNKEDAL_MAIL = "munkedal.example.org"
LYSEKIL_MAIL = "lysekil.example.org"


def _goals(digital: str, care: str, sustainable: str, employer: str, service: str) -> dict:
    descriptions = {
        "digital": "Digitala verktyg och smarta arbetssätt gör att skattepengarna räcker längre.",
        "care": "Den som behöver stöd får trygg vård och omsorg med kvalitet och kontinuitet.",
        "sustainable": "Kommunen utvecklas med hänsyn till klimat, miljö och nästa generation.",
        "employer": "Medarbetarna har en god arbetsmiljö, inflytande och kan utvecklas i arbetet.",
        "service": "Invånare och företag får snabb, enkel och vänlig service av kommunen.",
    }
    names = dict(
        digital=digital, care=care, sustainable=sustainable, employer=employer, service=service
    )
    return {theme: (name, descriptions[theme]) for theme, name in names.items()}


def organisations() -> list[OrgSpec]:
    """The three cooperating municipalities, Sotenäs first."""
    return [
        OrgSpec(
            name="Sotenäs kommun",
            units={
                "Socialförvaltningen": (
                    "Hemtjänsten",
                    "Särskilt boende",
                    "Individ- och familjeomsorgen",
                ),
                "Barn- och utbildningsförvaltningen": ("Grundskola", "Förskola", "Kostenheten"),
                "Samhällsbyggnadsförvaltningen": (
                    "Gata/park",
                    "Bygg och miljö",
                    "Fastighetsenheten",
                ),
                "Kommunstyrelseförvaltningen": (
                    "IT-enheten",
                    "Kontaktcenter",
                    "Ekonomi- och personalenheten",
                ),
            },
            goals=_goals(
                "En effektiv och digital förvaltning",
                "Trygg och god omsorg",
                "Hållbar samhällsutveckling",
                "Attraktiv arbetsgivare",
                "God service och ett gott bemötande",
            ),
            people=(
                Person("employee@example.org", "Eva Ek", E, "Hemtjänsten"),
                Person("manager@example.org", "Maja Berg", M, "Socialförvaltningen"),
                Person("leader@example.org", "Lena Lind", L, None),
                Person("admin@example.org", "Adam Ali", A, None),
                Person(
                    f"per.svensson@{SOTENAS_MAIL}",
                    "Per Svensson",
                    M,
                    "Barn- och utbildningsförvaltningen",
                ),
                Person(
                    f"anna.lund@{SOTENAS_MAIL}", "Anna Lund", M, "Samhällsbyggnadsförvaltningen"
                ),
                Person(f"erik.holm@{SOTENAS_MAIL}", "Erik Holm", M, "Kommunstyrelseförvaltningen"),
                Person(f"gunilla.strom@{SOTENAS_MAIL}", "Gunilla Ström", E, "Hemtjänsten"),
                Person(f"johan.karlsson@{SOTENAS_MAIL}", "Johan Karlsson", E, "Särskilt boende"),
                Person(
                    f"elin.berglund@{SOTENAS_MAIL}",
                    "Elin Berglund",
                    E,
                    "Individ- och familjeomsorgen",
                ),
                Person(f"sara.nilsson@{SOTENAS_MAIL}", "Sara Nilsson", E, "Grundskola"),
                Person(f"linnea.andersson@{SOTENAS_MAIL}", "Linnea Andersson", E, "Förskola"),
                Person(f"fatima.yusuf@{SOTENAS_MAIL}", "Fatima Yusuf", E, "Kostenheten"),
                Person(f"ahmed.hassan@{SOTENAS_MAIL}", "Ahmed Hassan", E, "Gata/park"),
                Person(f"oskar.lundgren@{SOTENAS_MAIL}", "Oskar Lundgren", E, "Fastighetsenheten"),
                Person(f"karin.olsson@{SOTENAS_MAIL}", "Karin Olsson", E, "Kontaktcenter"),
                Person(f"peter.johansson@{SOTENAS_MAIL}", "Peter Johansson", E, "IT-enheten"),
                Person(
                    f"mona.axelsson@{SOTENAS_MAIL}",
                    "Mona Axelsson",
                    E,
                    "Ekonomi- och personalenheten",
                ),
            ),
            ideas=SOTENAS,
            tags=SOTENAS_TAGS,
            confidential=SOTENAS_CONFIDENTIAL,
            pilots=SOTENAS_PILOTS,
            benefits=SOTENAS_BENEFITS + SOTENAS_REALISED_BENEFITS,
            wip_limits={
                Stage.SCREENING: 10,
                Stage.PRIORITISED: 8,
                Stage.PILOT: 5,
                Stage.ROLLOUT: 5,
            },
        ),
        OrgSpec(
            name="Munkedals kommun",
            units={
                "Socialförvaltningen": ("Hemtjänsten", "Särskilt boende"),
                "Barn- och utbildningsförvaltningen": ("Grundskola", "Förskola"),
                "Kommunstyrelseförvaltningen": ("IT-enheten", "Kontaktcenter"),
            },
            goals=_goals(
                "Effektiv och digital verksamhet",
                "Trygg vård och omsorg",
                "Hållbar utveckling i hela kommunen",
                "Attraktiv arbetsgivare",
                "Nöjda invånare och företagare",
            ),
            people=(
                # A kommunövergripande verksamhetsutvecklare: her scope is the whole municipality.
                Person(f"manager@{MUNKEDAL_MAIL}", "Mats Holmgren", M, None),
                Person(f"leader@{MUNKEDAL_MAIL}", "Ulla Sjöberg", L, None),
                Person(f"admin@{MUNKEDAL_MAIL}", "Nils Ekström", A, None),
                Person(f"hanna.persson@{MUNKEDAL_MAIL}", "Hanna Persson", E, "Hemtjänsten"),
                Person(f"emma.strand@{MUNKEDAL_MAIL}", "Emma Strand", E, "Särskilt boende"),
                Person(f"ali.rahimi@{MUNKEDAL_MAIL}", "Ali Rahimi", E, "Grundskola"),
            ),
            ideas=MUNKEDAL,
            pilots=MUNKEDAL_PILOTS,
            benefits=MUNKEDAL_BENEFITS,
        ),
        OrgSpec(
            name="Lysekils kommun",
            units={
                "Socialförvaltningen": ("Hemtjänsten", "Särskilt boende"),
                "Barn- och utbildningsförvaltningen": ("Grundskola", "Gymnasieskola"),
                "Samhällsbyggnadsförvaltningen": ("Gata/park", "Hamnenheten"),
                "Kommunstyrelseförvaltningen": ("IT-enheten", "Kontaktcenter"),
            },
            goals=_goals(
                "Digital och effektiv organisation",
                "Livskvalitet genom hela livet",
                "Hållbar kust och skärgård",
                "Attraktiv arbetsgivare",
                "Service med gott bemötande",
            ),
            people=(
                Person(f"manager@{LYSEKIL_MAIL}", "Sofia Wallin", M, None),
                Person(f"leader@{LYSEKIL_MAIL}", "Gunnar Möller", L, None),
                Person(f"admin@{LYSEKIL_MAIL}", "Therese Dahl", A, None),
                Person(f"jonas.bergqvist@{LYSEKIL_MAIL}", "Jonas Bergqvist", E, "Hamnenheten"),
                Person(f"maria.gustafsson@{LYSEKIL_MAIL}", "Maria Gustafsson", E, "Hemtjänsten"),
                Person(f"amira.said@{LYSEKIL_MAIL}", "Amira Said", E, "Gymnasieskola"),
            ),
            ideas=LYSEKIL,
            pilots=LYSEKIL_PILOTS,
            benefits=LYSEKIL_BENEFITS,
        ),
    ]

"""Small builders for test data. Each flushes, so ids are set; tests commit when a client reads."""

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import event, select, text
from werkzeug.security import generate_password_hash

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.events import IdeaChanged, publish
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.models import Assessment, Idea, Score, Source, StageChange
from tracker.ideas.stages import Stage
from tracker.orgs.models import Category, Organisation, ScoringCriterion, StrategicGoal, Unit

PASSWORD = "correct-horse-battery"
_HASH = generate_password_hash(PASSWORD)  # hashed once: the KDF is slow on purpose


def make_org(name: str = "Sotenäs kommun") -> Organisation:
    org = Organisation(name=name)
    db.session.add(org)
    db.session.flush()
    return org


def make_unit(org: Organisation, name: str, parent: Unit | None = None) -> Unit:
    unit = Unit(organisation_id=org.id, name=name, parent_id=parent.id if parent else None)
    db.session.add(unit)
    db.session.flush()
    return unit


def make_user(org, unit, role=Role.EMPLOYEE, email=None, name=None, **kw) -> User:
    email = email or f"{role.value}.{unit.id if unit else 0}.{org.id}@example.org"
    user = User(
        organisation_id=org.id,
        unit_id=unit.id if unit else None,
        email=email,
        name=name or email.split("@")[0].replace(".", " ").title(),
        role=role,
        password_hash=_HASH,
        **kw,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_idea(submitter: User, unit: Unit | None = None, stage: Stage = Stage.SUBMITTED, **kw):
    """An idea submitted through the service and moved straight into a stage, past its gates,
    with one history row for the jump: the dashboard's cells count it as the services do."""
    text = services.IdeaText(
        title=kw.pop("title", "Digital signering av avtal"),
        need=kw.pop("need", "Papper skickas fram och tillbaka i veckor."),
        proposal=kw.pop("proposal", "Använd e-signering för alla avtal."),
        expected_benefit=kw.pop("expected_benefit", "Kortare ledtid."),
        category_id=kw.pop("category_id", None),
        unit_id=(unit or submitter.unit).id,
        source=kw.pop("source", Source.EMPLOYEE),
    )
    idea = services.submit_idea(submitter, text)
    for name, value in kw.items():
        setattr(idea, name, value)
    db.session.flush()
    if SEGMENT_KEYS & set(kw):
        publish(IdeaChanged(idea))
    if stage is not Stage.SUBMITTED:
        jump = StageChange(idea_id=idea.id, from_stage=Stage.SUBMITTED, to_stage=stage, reason="")
        services.make_move(idea, jump)
    return idea


SEGMENT_KEYS = {"unit_id", "category_id", "strategic_goal_id"}  # what the dashboard counts by


def reload(idea: Idea) -> Idea:
    db.session.expire_all()
    return db.session.get(Idea, idea.id)


@dataclass
class Org:
    org: Organisation
    root: Unit  # the municipality
    social: Unit  # a förvaltning
    home_care: Unit  # an enhet under social
    school: Unit  # another förvaltning
    employee: User
    manager: User  # manages social (and home_care below it)
    school_manager: User
    leader: User
    admin: User
    goal: StrategicGoal
    category: Category
    criteria: list[ScoringCriterion]


@dataclass
class World:
    a: Org
    b: Org


def make_org_world(name: str, tag: str) -> Org:
    org = make_org(name)
    root = make_unit(org, name)
    social = make_unit(org, "Socialförvaltningen", root)
    home_care = make_unit(org, "Hemtjänsten", social)
    school = make_unit(org, "Barn- och utbildningsförvaltningen", root)
    goal = StrategicGoal(organisation_id=org.id, name="En effektiv och digital förvaltning")
    category = Category(organisation_id=org.id, name="Digitalisering")
    criteria = [
        ScoringCriterion(
            organisation_id=org.id, name=n, weight=Decimal(w), inverted=inv, position=i
        )
        for i, (n, w, inv) in enumerate(
            [("Nytta för invånare", 2, False), ("Genomförbarhet", 1, False), ("Insats", 1, True)]
        )
    ]
    db.session.add_all([goal, category, *criteria])
    org_world = Org(
        org=org,
        root=root,
        social=social,
        home_care=home_care,
        school=school,
        employee=make_user(org, home_care, Role.EMPLOYEE, f"employee@{tag}.example.org", "Eva Ek"),
        manager=make_user(org, social, Role.MANAGER, f"manager@{tag}.example.org", "Maja Berg"),
        school_manager=make_user(org, school, Role.MANAGER, f"school@{tag}.example.org", "Sam Ås"),
        leader=make_user(org, root, Role.LEADER, f"leader@{tag}.example.org", "Lena Lind"),
        admin=make_user(org, root, Role.ADMIN, f"admin@{tag}.example.org", "Adam Al"),
        goal=goal,
        category=category,
        criteria=criteria,
    )
    db.session.flush()
    return org_world


def world() -> World:
    w = World(a=make_org_world("Sotenäs kommun", "a"), b=make_org_world("Munkedals kommun", "b"))
    db.session.commit()
    return w


def version_of(idea: Idea) -> int:
    """The idea's version as the database holds it now."""
    return reload(idea).version


def table_rows(*models) -> dict[str, list[dict]]:
    """Every row of the models' tables by table name, to show a refused write changed nothing."""
    db.session.expire_all()
    return {
        model.__tablename__: [
            dict(row)
            for row in db.session.execute(
                select(model.__table__).order_by(*model.__table__.primary_key.columns)
            ).mappings()
        ]
        for model in models
    }


def db_state() -> dict[str, list[dict]]:
    """Every row of the idea tables, to show that a refused write left the database unchanged."""
    return table_rows(Idea, StageChange, Assessment, Score)


def assess(idea: Idea, assessor: User, value: int = 3, goal: StrategicGoal | None = None) -> None:
    """Screen an idea through the service: every active criterion scored `value`."""
    criteria = services.active_criteria(idea.organisation_id)
    goal = goal or db.session.scalar(
        select(StrategicGoal).where(StrategicGoal.organisation_id == idea.organisation_id)
    )
    data = services.AssessmentInput(
        scores={c.id: value for c in criteria}, strategic_goal_id=goal.id, rationale="Bra idé."
    )
    services.assess_idea(idea, assessor, data, version=None)


def empty_tables() -> None:
    """Delete every row of every table, children first, and commit; on PostgreSQL the ids start
    at 1 again. DELETE, not TRUNCATE: truncating 37 tables gives each new files on disk, about
    130 ms a test against 15 ms for deleting the few rows a test writes."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    for name in tables:
        db.session.execute(text(f'DELETE FROM "{name}"'))  # noqa: S608 (table names)
    if db.engine.dialect.name == "postgresql":
        db.session.execute(
            text(
                "SELECT setval(oid, 1, false) FROM pg_class "
                "WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace"
            )
        )
    db.session.commit()


@contextmanager
def counted_statements():
    """Count the SQL statements run inside the block: `with counted_statements() as seen:`, then
    `len(seen)`. SQLite's BEGIN IMMEDIATE is not counted: PostgreSQL's driver begins unseen."""
    seen: list[str] = []

    def count(conn, cursor, statement, *_):
        if not statement.startswith("BEGIN"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)

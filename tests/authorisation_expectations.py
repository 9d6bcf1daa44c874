"""The authorisation matrix: for every endpoint of the app, who gets through, as one line each.

tests/test_authorisation_matrix.py asks every URL rule as every kind of person and compares the
answer with `answer()` below. A new route needs its line in MATRIX: the test fails on a rule
without one, and on a line whose endpoint no longer exists.

The rules are written from DESIGN.md and the brief, on plain facts read from the tables (who
submitted, owns, takes part, which unit), not through the app's own predicates, so that a route
that asks the wrong predicate, or a predicate that lets too many through, shows up here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.auth.roles import Role
from tracker.ideas.stages import Stage


class Answer(enum.Enum):
    ALLOWED = "allowed"  # 2xx, or a redirect that is not to the login page; a POST also 400/422
    LOGIN = "login"  # a redirect to the login page (HX-Redirect for HTMX)
    FORBIDDEN = 403  # signed in, of the organisation, without the right
    NOT_FOUND = 404  # the object belongs to another organisation: as if it did not exist
    NO_METHOD = 405  # the rule has no such method


@dataclass(frozen=True)
class Person:
    key: str
    id: int | None  # None: an anonymous visitor
    organisation_id: int | None = None
    role: Role | None = None
    scope: frozenset[int] = frozenset()  # a manager's unit and its sub-units


@dataclass(frozen=True)
class IdeaFacts:
    id: int
    organisation_id: int
    unit_id: int | None
    stage: Stage
    submitter_id: int | None
    owner_id: int | None  # the responsible manager
    participants: frozenset[int]  # pilot owners, rollout contacts, activity and benefit owners
    confidential: bool = False  # marked so by its submitter or a manager


@dataclass(frozen=True)
class Subject:
    """What one URL names: its path values, the organisation and facts of its object."""

    label: str = ""
    values: dict = field(default_factory=dict)  # path arguments
    body: dict = field(default_factory=dict)  # the least POST body that reaches the access check
    organisation_id: int | None = None  # of the object the URL names; None: names none
    idea: IdeaFacts | None = None
    person_id: int | None = None  # the benefit's owner, the unit's contact, the activity's owner
    proposed_by_id: int | None = None  # of a benefit


@dataclass(frozen=True)
class Rule:
    name: str
    roles: frozenset[Role] | None = None  # a role gate, checked before the object is looked up
    grants: Callable[[Person, Subject], bool] | None = None  # on an object of the person's org
    public: bool = False
    hidden: bool = False  # refused as absent (404), not forbidden: the object is one person's


def answer(rule: Rule, person: Person, subject: Subject) -> Answer:
    """Public routes let everyone in; otherwise sign in first, then the role gate (403), then an
    object of another organisation is absent (404), then the rule's grant (403, or 404 for an
    object that is one person's own)."""
    if rule.public:
        return Answer.ALLOWED
    if person.id is None:
        return Answer.LOGIN
    if rule.roles is not None and person.role not in rule.roles:
        return Answer.FORBIDDEN
    if subject.organisation_id not in (None, person.organisation_id):
        return Answer.NOT_FOUND
    if rule.grants is None or rule.grants(person, subject):
        return Answer.ALLOWED
    return Answer.NOT_FOUND if rule.hidden else Answer.FORBIDDEN


# ------------------------------------------------------------------ facts about an idea


def manages(p: Person, idea: IdeaFacts) -> bool:
    """Admins manage the organisation's ideas, managers those of their unit and its sub-units."""
    return p.role is Role.ADMIN or (p.role is Role.MANAGER and idea.unit_id in p.scope)


def reads(p: Person, idea: IdeaFacts) -> bool:
    """Every member reads the organisation's ideas (DESIGN.md). A confidential one: leaders and
    admins, its submitter, its responsible manager, the managers in scope and those who take
    part in it."""
    return (
        not idea.confidential
        or p.role in (Role.LEADER, Role.ADMIN)
        or p.id == idea.submitter_id
        or p.id == idea.owner_id
        or manages(p, idea)
        or p.id in idea.participants
    )


def plans(p: Person, idea: IdeaFacts) -> bool:
    """The idea's responsible manager, managers in scope and admins plan benefits and costs."""
    return p.id == idea.owner_id or manages(p, idea)


def supports(p: Person, idea: IdeaFacts) -> bool:
    """Readers support an idea, but not the one they submitted."""
    return reads(p, idea) and p.id != idea.submitter_id


def _reads_benefit(p: Person, s: Subject) -> bool:
    return p.id == s.person_id or reads(p, s.idea)


PUBLIC = Rule("public", public=True)
MEMBERS = Rule("members of an organisation, each in their own")
LEADERS_AND_ADMINS = Rule("leaders and admins", roles=frozenset({Role.LEADER, Role.ADMIN}))
ADMINS = Rule("admins, of the object's organisation", roles=frozenset({Role.ADMIN}))
READERS = Rule("readers of the idea", grants=lambda p, s: reads(p, s.idea))
SUPPORTERS = Rule("readers of the idea but its submitter", grants=lambda p, s: supports(p, s.idea))
SUBMITTER = Rule(
    "its submitter, while it is submitted",
    grants=lambda p, s: p.id == s.idea.submitter_id and s.idea.stage is Stage.SUBMITTED,
)
MANAGERS = Rule("managers in scope and admins", grants=lambda p, s: manages(p, s.idea))
PLANNERS = Rule(
    "the responsible manager, managers in scope, admins", grants=lambda p, s: plans(p, s.idea)
)
BENEFIT_READERS = Rule("the benefit's owner and readers of the idea", grants=_reads_benefit)
BENEFIT_OWNER = Rule("the benefit's owner only", grants=lambda p, s: p.id == s.person_id)
BENEFIT_PLANNERS = Rule(
    "planners of the idea who read the benefit",
    grants=lambda p, s: _reads_benefit(p, s) and plans(p, s.idea),
)
SIGNERS = Rule(
    "the responsible manager or a leader, never the proposer",
    grants=lambda p, s: (
        _reads_benefit(p, s)
        and p.id != s.proposed_by_id
        and (p.id == s.idea.owner_id or p.role is Role.LEADER)
    ),
)
COMMENT_READERS = Rule("readers of the comment's idea", grants=lambda p, s: reads(p, s.idea))
COMMENT_AUTHOR = Rule(
    "the comment's author, while it may be changed",
    grants=lambda p, s: p.id == s.person_id and reads(p, s.idea),
)
COMMENT_REMOVERS = Rule(
    "the comment's author, managers in scope and admins",
    grants=lambda p, s: (p.id == s.person_id and reads(p, s.idea)) or manages(p, s.idea),
)
OWN_NOTIFICATION = Rule(
    "its person only, while they read its idea; others find nothing",
    grants=lambda p, s: p.id == s.person_id and reads(p, s.idea),
    hidden=True,
)
ROW_PERSON_OR_MANAGERS = Rule(
    "the row's contact or owner, managers in scope and admins",
    grants=lambda p, s: p.id == s.person_id or manages(p, s.idea),
)


@dataclass(frozen=True)
class Line:
    """One endpoint's rule, and which of the demo's objects its path arguments take."""

    rule: Rule
    subjects: str = ""  # a kind of SUBJECTS in the test; "" for a route that names no object
    stages: tuple[Stage, ...] = ()  # the ideas' stages, for idea subjects
    path: dict = field(default_factory=dict)  # fixed path values (a stage, a target)
    lands_on_login: bool = False  # its allowed answer is the login page (signing out)


S = Stage
MATRIX: dict[str, Line] = {
    # the visitor's own
    "home.health": Line(PUBLIC),
    "auth.login": Line(PUBLIC),
    "auth.language": Line(PUBLIC),
    "auth.logout": Line(MEMBERS, lands_on_login=True),
    "auth.password": Line(MEMBERS),
    "people.my_data": Line(MEMBERS),
    "people.download": Line(MEMBERS),
    "notification_email.preferences": Line(MEMBERS),
    # the signed token in the path is the proof: no login (an e-mail's one-click unsubscribe)
    "notification_email.unsubscribe": Line(PUBLIC, "unsubscribe tokens"),
    "home.index": Line(MEMBERS),
    "notifications.index": Line(MEMBERS),
    "notifications.read_all": Line(MEMBERS),
    "notifications.open_item": Line(OWN_NOTIFICATION, "notifications"),
    "notifications.read": Line(OWN_NOTIFICATION, "notifications"),
    # pages of one's own organisation
    "ideas.index": Line(MEMBERS),
    "ideas.new": Line(MEMBERS),
    "board.index": Line(MEMBERS),
    "board.more": Line(MEMBERS, path={"stage": S.SCREENING.value}),
    "board.matrix": Line(MEMBERS),
    "outcomes.index": Line(MEMBERS),
    "pilots.learnings": Line(MEMBERS),
    "dashboard.index": Line(LEADERS_AND_ADMINS),
    "dashboard.ideas": Line(LEADERS_AND_ADMINS),
    "exports.index": Line(LEADERS_AND_ADMINS),
    "exports.download": Line(LEADERS_AND_ADMINS),
    # administration
    "admin.index": Line(ADMINS),
    "admin.audit": Line(ADMINS),
    "admin.benefit_settings": Line(ADMINS),
    "admin.idea_settings": Line(ADMINS),
    "admin.board": Line(ADMINS),
    "admin.users": Line(ADMINS),
    "admin.user_new": Line(ADMINS),
    "admin.user_edit": Line(ADMINS, "users"),
    "admin.user_anonymise": Line(ADMINS, "users"),
    "admin.units": Line(ADMINS),
    "admin.unit_form": Line(ADMINS, "units"),
    "admin.catalogue": Line(ADMINS),
    "admin.catalogue_form": Line(ADMINS, "catalogue"),
    "admin.toggle": Line(ADMINS, "catalogue"),
    # an idea
    "ideas.show": Line(READERS, "idea of each stage", tuple(S)),
    "benefits.calculation": Line(READERS, "idea of each stage", tuple(S)),
    "ideas.support": Line(SUPPORTERS, "idea of each stage", tuple(S)),
    "notifications.follow": Line(READERS, "idea of each stage", tuple(S)),
    "ideas.edit": Line(SUBMITTER, "ideas", (S.SUBMITTED, S.PRIORITISED)),
    "ideas.withdraw": Line(SUBMITTER, "ideas", (S.SUBMITTED, S.PRIORITISED)),
    "ideas.take": Line(MANAGERS, "ideas", (S.SUBMITTED,)),
    "ideas.confidential": Line(MANAGERS, "ideas", (S.SUBMITTED, S.PILOT)),
    "ideas.assess": Line(MANAGERS, "ideas", (S.SCREENING,)),
    "ideas.move": Line(MANAGERS, "ideas", (S.SCREENING,), {"target": S.PRIORITISED.value}),
    "board.gate": Line(MANAGERS, "ideas", (S.SUBMITTED,), {"stage": S.SCREENING.value}),
    "board.move_menu": Line(MANAGERS, "ideas", (S.SCREENING,)),
    "board.move": Line(MANAGERS, "card moves", (S.SCREENING,)),
    "pilots.plan": Line(MANAGERS, "ideas", (S.PRIORITISED,)),
    "pilots.extend": Line(MANAGERS, "ideas", (S.PILOT,)),
    "pilots.evaluate": Line(MANAGERS, "ideas", (S.PILOT,)),
    "rollouts.plan": Line(MANAGERS, "ideas", (S.ROLLOUT,)),
    "benefits.new": Line(PLANNERS, "ideas", (S.ROLLOUT,)),
    "costs.new": Line(PLANNERS, "ideas", (S.ROLLOUT,)),
    "benefits.assess": Line(PLANNERS, "ideas", (S.FOLLOW_UP,)),
    # an idea's comments: the demo's are fresh, so their authors may still change them
    "discussion.thread": Line(READERS, "idea of each stage", tuple(S)),
    "discussion.post": Line(READERS, "idea of each stage", tuple(S)),
    "discussion.people": Line(READERS, "idea of each stage", tuple(S)),
    "discussion.reply": Line(COMMENT_READERS, "comments"),
    "discussion.edit": Line(COMMENT_AUTHOR, "comments"),
    "discussion.remove": Line(COMMENT_REMOVERS, "comments"),
    # an idea's benefits, costs and rollout rows
    "benefits.show": Line(BENEFIT_READERS, "benefits"),
    "benefits.edit": Line(BENEFIT_PLANNERS, "benefits"),
    "benefits.close": Line(BENEFIT_PLANNERS, "benefits"),
    "benefits.measure": Line(BENEFIT_OWNER, "benefits"),
    "benefits.propose": Line(BENEFIT_OWNER, "benefits"),
    "benefits.confirm": Line(SIGNERS, "benefits"),
    "costs.edit": Line(PLANNERS, "costs"),
    "costs.delete": Line(PLANNERS, "costs"),
    "rollouts.unit_status": Line(ROW_PERSON_OR_MANAGERS, "rollout units"),
    "rollouts.activity_done": Line(ROW_PERSON_OR_MANAGERS, "activities"),
}

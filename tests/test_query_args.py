"""Every query argument of every GET page, as every role, with malformed values: never a 5xx.

The routes come from the URL map and the argument names from what each page reads from its
query string, so a new page or a new argument is fuzzed without being listed here.
"""

from itertools import islice, product
from urllib.parse import quote

import pytest
from sqlalchemy import select
from werkzeug.datastructures import ImmutableMultiDict

from tests.demo_helpers import _user
from tracker.benefits.models import Benefit
from tracker.costs.models import Cost
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage
from tracker.notifications.email.tokens import make_token
from tracker.notifications.models import Kind
from tracker.orgs.models import Category, Organisation, ScoringCriterion, StrategicGoal, Unit

ROLES = ("employee", "manager", "leader", "admin")
BAD_VALUES = ("²", "-1", "0", "99999999999999999999", "\x00", "", "9" * 5000)
TRIES = 40  # URLs tried per route and `any` choice for one the role may open, else the first


class RecordingArgs(ImmutableMultiDict):
    """Query arguments that note every name a page reads."""

    read: set[str] = set()

    def __getitem__(self, key):
        RecordingArgs.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        RecordingArgs.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        RecordingArgs.read.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        RecordingArgs.read.add(key)
        return super().__contains__(key)


def _ids(model, *where, limit: int = 3) -> list[str]:
    return [str(i) for i in db.session.scalars(select(model.id).where(*where).limit(limit))]


def _path_values() -> dict[str, list[str]]:
    """Real values for every path argument, from the demo's first organisation."""
    org = db.session.scalar(select(Organisation.id).order_by(Organisation.id))
    ideas = [
        i
        for stage in Stage
        for i in _ids(Idea, Idea.organisation_id == org, Idea.stage == stage, limit=1)
    ]
    of_org = Idea.organisation_id == org
    return {
        "idea_id": ideas,
        "stage": [s.value for s in Stage],
        "target": [s.value for s in Stage],
        "benefit_id": _ids(Benefit, Benefit.idea_id.in_(select(Idea.id).where(of_org)), limit=4),
        "cost_id": _ids(Cost, Cost.idea_id.in_(select(Idea.id).where(of_org))),
        "unit_id": _ids(Unit, Unit.organisation_id == org, limit=1),
        "user_id": [str(_user("employee@example.org").id)],
        "token": [make_token(_user("employee@example.org").id, [Kind.COMMENT])],
        "object_id": [
            *_ids(StrategicGoal, StrategicGoal.organisation_id == org, limit=1),
            *_ids(Category, Category.organisation_id == org, limit=1),
            *_ids(ScoringCriterion, ScoringCriterion.organisation_id == org, limit=1),
        ],
    }


def _variants(rule, values: dict[str, list[str]]):
    """For each choice of the rule's `any` arguments, its URLs with real values for the others."""
    names = sorted(rule.arguments)
    kinds = [n for n in names if hasattr(rule._converters[n], "items")]
    ids = [n for n in names if n not in kinds]
    for name in ids:
        if not values.get(name):
            pytest.fail(f"no test value for <{name}> of {rule.rule}: add one to _path_values")
    for kind in product(*(sorted(rule._converters[n].items) for n in kinds)):
        combinations = product(*(values[n] for n in ids))
        yield [
            rule.build(dict(zip(kinds + ids, kind + combination, strict=True)))[1]
            for combination in islice(combinations, TRIES)
        ]


def _get(client, url: str) -> int | str:
    """The status, or the exception an unhandled error raised (the test app propagates them)."""
    try:
        # buffered: a streamed body (the exports) is read, and may fail, inside the request
        with client.get(url, buffered=True) as response:
            pass
    except Exception as error:  # noqa: BLE001 (report every failing URL, not only the first)
        return f"{type(error).__name__}: {error}"[:300]
    return response.status_code


def _fuzz(client, path: str) -> list[str]:
    """Each argument the page reads, with each malformed value: the answers that failed."""
    RecordingArgs.read = set()
    plain = _get(client, path)
    failures = [] if isinstance(plain, int) and plain < 500 else [f"{path} -> {plain}"]
    for name, value in product(sorted(RecordingArgs.read), BAD_VALUES):
        url = f"{path}?{quote(name)}={quote(value)}"
        status = _get(client, url)
        if not isinstance(status, int) or status >= 500:
            failures.append(f"{url[:120]} -> {status}")
    return failures


@pytest.fixture
def recording(app, monkeypatch):
    """The app's requests read their query string through RecordingArgs (in this test only)."""
    request_class = type("RecordingRequest", (app.request_class,), {})
    request_class.parameter_storage_class = RecordingArgs
    monkeypatch.setattr(app, "request_class", request_class)
    return app


@pytest.mark.parametrize("role", ROLES)
def test_no_malformed_query_argument_makes_a_get_page_fail(recording, demo, login, role):
    client = login(_user(f"{role}@example.org"))
    values = _path_values()
    rules = [r for r in recording.url_map.iter_rules() if "GET" in r.methods]
    failures, fuzzed = [], set()
    for rule in sorted(rules, key=lambda r: r.rule):
        if rule.endpoint == "static":
            continue
        for paths in _variants(rule, values):
            path = next((p for p in paths if _get(client, p) == 200), paths[0])
            failures += _fuzz(client, path)
        fuzzed.add(rule.endpoint)
    assert not failures, "\n".join(failures)
    assert len(fuzzed) > 40  # the map was read: the app has more GET pages than this

"""State changes of benefits: identify and plan, change the plan, record measurements.

Services add and flush; the view commits once. A refused change raises `Invalid` with the
form field its message belongs to, or `Forbidden`.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker import validation as check
from tracker.auth.members import check_member
from tracker.auth.models import User
from tracker.benefits import calc
from tracker.benefits.models import (
    Benefit,
    BenefitSettings,
    InterimTarget,
    Measurement,
    PlanChange,
)
from tracker.benefits.rules import (
    BenefitType,
    Confidence,
    Direction,
    Lifecycle,
    Stakeholder,
)
from tracker.events import BenefitChanged, MeasurementRecorded, RoleGiven, publish
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import TEXT_MAX, Idea, utcnow
from tracker.ideas.stages import PLANNING_STAGES
from tracker.locking import lock
from tracker.orgs import tenancy
from tracker.orgs.models import StrategicGoal
from tracker.refusals import Forbidden, Invalid, Refused, Stale
from tracker.transactions import transaction_cache


@dataclass
class BenefitInput:
    title: str
    type: BenefitType
    stakeholder: Stakeholder
    indicator: str
    measure: str
    direction: Direction
    dis_benefit: bool = False
    unit_id: int | None = None
    method: str = ""
    data_source: str = ""
    baseline_value: Decimal | None = None
    baseline_on: date | None = None
    target_value: Decimal | None = None
    target_on: date | None = None
    interim: list[tuple[date, Decimal]] = field(default_factory=list)
    confidence: Confidence = Confidence.MEDIUM
    sek_per_unit: Decimal | None = None
    price_year: int | None = None
    attribution: Decimal = Decimal(100)
    owner_id: int | None = None
    strategic_goal_id: int | None = None
    interval_months: int = 3
    risks: str = ""


def may_measure(user: User, benefit: Benefit) -> bool:
    """Only the benefit owner records its measurements."""
    return benefit.owner_id is not None and benefit.owner_id == user.id


def _check_input(data: BenefitInput) -> None:
    """Texts that fit their columns without control characters, members of their enums, ids,
    sane dates and numbers that their Numeric columns hold; each refusal names its field."""
    for name in ("title", "indicator", "measure"):
        check.text(
            name, getattr(data, name), check.column_length(getattr(Benefit, name)), required=True
        )
    check.text("method", data.method, TEXT_MAX)
    check.text("data_source", data.data_source, check.column_length(Benefit.data_source))
    check.text("risks", data.risks, TEXT_MAX)
    for name, kind in (
        ("type", BenefitType),
        ("stakeholder", Stakeholder),
        ("direction", Direction),
        ("confidence", Confidence),
    ):
        check.member(name, getattr(data, name), kind)
    for name in ("unit_id", "owner_id", "strategic_goal_id"):
        check.identifier(name, getattr(data, name), required=False)
    value_limit = check.numeric_limit(Benefit.baseline_value)
    for what in ("baseline", "target"):
        check.day(f"{what}_on", getattr(data, f"{what}_on"), required=False)
        value = getattr(data, f"{what}_value")
        if value is not None:
            check.number(f"{what}_value", value, value_limit)
    for on, value in data.interim:
        check.day("interim", on)
        check.number("interim", value, value_limit)
    if data.sek_per_unit is not None:
        check.number(
            "sek_per_unit",
            data.sek_per_unit,
            check.numeric_limit(Benefit.sek_per_unit),
            minimum=0,
            message=_l("The value is zero or more."),
        )
    if data.price_year is not None:
        check.whole_number(
            "price_year",
            data.price_year,
            check.YEAR_MIN,
            check.YEAR_MAX,
            _l("Enter a year from %(min)d to %(max)d.", min=check.YEAR_MIN, max=check.YEAR_MAX),
        )
    check.number("attribution", data.attribution, check.numeric_limit(Benefit.attribution))
    if isinstance(data.interval_months, int) and data.interval_months < 1:
        raise Invalid("interval_months", _l("The interval is at least one month."))
    months = _l("Give an interval from 1 to 60 months.")
    check.whole_number("interval_months", data.interval_months, 1, 60, months)


def _check(idea: Idea, data: BenefitInput) -> None:
    """The rules a form cannot check alone; each refusal names its field."""
    _check_input(data)
    together = {
        "baseline": _l("Give the baseline's value and date together."),
        "target": _l("Give the target's value and date together."),
    }
    for what, message in together.items():
        value, on = getattr(data, f"{what}_value"), getattr(data, f"{what}_on")
        if (value is None) != (on is None):
            raise Invalid(f"{what}_on" if on is None else f"{what}_value", message)
    if data.target_on and data.baseline_on and data.target_on <= data.baseline_on:
        raise Invalid("target_on", _l("The target date must be after the baseline date."))
    if not 0 <= data.attribution <= 100:
        raise Invalid("attribution", _l("The attribution is a share from 0 to 100 %."))
    for on, _value in data.interim:
        inside = data.baseline_on and data.target_on and data.baseline_on < on < data.target_on
        if not inside:
            raise Invalid(
                "interim", _l("Interim targets lie between the baseline date and the target date.")
            )
    if len({on for on, _ in data.interim}) != len(data.interim):
        raise Invalid("interim", _l("Each interim target has a date of its own."))
    for name, person, unit in (("owner_id", data.owner_id, None), ("unit_id", None, data.unit_id)):
        try:
            check_member(idea.organisation_id, person, unit)
        except Refused as refused:
            raise Invalid(name, refused.messages[0]) from None
    if data.strategic_goal_id is not None:
        goal = db.session.get(StrategicGoal, data.strategic_goal_id)
        if goal is None or not tenancy.same_organisation(
            goal.organisation_id, idea.organisation_id
        ):
            raise Invalid("strategic_goal_id", _l("Choose one of the organisation's goals."))


def _plan_of(benefit: Benefit) -> tuple:
    return (benefit.baseline_value, benefit.baseline_on), (benefit.target_value, benefit.target_on)


def save_benefit(
    idea: Idea,
    user: User,
    data: BenefitInput,
    benefit: Benefit | None = None,
    version: int | None = None,
    reason: str = "",
) -> Benefit:
    """Identify a benefit, or change it. Once planned, a changed baseline or target needs a
    reason, and the old values are kept in the benefit's history."""
    if not access.can_plan(user, idea):
        raise Forbidden(_l("Only the idea's manager may plan its benefits."))
    lock(idea, *([benefit] if benefit else []))
    if idea.stage not in PLANNING_STAGES:
        raise Invalid("", _l("Benefits are planned from screening until the follow-up ends."))
    if benefit is not None:
        if benefit.version != version and version is not None:
            raise Stale(_l("Someone else changed this benefit meanwhile. Nothing was saved."))
        if benefit.lifecycle.closed:
            raise Invalid("", _l("A closed benefit cannot be changed."))
    reason = check.text("reason", reason, TEXT_MAX)  # checked even when nothing needs it
    _check(idea, data)
    if benefit is None:
        benefit = Benefit(idea_id=idea.id, lifecycle=Lifecycle.IDENTIFIED)
        db.session.add(benefit)
        old = None
    else:
        old = _plan_of(benefit)
    old_owner = benefit.owner_id
    for name in BenefitInput.__dataclass_fields__:
        if name != "interim":
            setattr(benefit, name, getattr(data, name))
    # A day's row is kept and given its new value: a new row for a day still held by an old one
    # would be inserted before the old one is deleted, against the one-target-a-day rule.
    held = {target.on: target for target in benefit.interim_targets}
    targets = []
    for on, value in data.interim:
        target = held.get(on) or InterimTarget(on=on)
        target.value = value
        targets.append(target)
    benefit.interim_targets = targets
    if old is not None and benefit.lifecycle is not Lifecycle.IDENTIFIED:
        _keep_history(benefit, old, user, reason)
    if benefit.lifecycle is Lifecycle.IDENTIFIED and benefit.planned:
        benefit.lifecycle = Lifecycle.PLANNED
    elif benefit.lifecycle is not Lifecycle.IDENTIFIED and not benefit.planned:
        raise Invalid("", _l("A planned benefit keeps its baseline, target and owner."))
    db.session.flush()
    publish(BenefitChanged(benefit))
    if benefit.owner_id is not None and benefit.owner_id != old_owner:
        owner = db.session.get(User, benefit.owner_id)
        publish(RoleGiven(idea, owner, "benefit_owner", user))
    return benefit


def _keep_history(benefit: Benefit, old: tuple, user: User, reason: str) -> None:
    new = _plan_of(benefit)
    changed = [(what, o, n) for what, o, n in zip(("baseline", "target"), old, new, strict=True)]
    changed = [(what, o, n) for what, o, n in changed if o != n]
    if changed and not reason:
        raise Invalid("reason", _l("Say why the baseline or target changes."))
    for what, (old_value, old_on), (new_value, new_on) in changed:
        db.session.add(
            PlanChange(
                benefit_id=benefit.id,
                what=what,
                old_value=old_value,
                old_on=old_on,
                new_value=new_value,
                new_on=new_on,
                reason=reason,
                actor_id=user.id,
            )
        )


def plan_of(benefit: Benefit) -> calc.Plan | None:
    """The benefit as the calculation sees it; None until it is planned."""
    if not benefit.planned:
        return None
    return calc.Plan(
        baseline=calc.Point(benefit.baseline_on, Decimal(benefit.baseline_value)),
        target=calc.Point(benefit.target_on, Decimal(benefit.target_value)),
        direction=benefit.direction,
        interim=tuple(calc.Point(t.on, Decimal(t.value)) for t in benefit.interim_targets),
        attribution=Decimal(benefit.attribution),
        sek_per_unit=None if benefit.sek_per_unit is None else Decimal(benefit.sek_per_unit),
        type=benefit.type,
        dis_benefit=benefit.dis_benefit,
    )


def readings_of(benefit: Benefit) -> list[calc.Reading]:
    return readings_by_benefit([benefit.id]).get(benefit.id, [])


def readings_by_benefit(ids) -> dict[int, list[calc.Reading]]:
    """The measurements of these benefits as the calculation reads them, in one query."""
    ids = list(ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(
            Measurement.benefit_id,
            Measurement.id,
            Measurement.on,
            Measurement.value,
            Measurement.corrects_id,
        ).where(Measurement.benefit_id.in_(ids))
    )
    out: dict[int, list[calc.Reading]] = {}
    for benefit_id, mid, on, value, corrects in rows:
        out.setdefault(benefit_id, []).append(calc.Reading(mid, on, Decimal(value), corrects))
    return out


@dataclass
class MeasurementInput:
    on: date
    value: Decimal
    comment: str = ""
    data_source: str = ""
    corrects_id: int | None = None


def _check_measurement(data: MeasurementInput) -> None:
    """A sane date, a number its column holds, texts that fit without control characters."""
    check.day("on", data.on)
    check.number("value", data.value, check.numeric_limit(Measurement.value))
    check.text("comment", data.comment, TEXT_MAX)
    check.text("data_source", data.data_source, check.column_length(Measurement.data_source))
    check.identifier("corrects_id", data.corrects_id, required=False)


def record_measurement(benefit: Benefit, user: User, data: MeasurementInput) -> Measurement:
    """The benefit owner records a value; a correction points at the measurement it replaces,
    and both stay."""
    if not may_measure(user, benefit):
        raise Forbidden(_l("Only the benefit owner records its measurements."))
    _check_measurement(data)
    lock(benefit.idea, benefit)
    if not benefit.planned:
        raise Invalid("", _l("Plan the benefit first: baseline, target and owner."))
    if benefit.lifecycle.closed:
        raise Invalid("", _l("A closed benefit takes no more measurements."))
    if data.on < benefit.baseline_on:
        raise Invalid("on", _l("A measurement cannot be dated before the baseline date."))
    if data.on > date.today():
        raise Invalid("on", _l("A measurement cannot be dated in the future."))
    if data.corrects_id is not None:
        corrected = db.session.get(Measurement, data.corrects_id)
        if corrected is None or corrected.benefit_id != benefit.id:
            raise Invalid("corrects_id", _l("A correction corrects a measurement of this benefit."))
    measurement = Measurement(
        benefit_id=benefit.id,
        on=data.on,
        value=data.value,
        comment=data.comment.strip(),
        data_source=data.data_source.strip(),
        corrects_id=data.corrects_id,
        recorded_by_id=user.id,
    )
    db.session.add(measurement)
    db.session.flush()  # the new reading, for the figures to read
    if benefit.lifecycle is Lifecycle.PLANNED:
        benefit.lifecycle = Lifecycle.REALISING
    benefit.updated_at = utcnow()
    publish(MeasurementRecorded(benefit, measurement))
    return measurement


def settings_for(organisation_id: int) -> BenefitSettings:
    """The organisation's settings, or the defaults (3 %, 5 years, 90 %) when none are saved;
    read once a transaction (a write reads them for its status and for its year figures)."""
    saved = transaction_cache("benefit_settings")
    if organisation_id not in saved:
        settings = db.session.get(BenefitSettings, organisation_id)
        if settings is None:
            return _default_settings(organisation_id)
        saved[organisation_id] = settings
    return saved[organisation_id]


def _default_settings(organisation_id: int) -> BenefitSettings:
    return BenefitSettings(
        organisation_id=organisation_id,
        discount_rate=Decimal("0.03"),
        horizon_years=5,
        tolerance=Decimal("0.9"),
    )

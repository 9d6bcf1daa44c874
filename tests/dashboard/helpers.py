"""A small organisation whose dashboard figures are worked out by hand in the tests."""

from datetime import date, datetime
from decimal import Decimal

from tracker.benefits import figures
from tracker.benefits.models import Benefit, IdeaYearFigure, Measurement
from tracker.benefits.rules import BenefitType, Direction, Lifecycle, Stakeholder
from tracker.dashboard.rebuild import rebuild_aggregates
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import Stage
from tracker.orgs.models import StrategicGoal

S = Stage


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + " 09:00")


def history_idea(org, unit, steps, category=None, goal=None, title="Idé") -> Idea:
    """An idea with exactly this history [(stage, "YYYY-MM-DD")], written directly."""
    idea = Idea(
        organisation_id=org.org.id,
        unit_id=unit.id,
        category_id=category.id if category else None,
        strategic_goal_id=goal.id if goal else None,
        submitter_id=org.employee.id,
        owner_id=org.manager.id,
        title=title,
        need="Behov",
        proposal="Förslag",
        stage=steps[-1][0],
        stage_entered_at=at(steps[-1][1]),
        created_at=at(steps[0][1]),
    )
    db.session.add(idea)
    db.session.flush()
    before = None
    for stage, day in steps:
        db.session.add(StageChange(idea_id=idea.id, from_stage=before, to_stage=stage, at=at(day)))
        before = stage
    db.session.flush()
    return idea


def year_figure(idea, year, **values) -> None:
    db.session.add(
        IdeaYearFigure(idea_id=idea.id, year=year, **{k: Decimal(v) for k, v in values.items()})
    )


def hand_fixture(w) -> dict[str, Idea]:
    """Four ideas of organisation a and one of b (which must never show).

    care: submitted 2025-01-10, screening +10 d, prioritised +30, pilot +10, rollout +90,
          follow-up +32 (now there); unit home care (under social), category, goal.
    school_declined: 2025-02-01, screening +2, declined +5; unit school.
    school_new: 2026-01-05, still submitted; unit school, category.
    care_stopped: 2025-03-01, screening +4, prioritised +20, pilot +10, stopped +30; social.
    """
    a = w.a
    ideas = {
        "care": history_idea(
            a,
            a.home_care,
            [
                (S.SUBMITTED, "2025-01-10"),
                (S.SCREENING, "2025-01-20"),
                (S.PRIORITISED, "2025-02-19"),
                (S.PILOT, "2025-03-01"),
                (S.ROLLOUT, "2025-05-30"),
                (S.FOLLOW_UP, "2025-07-01"),
            ],
            category=a.category,
            goal=a.goal,
            title="Digitala inköp",
        ),
        "school_declined": history_idea(
            a,
            a.school,
            [(S.SUBMITTED, "2025-02-01"), (S.SCREENING, "2025-02-03"), (S.DECLINED, "2025-02-08")],
        ),
        "school_new": history_idea(
            a, a.school, [(S.SUBMITTED, "2026-01-05")], category=a.category, title="Ny idé"
        ),
        "care_stopped": history_idea(
            a,
            a.social,
            [
                (S.SUBMITTED, "2025-03-01"),
                (S.SCREENING, "2025-03-05"),
                (S.PRIORITISED, "2025-03-25"),
                (S.PILOT, "2025-04-04"),
                (S.STOPPED, "2025-05-04"),
            ],
        ),
        "other_org": history_idea(
            w.b, w.b.social, [(S.SUBMITTED, "2025-01-15"), (S.SCREENING, "2025-01-16")]
        ),
    }
    figures = [
        ("care", 2025, 1000, 400, 300, 350, 100, 300),
        ("care", 2026, 2000, 0, 100, 0, 0, 0),
        ("care_stopped", 2025, 0, 0, 50, 70, 0, 0),
        ("other_org", 2025, 99999, 99999, 1, 1, 0, 0),
    ]
    names = (
        "planned_sek",
        "realised_sek",
        "planned_cost",
        "actual_cost",
        "cash_sek",
        "non_cash_sek",
    )
    for name, year, *values in figures:
        year_figure(ideas[name], year, **dict(zip(names, values, strict=True)))
    db.session.flush()
    hand_benefits(w, ideas)
    rebuild_aggregates(today=date(2026, 11, 25))
    db.session.commit()
    return ideas


def benefit(idea, owner, title, type_, measure, direction, base, target, sek=None, goal=None):
    """A planned benefit written directly: base and target are (value, "YYYY-MM-DD")."""
    row = Benefit(
        idea_id=idea.id, title=title, type=type_, stakeholder=Stakeholder.RESIDENTS,
        indicator=title, measure=measure, direction=direction,
        baseline_value=Decimal(base[0]), baseline_on=date.fromisoformat(base[1]),
        target_value=Decimal(target[0]), target_on=date.fromisoformat(target[1]),
        sek_per_unit=None if sek is None else Decimal(sek), owner_id=owner.id,
        strategic_goal_id=goal.id if goal else None, lifecycle=Lifecycle.PLANNED,
    )  # fmt: skip
    db.session.add(row)
    db.session.flush()
    return row


def hand_benefits(w, ideas) -> dict:
    """Benefits whose figures on 2026-11-25 are worked out by hand (follow-ups every 3 months):

    savings (care, goal of the idea): 100 000 → 40 000 kr per år from 2025-07-01 to 2027-07-01,
        measured 70 000 on 2026-06-01: realised 30 000 of 60 000 SEK a year; the plan then was
        60 000 × 335/730 ≈ 27 534, so on track; due 2026-09-01.
    hours (care): 0 → 100 timmar per månad by 2026-07-01, never measured: not measured; due
        2025-10-01 (one interval after the baseline).
    nki (care_stopped, its own goal "Nöjda invånare"): 60 → 70 NKI by 2025-12-31, measured 62 on
        2025-12-01: missed; due 2026-03-01.
    dropped (care): evaporated, never counted.
    """
    a = w.a
    other_goal = StrategicGoal(organisation_id=a.org.id, name="Nöjda invånare")
    db.session.add(other_goal)
    db.session.flush()
    care, stopped = ideas["care"], ideas["care_stopped"]
    made = {
        "savings": benefit(care, a.employee, "Lägre portokostnad", BenefitType.FINANCIAL,
                           "kr per år", Direction.LOWER, (100000, "2025-07-01"),
                           (40000, "2027-07-01"), sek=1),
        "hours": benefit(care, a.employee, "Frigjord tid", BenefitType.REALLOCATION,
                         "timmar per månad", Direction.HIGHER, (0, "2025-07-01"),
                         (100, "2026-07-01")),
        "nki": benefit(stopped, a.manager, "Nöjdhet", BenefitType.QUALITY, "NKI",
                       Direction.HIGHER, (60, "2025-01-01"), (70, "2025-12-31"),
                       goal=other_goal),
        "dropped": benefit(care, a.employee, "Färre samtal", BenefitType.REALLOCATION,
                           "samtal per vecka", Direction.LOWER, (50, "2025-07-01"),
                           (30, "2026-07-01")),
    }  # fmt: skip
    for key, value, on in (("savings", 70000, "2026-06-01"), ("nki", 62, "2025-12-01")):
        db.session.add(
            Measurement(benefit_id=made[key].id, on=date.fromisoformat(on), value=Decimal(value))
        )
    made["dropped"].lifecycle = Lifecycle.EVAPORATED
    db.session.flush()
    for row in made.values():
        figures.refresh_figures(row)
    made["other_goal"] = other_goal
    return made

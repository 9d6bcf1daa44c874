"""Recording and correcting a benefit's measurements through their page, and who may do it.

Every refused write is checked against the database: nothing of it is saved.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefit_factories import TODAY, idea_with_benefit, measure, plan_benefit
from tests.benefits.helpers import (
    english,
    fact,
    iso,
    reloaded,
    show_url,
    unchanged,
)
from tests.ideas.helpers import REQUIRED, _flash
from tests.pilot_factories import in_rollout
from tests.pilots.helpers import field_error
from tracker.benefits import calc
from tracker.benefits.models import Measurement
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db

FIX_FIELDS = "Please correct the fields marked below."
WRONG_REQUEST = "Something in the request was missing or wrong. Reload the page and try again."
NOT_THIS_BENEFIT = "A correction corrects a measurement of this benefit."


def measure_url(benefit, corrects=None) -> str:
    return f"/benefits/{benefit.id}/measure" + (f"?corrects={corrects}" if corrects else "")


def reading(**overrides) -> dict:
    data = {
        "on": iso(0),
        "value": "15",
        "comment": "Median för kvartalet",
        "data_source": "Ärendesystemet",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def measurements() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(select(Measurement).order_by(Measurement.id))
    return [(m.on, m.value, m.corrects_id, m.recorded_by_id) for m in rows]


def measurement_rows(page) -> dict[int, str]:
    """The rows of the benefit page's measurement table, by measurement id."""
    return dict(
        (int(mid), row)
        for mid, row in re.findall(r'<tr[^>]*id="measurement-(\d+)">(.*?)</tr>', page.text, re.S)
    )


# ---------------------------------------------------------------- record


def test_the_measurement_form_starts_today_and_states_the_baseline(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    page = login(world.a.employee).get(measure_url(benefit))
    assert page.status_code == 200
    assert "<h1>Record a measurement</h1>" in page.text
    assert re.search(rf'name="on"[^>]*value="{iso(0)}"', page.text)
    baseline_on = english(TODAY - timedelta(days=180))
    assert f"Baseline 20 on {baseline_on}." in page.text
    assert 'name="corrects_id" type="hidden" value=""' in page.text


def test_the_owner_records_a_measurement_and_the_benefit_is_realising(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    client = login(world.a.employee)
    response = client.post(measure_url(benefit), data=reading())
    assert response.status_code == 302
    assert response.headers["Location"] == show_url(benefit)
    assert measurements() == [(TODAY, 15, None, world.a.employee.id)]
    benefit = reloaded(benefit)
    assert benefit.lifecycle is Lifecycle.REALISING
    due = calc.add_months(TODAY, 3)
    assert (benefit.latest_value, benefit.latest_on, benefit.realised_change) == (15, TODAY, 5)
    assert benefit.next_due_on == due
    page = client.get(show_url(benefit))
    assert "The measurement is recorded." in _flash(page)
    assert fact(page, "Stage of the benefit") == "Realising"
    assert fact(page, "Realised change") == "5 dagar"
    assert fact(page, "Progress") == "50 %"
    assert fact(page, "Next follow-up") == english(due)
    (row,) = measurement_rows(page).values()
    assert "<td>Median för kvartalet</td>" in row
    assert "<td>Eva Ek</td>" in row
    assert "<del>" not in row


def test_a_correction_keeps_both_rows_strikes_the_old_one_and_the_figures_use_it(
    world, login, client
):
    idea, benefit = idea_with_benefit(world.a)
    first_on = TODAY - timedelta(days=30)
    first = measure(benefit, world.a.employee, "15", on=first_on)
    client = login(world.a.employee)
    page = client.get(show_url(benefit))
    assert f'href="{measure_url(benefit, first.id)}"' in page.text
    form = client.get(measure_url(benefit, first.id))
    assert form.status_code == 200
    assert "<h1>Correct a measurement</h1>" in form.text
    assert f"replaces the measurement of {english(first_on)} (15)" in form.text
    assert re.search(rf'name="corrects_id" type="hidden" value="{first.id}"', form.text)
    assert re.search(r'name="value"[^>]*value="15"', form.text)
    data = reading(on=first_on.isoformat(), value="14", corrects_id=first.id)
    response = client.post(measure_url(benefit, first.id), data=data)
    assert response.status_code == 302
    assert measurements() == [
        (first_on, 15, None, world.a.employee.id),
        (first_on, 14, first.id, world.a.employee.id),
    ]
    benefit = reloaded(benefit)
    assert (benefit.latest_value, benefit.realised_change) == (14, 6)
    assert benefit.next_due_on == calc.add_months(first_on, 3)
    page = client.get(show_url(benefit))
    rows = measurement_rows(page)
    assert len(rows) == 2
    old, new = rows[first.id], rows[max(rows)]
    assert 'class="corrected"' in page.text
    assert "<del>15</del>" in old
    assert f"<del>{english(first_on)}</del>" in old
    assert "<del>" not in new
    assert f"Corrects the measurement of {english(first_on)}." in new
    assert "Correct" not in re.sub(r"\(corrected\)", "", old.split("</td>", 3)[-1])
    assert fact(page, "Realised change") == "6 dagar"
    assert fact(page, "Progress") == "60 %"


def test_a_measurement_in_swedish_takes_a_decimal_comma_and_is_shown_with_it(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    client = login(world.a.employee)
    sv = {"Accept-Language": "sv"}
    response = client.post(measure_url(benefit), data=reading(value="12,5"), headers=sv)
    assert response.status_code == 302
    assert measurements()[0][1] == Decimal("12.5")
    (row,) = measurement_rows(client.get(show_url(benefit), headers=sv)).values()
    assert '<td class="num">12,5</td>' in row
    response = client.post(measure_url(benefit), data=reading(value="1 200"), headers=sv)
    assert response.status_code == 302
    assert measurements()[1][1] == 1200


def test_the_owner_of_a_benefit_of_an_idea_outside_their_units_reads_it_and_measures(
    world, login, client
):
    idea, benefit = idea_with_benefit(world.a, owner_id=world.a.school_manager.id)
    client = login(world.a.school_manager)
    assert client.get(f"/ideas/{idea.id}").status_code == 200  # as someone taking part
    assert client.post(measure_url(benefit), data=reading()).status_code == 302
    assert measurements() == [(TODAY, 15, None, world.a.school_manager.id)]


# ---------------------------------------------------------------- bad input

BAD_READINGS = {
    "not a number": ({"value": "tolv"}, "value", "Enter a number, such as 1.5."),
    "huge number": ({"value": "1000000000000000"}, "value", "The number is too large."),
    "no value": ({"value": " "}, "value", REQUIRED),
    "no date": ({"on": ""}, "on", REQUIRED),
    "not a date": ({"on": "i går"}, "on", "Not a valid date value."),
    "before the baseline": (
        {"on": iso(-181)},
        "on",
        "A measurement cannot be dated before the baseline date.",
    ),
    "in the future": ({"on": iso(1)}, "on", "A measurement cannot be dated in the future."),
}


@pytest.mark.parametrize(("overrides", "name", "message"), BAD_READINGS.values(), ids=BAD_READINGS)
def test_a_bad_measurement_is_shown_again_with_the_message_on_its_field_and_nothing_saved(
    world, login, client, overrides, name, message
):
    idea, benefit = idea_with_benefit(world.a)
    before = unchanged()
    response = login(world.a.employee).post(measure_url(benefit), data=reading(**overrides))
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert FIX_FIELDS in response.text
    assert unchanged() == before


def test_a_measurement_on_the_baseline_date_is_taken(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    response = login(world.a.employee).post(measure_url(benefit), data=reading(on=iso(-180)))
    assert response.status_code == 302


def test_a_correction_of_another_benefits_measurement_is_not_found(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    other = plan_benefit(idea, world.a.manager, owner=world.a.employee, title="Färre papper")
    theirs = measure(other, world.a.employee, "18")
    before = unchanged()
    client = login(world.a.employee)
    assert client.get(measure_url(benefit, theirs.id)).status_code == 404
    data = reading(corrects_id=theirs.id)
    assert client.post(measure_url(benefit, theirs.id), data=data).status_code == 404
    assert client.get(measure_url(benefit, 999999)).status_code == 404
    assert client.get(measure_url(benefit, 2**31)).status_code == 404
    assert unchanged() == before


@pytest.mark.parametrize("corrects", ["-1", "0", "abc", "99999999999999999999", "١"])
def test_a_correction_of_no_measurement_is_not_found_and_saves_nothing(
    world, login, client, corrects
):
    idea, benefit = idea_with_benefit(world.a)
    before = unchanged()
    client = login(world.a.employee)
    assert client.get(measure_url(benefit, corrects)).status_code == 404
    assert client.post(measure_url(benefit, corrects), data=reading()).status_code == 404
    assert unchanged() == before


def test_a_forged_correction_of_another_benefits_measurement_is_refused(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    mine = measure(benefit, world.a.employee, "15")
    other = plan_benefit(idea, world.a.manager, owner=world.a.employee, title="Färre papper")
    theirs = measure(other, world.a.employee, "18")
    before = unchanged()
    client = login(world.a.employee)
    for url in (measure_url(benefit), measure_url(benefit, mine.id)):
        response = client.post(url, data=reading(corrects_id=theirs.id))
        assert response.status_code == 422, url
        assert NOT_THIS_BENEFIT in response.text
        assert unchanged() == before


@pytest.mark.parametrize("forged", ["999999", "0", str(2**31), "10" * 12, "en"])
def test_a_forged_correction_of_no_measurement_is_refused(world, login, client, forged):
    idea, benefit = idea_with_benefit(world.a)
    before = unchanged()
    response = login(world.a.employee).post(measure_url(benefit), data=reading(corrects_id=forged))
    assert response.status_code == 422
    assert NOT_THIS_BENEFIT in response.text or WRONG_REQUEST in response.text
    assert unchanged() == before


def test_a_benefit_not_planned_takes_no_measurement(world, login, client):
    idea = in_rollout(world.a)
    benefit = plan_benefit(idea, world.a.manager, owner=world.a.employee, target_value=None,
                           target_on=None)  # fmt: skip
    assert benefit.lifecycle is Lifecycle.IDENTIFIED
    before = unchanged()
    client = login(world.a.employee)
    assert "Record a measurement" not in client.get(show_url(benefit)).text
    page = client.get(measure_url(benefit))
    assert page.status_code == 200
    assert "Baseline" not in page.text  # it has none yet
    response = client.post(measure_url(benefit), data=reading())
    assert response.status_code == 422
    assert "Plan the benefit first: baseline, target and owner." in response.text
    assert unchanged() == before


@pytest.mark.kept_by_hand  # closes the benefit directly
def test_a_closed_benefit_takes_no_measurement(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    benefit.lifecycle = Lifecycle.EVAPORATED
    db.session.commit()
    before = unchanged()
    client = login(world.a.employee)
    assert f'href="{measure_url(benefit)}"' not in client.get(show_url(benefit)).text
    response = client.post(measure_url(benefit), data=reading())
    assert response.status_code == 422
    assert "A closed benefit takes no more measurements." in response.text
    assert unchanged() == before


# ---------------------------------------------------------------- who may measure


@pytest.mark.parametrize("role", ["manager", "admin", "leader", "school_manager"])
def test_only_the_benefit_owner_records_its_measurements(world, login, client, role):
    idea, benefit = idea_with_benefit(world.a)
    mine = measure(benefit, world.a.employee, "15")
    before = unchanged()
    client = login(getattr(world.a, role))
    for url in (measure_url(benefit), measure_url(benefit, mine.id)):
        assert client.get(url).status_code == 403, url
        response = client.post(url, data=reading(corrects_id=mine.id))
        assert response.status_code == 403, url
        assert "You do not have access to this" in response.text
    assert unchanged() == before


def test_the_submitter_who_does_not_own_the_benefit_may_not_measure_it(world, login, client):
    idea, benefit = idea_with_benefit(world.a, owner_id=world.a.leader.id)
    before = unchanged()
    client = login(world.a.employee)  # the idea's submitter: reads it, owns no benefit of it
    assert client.get(show_url(benefit)).status_code == 200
    assert client.post(measure_url(benefit), data=reading()).status_code == 403
    assert unchanged() == before

"""The organisation's benefit settings: admins only, checked, audited, and used by the
calculation."""

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefits.test_calculation import figure, hand_case, table_row
from tests.ideas.helpers import REQUIRED, _flash
from tests.pilots.helpers import field_error
from tracker.audit import AuditAction, AuditEntry
from tracker.benefits import services
from tracker.benefits import settings as benefit_settings
from tracker.benefits.models import BenefitSettings, IdeaYearFigure
from tracker.extensions import db
from tracker.refusals import Invalid

URL = "/admin/benefit-settings"


def settings_data(**overrides) -> dict:
    data = {"rate_percent": "3.5", "horizon_years": "7", "tolerance_percent": "85"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def value_of(page, name: str) -> str:
    """The value a text box of the form shows."""
    found = re.search(rf'<input [^>]*id="{name}"[^>]*value="([^"]*)"', page.text)
    assert found, f"no input {name}"
    return found.group(1)


def kept_years(idea) -> int:
    db.session.expire_all()
    rows = db.session.scalars(select(IdeaYearFigure).where(IdeaYearFigure.idea_id == idea.id))
    return len(rows.all())


def saved() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(select(BenefitSettings).order_by(BenefitSettings.organisation_id))
    return [(s.organisation_id, s.discount_rate, s.horizon_years, s.tolerance) for s in rows]


def audit_entries() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    return [(e.organisation_id, e.actor_id, e.action, e.object_type, e.summary) for e in rows]


def test_the_page_shows_the_defaults_and_reading_it_saves_nothing(world, login, client):
    page = login(world.a.admin).get(URL)
    assert page.status_code == 200
    assert page.text.count("<h1>") == 1
    assert "<h1>Benefit settings</h1>" in page.text
    assert [value_of(page, name) for name in settings_data()] == ["3", "5", "90"]
    assert 'inputmode="decimal"' in page.text
    assert '<label for="rate_percent">Discount rate (%)' in page.text
    assert saved() == []


def test_an_admin_saves_the_settings_with_an_audit_entry(world, login, client):
    client = login(world.a.admin)
    response = client.post(URL, data=settings_data())
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert saved() == [(world.a.org.id, Decimal("0.035"), 7, Decimal("0.85"))]
    assert audit_entries() == [
        (
            world.a.org.id,
            world.a.admin.id,
            AuditAction.UPDATE,
            "organisation",
            "Benefit settings: discount_rate: 0.03 → 0.035; horizon_years: 5 → 7; "
            "tolerance: 0.9 → 0.85",
        )
    ]
    page = client.get(URL)
    assert "The benefit settings are saved." in _flash(page)
    assert [value_of(page, name) for name in settings_data()] == ["3.5", "7", "85"]
    assert services.settings_for(world.b.org.id).horizon_years == 5  # another organisation's


def test_saving_the_same_values_again_adds_no_audit_entry(world, login, client):
    client = login(world.a.admin)
    client.post(URL, data=settings_data())
    client.post(URL, data=settings_data(rate_percent="3.50", tolerance_percent="85.0"))
    assert len(audit_entries()) == 1
    client.post(URL, data=settings_data(horizon_years="8"))
    assert audit_entries()[-1][-1] == "Benefit settings: horizon_years: 7 → 8"


def test_a_swedish_admin_types_the_rate_with_a_decimal_comma(world, login, client):
    world.a.admin.locale = "sv"
    db.session.commit()
    client = login(world.a.admin)
    assert client.post(URL, data=settings_data(rate_percent="3,25")).status_code == 302
    assert saved()[0][1] == Decimal("0.0325")
    assert value_of(client.get(URL), "rate_percent") == "3,25"


@pytest.mark.parametrize("who", ["employee", "manager", "school_manager", "leader"])
def test_only_admins_see_or_change_the_settings(world, login, client, who):
    client = login(getattr(world.a, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, data=settings_data()).status_code == 403
    assert saved() == [] and audit_entries() == []


def test_signed_out_visitors_are_sent_to_log_in(world, client):
    response = client.post(URL, data=settings_data())
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert saved() == []


RATE = "Enter a number from 0 to 20."
HORIZON = "Enter a whole number from 1 to 30."
TOLERANCE = "Enter a number from 50 to 100."
NOT_A_NUMBER = "Enter a number, such as 1,200.5."
DECIMAL = "Use at most 1 decimal."
BAD_SETTINGS = {
    "rate above 20 %": ({"rate_percent": "20.01"}, "rate_percent", RATE),
    "negative rate": ({"rate_percent": "-1"}, "rate_percent", RATE),
    "rate not a number": ({"rate_percent": "tre"}, "rate_percent", NOT_A_NUMBER),
    "rate with 3 decimals": ({"rate_percent": "3.125"}, "rate_percent", "Use at most 2 decimals."),
    "no rate": ({"rate_percent": ""}, "rate_percent", REQUIRED),
    "horizon 0": ({"horizon_years": "0"}, "horizon_years", HORIZON),
    "horizon 31": ({"horizon_years": "31"}, "horizon_years", HORIZON),
    "horizon of half a year": ({"horizon_years": "2.5"}, "horizon_years", HORIZON),
    "no horizon": ({"horizon_years": None}, "horizon_years", REQUIRED),
    "tolerance under 50 %": ({"tolerance_percent": "49.9"}, "tolerance_percent", TOLERANCE),
    "tolerance over 100 %": ({"tolerance_percent": "101"}, "tolerance_percent", TOLERANCE),
    "tolerance with 2 decimals": ({"tolerance_percent": "85.25"}, "tolerance_percent", DECIMAL),
    "huge tolerance": ({"tolerance_percent": "1000000"}, "tolerance_percent", TOLERANCE),
}  # fmt: skip


@pytest.mark.parametrize("overrides, name, message", BAD_SETTINGS.values(), ids=BAD_SETTINGS.keys())
def test_bad_settings_show_their_message_on_their_field_and_save_nothing(
    world, login, client, overrides, name, message
):
    response = login(world.a.admin).post(URL, data=settings_data(**overrides))
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert saved() == [] and audit_entries() == []


def test_the_service_refuses_what_the_form_would_never_send(world, ctx):
    with pytest.raises(Invalid) as refused:
        benefit_settings.save_settings(
            world.a.admin,
            rate_percent=Decimal("3.001"),
            horizon_years=5,
            tolerance_percent=Decimal(90),
        )
    assert refused.value.field == "rate_percent"
    assert str(refused.value.message) == "Use at most 2 decimals."
    for field, values in {
        "rate_percent": (Decimal(21), 5, Decimal(90)),
        "horizon_years": (Decimal(3), 0, Decimal(90)),
        "tolerance_percent": (Decimal(3), 5, Decimal(40)),
        # types a form never sends: text, a float, a bool, infinity
        "rate_percent ": ("3", 5, Decimal(90)),
        "horizon_years ": (Decimal(3), 5.0, Decimal(90)),
        "horizon_years  ": (Decimal(3), True, Decimal(90)),
        "tolerance_percent ": (Decimal(3), 5, Decimal("Infinity")),
    }.items():
        rate, horizon, tolerance = values
        with pytest.raises(Invalid) as refused:
            benefit_settings.save_settings(
                world.a.admin,
                rate_percent=rate,
                horizon_years=horizon,
                tolerance_percent=tolerance,
            )
        assert refused.value.field == field.strip()


@pytest.mark.kept_by_hand  # uses the hand-computed calculation
def test_the_rate_and_horizon_change_the_calculation(world, login, client):
    idea = hand_case(world.a)
    admin = login(world.a.admin)
    page = admin.get(f"/ideas/{idea.id}/calculation").text
    assert figure(page, "npv") == "174,419\u00a0kr"
    assert kept_years(idea) == 6  # 2021 (the pre-study) and 2022–2026

    admin.post(URL, data=settings_data(rate_percent="5", horizon_years="5", tolerance_percent="90"))
    page = admin.get(f"/ideas/{idea.id}/calculation").text
    # -5 000 - 120 000/1.05 + 82 000 × (1/1.05² + 1/1.05³ + 1/1.05⁴ + 1/1.05⁵), the last
    # factor 3.377096
    assert figure(page, "npv") == "157,636\u00a0kr"
    assert "discounted at 5 % a year" in page
    assert table_row(page, 2026)[-1] == "203,000"  # the undiscounted years are as before

    admin.post(URL, data=settings_data(rate_percent="3", horizon_years="3", tolerance_percent="90"))
    page = admin.get(f"/ideas/{idea.id}/calculation").text
    # 2021–2024 only: -5 000 - 120 000/1.03 + 82 000 × (1/1.03² + 1/1.03³)
    assert figure(page, "npv") == "30,830\u00a0kr"
    assert 'id="year-2024"' in page and 'id="year-2025"' not in page
    assert table_row(page, "total")[-3] == "39,000"
    assert "3 years from 2022" in page
    assert kept_years(idea) == 4  # the kept SEK per year follow the horizon

    admin.post(URL, data=settings_data(rate_percent="0", horizon_years="5", tolerance_percent="90"))
    page = admin.get(f"/ideas/{idea.id}/calculation").text
    assert figure(page, "npv") == "203,000\u00a0kr"  # undiscounted: the cumulative net

"""The plan and readings the pure benefit arithmetic tests are built from."""

from datetime import date
from decimal import Decimal as D

from tracker.benefits.calc import Plan, Point, Reading
from tracker.benefits.rules import Direction

JAN_1 = date(2025, 1, 1)
APR_11 = date(2025, 4, 11)  # 100 days after 1 January 2025
FEB_20 = date(2025, 2, 20)  # day 50 of those 100


def plan(baseline, target, direction=Direction.HIGHER, **kwargs):
    """A plan over the 100 days from 1 January to 11 April 2025."""
    return Plan(Point(JAN_1, D(baseline)), Point(APR_11, D(target)), direction, **kwargs)


def read(value, on=FEB_20, id=1, corrects_id=None):
    return Reading(id, on, D(value), corrects_id)

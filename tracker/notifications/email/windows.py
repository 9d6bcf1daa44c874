"""The fixed windows of the digests, in Europe/Stockholm: a daily digest covers one whole day,
a weekly one a whole week from Monday 00:00 to Monday 00:00. Never "since the last run": a run
that comes early or late finds the same windows, so it neither skips nor repeats a day.

Times in and out are naive UTC, as the columns keep them. Pure: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DAILY_LOOKBACK = 7  # days: a daily digest older than a week is never sent
WEEKLY_LOOKBACK = 4  # weeks
IMMEDIATE_MAX_AGE = timedelta(days=2)  # older is stale: never sent at once, nor later


@dataclass(frozen=True)
class Window:
    """[start, end) in naive UTC; `first_day` the local day it begins on."""

    first_day: date
    start: datetime
    end: datetime

    def holds(self, at: datetime) -> bool:
        return self.start <= at < self.end


def local_today(now_utc: datetime) -> date:
    """The day it is in Stockholm at `now_utc` (naive UTC)."""
    return now_utc.replace(tzinfo=UTC).astimezone(STOCKHOLM).date()


def local_time(at_utc: datetime) -> datetime:
    """A naive UTC time as Stockholm's clock shows it."""
    return at_utc.replace(tzinfo=UTC).astimezone(STOCKHOLM)


def _midnight_utc(day: date) -> datetime:
    """Stockholm's midnight at the start of `day`, in naive UTC (23 or 25 hours apart when the
    clocks change)."""
    local = datetime.combine(day, time(), tzinfo=STOCKHOLM)
    return local.astimezone(UTC).replace(tzinfo=None)


def window(first_day: date, days: int) -> Window:
    return Window(first_day, _midnight_utc(first_day), _midnight_utc(first_day + timedelta(days)))


def daily_windows(now_utc: datetime) -> list[Window]:
    """The whole days before today, oldest first, at most DAILY_LOOKBACK of them."""
    today = local_today(now_utc)
    return [window(today - timedelta(days=n), 1) for n in range(DAILY_LOOKBACK, 0, -1)]


def weekly_windows(now_utc: datetime) -> list[Window]:
    """The whole weeks (Monday to Monday) before this one, oldest first, at most
    WEEKLY_LOOKBACK of them."""
    today = local_today(now_utc)
    this_monday = today - timedelta(days=today.weekday())
    return [window(this_monday - timedelta(weeks=n), 7) for n in range(WEEKLY_LOOKBACK, 0, -1)]


def immediate_since(now_utc: datetime) -> datetime:
    """The oldest notification still sent at once."""
    return now_utc - IMMEDIATE_MAX_AGE

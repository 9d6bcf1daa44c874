"""The clients of `bench/load.py`: signed-in people on plain HTTP (urllib and a cookie jar each),
the requests they mix, and what each answer said.

Every write carries a marker of its own ("Lasttest <run> nr <n>") or, for a move, the card, the
stages and the mover, so that the database can be checked against the answers afterwards.
"""

from __future__ import annotations

import copy
import http.cookiejar
import json
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

TIMEOUT_S = 30  # one request; the run's own deadline bounds the whole
WRITE_SHARE = 0.4  # of a client's requests, when its person has writes to make

# What an answer said.
OK, SAVED, REFUSED, GATE, CONFLICT, SERVER_ERROR, ERROR = (
    "ok", "saved", "refused 4xx", "gate form", "409", "5xx", "error",
)  # fmt: skip
OUTCOMES = (OK, SAVED, REFUSED, GATE, CONFLICT, SERVER_ERROR, ERROR)

CARD = re.compile(
    r'<li class="card" id="card-\d+" data-id="(\d+)" data-version="(\d+)" data-targets="([^"]*)"'
)


@dataclass
class Person:
    """A demo account, and what the load does as that person."""

    email: str
    user_id: int
    unit_id: int | None
    reads_dashboard: bool = False
    submits: bool = False
    moves: bool = False
    readable: list[int] = field(default_factory=list)  # idea ids
    benefits: list[int] = field(default_factory=list)  # open benefits the person owns
    jar: http.cookiejar.CookieJar | None = None
    csrf: str = ""

    def describe(self) -> str:
        does = [kind for kind, yes in (("submits", self.submits), ("moves", self.moves)) if yes]
        if self.benefits:
            does.append(f"measures {len(self.benefits)} benefits")
        if self.reads_dashboard:
            does.append("reads the dashboard")
        return f"{self.email} ({', '.join(does) or 'reads'})"

    def writes(self) -> list[str]:
        return [
            kind
            for kind, does in (
                ("submit an idea", self.submits),
                ("move a card", self.moves),
                ("record a measurement", bool(self.benefits)),
            )
            if does
        ]


@dataclass
class Answer:
    kind: str
    outcome: str
    ms: float
    status: int = 0
    write: tuple | None = None  # what a write asked for, to find it in the database


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the answer itself (302 and where to) is what the load records


class Browser:
    """One client: its own cookie jar, no automatic redirects, a timeout on every request."""

    def __init__(self, base: str, jar: http.cookiejar.CookieJar | None = None) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        for cookie in jar or []:
            self.jar.set_cookie(copy.copy(cookie))
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(
        self, path: str, data: dict | None = None, headers: dict | None = None
    ) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        url = self.base + path  # always http://127.0.0.1:<port>/...
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=TIMEOUT_S) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx and 5xx
            with answer:
                return answer.code, dict(answer.headers), answer.read().decode()


class FormReader(HTMLParser):
    """The values a browser would send for the form that posts to `action`, on a page read
    from `action` (a form without an action attribute posts to its own page)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.inside, self.values = action, False, {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            # a form without an action posts to its own page, which is the one read
            self.inside = (a.get("action") or self.action).split("?")[0].endswith(self.action)
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("checkbox", "radio"):
            self.values[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a.get("name")
        elif (
            tag == "option"
            and self._select
            and ("selected" in a or self._select not in self.values)
        ):
            self.values[self._select] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str, action: str) -> dict:
    reader = FormReader(action)
    reader.feed(html)
    return reader.values


def log_in(base: str, person: Person, password: str) -> None:
    """Sign in through the login form, then read the CSRF token of the session from a form."""
    browser = Browser(base)
    status, _, page = browser.request("/login")
    form = form_values(page, "/login")
    if status != 200 or "csrf_token" not in form:
        raise RuntimeError(f"GET /login answered {status} without a form")
    form.update(email=person.email, password=password)
    status, headers, _ = browser.request("/login", form)
    if status != 302:
        raise RuntimeError(f"Logging in as {person.email} answered {status}")
    status, _, page = browser.request("/ideas/new")
    person.csrf = form_values(page, "/ideas/new").get("csrf_token", "")
    if status != 200 or not person.csrf:
        raise RuntimeError(f"GET /ideas/new as {person.email} answered {status} without a token")
    person.jar = browser.jar


class Run:
    """What all clients share: the deadline, the request budget and the write counter."""

    def __init__(self, run_id: str, deadline: float, max_requests: int) -> None:
        self.run_id, self.deadline, self.left = run_id, deadline, max_requests
        self._lock = threading.Lock()
        self._counter = 0

    def take(self) -> bool:
        """One more request, unless the time or the budget is spent."""
        with self._lock:
            if self.left <= 0 or time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True

    def marker(self) -> str:
        with self._lock:
            self._counter += 1
            return f"Lasttest {self.run_id} nr {self._counter}"


class Client:
    """One of the N clients: a person's session, making reads and writes until the run ends."""

    def __init__(self, base: str, person: Person, run: Run, seed: int) -> None:
        self.person, self.run = person, run
        self.browser = Browser(base, person.jar)
        self.rng = random.Random(seed)
        self.answers: list[Answer] = []
        self.reads = ["home", "idea list", "board"]
        if person.readable:
            self.reads.append("idea page")
        if person.reads_dashboard:
            self.reads.append("dashboard")

    def go(self) -> None:
        writes = self.person.writes()
        actions = {
            "submit an idea": self.submit,
            "move a card": self.move,
            "record a measurement": self.measure,
        }
        while self.run.take():
            if writes and self.rng.random() < WRITE_SHARE:
                actions[self.rng.choice(writes)]()
            else:
                self.read(self.rng.choice(self.reads))

    def _timed(self, kind: str, path: str, data=None, headers=None):
        """The request and its answer, or None after a network error (recorded as such)."""
        started = time.perf_counter()
        try:
            answer = self.browser.request(path, data, headers)
        except (OSError, urllib.error.URLError):  # refused, reset, timed out
            self.answers.append(Answer(kind, ERROR, _ms(started)))
            return None, _ms(started)
        return answer, _ms(started)

    def read(self, kind: str) -> str:
        path = {
            "home": "/",
            "idea list": "/ideas/",
            "board": "/board/",
            "dashboard": "/dashboard/",
        }.get(kind) or f"/ideas/{self.rng.choice(self.person.readable)}"
        answer, ms = self._timed(kind, path)
        if answer is None:
            return ""
        status, _, page = answer
        self.answers.append(Answer(kind, OK if status == 200 else _outcome(status), ms, status))
        return page if status == 200 else ""

    def _after_write(self, status: int, headers: dict) -> None:
        """Follow a write's redirect, as a browser does: the page shows (and so clears) the
        message the write flashed into the session."""
        if status == 302:
            location = urllib.parse.urlsplit(headers.get("Location", "")).path
            self._timed_follow(location)

    def _timed_follow(self, path: str) -> None:
        answer, ms = self._timed("page after a write", path)
        if answer is not None:
            self.answers.append(
                Answer("page after a write", OK if answer[0] == 200 else _outcome(answer[0]), ms)
            )

    def submit(self) -> None:
        marker = self.run.marker()
        form = {
            "csrf_token": self.person.csrf, "title": marker,
            "need": "Det tar för lång tid att hitta rätt blankett.",
            "proposal": "Samla blanketterna på en sida.", "expected_benefit": "Sparad tid.",
            "category_id": "", "tags": "lasttest", "unit_id": str(self.person.unit_id),
            "source": "employee", "version": "0",
        }  # fmt: skip
        answer, ms = self._timed("submit an idea", "/ideas/new", form)
        write = ("idea", marker)
        if answer is None:
            self.answers[-1].write = write
            return
        status, headers, _ = answer
        outcome = SAVED if status == 302 else _outcome(status)
        self.answers.append(Answer("submit an idea", outcome, ms, status, write))
        self._after_write(status, headers)

    def measure(self) -> None:
        benefit = self.rng.choice(self.person.benefits)
        marker = self.run.marker()
        form = {
            "csrf_token": self.person.csrf, "on": date.today().isoformat(),
            "value": f"{self.rng.uniform(1, 500):.1f}", "comment": marker, "data_source": "",
        }  # fmt: skip
        answer, ms = self._timed("record a measurement", f"/benefits/{benefit}/measure", form)
        write = ("measurement", marker)
        if answer is None:
            self.answers[-1].write = write
            return
        status, headers, _ = answer
        outcome = SAVED if status == 302 else _outcome(status)
        self.answers.append(Answer("record a measurement", outcome, ms, status, write))
        self._after_write(status, headers)

    def move(self) -> None:
        """Read the board, pick a card this person may move and one of the columns it may go
        to (its own column: a new place in it), and drop it there as the board's htmx does."""
        page = self.read("board")
        cards = [(int(i), int(v), t.split()) for i, v, t in CARD.findall(page)]
        if not cards:
            return
        idea_id, version, targets = self.rng.choice(cards)
        source, target = targets[0], self.rng.choice(targets)
        form = {"csrf_token": self.person.csrf, "idea_id": idea_id, "version": version,
                "stage": target, "view": ""}  # fmt: skip
        headers = {"HX-Request": "true", "HX-Current-URL": self.browser.base + "/board/"}
        kind = "move a card" if target != source else "move a card in its column"
        answer, ms = self._timed(kind, "/board/move", form, headers)
        write = ("move", idea_id, source, target, self.person.user_id)
        if answer is None:
            self.answers[-1].write = write
            return
        status, headers, _ = answer
        if status == 200 and "boardMoved" in headers.get("HX-Trigger-After-Settle", ""):
            moved = json.loads(headers["HX-Trigger-After-Settle"])["boardMoved"]
            outcome = REFUSED if moved.get("failed") else SAVED
        elif status in (200, 204) and (
            "openGate" in headers.get("HX-Trigger", "") or "HX-Redirect" in headers
        ):
            outcome = GATE  # the column's gate needs a form first: nothing is moved yet
        else:
            outcome = _outcome(status)
        self.answers.append(Answer(kind, outcome, ms, status, write))


def _outcome(status: int) -> str:
    if status == 409:
        return CONFLICT
    if status >= 500:
        return SERVER_ERROR
    if status >= 400:
        return REFUSED
    return ERROR  # an answer no request of the load expects


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000

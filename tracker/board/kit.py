"""What a card needs to render, worked out once per board rather than once per card.

A board of 500 cards would otherwise spend most of its time in gettext, Babel's number
formatting and url_for; these results repeat (the same stage, the same day counts), so they
are cached for the request.
"""

from functools import cache

from babel.numbers import get_decimal_symbol
from flask import url_for
from flask_babel import get_locale, get_translations
from flask_babel import gettext as _
from markupsafe import escape

from tracker.auth.models import User
from tracker.auth.roles import MOVES_IDEAS, Role
from tracker.ideas import access
from tracker.ideas.models import utcnow
from tracker.ideas.stages import BOARD, Actor, Stage, may_perform, transitions_from
from tracker.orgs import tenancy


class CardKit:
    def __init__(self, user: User) -> None:
        user = getattr(user, "_get_current_object", lambda: user)()  # not the proxy, 500 times
        self.user_id, self.role, self.org = user.id, user.role, user.organisation_id
        self.units = access.managed_unit_ids(user)
        self.now = utcnow()
        self.decimal = get_decimal_symbol(get_locale())
        self.show_prefix = url_for("ideas.show", idea_id=0)[:-1]  # + the idea's id
        self.move_parts = url_for("board.move_menu", idea_id=0).rsplit("/0/", 1)  # around it
        # Flask-Babel looks the locale and catalogue up again on every call: once is enough.
        self._translations = get_translations()
        self.targets = cache(self._targets)
        self.days = cache(self._days)
        self.supporters = cache(self._supporters)
        self.priority = cache(self._priority)
        self._priority_text = _("Priority %(score)s")  # translated once, filled per card
        self.esc = cache(lambda text: str(escape(text)))  # unit and owner names repeat
        self.move_label = self.esc(_("Move"))
        self.tags_label = self.esc(_("Category and tags"))
        self.confidential = self.esc(_("Confidential"))

    def movable(self, idea) -> list[Stage]:
        """The columns this user may drop the card into (its own included); empty: read-only."""
        if self.role not in MOVES_IDEAS:
            return []
        in_scope = tenancy.same_organisation(idea.organisation_id, self.org) and (
            self.role is Role.ADMIN or tenancy.in_unit_scope(idea.unit_id, self.units)
        )
        return self.targets(idea.stage, in_scope, idea.submitter_id == self.user_id)

    def _targets(self, stage: Stage, in_scope: bool, is_submitter: bool) -> list[Stage]:
        actor = Actor(self.role, in_scope, is_submitter)
        if not in_scope:
            return []
        moves = [t for t in transitions_from(stage) if may_perform(t, actor)]
        return [stage, *(t.target for t in moves if t.target in BOARD)]

    def number(self, value: float) -> str:
        """A score as the locale writes it: 87,5 in Swedish, 87.5 in English, 75 for 75.0."""
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", self.decimal)

    def days_in_stage(self, idea) -> str:
        return self.days(max(0, (self.now - idea.stage_entered_at).days))

    # The texts below are cached by their number and returned escaped, ready for HTML.

    def _days(self, n: int) -> str:
        text = self._translations.ngettext("%(num)d day in stage", "%(num)d days in stage", n)
        return self.esc(text % {"num": n})

    def _priority(self, score: float) -> str:
        return self.esc(self._priority_text % {"score": self.number(score)})

    def _supporters(self, n: int) -> str:
        text = self._translations.ngettext("%(num)d supporter", "%(num)d supporters", n)
        return self.esc(text % {"num": n})

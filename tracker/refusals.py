"""The one family of refusals: a change that was not made, why, and the HTTP status it answers.

Services raise them; a form view puts the messages on the form (web.run_form), and any other
refusal is answered once, at app level (errors.py).
"""


class Refused(Exception):
    """A change that was not made; `messages` say why, `field` names the form field they belong
    to ("" for the form as a whole), `status` is the HTTP answer."""

    status = 422
    field = ""

    def __init__(self, *messages) -> None:
        super().__init__(*messages)
        self.messages = messages

    @property
    def message(self):
        return self.messages[0] if self.messages else ""


class Forbidden(Refused):
    """The person may not make this change."""

    status = 403


class UnknownMove(Refused):
    """The request names a move or a place that does not exist."""

    status = 400


class Invalid(Refused):
    """A refusal tied to one form field ("" for the form as a whole)."""

    def __init__(self, field: str, message) -> None:
        super().__init__(message)
        self.field = field


class Stale(Invalid):
    """Someone else changed it since the form was opened: on the form's version field."""

    status = 409

    def __init__(self, message) -> None:
        super().__init__("version", message)

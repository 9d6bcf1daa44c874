"""The comment forms: one per use."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from tracker.discussion.models import COMMENT_MAX
from tracker.forms import no_control_characters

BODY_HELP = _l(
    "At most %(max)d characters. Markdown works: **bold**, *italics*, lists and links. "
    "Name someone with @ and the first part of their e-mail address, e.g. @anna.svensson.",
    max=COMMENT_MAX,
)


def strip(value):
    return value.strip() if isinstance(value, str) else value


def _body(label):
    return TextAreaField(
        label,
        filters=[strip],
        validators=[DataRequired(), Length(max=COMMENT_MAX), no_control_characters],
        description=BODY_HELP,
        render_kw={"maxlength": COMMENT_MAX, "rows": 4},
    )


class CommentForm(FlaskForm):
    body = _body(_l("Your comment"))


class ReplyForm(FlaskForm):
    """A reply, with its own field ids: the thread shows it beside the comment form."""

    body = _body(_l("Your reply"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="reply", **kwargs)


class EditCommentForm(FlaskForm):
    body = _body(_l("Your comment"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="edit", **kwargs)


class RemoveCommentForm(FlaskForm):
    """Only the CSRF token: the confirmation is the submit button."""

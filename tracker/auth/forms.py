from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField
from wtforms.validators import EqualTo, InputRequired, Length

from tracker.auth.models import PASSWORD_MAX
from tracker.forms import no_control_characters, options

PASSWORD_MIN = 10


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"), validators=[InputRequired(), Length(max=254), no_control_characters]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=PASSWORD_MAX)])
    next = HiddenField()


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[InputRequired()])
    new = PasswordField(
        _l("New password"),
        validators=[
            InputRequired(),
            Length(min=PASSWORD_MIN, max=PASSWORD_MAX),
            no_control_characters,
        ],
        description=_l("At least %(n)d characters.", n=PASSWORD_MIN),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[InputRequired(), EqualTo("new", message=_l("The passwords do not match."))],
    )


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Language"), choices=options([("sv", "Svenska"), ("en", "English")]))
    next = HiddenField()

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField
from wtforms.validators import EqualTo, InputRequired, Length

from tracker.forms import options

PASSWORD_MIN = 10


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[InputRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    next = HiddenField()


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[InputRequired()])
    new = PasswordField(
        _l("New password"),
        validators=[InputRequired(), Length(min=PASSWORD_MIN, max=200)],
        description=_l("At least %(n)d characters.", n=PASSWORD_MIN),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[InputRequired(), EqualTo("new", message=_l("The passwords do not match."))],
    )


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Language"), choices=options([("sv", "Svenska"), ("en", "English")]))
    next = HiddenField()

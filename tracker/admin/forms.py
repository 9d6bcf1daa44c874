"""Forms of the administration: one per use. Rules that need the database live in services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from tracker.admin.services import WIP_LIMIT_MAX, WIP_LIMIT_RULE, limit_field
from tracker.auth.forms import PASSWORD_MIN
from tracker.auth.models import PASSWORD_MAX
from tracker.auth.roles import Role
from tracker.forms import LocaleDecimalField, WholeNumberField, optional_int, options
from tracker.ideas.stages import BOARD

NAME_MAX = 120
GOAL_NAME_MAX = 160
EMAIL_MAX = 254
DESCRIPTION_MAX = 2000
POSITION_MAX = 999
POSITION_RULE = _l("Enter a whole number from 0 to %(max)d.", max=POSITION_MAX)


def _strip(value) -> str:
    """Text without surrounding spaces; a field missing from the post is empty text."""
    return (value or "").strip()


def name_field(max_length: int = NAME_MAX, label=None) -> StringField:
    return StringField(
        label or _l("Name"),
        validators=[DataRequired(), Length(max=max_length)],
        filters=[_strip],
    )


def description_field() -> TextAreaField:
    return TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=DESCRIPTION_MAX)],
        filters=[_strip],
    )


def unit_field(label, description) -> SelectField:
    """A unit of the organisation, or none; the service checks that the unit is the admin's."""
    return SelectField(label, coerce=optional_int, validate_choice=False, description=description)


class UnitChoicesForm(FlaskForm):
    """A form with one unit select, whose choices are the (id, label) pairs given as `units`."""

    unit_field_name = "unit_id"
    no_unit_label = _l("No unit")

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self[self.unit_field_name].choices = options([("", self.no_unit_label), *units])


def _role_field() -> SelectField:
    return SelectField(
        _l("Role"),
        choices=options(Role.choices()),
        coerce=Role,
        default=Role.EMPLOYEE.value,
    )


def _user_unit_field() -> SelectField:
    return unit_field(_l("Unit"), _l("A manager screens the ideas of this unit and below it."))


class NewUserForm(UnitChoicesForm):
    name = name_field()
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Length(max=EMAIL_MAX), Email()],
        filters=[_strip],
        description=_l("The user logs in with it. Each address can be used once."),
    )
    role = _role_field()
    unit_id = _user_unit_field()
    password = PasswordField(
        _l("Initial password"),
        validators=[InputRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)],
        description=_l(
            "At least %(n)d characters. Give it to the user safely; they can change it.",
            n=PASSWORD_MIN,
        ),
    )


class EditUserForm(UnitChoicesForm):
    name = name_field()
    role = _role_field()
    unit_id = _user_unit_field()
    active = BooleanField(_l("Active"), description=_l("A deactivated user cannot log in."))


class AnonymiseForm(FlaskForm):
    """The confirmation of anonymising a person: nothing to fill in but the CSRF token."""


class UnitForm(UnitChoicesForm):
    unit_field_name = "parent_id"
    no_unit_label = _l("None (top level)")
    name = name_field()
    parent_id = unit_field(_l("Part of"), _l("The unit this one belongs to in the organisation."))


class GoalForm(FlaskForm):
    name = name_field(GOAL_NAME_MAX)
    description = description_field()


class CategoryForm(FlaskForm):
    name = name_field()


class CriterionForm(FlaskForm):
    name = name_field()
    description = description_field()
    weight = LocaleDecimalField(
        _l("Weight"),
        validators=[InputRequired()],
        description=_l("How much the criterion counts: more than 0 and at most 100."),
        render_kw={"inputmode": "decimal"},
    )
    inverted = BooleanField(
        _l("More lowers the priority"),
        description=_l("For example effort: a high score makes the idea less urgent."),
    )
    position = WholeNumberField(
        _l("Position"),
        message=POSITION_RULE,
        validators=[InputRequired(), NumberRange(min=0, max=POSITION_MAX, message=POSITION_RULE)],
        description=_l("Criteria are listed and scored in this order, lowest first."),
    )


def stage_limits_form(**kwargs) -> FlaskForm:
    """One optional WIP limit per board column, in the board's order."""

    class Form(FlaskForm):
        pass

    for stage in BOARD:
        setattr(
            Form,
            limit_field(stage),
            WholeNumberField(
                stage.label,
                message=WIP_LIMIT_RULE,
                validators=[
                    Optional(),
                    NumberRange(min=1, max=WIP_LIMIT_MAX, message=WIP_LIMIT_RULE),
                ],
                description=_l("Cards at most; blank for no limit."),
                render_kw={"inputmode": "numeric", "autocomplete": "off"},
            ),
        )
    return Form(**kwargs)


class IdeaSettingsForm(FlaskForm):
    new_ideas = RadioField(
        _l("New ideas are"),
        choices=options(
            [
                ("open", _l("open to everyone in the organisation")),
                ("confidential", _l("confidential")),
            ]
        ),
        validators=[InputRequired(message=_l("Choose open or confidential."))],
        description=_l(
            "A confidential idea is read only by its submitter, the managers of its unit, "
            "leaders and admins. The submitter can change it on the idea's form."
        ),
    )

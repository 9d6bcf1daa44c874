from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from tracker.forms import DateField, IdField, optional_int, options, whole
from tracker.ideas import tags as tag_rules
from tracker.ideas.models import TAG_MAX, TEXT_MAX, TITLE_MAX, Source
from tracker.ideas.scoring import SCALE_MAX, SCALE_MIN

REASON_MAX = 2000


def strip(value):
    """Trim free text, so that text of only spaces counts as empty."""
    return value.strip() if isinstance(value, str) else value


class VersionedForm(FlaskForm):
    """Carries the version the user saw, for optimistic locking."""

    version = IdField(minimum=0, validators=[InputRequired()])


class TagsField(StringField):
    """Comma-separated keywords; `data` is the list of distinct names, as typed."""

    def process_data(self, value):
        self.data = [str(tag) for tag in value or ()]

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = tag_rules.split(valuelist[0])

    def pre_validate(self, form):
        problem = tag_rules.problem(self.data)
        if problem:
            raise ValidationError(str(problem))

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else ", ".join(self.data or ())


class IdeaForm(VersionedForm):
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TITLE_MAX)],
        description=_l("A short name for the idea."),
    )
    need = TextAreaField(
        _l("Need or problem"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TEXT_MAX)],
        description=_l("What is not working today, and for whom?"),
    )
    proposal = TextAreaField(
        _l("Proposal"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TEXT_MAX)],
        description=_l("What do you suggest we do?"),
    )
    expected_benefit = TextAreaField(
        _l("Expected benefit"),
        filters=[strip],
        validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("What would get better, and how would we notice?"),
    )
    category_id = SelectField(_l("Category"), coerce=optional_int, validate_choice=True)
    tags = TagsField(
        _l("Tags"),
        description=_l(
            "Keywords, separated by commas, for example: e-tjänst, hemtjänst. "
            "At most %(count)d tags of at most %(max)d characters each.",
            count=tag_rules.TAGS_MAX,
            max=TAG_MAX,
        ),
    )
    unit_id = SelectField(
        _l("Unit"),
        coerce=optional_int,
        validators=[InputRequired()],
        description=_l("The unit where the idea would be used."),
    )
    source = SelectField(
        _l("Source"),
        choices=options(Source.choices()),
        default=Source.EMPLOYEE.value,
    )
    confidential = BooleanField(
        _l("Confidential"),
        description=_l(
            "Only you, the managers of the unit, leaders and admins will read it. Use it when "
            "the idea names a resident or a colleague, or describes a security weakness; "
            "otherwise leave it open, so that colleagues can build on it."
        ),
    )

    def __init__(self, *args, categories=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category_id.choices = options([("", _l("No category")), *categories])
        self.unit_id.choices = options(units)


class ConfidentialForm(FlaskForm):
    """The idea page's switch: the state it wants the idea in."""

    state = HiddenField(validators=[AnyOf(("open", "confidential"))])


class MoveForm(VersionedForm):
    reason = TextAreaField(
        _l("Reason"), filters=[strip], validators=[Optional(), Length(max=REASON_MAX)]
    )
    revisit_on = DateField(
        _l("Revisit on"), validators=[Optional()], description=_l("When to look at it again.")
    )


class AssessmentForm(VersionedForm):
    strategic_goal_id = SelectField(
        _l("Strategic goal"), coerce=optional_int, validators=[InputRequired()]
    )
    rationale = TextAreaField(
        _l("Rationale"),
        filters=[strip],
        validators=[DataRequired(), Length(max=REASON_MAX)],
        description=_l("Why these scores, in a few sentences."),
    )


def assessment_form(criteria, goals, base=AssessmentForm, **kwargs) -> AssessmentForm:
    """An assessment form with one 1-5 score per criterion of the organisation."""

    class Form(base):
        pass

    for criterion in criteria:
        setattr(
            Form,
            f"score_{criterion.id}",
            RadioField(
                criterion.name,
                choices=options((v, str(v)) for v in range(SCALE_MIN, SCALE_MAX + 1)),
                coerce=whole,
                validators=[InputRequired(message=_l("Choose a score."))],
                description=criterion.description or None,
            ),
        )
    form = Form(**kwargs)
    form.strategic_goal_id.choices = options(
        [("", _l("Choose a goal")), *((g.id, g.name) for g in goals)]
    )
    form.score_fields = [getattr(form, f"score_{c.id}") for c in criteria]
    form.criteria = criteria
    return form

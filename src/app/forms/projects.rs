use super::{EditForm, FormSource, Purpose, Refusal, plain_form};
use crate::app::form::{Field, Form, Opt, field_names};
use crate::domain::project::StepError;
use crate::domain::{Change, FundamentalElement, Meeting, Project, ProjectId, ProjectStep, Record};
use crate::i18n::{self, Msg};

field_names! {
    /// A local project.
    enum P { Prison, Title, Promoter, Elements, Other }
}

pub fn project_form(purpose: Purpose, existing: Option<ProjectId>, ctx: &FormSource) -> Option<EditForm> {
    let p = match existing {
        Some(id) => Some(ctx.data.projects.get(&id)?),
        None => None,
    };
    let lang = ctx.lang;
    let elements = vec![
        Opt::new("drug_free_wing", i18n::element(lang, &FundamentalElement::DrugFreeWing)),
        Opt::new("urine_tests", i18n::element(lang, &FundamentalElement::UrineTests)),
    ];
    let chosen: Vec<String> = p
        .map(|p| {
            p.elements
                .iter()
                .filter_map(|e| match e {
                    FundamentalElement::DrugFreeWing => Some("drug_free_wing".to_string()),
                    FundamentalElement::UrineTests => Some("urine_tests".to_string()),
                    FundamentalElement::Other(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let other = p
        .and_then(|p| {
            p.elements
                .iter()
                .find_map(|e| if let FundamentalElement::Other(t) = e { Some(t.as_str()) } else { None })
        })
        .unwrap_or("");
    let fields = P::build(|name| match name {
        P::Prison => {
            Field::choice(Msg::ColPrison, ctx.establishments(), p.map(|p| p.establishment.as_str()), true)
        }
        P::Title => Field::text(Msg::FieldTitle, p.map_or("", |p| &p.title), 300, true).free_text(ctx.lang),
        P::Promoter => Field::text(Msg::FieldPromoter, p.map_or("", |p| &p.promoter), 200, false),
        P::Elements => Field::multi(Msg::ColElements, elements.clone(), &chosen),
        P::Other => Field::text(Msg::FieldOtherElement, other, 200, false),
    });
    let title = lang.t(if p.is_some() { Msg::FormEditProject } else { Msg::FormNewProject }).to_string();
    Some(Form::new(purpose, title, fields))
}

pub fn save_project(
    form: &EditForm,
    existing: Option<ProjectId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let establishment = f[P::Prison].chosen_value().unwrap_or_default().to_string();
    let mut elements: Vec<FundamentalElement> = f[P::Elements]
        .chosen_values()
        .iter()
        .filter_map(|v| match v.as_str() {
            "drug_free_wing" => Some(FundamentalElement::DrugFreeWing),
            "urine_tests" => Some(FundamentalElement::UrineTests),
            _ => None,
        })
        .collect();
    if !f[P::Other].value().is_empty() {
        elements.push(FundamentalElement::Other(f[P::Other].value().to_string()));
    }
    let history =
        existing.and_then(|id| ctx.data.projects.get(&id)).map(|p| p.history.clone()).unwrap_or_default();
    let project = Project {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        establishment,
        title: f[P::Title].value().to_string(),
        promoter: f[P::Promoter].value().to_string(),
        elements,
        history,
    };
    let mut project = project;
    if project.history.is_empty() {
        // A new project starts as a draft on the day it is written down.
        let _ = project.record(ProjectStep::Draft, ctx.as_of);
    }
    Ok(vec![Change::Put(Record::Project(project))])
}

field_names! {
    /// A step of a project. `Attendees`: who attended the central group's meeting at which a
    /// decision was taken, when no meeting of that day is recorded yet.
    enum S { Step, Date, Text, Attendees }
}

fn steps(ctx: &FormSource) -> Vec<Opt> {
    let lang = ctx.lang;
    [
        ("submitted", ProjectStep::Submitted),
        ("authorised", ProjectStep::Authorised { conditions: String::new() }),
        ("refused", ProjectStep::Refused { reason: String::new() }),
        ("withdrawn", ProjectStep::Withdrawn),
        ("running", ProjectStep::Running),
        ("ended", ProjectStep::Ended),
    ]
    .into_iter()
    .map(|(code, s)| Opt::new(code, i18n::step(lang, &s)))
    .collect()
}

pub fn step_form(purpose: Purpose, project: ProjectId, ctx: &FormSource) -> Option<EditForm> {
    let p = ctx.data.projects.get(&project)?;
    // Offer what usually comes next: a decision for a submitted project, else a submission.
    let next = match p.history.last().map(|e| &e.step) {
        Some(ProjectStep::Submitted) => "authorised",
        Some(ProjectStep::Authorised { .. }) => "running",
        Some(ProjectStep::Running) => "ended",
        _ => "submitted",
    };
    let fields = S::build(|name| match name {
        S::Step => Field::choice(Msg::FieldStep, steps(ctx), Some(next), true),
        S::Date => Field::date(Msg::FieldDate, Some(ctx.as_of), true),
        S::Text => Field::text(Msg::FieldConditionsOrReason, "", 2_000, false).free_text(ctx.lang),
        S::Attendees => decision_attendees(ctx, ctx.as_of, &[]),
    });
    let mut form = Form::new(purpose, format!("{} — {}", ctx.lang.t(Msg::FormStep), p.title), fields);
    form.focus = S::Date.at();
    Some(form)
}

/// Whether a meeting of the central group is recorded on `date`.
fn central_met_on(ctx: &FormSource, date: chrono::NaiveDate) -> bool {
    let Some(central) = ctx.data.central_group() else { return false };
    ctx.data.meetings.values().any(|m| m.group == central.id && m.date == date)
}

/// A decision is the central group's, taken at its meeting: the members of that day to tick
/// as present when the meeting is not recorded yet, and a word saying which it is.
fn decision_attendees(ctx: &FormSource, date: chrono::NaiveDate, chosen: &[String]) -> Field {
    let central = ctx.data.central_group().map(|g| g.id);
    let mut field =
        Field::multi(Msg::FieldCentralAttendees, super::groups::member_options(ctx, central, date), chosen);
    let day = crate::domain::date::format_be(date);
    field.note = Some(if central_met_on(ctx, date) {
        ctx.lang.f(Msg::NoteDecisionMeetingKnown, &[&day])
    } else {
        ctx.lang.f(Msg::NoteDecisionMeetingNew, &[&day])
    });
    field
}

/// After the date changed: the members offered, and the word on the meeting, follow it.
pub fn refresh_step(form: &mut EditForm, ctx: &FormSource) {
    let Some(date) = form.fields.get(S::Date.at()).and_then(|f| f.date_value()) else { return };
    let keep = form.fields[S::Attendees].chosen_values();
    let fresh = decision_attendees(ctx, date, &keep);
    let field = &mut form.fields[S::Attendees];
    if fresh.options() != field.options() || fresh.note != field.note {
        let (highlight, input) = (field.highlight, field.input.clone());
        *field = fresh;
        field.input = input;
        field.highlight = highlight.min(field.options().len().saturating_sub(1));
    }
}

/// The step a saved form records; refusing needs a reason.
fn chosen_step(form: &EditForm, ctx: &FormSource) -> Result<ProjectStep, Refusal> {
    let text = form.fields[S::Text].value().to_string();
    Ok(match form.fields[S::Step].chosen_value() {
        Some("submitted") => ProjectStep::Submitted,
        Some("authorised") => ProjectStep::Authorised { conditions: text },
        Some("refused") if text.is_empty() => {
            return Err(S::Text.refused(ctx.lang.t(Msg::ErrReasonRequired)));
        }
        Some("refused") => ProjectStep::Refused { reason: text },
        Some("withdrawn") => ProjectStep::Withdrawn,
        Some("running") => ProjectStep::Running,
        Some("ended") => ProjectStep::Ended,
        _ => return Err(S::Step.refused(ctx.lang.t(Msg::ErrChoose))),
    })
}

pub fn save_step(form: &EditForm, project: ProjectId, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let Some(p) = ctx.data.projects.get(&project) else {
        return Err((None, ctx.lang.t(Msg::ErrGone).into()));
    };
    let step = chosen_step(form, ctx)?;
    let date = form.fields[S::Date].date_value().ok_or(S::Date.refused(ctx.lang.t(Msg::ErrRequired)))?;
    // A submission, a decision or a withdrawal is recorded once it has happened.
    ctx.not_future(S::Date.at(), date)?;
    let mut p = p.clone();
    p.record(step, date).map_err(|e| match e {
        StepError::BeforeLastEvent => S::Date.refused(ctx.lang.t(Msg::ErrBeforeLastStep)),
        StepError::NotAllowedFrom => S::Step.refused(ctx.lang.t(Msg::ErrStepNotAllowed)),
    })?;
    // A decision is the central group's, taken at its meeting: refused on a day it had no
    // chair; recorded with the meeting of that day, or with that meeting recorded now with
    // who attended it. Never a meeting of nobody made behind the user's back.
    let decision = matches!(
        p.history.last().map(|e| &e.step),
        Some(ProjectStep::Authorised { .. } | ProjectStep::Refused { .. })
    );
    let mut changes = Vec::new();
    if decision {
        if !crate::domain::rules::central_can_decide(ctx.data, date) {
            let day = crate::domain::date::format_be(date);
            return Err(S::Date.refused(ctx.lang.f(Msg::ErrNoChairToDecide, &[&day])));
        }
        if let Some(central) = ctx.data.central_group()
            && !central_met_on(ctx, date)
        {
            let attendees: Vec<u64> =
                form.fields[S::Attendees].chosen_values().iter().filter_map(|v| v.parse().ok()).collect();
            if attendees.is_empty() {
                let day = crate::domain::date::format_be(date);
                return Err(S::Attendees.refused(ctx.lang.f(Msg::ErrDecisionMeeting, &[&day])));
            }
            let meeting =
                Meeting { id: ctx.next_id(), group: central.id, date, attendees, notes: String::new() };
            changes.push(Change::Put(Record::Meeting(meeting)));
        }
    }
    changes.push(Change::Put(Record::Project(p)));
    Ok(changes)
}

/// Whether saving this step form needs a confirmation (refusing a project does).
pub fn step_needs_confirmation(form: &EditForm) -> bool {
    form.fields.get(S::Step.at()).and_then(|f| f.chosen_value()) == Some("refused")
}

plain_form!(
    /// A local project: new, or one that exists (its own fields; its steps are `StepForm`'s).
    ProjectForm(new Option<ProjectId>),
    project_form,
    save_project
);

/// A project's next step: submitted, decided on, withdrawn, running, ended.
pub(super) struct StepForm(pub ProjectId);

impl super::FormKind for StepForm {
    fn open(&self, purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
        step_form(purpose, self.0, ctx)
    }
    fn save(&self, form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
        save_step(form, self.0, ctx)
    }
    fn refresh(&self, form: &mut EditForm, ctx: &FormSource) {
        refresh_step(form, ctx);
    }
    /// Refusing a project asks first.
    fn confirmation(&self, form: &EditForm, ctx: &FormSource) -> Option<String> {
        step_needs_confirmation(form).then(|| ctx.lang.t(Msg::ConfirmRefuse).to_string())
    }
}

//! The forms that keep the data up to date: what each one edits, its fields, and the
//! changes it saves. Each checks its fields, then the rules that span fields, and only then
//! produces changes, so a bad record never reaches the store.

mod accounts;
mod concertation;
mod groups;
mod people;
mod projects;
mod settings;
mod templates;
mod training;

use chrono::NaiveDate;

use super::form::{Form, Opt};
use crate::domain::{
    Change, Dataset, EstablishmentId, GroupId, GroupKind, MeetingId, MembershipId, NeedId, PersonId,
    ProjectId, SessionId,
};
use crate::i18n::Lang;
use crate::i18n::names::Names;

/// What a form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Person(Option<PersonId>),
    /// Appoint to a seat (new) or change a membership (end it, make a delegate).
    Membership {
        existing: Option<MembershipId>,
        group: Option<GroupId>,
        seat: Option<String>,
    },
    Meeting {
        existing: Option<MeetingId>,
        group: Option<GroupId>,
    },
    Project(Option<ProjectId>),
    /// Submit, decide on or withdraw a project.
    Step(ProjectId),
    Need(Option<NeedId>),
    Session {
        existing: Option<SessionId>,
        need: Option<NeedId>,
    },
    /// Opening and closing dates, and the local group's creation and dissolution.
    Establishment(EstablishmentId),
    /// A new version of the seats a kind of group must fill, from a date on.
    Template(GroupKind),
    /// The coordinator's thresholds from a date on.
    Settings,
    /// The concertation (CAPB): a member service and its representative.
    Service(Option<crate::domain::concertation::ServiceId>),
    /// A meeting, then its attendance and proxies on the roll call.
    CapbMeeting(Option<crate::domain::concertation::CapbMeetingId>),
    /// A motion, then its vote member by member.
    Motion {
        existing: Option<crate::domain::concertation::MotionId>,
        meeting: Option<crate::domain::concertation::CapbMeetingId>,
    },
    Production(Option<crate::domain::concertation::ProductionId>),
    /// The concertation's members' own rules from a date on.
    CapbRules,
    /// Access to a shared store: an OS account's role from a date.
    Account,
}

impl Purpose {
    /// Whether the form makes a new record (rather than change one).
    pub fn is_new(&self) -> bool {
        matches!(
            self,
            Purpose::Person(None)
                | Purpose::Membership { existing: None, .. }
                | Purpose::Meeting { existing: None, .. }
                | Purpose::Project(None)
                | Purpose::Need(None)
                | Purpose::Session { existing: None, .. }
                | Purpose::Service(None)
                | Purpose::CapbMeeting(None)
                | Purpose::Motion { existing: None, .. }
                | Purpose::Production(None)
        )
    }
}

pub type EditForm = Form<Purpose>;

pub use people::PERSON_NAME;

/// What building and saving a form reads.
pub struct FormSource<'a> {
    pub data: &'a Dataset,
    pub as_of: NaiveDate,
    /// The real today: what has already happened (a meeting held, a decision taken) cannot
    /// be dated after it.
    pub today: NaiveDate,
    pub lang: Lang,
}

impl FormSource<'_> {
    /// Refuses a date after today for something that has already happened.
    fn not_future(&self, field: usize, date: NaiveDate) -> Result<(), Refusal> {
        if date > self.today {
            let today = crate::domain::date::format_be(self.today);
            return Err((Some(field), self.lang.f(crate::i18n::Msg::ErrFuture, &[&today])));
        }
        Ok(())
    }

    pub(crate) fn people(&self) -> Vec<Opt> {
        let mut v: Vec<Opt> = self
            .data
            .people
            .values()
            .map(|p| {
                let label = if p.organisation.is_empty() {
                    p.name.clone()
                } else {
                    format!("{} — {}", p.name, p.organisation)
                };
                Opt::new(p.id.to_string(), label)
            })
            .collect();
        v.sort_by_cached_key(|o| super::table::fold(&o.label));
        v
    }

    fn establishments(&self) -> Vec<Opt> {
        let mut v: Vec<Opt> = self
            .data
            .establishments
            .values()
            .filter(|e| e.is_open_on(self.as_of))
            .map(|e| Opt::new(e.id.clone(), e.name(self.lang.code())))
            .collect();
        v.sort_by_cached_key(|o| super::table::fold(&o.label));
        v
    }

    fn groups(&self) -> Vec<Opt> {
        let mut v: Vec<Opt> = self
            .data
            .groups
            .values()
            .filter(|g| g.exists_on(self.as_of))
            .map(|g| {
                Opt::new(g.id.to_string(), Names::new(self.data, self.lang, self.as_of).group_title(g.id))
            })
            .collect();
        v.sort_by_cached_key(|o| super::table::fold(&o.label));
        v
    }

    fn next_id(&self) -> u64 {
        self.data.next_id()
    }
}

fn id(value: Option<&str>) -> Option<u64> {
    value.and_then(|v| v.parse().ok())
}

/// Opens the form for a purpose; `None` when what it would edit does not exist.
pub fn open(purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
    match &purpose {
        Purpose::Person(p) => people::person_form(purpose.clone(), *p, ctx),
        Purpose::Membership { existing, group, seat } => {
            people::membership_form(purpose.clone(), *existing, *group, seat.clone(), ctx)
        }
        Purpose::Meeting { existing, group } => groups::meeting_form(purpose.clone(), *existing, *group, ctx),
        Purpose::Establishment(e) => groups::establishment_form(purpose.clone(), e, ctx),
        Purpose::Project(p) => projects::project_form(purpose.clone(), *p, ctx),
        Purpose::Step(p) => projects::step_form(purpose.clone(), *p, ctx),
        Purpose::Need(n) => training::need_form(purpose.clone(), *n, ctx),
        Purpose::Session { existing, need } => training::session_form(purpose.clone(), *existing, *need, ctx),
        Purpose::Template(kind) => templates::template_form(purpose.clone(), *kind, ctx),
        Purpose::Settings => settings::settings_form(purpose.clone(), ctx),
        Purpose::Service(s) => concertation::service_form(purpose.clone(), *s, ctx),
        Purpose::CapbMeeting(m) => concertation::meeting_form(purpose.clone(), *m, ctx),
        Purpose::Motion { existing, meeting } => {
            concertation::motion_form(purpose.clone(), *existing, *meeting, ctx)
        }
        Purpose::Production(p) => concertation::production_form(purpose.clone(), *p, ctx),
        Purpose::CapbRules => settings::capb_rules_form(purpose.clone(), ctx),
        Purpose::Account => accounts::account_form(purpose.clone(), ctx),
    }
}

/// Checks the whole form and turns it into changes, or marks what is wrong on the form.
pub fn save(form: &mut EditForm, ctx: &FormSource) -> Option<Vec<Change>> {
    form.error = None;
    if !form.check_all(ctx.lang) {
        return None;
    }
    let result = match form.purpose.clone() {
        Purpose::Person(p) => people::save_person(form, p, ctx),
        Purpose::Membership { existing, .. } => people::save_membership(form, existing, ctx),
        Purpose::Meeting { existing, .. } => groups::save_meeting(form, existing, ctx),
        Purpose::Establishment(e) => groups::save_establishment(form, &e, ctx),
        Purpose::Project(p) => projects::save_project(form, p, ctx),
        Purpose::Step(p) => projects::save_step(form, p, ctx),
        Purpose::Need(n) => training::save_need(form, n, ctx),
        Purpose::Session { existing, .. } => training::save_session(form, existing, ctx),
        Purpose::Template(kind) => templates::save_template(form, kind, ctx),
        Purpose::Settings => settings::save_settings(form, ctx),
        Purpose::Service(s) => concertation::save_service(form, s, ctx),
        Purpose::CapbMeeting(m) => concertation::save_meeting(form, m, ctx),
        Purpose::Motion { existing, .. } => concertation::save_motion(form, existing, ctx),
        Purpose::Production(p) => concertation::save_production(form, p, ctx),
        Purpose::CapbRules => settings::save_capb_rules(form, ctx),
        Purpose::Account => accounts::save_account(form, ctx),
    };
    // A new record never takes the key of one that exists (checked here, whatever gave its id).
    // It is the last change; those before it change records that exist (an appointment ends
    // the membership of the holder it replaces).
    let overwrites = |changes: &[Change]| {
        form.purpose.is_new()
            && matches!(changes.last(), Some(Change::Put(r)) if ctx.data.get(&r.key()).is_some())
    };
    match result {
        Ok(changes) if overwrites(&changes) => {
            form.error = Some(ctx.lang.t(crate::i18n::Msg::ErrIdTaken).into());
            None
        }
        Ok(changes) => Some(changes),
        Err((field, message)) => {
            match field.and_then(|f| form.fields.get_mut(f)) {
                // Beside its field, with the focus there and the count, as a field's own
                // check does.
                Some(f) => {
                    f.error = Some(message);
                    form.point_at_errors(ctx.lang);
                }
                None => form.error = Some(message),
            }
            None
        }
    }
}

/// A rule broken: which field (if one), and what to say.
type Refusal = (Option<usize>, String);

/// After a choice changed: lists that depend on it follow (a group's seats and members, a
/// prison's needs).
pub fn refresh(form: &mut EditForm, ctx: &FormSource) {
    match form.purpose {
        Purpose::Membership { .. } => people::refresh_membership(form, ctx),
        Purpose::Meeting { .. } => groups::refresh_meeting(form, ctx),
        Purpose::Session { .. } => training::refresh_session(form, ctx),
        Purpose::Step(_) => projects::refresh_step(form, ctx),
        _ => {}
    }
}

/// The "really?" saving needs first, if any: refusing a project, ending a membership, an
/// appointment that replaces the seat's holder, a meeting with nobody recorded as present.
pub fn confirmation(form: &EditForm, ctx: &FormSource) -> Option<String> {
    use crate::i18n::Msg;
    let msg = match &form.purpose {
        Purpose::Step(_) => projects::step_needs_confirmation(form).then_some(Msg::ConfirmRefuse),
        Purpose::Membership { existing: Some(m), .. } => {
            people::ends_membership(form, *m, ctx).then_some(Msg::ConfirmEnd)
        }
        Purpose::Membership { existing: None, .. } => return people::replaces_holder(form, ctx),
        Purpose::Meeting { .. } => groups::nobody_attended(form).then_some(Msg::ConfirmNoAttendee),
        _ => None,
    };
    msg.map(|m| ctx.lang.t(m).to_string())
}

/// The form a new record was created from gets it chosen in the field that asked for it.
pub fn choose_created(parent: &mut EditForm, field: usize, created: u64, ctx: &FormSource) {
    if let Some(f) = parent.fields.get_mut(field) {
        // A checklist keeps what was ticked and ticks the new person; a choice chooses them.
        let mut values = if f.is_checklist() { f.chosen_values() } else { Vec::new() };
        values.push(created.to_string());
        f.replace_options(ctx.people(), &values);
        parent.changed = true;
    }
    if matches!(parent.purpose, Purpose::Meeting { .. }) {
        groups::list_everyone(parent);
    }
    refresh(parent, ctx);
}

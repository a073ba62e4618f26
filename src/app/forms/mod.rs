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

/// One kind of form, in its own file: how it opens on the data, what saving it makes, and
/// what it does in between (lists that follow a choice, a question before saving). Only
/// `open` and `save` must be written; the rest have defaults.
trait FormKind {
    /// The form for `purpose` (kept in it), on the record it edits; `None` when that record
    /// does not exist.
    fn open(&self, purpose: Purpose, ctx: &FormSource) -> Option<EditForm>;
    /// The changes the form makes, or what is wrong and where.
    fn save(&self, form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal>;
    /// Whether the form makes a new record (rather than change one).
    fn is_new(&self) -> bool {
        false
    }
    /// Lists that depend on a choice follow it.
    fn refresh(&self, _form: &mut EditForm, _ctx: &FormSource) {}
    /// The "really?" saving needs first, if any.
    fn confirmation(&self, _form: &EditForm, _ctx: &FormSource) -> Option<String> {
        None
    }
    /// A record created from one of its lists (a new person) was chosen there.
    fn took_created(&self, _form: &mut EditForm) {}
}

/// A form that is only its `open` and `save` over what it edits: `Name(new Type)` for a new
/// record or one that exists (`Option` of its id), `Name(Type)` for what it edits by value,
/// `Name(ref Type)` by reference, `Name` for a form that edits nothing given.
macro_rules! plain_form {
    ($(#[$doc:meta])* $name:ident(new $edits:ty), $open:ident, $save:ident) => {
        plain_form!(@kind $(#[$doc])* $name(pub $edits), self, $open(self.0), $save(self.0), self.0.is_none());
    };
    ($(#[$doc:meta])* $name:ident(ref $edits:ty), $open:ident, $save:ident) => {
        plain_form!(@kind $(#[$doc])* $name(pub $edits), self, $open(&self.0), $save(&self.0), false);
    };
    ($(#[$doc:meta])* $name:ident($edits:ty), $open:ident, $save:ident) => {
        plain_form!(@kind $(#[$doc])* $name(pub $edits), self, $open(self.0), $save(self.0), false);
    };
    ($(#[$doc:meta])* $name:ident, $open:ident, $save:ident) => {
        plain_form!(@kind $(#[$doc])* $name, self, $open(), $save(), false);
    };
    (@kind $(#[$doc:meta])* $name:ident $(($($field:tt)*))?, $me:ident, $open:ident($($arg:expr)?), $save:ident($($sarg:expr)?), $new:expr) => {
        $(#[$doc])*
        pub(super) struct $name $(($($field)*))?;

        impl super::FormKind for $name {
            fn open(&$me, purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
                $open(purpose, $($arg,)? ctx)
            }
            fn save(&$me, form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
                $save(form, $($sarg,)? ctx)
            }
            fn is_new(&$me) -> bool {
                $new
            }
        }
    };
}
pub(crate) use plain_form;

impl Purpose {
    /// The kind of form this purpose opens: the one place a purpose meets its form's file.
    fn kind(&self) -> Box<dyn FormKind> {
        match self.clone() {
            Purpose::Person(p) => Box::new(people::PersonForm(p)),
            Purpose::Membership { existing, group, seat } => {
                Box::new(people::MembershipForm { existing, group, seat })
            }
            Purpose::Meeting { existing, group } => Box::new(groups::MeetingForm { existing, group }),
            Purpose::Establishment(e) => Box::new(groups::EstablishmentForm(e)),
            Purpose::Project(p) => Box::new(projects::ProjectForm(p)),
            Purpose::Step(p) => Box::new(projects::StepForm(p)),
            Purpose::Need(n) => Box::new(training::NeedForm(n)),
            Purpose::Session { existing, need } => Box::new(training::SessionForm { existing, need }),
            Purpose::Template(kind) => Box::new(templates::TemplateForm(kind)),
            Purpose::Settings => Box::new(settings::SettingsForm),
            Purpose::Service(s) => Box::new(concertation::ServiceForm(s)),
            Purpose::CapbMeeting(m) => Box::new(concertation::MeetingForm(m)),
            Purpose::Motion { existing, meeting } => Box::new(concertation::MotionForm { existing, meeting }),
            Purpose::Production(p) => Box::new(concertation::ProductionForm(p)),
            Purpose::CapbRules => Box::new(settings::RulesForm),
            Purpose::Account => Box::new(accounts::AccountForm),
        }
    }

    /// Whether the form makes a new record (rather than change one).
    pub fn is_new(&self) -> bool {
        self.kind().is_new()
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
    purpose.kind().open(purpose, ctx)
}

/// Checks the whole form and turns it into changes, or marks what is wrong on the form.
pub fn save(form: &mut EditForm, ctx: &FormSource) -> Option<Vec<Change>> {
    form.error = None;
    if !form.check_all(ctx.lang) {
        return None;
    }
    let result = form.purpose.kind().save(form, ctx);
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
    form.purpose.kind().refresh(form, ctx);
}

/// The "really?" saving needs first, if any: refusing a project, ending a membership, an
/// appointment that replaces the seat's holder, a meeting with nobody recorded as present.
pub fn confirmation(form: &EditForm, ctx: &FormSource) -> Option<String> {
    form.purpose.kind().confirmation(form, ctx)
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
    let kind = parent.purpose.kind();
    kind.took_created(parent);
    kind.refresh(parent, ctx);
}

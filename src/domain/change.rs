//! A change to the dataset: what the app asks the store to write, and what undo reverses.

use super::access::{Account, Admission};
use super::concertation::{CapbMeeting, CapbRules, Motion, Production, Service};
use super::establishment::Establishment;
use super::group::{Group, Meeting, Membership, SeatTemplate};
use super::people::Person;
use super::project::Project;
use super::settings::Settings;
use super::training::{TrainingNeed, TrainingSession};

/// The kinds of record the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum RecordKind {
    Establishment,
    Person,
    Group,
    Template,
    Membership,
    Meeting,
    Project,
    Need,
    Session,
    Settings,
    /// The concertation (CAPB): a member service, a meeting, a motion and its ballots, a
    /// production.
    Service,
    CapbMeeting,
    Motion,
    Production,
    /// Who may use a shared store, and as what (see `access`).
    Account,
    /// The concertation's own rules (proxies, quorum, majority), and whom it admitted to its
    /// debates.
    CapbRules,
    Admission,
}

impl RecordKind {
    pub const ALL: [RecordKind; 17] = [
        Self::Establishment,
        Self::Person,
        Self::Group,
        Self::Template,
        Self::Membership,
        Self::Meeting,
        Self::Project,
        Self::Need,
        Self::Session,
        Self::Settings,
        Self::Service,
        Self::CapbMeeting,
        Self::Motion,
        Self::Production,
        Self::Account,
        Self::CapbRules,
        Self::Admission,
    ];

    /// The name used in file names, the audit trail and `pilotage log --record`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Establishment => "establishment",
            Self::Person => "person",
            Self::Group => "group",
            Self::Template => "template",
            Self::Membership => "membership",
            Self::Meeting => "meeting",
            Self::Project => "project",
            Self::Need => "training_need",
            Self::Session => "training_session",
            Self::Settings => "settings",
            Self::Service => "capb_service",
            Self::CapbMeeting => "capb_meeting",
            Self::Motion => "capb_motion",
            Self::Production => "capb_production",
            Self::Account => "account",
            Self::CapbRules => "capb_rules",
            Self::Admission => "capb_admission",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Which record: establishments are named by their slug, everything else by a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum RecordKey {
    Establishment(String),
    Id(RecordKind, u64),
}

impl RecordKey {
    pub fn kind(&self) -> RecordKind {
        match self {
            RecordKey::Establishment(_) => RecordKind::Establishment,
            RecordKey::Id(k, _) => *k,
        }
    }
}

impl RecordKey {
    /// The key its [`Display`](std::fmt::Display) writes: `person:12`, `establishment:lantin`.
    pub fn parse(text: &str) -> Option<RecordKey> {
        let (kind, id) = text.split_once(':')?;
        match RecordKind::from_code(kind)? {
            RecordKind::Establishment => Some(RecordKey::Establishment(id.to_string())),
            kind => Some(RecordKey::Id(kind, id.parse().ok()?)),
        }
    }
}

impl std::fmt::Display for RecordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordKey::Establishment(id) => write!(f, "establishment:{id}"),
            RecordKey::Id(k, id) => write!(f, "{}:{id}", k.code()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Establishment(Establishment),
    Person(Person),
    Group(Group),
    Template(SeatTemplate),
    Membership(Membership),
    Meeting(Meeting),
    Project(Project),
    Need(TrainingNeed),
    Session(TrainingSession),
    Settings(Settings),
    Service(Service),
    CapbMeeting(CapbMeeting),
    Motion(Motion),
    Production(Production),
    Account(Account),
    CapbRules(CapbRules),
    Admission(Admission),
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Establishment(_) => RecordKind::Establishment,
            Record::Person(_) => RecordKind::Person,
            Record::Group(_) => RecordKind::Group,
            Record::Template(_) => RecordKind::Template,
            Record::Membership(_) => RecordKind::Membership,
            Record::Meeting(_) => RecordKind::Meeting,
            Record::Project(_) => RecordKind::Project,
            Record::Need(_) => RecordKind::Need,
            Record::Session(_) => RecordKind::Session,
            Record::Settings(_) => RecordKind::Settings,
            Record::Service(_) => RecordKind::Service,
            Record::CapbMeeting(_) => RecordKind::CapbMeeting,
            Record::Motion(_) => RecordKind::Motion,
            Record::Production(_) => RecordKind::Production,
            Record::Account(_) => RecordKind::Account,
            Record::CapbRules(_) => RecordKind::CapbRules,
            Record::Admission(_) => RecordKind::Admission,
        }
    }

    pub fn key(&self) -> RecordKey {
        match self {
            Record::Establishment(r) => RecordKey::Establishment(r.id.clone()),
            Record::Person(r) => RecordKey::Id(RecordKind::Person, r.id),
            Record::Group(r) => RecordKey::Id(RecordKind::Group, r.id),
            Record::Template(r) => RecordKey::Id(RecordKind::Template, r.id),
            Record::Membership(r) => RecordKey::Id(RecordKind::Membership, r.id),
            Record::Meeting(r) => RecordKey::Id(RecordKind::Meeting, r.id),
            Record::Project(r) => RecordKey::Id(RecordKind::Project, r.id),
            Record::Need(r) => RecordKey::Id(RecordKind::Need, r.id),
            Record::Session(r) => RecordKey::Id(RecordKind::Session, r.id),
            Record::Settings(r) => RecordKey::Id(RecordKind::Settings, r.id),
            Record::Service(r) => RecordKey::Id(RecordKind::Service, r.id),
            Record::CapbMeeting(r) => RecordKey::Id(RecordKind::CapbMeeting, r.id),
            Record::Motion(r) => RecordKey::Id(RecordKind::Motion, r.id),
            Record::Production(r) => RecordKey::Id(RecordKind::Production, r.id),
            Record::Account(r) => RecordKey::Id(RecordKind::Account, r.id),
            Record::CapbRules(r) => RecordKey::Id(RecordKind::CapbRules, r.id),
            Record::Admission(r) => RecordKey::Id(RecordKind::Admission, r.id),
        }
    }
}

impl Record {
    /// The records this one names: what must exist for it to be sound, and what a role must
    /// see to write it.
    pub fn references(&self) -> Vec<RecordKey> {
        use RecordKind as K;
        let id = |kind, id| RecordKey::Id(kind, id);
        let establishment = |e: &String| RecordKey::Establishment(e.clone());
        match self {
            Record::Establishment(_)
            | Record::Person(_)
            | Record::Template(_)
            | Record::Settings(_)
            | Record::CapbRules(_) => vec![],
            Record::Admission(a) => match a.seat {
                super::access::Seat::Represents(s) => vec![id(K::Service, s)],
                super::access::Seat::Keeper => vec![],
            },
            Record::Group(g) => g.establishment.iter().map(establishment).collect(),
            Record::Membership(m) => {
                let mut out = vec![id(K::Person, m.person), id(K::Group, m.group)];
                out.extend(m.delegate_of.map(|d| id(K::Person, d)));
                out
            }
            Record::Meeting(m) => std::iter::once(id(K::Group, m.group))
                .chain(m.attendees.iter().map(|a| id(K::Person, *a)))
                .collect(),
            Record::Project(p) => vec![establishment(&p.establishment)],
            Record::Need(n) => vec![establishment(&n.establishment)],
            Record::Session(s) => std::iter::once(establishment(&s.establishment))
                .chain(s.covers.iter().map(|n| id(K::Need, *n)))
                .collect(),
            Record::Service(s) => s.representatives.iter().map(|r| id(K::Person, r.person)).collect(),
            Record::CapbMeeting(m) => {
                let services = m.attendance.iter().map(|a| a.service);
                let services = services.chain(m.proxies.iter().flat_map(|p| [p.giver, p.holder]));
                let mut out: Vec<RecordKey> = services.map(|s| id(K::Service, s)).collect();
                out.extend(m.attendance.iter().filter_map(|a| a.person).map(|p| id(K::Person, p)));
                out.extend(m.minutes_released_by.map(|d| id(K::Motion, d)));
                out
            }
            Record::Motion(m) => {
                use super::concertation::Released;
                std::iter::once(id(K::CapbMeeting, m.meeting))
                    .chain(m.ballots.iter().map(|b| id(K::Service, b.service)))
                    .chain(m.releases.iter().map(|r| match r.object {
                        Released::Production(p) => id(K::Production, p),
                        Released::Minutes(m) => id(K::CapbMeeting, m),
                    }))
                    .collect()
            }
            Record::Production(p) => p.decision.iter().map(|d| id(K::Motion, *d)).collect(),
            Record::Account(a) => {
                let mut out: Vec<RecordKey> = a.person.iter().map(|p| id(K::Person, *p)).collect();
                if let super::access::Role::PrisonStaff(list) = &a.role {
                    out.extend(list.iter().map(establishment));
                }
                out
            }
        }
    }
}

/// One write: a record put (created or replaced) or a record deleted.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Put(Record),
    Delete(RecordKey),
}

impl Change {
    pub fn key(&self) -> RecordKey {
        match self {
            Change::Put(r) => r.key(),
            Change::Delete(k) => k.clone(),
        }
    }
}

impl Record {
    /// A short description for the audit trail: a name or a title, never a whole record.
    pub fn summary(&self) -> String {
        match self {
            Record::Establishment(r) => r.name_fr.clone(),
            Record::Person(r) => r.name.clone(),
            Record::Group(r) => match &r.establishment {
                Some(e) => format!("local group {e}"),
                None => "central group".into(),
            },
            Record::Template(r) => format!("{:?} seats from {}", r.kind, r.effective_from),
            Record::Settings(r) => {
                let t = r.thresholds;
                format!(
                    "thresholds from {}: dormant after {} months, overdue after {} days, more than {} seats",
                    r.effective_from, t.dormant_after_months, t.overdue_after_days, t.seat_limit
                )
            }
            Record::Membership(r) => format!("person {} in group {} as {}", r.person, r.group, r.seat),
            Record::Meeting(r) => format!("group {} met on {}", r.group, r.date),
            Record::Project(r) => r.title.clone(),
            Record::Need(r) => format!("{} for {} in {}", r.topic, r.staff_group.code(), r.establishment),
            Record::Session(r) => format!("{} on {} in {}", r.topic, r.date, r.establishment),
            Record::Service(r) => format!("concertation member {}", r.name),
            // The debates are secret: the audit trail names the meeting, never its minutes.
            Record::CapbMeeting(r) => format!("concertation met on {}", r.date),
            Record::Motion(r) => format!("motion at concertation meeting {}", r.meeting),
            // Nor its productions' titles: a history outlives a release, and precedes it.
            Record::Production(r) => format!("concertation production drafted on {}", r.drafted),
            Record::Account(r) => format!("{}: {}", r.who(), r.role.code()),
            Record::CapbRules(r) => format!("the concertation's rules from {}", r.from),
            Record::Admission(r) => {
                let seat = match r.seat {
                    super::access::Seat::Keeper => "keeper".to_string(),
                    super::access::Seat::Represents(s) => format!("representative of member {s}"),
                };
                let until = r.until.map(|u| format!(" until {u}")).unwrap_or_default();
                format!(
                    "{} (uid {}) admitted to the concertation as {seat} from {}{until}",
                    r.name, r.uid, r.from
                )
            }
        }
    }
}

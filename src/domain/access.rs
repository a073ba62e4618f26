//! Who may see and change what, when several people share a store through a server.
//!
//! An **account** ties an operating-system account (its uid, as the kernel gives it to the
//! server) to a role, from a date until a date, with the history of every grant kept. The
//! roles: the **coordinator** sees and changes everything; **prison staff** see and change
//! only their establishments' groups, memberships, meetings, projects (up to their
//! submission: the central group decides), training needs and sessions, with the reference
//! data they need, never another prison's people nor the concertation; an **observer** reads
//! everything and changes nothing.
//!
//! The types; what each role sees and may change is `rules::access`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::establishment::EstablishmentId;
use super::people::PersonId;

pub type AccountId = u64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Coordinator,
    /// Staff of these establishments.
    PrisonStaff(Vec<EstablishmentId>),
    Observer,
    /// Of the concertation only, by its admission (a member service's representative, its
    /// record keeper): nothing of the prisons.
    Member,
}

impl Role {
    pub fn code(&self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::PrisonStaff(_) => "staff",
            Role::Observer => "observer",
            Role::Member => "member",
        }
    }

    pub fn may_change_anything(&self) -> bool {
        !matches!(self, Role::Observer)
    }

    /// Whether the role reads the prisons' records at all (a member reads only the
    /// concertation).
    pub fn reads_prisons(&self) -> bool {
        !matches!(self, Role::Member)
    }
}

/// One grant of access: an OS account's role from a date, until a date (the last day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    /// The OS account's uid, as the server's socket sees it.
    pub uid: u32,
    /// The OS account's name when granted, for people reading the list.
    pub name: String,
    /// The person this account is, if recorded.
    pub person: Option<PersonId>,
    pub role: Role,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Account {
    /// The account as people read it: "marie (uid 1001)", or "uid 1001" when it has no name.
    pub fn who(&self) -> String {
        if self.name == format!("uid {}", self.uid) {
            self.name.clone()
        } else {
            format!("{} (uid {})", self.name, self.uid)
        }
    }

    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }
}

/// How the concertation admitted an account to its debates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Seat {
    /// Keeps its records: meetings, votes, minutes, productions, its rules, and who else is
    /// admitted.
    Keeper,
    /// Represents this member service: reads the debates.
    Represents(super::concertation::ServiceId),
}

pub type AdmissionId = u64;

/// An account the concertation admitted to its debates, from a date until a date. Admissions
/// are shown to the members (the pane lists who reads the debates) and kept in the audit
/// trail, so that nobody, the store's administrator included, reads them unseen. Without one,
/// an account sees only what leaves the concertation (see `rules::concertation::seal`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admission {
    pub id: AdmissionId,
    pub uid: u32,
    /// The OS account's name when admitted, for the members reading the list.
    pub name: String,
    pub seat: Seat,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Admission {
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }
}

/// Whose records an audit line was about when it was written, so that a role reads the
/// history of a record only as far as it could see that record at the time of each line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reach {
    /// Reference data every role reads (the seat templates, the thresholds).
    All,
    /// The records of these establishments; none for the central group's and the accounts:
    /// the coordinator's (and observers').
    Establishments(Vec<EstablishmentId>),
    /// The concertation's: read by those it admitted only.
    Concertation,
}

/// Why a request was not done: typed, so that it crosses the wire as such and its reader
/// says it in their own language (`i18n::refusal`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// An observer changes nothing.
    ReadOnly,
    /// The store is open read-only (`--read-only`, or a read-only server): nothing changes.
    StoreReadOnly,
    /// A change outside the role: another establishment's, the central group's, the
    /// concertation's or the coordinator's.
    NotYours,
    /// A read outside the role: the whole audit trail, a backup.
    NotYoursToRead,
    /// A project past its submission is the central group's: staff neither decide nor delete it.
    CentralDecides,
    /// No such record, or none this role sees: the same words for both, so that a refusal
    /// never tells whether a record it may not see exists.
    NoSuchRecord,
    /// A new record's number is taken (by someone else meanwhile, or by a record this role does
    /// not see): the client takes numbers from `next` on and saves again.
    NumberTaken { next: u64 },
    /// A record refused at the door (see `admission`).
    Inadmissible(super::admission::Inadmissible),
    /// A rule between records the change breaks.
    Rule(super::dataset::Violation),
    /// A request that does not decode, or is larger than this role may send.
    Malformed,
    /// The store could not write it: the server's words for why (a full disk).
    NotWritten(String),
    /// The concertation's records are written by whoever keeps them, as the concertation
    /// admitted them.
    NotAdmitted,
    /// A rule the change breaks is about a record of the concertation's, which this account
    /// does not read: said without naming it (which record, whom it names).
    ConcertationNamesIt,
    /// An admission to the debates is ended (`unadmit`), never erased or rewritten.
    AdmissionsStay,
    /// A backup holds the concertation's debates: only an account it admitted takes one
    /// through the server.
    BackupHoldsTheDebates,
}

impl From<super::dataset::Violation> for Refusal {
    fn from(v: super::dataset::Violation) -> Self {
        Refusal::Rule(v)
    }
}

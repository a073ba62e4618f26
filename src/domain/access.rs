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
}

impl Role {
    pub fn code(&self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::PrisonStaff(_) => "staff",
            Role::Observer => "observer",
        }
    }

    pub fn may_change_anything(&self) -> bool {
        !matches!(self, Role::Observer)
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

/// Why a role may not make a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An observer changes nothing.
    ReadOnly,
    /// Another establishment's, the central group's, the concertation's or the coordinator's.
    NotYours,
    /// A project's decision is the central group's: staff take it up to its submission.
    CentralDecides,
}

impl Refusal {
    pub fn describe(self) -> &'static str {
        match self {
            Refusal::ReadOnly => "an observer reads and changes nothing",
            Refusal::NotYours => "this is not your establishment's to change: ask the coordinator",
            Refusal::CentralDecides => {
                "a project's decision is the central group's: staff take it up to its submission"
            }
        }
    }
}

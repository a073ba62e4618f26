//! People: professionals in their work roles. Nothing about detainees is ever held.

use serde::{Deserialize, Serialize};

pub type PersonId = u64;

/// A qualification a seat may require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Qualification {
    Physician,
    PrisonDirector,
    Psychologist,
    SocialWorker,
    Nurse,
    RestorativeJustice,
    DrugHelpWorker,
}

impl Qualification {
    pub const ALL: [Qualification; 7] = [
        Self::Physician,
        Self::PrisonDirector,
        Self::Psychologist,
        Self::SocialWorker,
        Self::Nurse,
        Self::RestorativeJustice,
        Self::DrugHelpWorker,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Self::Physician => "physician",
            Self::PrisonDirector => "prison_director",
            Self::Psychologist => "psychologist",
            Self::SocialWorker => "social_worker",
            Self::Nurse => "nurse",
            Self::RestorativeJustice => "restorative_justice",
            Self::DrugHelpWorker => "drug_help_worker",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// Work function, e.g. "prison director", "SAT social worker".
    pub function: String,
    pub organisation: String,
    pub qualifications: Vec<Qualification>,
    /// Work contact only (office phone or work e-mail).
    pub contact: String,
}

impl Person {
    pub fn has(&self, q: Qualification) -> bool {
        self.qualifications.contains(&q)
    }
}

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

/// Lower case without accents: "Liège" and "LIEGE" both become "liege" (names compared as a
/// person reads them: a filter, a recipient).
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    // Most text is plain ASCII: lower-casing it is all there is to do, and much cheaper than
    // decomposing it (this runs for every cell of every row after each change).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

//! A change to the dataset: what the app asks the store to write, and what undo reverses.

use super::dataset::Dataset;
use super::establishment::Establishment;
use super::group::{Group, Meeting, Membership, SeatTemplate};
use super::people::Person;
use super::project::Project;
use super::training::{TrainingNeed, TrainingSession};

/// The kinds of record the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
}

impl RecordKind {
    pub const ALL: [RecordKind; 9] = [
        Self::Establishment,
        Self::Person,
        Self::Group,
        Self::Template,
        Self::Membership,
        Self::Meeting,
        Self::Project,
        Self::Need,
        Self::Session,
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
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Which record: establishments are named by their slug, everything else by a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

impl Dataset {
    /// The record a key names, if there is one.
    pub fn get(&self, key: &RecordKey) -> Option<Record> {
        Some(match key {
            RecordKey::Establishment(id) => Record::Establishment(self.establishments.get(id)?.clone()),
            RecordKey::Id(kind, id) => match kind {
                RecordKind::Establishment => return None,
                RecordKind::Person => Record::Person(self.people.get(id)?.clone()),
                RecordKind::Group => Record::Group(self.groups.get(id)?.clone()),
                RecordKind::Template => Record::Template(self.templates.get(id)?.clone()),
                RecordKind::Membership => Record::Membership(self.memberships.get(id)?.clone()),
                RecordKind::Meeting => Record::Meeting(self.meetings.get(id)?.clone()),
                RecordKind::Project => Record::Project(self.projects.get(id)?.clone()),
                RecordKind::Need => Record::Need(self.needs.get(id)?.clone()),
                RecordKind::Session => Record::Session(self.sessions.get(id)?.clone()),
            },
        })
    }

    /// Applies a change and returns the change that undoes it.
    pub fn apply(&mut self, change: Change) -> Change {
        let key = change.key();
        let before = self.get(&key);
        match change {
            Change::Put(record) => self.put(record),
            Change::Delete(key) => self.remove(&key),
        }
        match before {
            Some(r) => Change::Put(r),
            None => Change::Delete(key),
        }
    }

    pub fn put(&mut self, record: Record) {
        match record {
            Record::Establishment(r) => {
                self.establishments.insert(r.id.clone(), r);
            }
            Record::Person(r) => {
                self.people.insert(r.id, r);
            }
            Record::Group(r) => {
                self.groups.insert(r.id, r);
            }
            Record::Template(r) => {
                self.templates.insert(r.id, r);
            }
            Record::Membership(r) => {
                self.memberships.insert(r.id, r);
            }
            Record::Meeting(r) => {
                self.meetings.insert(r.id, r);
            }
            Record::Project(r) => {
                self.projects.insert(r.id, r);
            }
            Record::Need(r) => {
                self.needs.insert(r.id, r);
            }
            Record::Session(r) => {
                self.sessions.insert(r.id, r);
            }
        }
    }

    fn remove(&mut self, key: &RecordKey) {
        match key {
            RecordKey::Establishment(id) => {
                self.establishments.remove(id);
            }
            RecordKey::Id(kind, id) => match kind {
                RecordKind::Establishment => {}
                RecordKind::Person => {
                    self.people.remove(id);
                }
                RecordKind::Group => {
                    self.groups.remove(id);
                }
                RecordKind::Template => {
                    self.templates.remove(id);
                }
                RecordKind::Membership => {
                    self.memberships.remove(id);
                }
                RecordKind::Meeting => {
                    self.meetings.remove(id);
                }
                RecordKind::Project => {
                    self.projects.remove(id);
                }
                RecordKind::Need => {
                    self.needs.remove(id);
                }
                RecordKind::Session => {
                    self.sessions.remove(id);
                }
            },
        }
    }

    /// Every record, in a stable order (kind, then key).
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        let e = self.establishments.values().cloned().map(Record::Establishment);
        let p = self.people.values().cloned().map(Record::Person);
        let g = self.groups.values().cloned().map(Record::Group);
        let t = self.templates.values().cloned().map(Record::Template);
        let m = self.memberships.values().cloned().map(Record::Membership);
        let mt = self.meetings.values().cloned().map(Record::Meeting);
        let pr = self.projects.values().cloned().map(Record::Project);
        let n = self.needs.values().cloned().map(Record::Need);
        let s = self.sessions.values().cloned().map(Record::Session);
        e.chain(p).chain(g).chain(t).chain(m).chain(mt).chain(pr).chain(n).chain(s)
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
            Record::Membership(r) => format!("person {} in group {} as {}", r.person, r.group, r.seat),
            Record::Meeting(r) => format!("group {} met on {}", r.group, r.date),
            Record::Project(r) => r.title.clone(),
            Record::Need(r) => format!("{} for {} in {}", r.topic, r.staff_group.code(), r.establishment),
            Record::Session(r) => format!("{} on {} in {}", r.topic, r.date, r.establishment),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::Person;

    #[test]
    fn apply_returns_the_change_that_undoes_it() {
        let mut data = Dataset::default();
        let p = Person {
            id: 1,
            name: "A".into(),
            function: String::new(),
            organisation: String::new(),
            qualifications: vec![],
            contact: String::new(),
        };
        let undo_create = data.apply(Change::Put(Record::Person(p.clone())));
        assert_eq!(undo_create, Change::Delete(RecordKey::Id(RecordKind::Person, 1)));
        let mut renamed = p.clone();
        renamed.name = "B".into();
        let undo_rename = data.apply(Change::Put(Record::Person(renamed)));
        assert_eq!(undo_rename, Change::Put(Record::Person(p.clone())));
        data.apply(undo_rename);
        assert_eq!(data.people[&1].name, "A");
        data.apply(undo_create);
        assert!(data.people.is_empty());
    }
}

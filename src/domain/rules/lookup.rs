//! Which records belong to which group, person, establishment or need, kept up to date change
//! by change, so that bringing the situation up to date reads the records of the change's scope
//! and not every record of a hundred times Belgium.

use std::collections::HashMap;
use std::hash::Hash;

use crate::domain::change::{Change, Record};
use crate::domain::dataset::Dataset;
use crate::domain::establishment::EstablishmentId;
use crate::domain::group::{GroupId, Meeting, MeetingId, Membership, MembershipId};
use crate::domain::people::PersonId;
use crate::domain::project::{Project, ProjectId};
use crate::domain::training::{NeedId, SessionId, TrainingNeed, TrainingSession};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    memberships_of_group: HashMap<GroupId, Vec<MembershipId>>,
    memberships_of_person: HashMap<PersonId, Vec<MembershipId>>,
    meetings_of_group: HashMap<GroupId, Vec<MeetingId>>,
    projects_of: HashMap<EstablishmentId, Vec<ProjectId>>,
    needs_of: HashMap<EstablishmentId, Vec<NeedId>>,
    sessions_covering: HashMap<NeedId, Vec<SessionId>>,
}

// Each key's ids are a sorted Vec: most keys have a handful (a person's seats, the sessions of
// a need), where a set would cost a node of eleven slots each.

fn link<K: Hash + Eq>(map: &mut HashMap<K, Vec<u64>>, key: K, id: u64) {
    let ids = map.entry(key).or_default();
    if let Err(at) = ids.binary_search(&id) {
        ids.insert(at, id);
    }
}

fn unlink<K: Hash + Eq>(map: &mut HashMap<K, Vec<u64>>, key: &K, id: u64) {
    if let Some(ids) = map.get_mut(key) {
        if let Ok(at) = ids.binary_search(&id) {
            ids.remove(at);
        }
        if ids.is_empty() {
            map.remove(key);
        }
    }
}

type Ids<'m> = std::iter::Copied<std::iter::Flatten<std::option::IntoIter<&'m Vec<u64>>>>;

/// The ids linked to `key`, in order.
fn ids<'m, K: Hash + Eq>(map: &'m HashMap<K, Vec<u64>>, key: &K) -> Ids<'m> {
    map.get(key).into_iter().flatten().copied()
}

impl Lookup {
    pub fn new(data: &Dataset) -> Lookup {
        let mut l = Lookup::default();
        for m in data.memberships.values() {
            l.membership(m, true);
        }
        for m in data.meetings.values() {
            link(&mut l.meetings_of_group, m.group, m.id);
        }
        for p in data.projects.values() {
            link(&mut l.projects_of, p.establishment.clone(), p.id);
        }
        for n in data.needs.values() {
            link(&mut l.needs_of, n.establishment.clone(), n.id);
        }
        for s in data.sessions.values() {
            l.session(s, true);
        }
        l
    }

    /// After `changes` made `data`, with `undo` the changes that reverse them. Every earlier
    /// version is unlinked, then the record as it now stands is linked: right even when one
    /// batch changed a record twice.
    pub fn apply(&mut self, data: &Dataset, changes: &[Change], undo: &[Change]) {
        for c in undo {
            if let Change::Put(before) = c {
                self.change(Some(before), None);
            }
        }
        for c in changes {
            if let Some(after) = data.get(&c.key()) {
                self.change(None, Some(&after));
            }
        }
    }

    /// After a record changed from `before` to `after` (either may be absent).
    fn change(&mut self, before: Option<&Record>, after: Option<&Record>) {
        for (record, add) in [(before, false), (after, true)] {
            match record {
                Some(Record::Membership(m)) => self.membership(m, add),
                Some(Record::Meeting(m)) if add => link(&mut self.meetings_of_group, m.group, m.id),
                Some(Record::Meeting(m)) => unlink(&mut self.meetings_of_group, &m.group, m.id),
                Some(Record::Project(p)) if add => link(&mut self.projects_of, p.establishment.clone(), p.id),
                Some(Record::Project(p)) => unlink(&mut self.projects_of, &p.establishment, p.id),
                Some(Record::Need(n)) if add => link(&mut self.needs_of, n.establishment.clone(), n.id),
                Some(Record::Need(n)) => unlink(&mut self.needs_of, &n.establishment, n.id),
                Some(Record::Session(s)) => self.session(s, add),
                _ => {}
            }
        }
    }

    fn membership(&mut self, m: &Membership, add: bool) {
        if add {
            link(&mut self.memberships_of_group, m.group, m.id);
            link(&mut self.memberships_of_person, m.person, m.id);
        } else {
            unlink(&mut self.memberships_of_group, &m.group, m.id);
            unlink(&mut self.memberships_of_person, &m.person, m.id);
        }
    }

    fn session(&mut self, s: &TrainingSession, add: bool) {
        for n in &s.covers {
            if add {
                link(&mut self.sessions_covering, *n, s.id);
            } else {
                unlink(&mut self.sessions_covering, n, s.id);
            }
        }
    }

    /// The memberships of a group, in the order of their identifiers.
    pub fn memberships_of_group<'a>(
        &'a self,
        data: &'a Dataset,
        group: GroupId,
    ) -> impl Iterator<Item = &'a Membership> {
        ids(&self.memberships_of_group, &group).filter_map(|id| data.memberships.get(&id))
    }

    pub fn memberships_of_person<'a>(
        &'a self,
        data: &'a Dataset,
        person: PersonId,
    ) -> impl Iterator<Item = &'a Membership> {
        ids(&self.memberships_of_person, &person).filter_map(|id| data.memberships.get(&id))
    }

    pub fn meetings_of_group<'a>(
        &'a self,
        data: &'a Dataset,
        group: GroupId,
    ) -> impl Iterator<Item = &'a Meeting> {
        ids(&self.meetings_of_group, &group).filter_map(|id| data.meetings.get(&id))
    }

    pub fn projects_of<'a>(
        &'a self,
        data: &'a Dataset,
        establishment: &str,
    ) -> impl Iterator<Item = &'a Project> {
        self.projects_of.get(establishment).into_iter().flatten().filter_map(|id| data.projects.get(id))
    }

    pub fn needs_of<'a>(
        &'a self,
        data: &'a Dataset,
        establishment: &str,
    ) -> impl Iterator<Item = &'a TrainingNeed> {
        self.needs_of.get(establishment).into_iter().flatten().filter_map(|id| data.needs.get(id))
    }

    pub fn sessions_covering<'a>(
        &'a self,
        data: &'a Dataset,
        need: NeedId,
    ) -> impl Iterator<Item = &'a TrainingSession> {
        ids(&self.sessions_covering, &need).filter_map(|id| data.sessions.get(&id))
    }
}

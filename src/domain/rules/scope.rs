//! What a change can have altered in the [`Situation`](super::Situation), so that saving one
//! form recomputes one group and one prison rather than a hundred times Belgium.
//!
//! The scope is found from every version of the records a change touched: the one before (from
//! the undo) and the one after. It is deliberately generous: recomputing a little too much is
//! only slower, recomputing too little would show a stale screen, and a property test checks
//! that an update within the scope always equals a computation from scratch.

use std::collections::BTreeSet;

use crate::domain::change::{Change, Record};
use crate::domain::dataset::Dataset;
use crate::domain::establishment::EstablishmentId;
use crate::domain::group::{GroupId, GroupKind};
use crate::domain::people::PersonId;
use crate::domain::rules::Lookup;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Everything may have changed: a seat template, a new date, a new language.
    pub everything: bool,
    /// The central group changed: its chair, its meetings, so every waiting project's blockers.
    pub central: bool,
    /// Prisons whose row, waiting projects and training needs are recomputed.
    pub establishments: BTreeSet<EstablishmentId>,
    /// Groups whose gaps are recomputed.
    pub groups: BTreeSet<GroupId>,
    /// People whose overload is recomputed.
    pub people: BTreeSet<PersonId>,
    /// The concertation (CAPB), recomputed whole: a few hundred records at most.
    pub concertation: bool,
}

impl Scope {
    pub fn everything() -> Scope {
        Scope { everything: true, ..Scope::default() }
    }

    /// What changing these records can alter. `records` holds every version, before and after,
    /// of each record changed; `data` is the dataset after the change.
    /// `lookup` is up to date with `data`: it finds the memberships of the people and groups
    /// whose record changed, without reading every membership.
    pub fn of<'r>(data: &Dataset, lookup: &Lookup, records: impl IntoIterator<Item = &'r Record>) -> Scope {
        let mut s = Scope::default();
        // People whose record changed: their name and qualifications show in every group they sit in.
        let mut people_changed = BTreeSet::new();
        // Groups whose existence or name changed: that shows in each member's overload.
        let mut groups_changed = BTreeSet::new();
        for record in records {
            match record {
                // Seats required, or the thresholds every rule compares with.
                Record::Template(_) | Record::Settings(_) => return Scope::everything(),
                // Who may use the store: on no pane.
                Record::Account(_) => {}
                Record::Establishment(e) => {
                    s.establishments.insert(e.id.clone());
                    for g in data.groups.values().filter(|g| g.establishment.as_ref() == Some(&e.id)) {
                        s.groups.insert(g.id);
                        groups_changed.insert(g.id);
                    }
                }
                Record::Service(_)
                | Record::CapbMeeting(_)
                | Record::Motion(_)
                | Record::Production(_)
                | Record::CapbRules(_)
                | Record::Admission(_) => {
                    s.concertation = true;
                }
                Record::Person(p) => {
                    // A representative's name shows in the concertation.
                    s.concertation = true;
                    s.people.insert(p.id);
                    people_changed.insert(p.id);
                }
                Record::Group(g) => {
                    s.groups.insert(g.id);
                    groups_changed.insert(g.id);
                    s.establishments.extend(g.establishment.clone());
                    s.central |= g.kind == GroupKind::Central;
                }
                Record::Membership(m) => {
                    s.groups.insert(m.group);
                    s.people.insert(m.person);
                    s.people.extend(m.delegate_of);
                }
                Record::Meeting(m) => {
                    s.groups.insert(m.group);
                }
                Record::Project(p) => {
                    s.establishments.insert(p.establishment.clone());
                }
                Record::Need(n) => {
                    s.establishments.insert(n.establishment.clone());
                }
                Record::Session(t) => {
                    s.establishments.insert(t.establishment.clone());
                    let covered = t.covers.iter().filter_map(|n| data.needs.get(n));
                    s.establishments.extend(covered.map(|n| n.establishment.clone()));
                }
            }
        }
        for p in people_changed {
            s.groups.extend(lookup.memberships_of_person(data, p).map(|m| m.group));
        }
        for g in groups_changed {
            s.people.extend(lookup.memberships_of_group(data, g).map(|m| m.person));
        }
        // A group's gaps and meetings show in its prison's row; the central group's in every
        // waiting project's blockers.
        for g in s.groups.iter().filter_map(|g| data.groups.get(g)) {
            s.establishments.extend(g.establishment.clone());
            s.central |= g.kind == GroupKind::Central;
        }
        s
    }

    /// The scope of `changes` applied to give `data`, with `undo` the changes that reverse them.
    pub fn of_changes(data: &Dataset, lookup: &Lookup, changes: &[Change], undo: &[Change]) -> Scope {
        let records = changes.iter().chain(undo).filter_map(|c| match c {
            Change::Put(r) => Some(r),
            Change::Delete(_) => None,
        });
        Scope::of(data, lookup, records)
    }

    /// Adds what `other` may have altered: the scope of both changes.
    pub fn extend(&mut self, other: &Scope) {
        if other.everything {
            *self = Scope::everything();
        } else if !self.everything {
            self.central |= other.central;
            self.concertation |= other.concertation;
            self.establishments.extend(other.establishments.iter().cloned());
            self.groups.extend(other.groups.iter().copied());
            self.people.extend(other.people.iter().copied());
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.everything
            && !self.central
            && !self.concertation
            && self.establishments.is_empty()
            && self.groups.is_empty()
            && self.people.is_empty()
    }

    pub fn group(&self, id: GroupId) -> bool {
        self.everything || self.groups.contains(&id)
    }

    pub fn establishment(&self, id: &str) -> bool {
        self.everything || self.establishments.contains(id)
    }

    pub fn person(&self, id: PersonId) -> bool {
        self.everything || self.people.contains(&id)
    }

    /// Whether the central group's blockers, hence every waiting project, may have changed.
    pub fn central(&self) -> bool {
        self.everything || self.central
    }
}

#[cfg(test)]
mod tests {
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::mutate::edit;
    use crate::domain::rules::{Lookup, Situation};

    fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_new_person_alters_nothing_and_a_template_everything() {
        let data = crate::demo::demo_dataset(d(2026, 11, 23));
        let id = data.next_id();
        let p = crate::domain::Person {
            id,
            name: "N".into(),
            function: String::new(),
            organisation: String::new(),
            qualifications: vec![],
            contact: String::new(),
        };
        let lookup = Lookup::new(&data);
        let scope = Scope::of(&data, &lookup, [&Record::Person(p)]);
        assert_eq!(scope.people.len(), 1);
        assert!(scope.groups.is_empty() && scope.establishments.is_empty() && !scope.central());
        assert!(scope.concertation, "a person may represent a member service");
        let t = data.templates.values().next().unwrap().clone();
        assert!(Scope::of(&data, &lookup, [&Record::Template(t)]).everything);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// The promise the scope makes: an update within it equals a computation from scratch,
        /// after any sequence of edits of any kind, today and in a past view.
        #[test]
        fn an_update_within_the_scope_equals_a_full_computation(
            edits in vec((any::<u8>(), any::<u64>(), any::<u64>()), 1..16),
            past in any::<bool>(),
        ) {
            let today = d(2026, 11, 23);
            let as_of = if past { d(2012, 6, 1) } else { today };
            let mut data = crate::demo::demo_dataset(today);
            let mut situation = Situation::compute(&data, as_of);
            let mut lookup = Lookup::new(&data);
            for (kind, a, b) in edits {
                let changes = edit(&data, kind, a, b);
                let undo: Vec<Change> = changes.iter().cloned().map(|c| data.apply(c)).collect();
                lookup.apply(&data, &changes, &undo);
                prop_assert_eq!(&lookup, &Lookup::new(&data), "the lookup after edit {}", kind);
                situation.update(&data, &lookup, &Scope::of_changes(&data, &lookup, &changes, &undo));
                prop_assert_eq!(&situation, &Situation::compute(&data, as_of), "after edit {}", kind);
            }
        }
    }
}

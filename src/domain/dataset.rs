//! Everything the store holds, in memory: a few megabytes even for a hundred times Belgium.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::establishment::{Establishment, EstablishmentId};
use super::group::{
    Group, GroupId, GroupKind, Meeting, MeetingId, Membership, MembershipId, SeatTemplate, TemplateId,
    circular_central_template, circular_date, circular_local_template,
};
use super::people::{Person, PersonId};
use super::project::{Project, ProjectId};
use super::training::{NeedId, SessionId, TrainingNeed, TrainingSession};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub establishments: BTreeMap<EstablishmentId, Establishment>,
    pub people: BTreeMap<PersonId, Person>,
    pub groups: BTreeMap<GroupId, Group>,
    pub templates: BTreeMap<TemplateId, SeatTemplate>,
    pub memberships: BTreeMap<MembershipId, Membership>,
    pub meetings: BTreeMap<MeetingId, Meeting>,
    pub projects: BTreeMap<ProjectId, Project>,
    pub needs: BTreeMap<NeedId, TrainingNeed>,
    pub sessions: BTreeMap<SessionId, TrainingSession>,
}

/// A broken link or rule found in a dataset: what a damaged store or a bad import would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(pub String);

impl Dataset {
    /// A new store's content: the establishments, the central group, a local group for every
    /// establishment open on `today`, and the circular's seat templates.
    pub fn initial(establishments: Vec<Establishment>, today: NaiveDate) -> Dataset {
        let mut data = Dataset::default();
        data.templates.insert(1, circular_central_template(1));
        data.templates.insert(2, circular_local_template(2));
        data.groups.insert(
            1,
            Group {
                id: 1,
                kind: GroupKind::Central,
                establishment: None,
                created: Some(circular_date()),
                dissolved: None,
            },
        );
        let mut next = 2;
        for e in establishments {
            if e.is_open_on(today) {
                data.groups.insert(
                    next,
                    Group {
                        id: next,
                        kind: GroupKind::Local,
                        establishment: Some(e.id.clone()),
                        created: None,
                        dissolved: None,
                    },
                );
                next += 1;
            }
            data.establishments.insert(e.id.clone(), e);
        }
        data
    }

    /// The central group (the first one, if a store somehow has two).
    pub fn central_group(&self) -> Option<&Group> {
        self.groups.values().find(|g| g.kind == GroupKind::Central)
    }

    /// The local group of an establishment that exists on `date` (the latest created, if several).
    pub fn local_group(&self, establishment: &str, date: NaiveDate) -> Option<&Group> {
        self.groups
            .values()
            .filter(|g| {
                g.kind == GroupKind::Local
                    && g.establishment.as_deref() == Some(establishment)
                    && g.exists_on(date)
            })
            .max_by_key(|g| (g.created, g.id))
    }

    /// The next free identifier after every record of every kind: one sequence for all, so an
    /// audit line's id names one record only.
    pub fn next_id(&self) -> u64 {
        let maxes = [
            self.people.keys().last(),
            self.groups.keys().last(),
            self.templates.keys().last(),
            self.memberships.keys().last(),
            self.meetings.keys().last(),
            self.projects.keys().last(),
            self.needs.keys().last(),
            self.sessions.keys().last(),
        ];
        maxes.into_iter().flatten().max().copied().unwrap_or(0) + 1
    }

    pub fn record_count(&self) -> usize {
        self.establishments.len()
            + self.people.len()
            + self.groups.len()
            + self.templates.len()
            + self.memberships.len()
            + self.meetings.len()
            + self.projects.len()
            + self.needs.len()
            + self.sessions.len()
    }

    /// Every broken reference or impossible record. Empty for a sound dataset.
    pub fn violations(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut bad = |s: String| out.push(Violation(s));
        let est = |id: &str| self.establishments.contains_key(id);
        for g in self.groups.values() {
            if let Some(e) = &g.establishment
                && !est(e)
            {
                bad(format!("group {} names missing establishment {e}", g.id));
            }
            if g.kind == GroupKind::Local && g.establishment.is_none() {
                bad(format!("local group {} has no establishment", g.id));
            }
        }
        for m in self.memberships.values() {
            if !self.people.contains_key(&m.person) {
                bad(format!("membership {} names missing person {}", m.id, m.person));
            }
            if !self.groups.contains_key(&m.group) {
                bad(format!("membership {} names missing group {}", m.id, m.group));
            }
            if m.until.is_some_and(|u| u < m.from) {
                bad(format!("membership {} ends before it begins", m.id));
            }
            if let Some(d) = m.delegate_of
                && !self.people.contains_key(&d)
            {
                bad(format!("membership {} is a delegate of missing person {d}", m.id));
            }
        }
        for mt in self.meetings.values() {
            if !self.groups.contains_key(&mt.group) {
                bad(format!("meeting {} names missing group {}", mt.id, mt.group));
            }
            for a in &mt.attendees {
                if !self.people.contains_key(a) {
                    bad(format!("meeting {} names missing attendee {a}", mt.id));
                }
            }
        }
        for p in self.projects.values() {
            if !est(&p.establishment) {
                bad(format!("project {} names missing establishment {}", p.id, p.establishment));
            }
            if !p.history_is_consistent() {
                bad(format!(
                    "project {} has an impossible history (a decision without a submission, or out of date order)",
                    p.id
                ));
            }
        }
        for n in self.needs.values() {
            if !est(&n.establishment) {
                bad(format!("training need {} names missing establishment {}", n.id, n.establishment));
            }
        }
        for s in self.sessions.values() {
            if !est(&s.establishment) {
                bad(format!("training session {} names missing establishment {}", s.id, s.establishment));
            }
            for n in &s.covers {
                if !self.needs.contains_key(n) {
                    bad(format!("training session {} covers missing need {n}", s.id));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::establishment::reference_establishments;

    #[test]
    fn initial_store_has_a_group_per_open_establishment() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let data = Dataset::initial(reference_establishments(), today);
        assert!(data.central_group().is_some());
        assert!(data.local_group("lantin", today).is_some());
        assert!(data.local_group("forest", today).is_none(), "Forest closed in 2022");
        assert!(data.violations().is_empty());
        assert_eq!(data.templates.len(), 2);
    }
}

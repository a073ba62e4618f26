//! What each role sees and may change of the data, who holds which role on a date, and the
//! changes a grant or a revocation makes (the types are `domain::access`).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::domain::access::{Account, Refusal, Role};
use crate::domain::change::{Change, Record, RecordKey, RecordKind};
use crate::domain::dataset::Dataset;
use crate::domain::establishment::EstablishmentId;
use crate::domain::people::PersonId;
use crate::domain::project::ProjectStep;

/// The role of `uid` on `date`: its latest grant in force. With no account at all, the store
/// is one person's: its owner (`owner`, the server's own uid) is the coordinator.
pub fn role_of(data: &Dataset, uid: u32, owner: u32, date: NaiveDate) -> Option<Role> {
    if data.accounts.is_empty() {
        return (uid == owner).then_some(Role::Coordinator);
    }
    data.accounts
        .values()
        .filter(|a| a.uid == uid && a.active_on(date))
        .max_by_key(|a| (a.from, a.id))
        .map(|a| a.role.clone())
}

/// What one role sees of the data: the establishments of a staff member, the people of their
/// groups. Computed once per load or change, not per record.
pub struct View {
    role: Role,
    establishments: BTreeSet<EstablishmentId>,
    groups: BTreeSet<u64>,
    people: BTreeSet<PersonId>,
}

impl View {
    pub fn new(data: &Dataset, role: &Role) -> View {
        let establishments: BTreeSet<EstablishmentId> = match role {
            Role::PrisonStaff(list) => list.iter().cloned().collect(),
            _ => BTreeSet::new(),
        };
        let groups: BTreeSet<u64> = data
            .groups
            .values()
            .filter(|g| g.establishment.as_ref().is_some_and(|e| establishments.contains(e)))
            .map(|g| g.id)
            .collect();
        let mut people: BTreeSet<PersonId> =
            data.memberships.values().filter(|m| groups.contains(&m.group)).map(|m| m.person).collect();
        people.extend(
            data.memberships.values().filter(|m| groups.contains(&m.group)).filter_map(|m| m.delegate_of),
        );
        people.extend(
            data.meetings
                .values()
                .filter(|m| groups.contains(&m.group))
                .flat_map(|m| m.attendees.iter().copied()),
        );
        View { role: role.clone(), establishments, groups, people }
    }

    pub fn role(&self) -> &Role {
        &self.role
    }

    /// Whether this role may see the record.
    pub fn sees(&self, record: &Record) -> bool {
        if !matches!(self.role, Role::PrisonStaff(_)) {
            return true;
        }
        let mine = |e: &EstablishmentId| self.establishments.contains(e);
        match record {
            // Their own establishments, and the reference data a form and a rule need.
            Record::Establishment(e) => mine(&e.id),
            Record::Template(_) | Record::Settings(_) => true,
            Record::Group(g) => self.groups.contains(&g.id),
            Record::Membership(m) => self.groups.contains(&m.group),
            Record::Meeting(m) => self.groups.contains(&m.group),
            Record::Person(p) => self.people.contains(&p.id),
            Record::Project(p) => mine(&p.establishment),
            Record::Need(n) => mine(&n.establishment),
            Record::Session(s) => mine(&s.establishment),
            Record::Service(_) | Record::CapbMeeting(_) | Record::Motion(_) | Record::Production(_) => false,
            Record::Account(_) => false,
        }
    }

    /// Why this role may not make the change, given the data before it; `None` when it may.
    pub fn refuses(&self, data: &Dataset, change: &Change) -> Option<Refusal> {
        match &self.role {
            Role::Coordinator => None,
            Role::Observer => Some(Refusal::ReadOnly),
            Role::PrisonStaff(_) => {
                let before = data.get(&change.key());
                let kind = change.key().kind();
                let allowed_kind = matches!(
                    kind,
                    RecordKind::Group
                        | RecordKind::Membership
                        | RecordKind::Meeting
                        | RecordKind::Project
                        | RecordKind::Need
                        | RecordKind::Session
                        | RecordKind::Person
                );
                if !allowed_kind {
                    return Some(Refusal::NotYours);
                }
                // A person: a new one (to appoint), or one of their groups'; never deleted.
                if kind == RecordKind::Person {
                    return match (change, &before) {
                        (Change::Delete(_), _) => Some(Refusal::NotYours),
                        (_, None) => None,
                        (_, Some(r)) if self.sees(r) => None,
                        _ => Some(Refusal::NotYours),
                    };
                }
                if before.as_ref().is_some_and(|r| !self.owns(data, r)) {
                    return Some(Refusal::NotYours);
                }
                if let Change::Put(after) = change {
                    if !self.owns(data, after) {
                        return Some(Refusal::NotYours);
                    }
                    if let Record::Project(p) = after {
                        let decided = |p: &crate::domain::project::Project| {
                            p.history
                                .iter()
                                .any(|e| !matches!(e.step, ProjectStep::Draft | ProjectStep::Submitted))
                        };
                        let before_decided = matches!(&before, Some(Record::Project(b)) if decided(b));
                        if decided(p) && !before_decided || before_decided && Some(after) != before.as_ref() {
                            return Some(Refusal::CentralDecides);
                        }
                    }
                }
                None
            }
        }
    }

    /// Whether the record belongs to this staff member's establishments (a new group or a
    /// membership of one included).
    fn owns(&self, data: &Dataset, record: &Record) -> bool {
        let mine = |e: &EstablishmentId| self.establishments.contains(e);
        let group_is_mine = |g: u64| {
            self.groups.contains(&g)
                || data.groups.get(&g).and_then(|g| g.establishment.as_ref()).is_some_and(mine)
        };
        match record {
            Record::Group(g) => g.establishment.as_ref().is_some_and(mine),
            Record::Membership(m) => group_is_mine(m.group),
            Record::Meeting(m) => group_is_mine(m.group),
            Record::Project(p) => mine(&p.establishment),
            Record::Need(n) => mine(&n.establishment),
            Record::Session(s) => mine(&s.establishment),
            _ => false,
        }
    }

    /// The data as this role sees it.
    pub fn filter(&self, data: &Dataset) -> Dataset {
        if !matches!(self.role, Role::PrisonStaff(_)) {
            let mut all = data.clone();
            if self.role != Role::Coordinator {
                all.accounts.clear();
            }
            return all;
        }
        let mut loader = crate::domain::dataset::Loader::default();
        for r in data.records().filter(|r| self.sees(r)) {
            loader.push(r);
        }
        loader.finish()
    }

    /// Whether a change, as pushed to this role, may be shown: a put of a record it sees, or a
    /// deletion of one it saw.
    pub fn sees_change(&self, before: Option<&Record>, change: &Change) -> bool {
        match change {
            Change::Put(r) => self.sees(r),
            Change::Delete(_) => before.is_none_or(|r| self.sees(r)),
        }
    }

    /// The people this view sees that `before` did not (someone appointed to one of their
    /// groups): what a client must be sent beside the change that made them visible.
    pub fn newly_seen(&self, before: &View, data: &Dataset) -> Vec<Record> {
        self.people
            .difference(&before.people)
            .filter_map(|p| data.people.get(p).cloned().map(Record::Person))
            .collect()
    }

    /// Whether a key names a record this role may see (for the history of a record).
    pub fn sees_key(&self, data: &Dataset, key: &RecordKey) -> bool {
        data.get(key).is_none_or(|r| self.sees(&r))
    }
}

/// The changes a grant makes: the account, and the first time any is granted, the store's
/// owner as its first coordinator, so that nobody is locked out by the list becoming the rule.
pub fn grant(
    data: &Dataset,
    owner: (u32, String),
    uid: u32,
    name: String,
    role: Role,
    person: Option<u64>,
    from: NaiveDate,
) -> Result<Vec<Change>, String> {
    if let Some(p) = person.filter(|p| !data.people.contains_key(p)) {
        return Err(format!("no person {p}"));
    }
    let mut changes = Vec::new();
    let mut next = data.next_id();
    if data.accounts.is_empty() && uid != owner.0 {
        let first = Account {
            id: next,
            uid: owner.0,
            name: owner.1,
            person: None,
            role: Role::Coordinator,
            from,
            until: None,
        };
        next += 1;
        changes.push(Change::Put(Record::Account(first)));
    }
    // The grant in force for that account ends the day before the new one begins.
    if let Some(day_before) = from.pred_opt() {
        for a in data.accounts.values().filter(|a| a.uid == uid && a.until.is_none_or(|u| u >= from)) {
            if a.from < from {
                changes.push(Change::Put(Record::Account(Account { until: Some(day_before), ..a.clone() })));
            } else {
                changes.push(Change::Delete(Record::Account(a.clone()).key()));
            }
        }
    }
    changes.push(Change::Put(Record::Account(Account {
        id: next,
        uid,
        name,
        person,
        role,
        from,
        until: None,
    })));
    check_a_coordinator_remains(data, &changes, from)?;
    Ok(changes)
}

/// Ends an account's access: its grant in force ends the day before `from`.
pub fn revoke(data: &Dataset, uid: u32, from: NaiveDate) -> Result<Vec<Change>, String> {
    let day_before = from.pred_opt().ok_or("no day before that date")?;
    let changes: Vec<Change> = data
        .accounts
        .values()
        .filter(|a| a.uid == uid && a.until.is_none_or(|u| u >= from))
        .map(|a| {
            if a.from < from {
                Change::Put(Record::Account(Account { until: Some(day_before), ..a.clone() }))
            } else {
                Change::Delete(Record::Account(a.clone()).key())
            }
        })
        .collect();
    if changes.is_empty() {
        return Err(format!("uid {uid} has no access from that date"));
    }
    check_a_coordinator_remains(data, &changes, from)?;
    Ok(changes)
}

/// A store whose list has no coordinator left could never be administered again.
fn check_a_coordinator_remains(data: &Dataset, changes: &[Change], from: NaiveDate) -> Result<(), String> {
    let mut after = data.clone();
    for c in changes {
        after.apply(c.clone());
    }
    let any = after
        .accounts
        .values()
        .any(|a| a.role == Role::Coordinator && a.active_on(from) && a.until.is_none());
    if after.accounts.is_empty() || any {
        Ok(())
    } else {
        Err("this would leave the store without a coordinator: grant another first".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Membership;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn demo() -> Dataset {
        crate::demo::demo_dataset(day(2026, 11, 23))
    }

    fn account(id: u64, uid: u32, role: Role, from: NaiveDate, until: Option<NaiveDate>) -> Account {
        Account { id, uid, name: format!("u{uid}"), person: None, role, from, until }
    }

    #[test]
    fn the_owner_is_the_coordinator_until_accounts_are_granted() {
        let mut data = demo();
        assert_eq!(role_of(&data, 1000, 1000, day(2026, 1, 1)), Some(Role::Coordinator));
        assert_eq!(role_of(&data, 1001, 1000, day(2026, 1, 1)), None, "an unknown uid has no role");
        data.accounts.insert(1, account(1, 1001, Role::Observer, day(2026, 1, 1), Some(day(2026, 6, 30))));
        data.accounts.insert(2, account(2, 1001, Role::Coordinator, day(2026, 7, 1), None));
        assert_eq!(role_of(&data, 1001, 1000, day(2026, 3, 1)), Some(Role::Observer));
        assert_eq!(role_of(&data, 1001, 1000, day(2026, 8, 1)), Some(Role::Coordinator));
        assert_eq!(role_of(&data, 1000, 1000, day(2026, 8, 1)), None, "once granted, the list decides");
    }

    #[test]
    fn staff_see_their_prison_and_never_another_prisons_people() {
        let data = demo();
        let lantin = data.establishments.keys().find(|e| e.contains("lantin")).cloned().unwrap();
        let view = View::new(&data, &Role::PrisonStaff(vec![lantin.clone()]));
        let seen = view.filter(&data);
        assert!(seen.groups.values().all(|g| g.establishment.as_deref() == Some(lantin.as_str())));
        assert!(!seen.groups.is_empty());
        assert!(seen.projects.values().all(|p| p.establishment == lantin));
        assert!(seen.services.is_empty() && seen.capb_meetings.is_empty(), "not the concertation");
        assert_eq!(seen.establishments.keys().collect::<Vec<_>>(), vec![&lantin], "their own only");
        assert!(!seen.templates.is_empty(), "the seats required, to see their gaps");
        // Every person seen sits (or sat) in Lantin's group or came to its meetings.
        let lantin_groups: Vec<u64> = seen.groups.keys().copied().collect();
        for p in seen.people.keys() {
            let theirs =
                data.memberships.values().any(|m| m.person == *p && lantin_groups.contains(&m.group))
                    || data
                        .meetings
                        .values()
                        .any(|m| lantin_groups.contains(&m.group) && m.attendees.contains(p))
                    || data
                        .memberships
                        .values()
                        .any(|m| m.delegate_of == Some(*p) && lantin_groups.contains(&m.group));
            assert!(theirs, "person {p} is not Lantin's");
        }
        assert!(seen.people.len() < data.people.len());
    }

    #[test]
    fn staff_change_their_prison_only_and_projects_up_to_submission() {
        let data = demo();
        let lantin = data.establishments.keys().find(|e| e.contains("lantin")).cloned().unwrap();
        let view = View::new(&data, &Role::PrisonStaff(vec![lantin.clone()]));
        let group =
            data.groups.values().find(|g| g.establishment.as_deref() == Some(lantin.as_str())).unwrap().id;
        let other = data
            .groups
            .values()
            .find(|g| g.establishment.is_some() && g.establishment.as_deref() != Some(lantin.as_str()))
            .unwrap()
            .id;
        let membership = |group| Membership {
            id: 999_999,
            person: *data.people.keys().next().unwrap(),
            group,
            seat: "chair".into(),
            from: day(2026, 1, 1),
            until: None,
            delegate_of: None,
        };
        assert_eq!(view.refuses(&data, &Change::Put(Record::Membership(membership(group)))), None);
        assert_eq!(
            view.refuses(&data, &Change::Put(Record::Membership(membership(other)))),
            Some(Refusal::NotYours)
        );
        let central = data.central_group().unwrap().id;
        assert_eq!(
            view.refuses(&data, &Change::Put(Record::Membership(membership(central)))),
            Some(Refusal::NotYours)
        );
        let settings = data.records().find(|r| r.kind() == RecordKind::Template).unwrap();
        assert_eq!(view.refuses(&data, &Change::Put(settings)), Some(Refusal::NotYours));
        // A project of Lantin's: submitted yes, authorised no.
        let mut project = data.projects.values().find(|p| p.establishment == lantin).cloned().unwrap();
        project.history = vec![crate::domain::project::ProjectEvent {
            date: day(2026, 1, 1),
            step: ProjectStep::Submitted,
        }];
        assert_eq!(view.refuses(&data, &Change::Put(Record::Project(project.clone()))), None);
        project.history.push(crate::domain::project::ProjectEvent {
            date: day(2026, 2, 1),
            step: ProjectStep::Authorised { conditions: String::new() },
        });
        assert_eq!(
            view.refuses(&data, &Change::Put(Record::Project(project))),
            Some(Refusal::CentralDecides)
        );
        let observer = View::new(&data, &Role::Observer);
        assert_eq!(
            observer.refuses(&data, &Change::Put(Record::Membership(membership(group)))),
            Some(Refusal::ReadOnly)
        );
    }

    #[test]
    fn someone_appointed_to_their_group_becomes_visible_to_staff() {
        let mut data = demo();
        let lantin = data.establishments.keys().find(|e| e.contains("lantin")).cloned().unwrap();
        let role = Role::PrisonStaff(vec![lantin.clone()]);
        let before = View::new(&data, &role);
        let group =
            data.groups.values().find(|g| g.establishment.as_deref() == Some(lantin.as_str())).unwrap().id;
        let outsider =
            *data.people.keys().find(|p| !before.sees(&Record::Person(data.people[p].clone()))).unwrap();
        data.memberships.insert(
            999_998,
            Membership {
                id: 999_998,
                person: outsider,
                group,
                seat: "doctor".into(),
                from: day(2026, 1, 1),
                until: None,
                delegate_of: None,
            },
        );
        let after = View::new(&data, &role);
        let seen: Vec<_> = after.newly_seen(&before, &data).iter().map(Record::key).collect();
        assert_eq!(seen, vec![RecordKey::Id(RecordKind::Person, outsider)]);
    }
}

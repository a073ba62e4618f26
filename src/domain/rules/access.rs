//! What each role sees and may change of the data, who holds which role on a date, and the
//! changes a grant or a revocation makes (the types are `domain::access`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::domain::access::{Account, Admission, Reach, Refusal, Role, Seat};
use crate::domain::change::{Change, Record, RecordKey, RecordKind};
use crate::domain::dataset::{Dataset, Problem, Violation};
use crate::domain::establishment::EstablishmentId;
use crate::domain::group::{GroupKind, Meeting};
use crate::domain::people::Person;
use crate::domain::people::PersonId;
use crate::domain::project::ProjectStep;

/// The role of `uid` on `date`: its latest grant in force; an account the concertation admitted
/// without a grant is one of its members (it reads the concertation only). With no account and
/// no admission at all, the store is one person's: its owner (`owner`, the server's own uid) is
/// the coordinator.
pub fn role_of(data: &Dataset, uid: u32, owner: u32, date: NaiveDate) -> Option<Role> {
    if data.accounts.is_empty() && data.admissions.is_empty() {
        return (uid == owner).then_some(Role::Coordinator);
    }
    let granted = data
        .accounts
        .values()
        .filter(|a| a.uid == uid && a.active_on(date))
        .max_by_key(|a| (a.from, a.id))
        .map(|a| a.role.clone());
    granted.or_else(|| admitted(data, uid, owner, date).map(|_| Role::Member))
}

/// How the concertation admitted `uid` to its debates on `date`, if it did: its latest
/// admission in force. With no account and no admission at all, the store's owner keeps its
/// records (a store of one person's, as `role_of` says).
pub fn admitted(data: &Dataset, uid: u32, owner: u32, date: NaiveDate) -> Option<Seat> {
    if data.accounts.is_empty() && data.admissions.is_empty() {
        return (uid == owner).then_some(Seat::Keeper);
    }
    data.admissions
        .values()
        .filter(|a| a.uid == uid && a.active_on(date))
        .max_by_key(|a| (a.from, a.id))
        .map(|a| a.seat.clone())
}

/// Whether a record kind is the concertation's own (its debates, its rules, its admissions).
pub fn concertation_kind(kind: RecordKind) -> bool {
    matches!(
        kind,
        RecordKind::Service
            | RecordKind::CapbMeeting
            | RecordKind::Motion
            | RecordKind::Production
            | RecordKind::CapbRules
            | RecordKind::Admission
    )
}

/// What one role sees of the data and may change of it. Computed once per load or change, not
/// per record.
///
/// Prison staff see their establishments, their local groups with their memberships, meetings
/// and people, their projects, needs and sessions, and the reference data a rule reads (the
/// seat templates, the thresholds). They see the central group's state too, because what a
/// rule says about their prison depends on it (a project waits because the central group has
/// had no chair since a date): its seats and who holds them, its meeting dates, never its
/// members' contact details nor its meetings' notes. Observers see everything but the
/// accounts; the coordinator sees everything. Members (of the concertation only) see nothing
/// of the prisons.
///
/// Of the concertation, whatever the role, an account the concertation admitted reads its
/// debates; every other account, the coordinator included, reads only what leaves it
/// ([`super::concertation::seal`]): its member services, the dates it met, and what a decision
/// of its members released, to whom and when.
pub struct View {
    role: Role,
    admitted: Option<Seat>,
    /// For an account the concertation did not admit: its records as they leave it, by key.
    sealed: BTreeMap<RecordKey, Record>,
    /// For an admitted member: the people who represent the member services (names the
    /// debates show).
    representatives: BTreeSet<PersonId>,
    establishments: BTreeSet<EstablishmentId>,
    /// Staff's own local groups.
    groups: BTreeSet<u64>,
    /// The people of those groups: members, delegates, attendees. Theirs to read whole and
    /// to change.
    people: BTreeSet<PersonId>,
    /// The central groups, and the people who sit in them (not in `people`): read, redacted.
    central: BTreeSet<u64>,
    central_people: BTreeSet<PersonId>,
}

impl View {
    /// The view of an account of `role`, admitted to the concertation's debates as `admitted`
    /// (or not), on `today` (what the concertation released by then).
    pub fn new(data: &Dataset, role: &Role, admitted: Option<&Seat>, today: NaiveDate) -> View {
        let sealed = match admitted {
            Some(_) => BTreeMap::new(),
            None => {
                let part = super::concertation::sealed_part(data, today);
                part.records().filter(|r| concertation_kind(r.kind())).map(|r| (r.key(), r)).collect()
            }
        };
        let representatives: BTreeSet<PersonId> = match (admitted, role) {
            (Some(_), Role::Member) => {
                let reps = data.services.values().flat_map(|s| s.representatives.iter().map(|r| r.person));
                let came =
                    data.capb_meetings.values().flat_map(|m| m.attendance.iter().filter_map(|a| a.person));
                reps.chain(came).collect()
            }
            _ => BTreeSet::new(),
        };
        let establishments: BTreeSet<EstablishmentId> = match role {
            Role::PrisonStaff(list) => list.iter().cloned().collect(),
            _ => BTreeSet::new(),
        };
        let staff = matches!(role, Role::PrisonStaff(_));
        let groups: BTreeSet<u64> = data
            .groups
            .values()
            .filter(|g| staff && g.kind == GroupKind::Local)
            .filter(|g| g.establishment.as_ref().is_some_and(|e| establishments.contains(e)))
            .map(|g| g.id)
            .collect();
        let central: BTreeSet<u64> =
            data.groups.values().filter(|g| staff && g.kind == GroupKind::Central).map(|g| g.id).collect();
        let sitting = |of: &BTreeSet<u64>| -> BTreeSet<PersonId> {
            let members = data.memberships.values().filter(|m| of.contains(&m.group));
            members.flat_map(|m| std::iter::once(m.person).chain(m.delegate_of)).collect()
        };
        let mut people = sitting(&groups);
        people.extend(
            data.meetings
                .values()
                .filter(|m| groups.contains(&m.group))
                .flat_map(|m| m.attendees.iter().copied()),
        );
        let central_people: BTreeSet<PersonId> = sitting(&central).difference(&people).copied().collect();
        View {
            role: role.clone(),
            admitted: admitted.cloned(),
            sealed,
            representatives,
            establishments,
            groups,
            people,
            central,
            central_people,
        }
    }

    /// How the concertation admitted this account, if it did.
    pub fn admitted(&self) -> Option<&Seat> {
        self.admitted.as_ref()
    }

    pub fn role(&self) -> &Role {
        &self.role
    }

    /// Whether this role may see the record (as [`View::shown`] gives it).
    pub fn sees(&self, record: &Record) -> bool {
        let kind = record.kind();
        if concertation_kind(kind) {
            return match (&self.admitted, record) {
                // Who reads the debates is the members' to see, and the coordinator's, who
                // administers the store.
                (None, Record::Admission(_)) => self.role == Role::Coordinator,
                (Some(_), _) => true,
                (None, _) => self.sealed.contains_key(&record.key()),
            };
        }
        match self.role {
            Role::Coordinator => return true,
            Role::Observer => return kind != RecordKind::Account,
            Role::Member => {
                return matches!(record, Record::Person(p) if self.representatives.contains(&p.id));
            }
            Role::PrisonStaff(_) => {}
        }
        let mine = |e: &EstablishmentId| self.establishments.contains(e);
        let group = |g: &u64| self.groups.contains(g) || self.central.contains(g);
        match record {
            Record::Establishment(e) => mine(&e.id),
            Record::Template(_) | Record::Settings(_) => true,
            Record::Group(g) => group(&g.id),
            Record::Membership(m) => group(&m.group),
            Record::Meeting(m) => group(&m.group),
            Record::Person(p) => self.people.contains(&p.id) || self.central_people.contains(&p.id),
            Record::Project(p) => mine(&p.establishment),
            Record::Need(n) => mine(&n.establishment),
            Record::Session(s) => mine(&s.establishment),
            _ => false,
        }
    }

    /// The record as this role receives it, if it sees it: the concertation's as it leaves it
    /// for an account it did not admit; the central group's members without their contact
    /// details, function and organisation, its meetings without their notes and attendees,
    /// for staff.
    pub fn shown(&self, record: Record) -> Option<Record> {
        if !self.sees(&record) {
            return None;
        }
        if concertation_kind(record.kind())
            && self.admitted.is_none()
            && record.kind() != RecordKind::Admission
        {
            return self.sealed.get(&record.key()).cloned();
        }
        if !matches!(self.role, Role::PrisonStaff(_)) {
            return Some(record);
        }
        Some(match record {
            Record::Person(p) if !self.people.contains(&p.id) => Record::Person(Person {
                contact: String::new(),
                function: String::new(),
                organisation: String::new(),
                ..p
            }),
            Record::Meeting(m) if self.central.contains(&m.group) => {
                Record::Meeting(Meeting { attendees: Vec::new(), notes: String::new(), ..m })
            }
            other => other,
        })
    }

    /// The concertation's records as this account receives them when it was not admitted:
    /// `None` when it was (it receives them as they are).
    pub fn sealed(&self) -> Option<&BTreeMap<RecordKey, Record>> {
        self.admitted.is_none().then_some(&self.sealed)
    }

    /// The record kinds this role sees none of (for a load that counts what it sends).
    pub fn hidden_kinds(&self) -> Vec<RecordKind> {
        RecordKind::ALL.into_iter().filter(|k| !self.reads_whole_kind(*k)).collect()
    }

    /// Whether this role receives every record of a kind as it is (so a load sends them
    /// without looking at each).
    fn reads_whole_kind(&self, kind: RecordKind) -> bool {
        if concertation_kind(kind) {
            return self.admitted.is_some();
        }
        match self.role {
            Role::Coordinator => true,
            Role::Observer => kind != RecordKind::Account,
            Role::Member | Role::PrisonStaff(_) => false,
        }
    }

    /// Why this role may not make these changes, given the data before them; `None` when it
    /// may. Staff: only their establishments' local groups, memberships, meetings, projects
    /// (up to their submission), needs and sessions, and people; every record they name must
    /// be one they see; a record they do not see is refused in the same words whether or not
    /// it exists, and a new record takes a number from `data.next_id()` on, so that no answer
    /// ever tells whether a number they do not see is in use.
    pub fn refuses(&self, data: &Dataset, changes: &[Change]) -> Option<Refusal> {
        // The concertation's records are its keeper's, whatever the role; who reads its debates
        // is its keeper's and the coordinator's to say.
        for change in changes {
            let kind = change.key().kind();
            let keeper = self.admitted == Some(Seat::Keeper);
            let refused = match kind {
                RecordKind::Admission => !(keeper || self.role == Role::Coordinator),
                k if concertation_kind(k) => !keeper,
                _ => false,
            };
            if refused {
                return Some(Refusal::NotAdmitted);
            }
            // Who was admitted stays on record: an admission is ended, never erased or rewritten.
            if kind == RecordKind::Admission {
                let rewritten = match (change, data.get(&change.key())) {
                    (Change::Delete(_), Some(_)) => true,
                    (Change::Put(Record::Admission(now)), Some(Record::Admission(then))) => {
                        (now.uid, &now.name, &now.seat, now.from)
                            != (then.uid, &then.name, &then.seat, then.from)
                    }
                    _ => false,
                };
                if rewritten {
                    return Some(Refusal::AdmissionsStay);
                }
            }
        }
        let prisons: Vec<Change> =
            changes.iter().filter(|c| !concertation_kind(c.key().kind())).cloned().collect();
        if prisons.is_empty() {
            return None;
        }
        match &self.role {
            Role::Coordinator => None,
            Role::Observer => Some(Refusal::ReadOnly),
            Role::Member => Some(Refusal::NotYours),
            Role::PrisonStaff(_) => {
                let floor = data.next_id();
                prisons.iter().find_map(|c| self.refuses_one(data, changes, c, floor))
            }
        }
    }

    fn refuses_one(
        &self,
        data: &Dataset,
        changes: &[Change],
        change: &Change,
        floor: u64,
    ) -> Option<Refusal> {
        let key = change.key();
        let kind = key.kind();
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
        let before = data.get(&key).filter(|r| self.sees(r));
        // The records these changes put, for what they name among themselves.
        let put = |k: &RecordKey| {
            changes.iter().find_map(|c| match c {
                Change::Put(r) if r.key() == *k => Some(r),
                _ => None,
            })
        };
        match (change, &before) {
            (Change::Delete(_), None) => return Some(Refusal::NoSuchRecord),
            (Change::Put(_), None) => {
                if let RecordKey::Id(_, id) = key
                    && id < floor
                {
                    return Some(Refusal::NumberTaken { next: floor });
                }
            }
            _ => {}
        }
        if before.as_ref().is_some_and(|r| !self.may_change(data, &put, r)) {
            return Some(Refusal::NotYours);
        }
        match change {
            Change::Delete(_) => match &before {
                Some(Record::Person(_)) => Some(Refusal::NotYours),
                Some(Record::Project(p)) if p.history.iter().any(|e| e.step != ProjectStep::Draft) => {
                    Some(Refusal::CentralDecides)
                }
                _ => None,
            },
            Change::Put(after) => {
                if !self.may_change(data, &put, after) {
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
                // Every record it names is one this role sees (or one these changes make):
                // refused as a record that does not exist, naming none.
                let unseen = after
                    .references()
                    .into_iter()
                    .find(|r| put(r).is_none() && !data.get(r).is_some_and(|r| self.sees(&r)));
                unseen.map(|r| {
                    Refusal::Rule(Violation {
                        record: after.key(),
                        problem: Problem::Missing { kind: r.kind(), key: None },
                    })
                })
            }
        }
    }

    /// Whether this staff member may change the record: a local group of their
    /// establishments, its memberships and meetings (a group these changes make included),
    /// their projects, needs and sessions, and the people of their groups (a new one too).
    fn may_change<'a>(
        &self,
        data: &Dataset,
        put: &dyn Fn(&RecordKey) -> Option<&'a Record>,
        record: &Record,
    ) -> bool {
        let mine = |e: &EstablishmentId| self.establishments.contains(e);
        let local_and_mine = |g: &crate::domain::Group| {
            g.kind == GroupKind::Local && g.establishment.as_ref().is_some_and(mine)
        };
        let group_is_mine = |g: u64| {
            self.groups.contains(&g)
                || match put(&RecordKey::Id(RecordKind::Group, g)) {
                    Some(Record::Group(new)) => !data.groups.contains_key(&g) && local_and_mine(new),
                    _ => false,
                }
        };
        match record {
            Record::Group(g) => local_and_mine(g),
            Record::Membership(m) => group_is_mine(m.group),
            Record::Meeting(m) => group_is_mine(m.group),
            Record::Project(p) => mine(&p.establishment),
            Record::Need(n) => mine(&n.establishment),
            Record::Session(s) => mine(&s.establishment),
            Record::Person(p) => self.people.contains(&p.id) || !data.people.contains_key(&p.id),
            _ => false,
        }
    }

    /// The data as this role sees it (a staff member's part, redacted).
    pub fn filter(&self, data: &Dataset) -> Dataset {
        let mut loader = crate::domain::dataset::Loader::default();
        for r in data.records().filter_map(|r| self.shown(r)) {
            loader.push(r);
        }
        loader.finish()
    }

    /// A change as this role is told of it, given the record before it: a put of a record it
    /// sees (redacted), the deletion of one it saw, or of one that left its view; `None` when
    /// it concerns nothing it sees.
    pub fn change_shown(&self, before: Option<&Record>, change: &Change) -> Option<Change> {
        let saw = before.is_some_and(|r| self.sees(r));
        match change {
            Change::Put(r) => match self.shown(r.clone()) {
                Some(shown) => Some(Change::Put(shown)),
                None => saw.then(|| Change::Delete(change.key())),
            },
            Change::Delete(_) => saw.then(|| change.clone()),
        }
    }

    /// How the concertation as this account receives it changed from `before`'s: for an
    /// account it did not admit, what leaves it can change with any of its records (a vote
    /// adopted releases minutes), so the sealed records are compared whole.
    pub fn sealed_changes(&self, before: &View) -> Vec<Change> {
        let (Some(now), Some(then)) = (self.sealed(), before.sealed()) else { return Vec::new() };
        let puts = now.iter().filter(|(k, r)| then.get(*k) != Some(*r)).map(|(_, r)| Change::Put(r.clone()));
        let gone = then.keys().filter(|k| !now.contains_key(*k)).map(|k| Change::Delete(k.clone()));
        puts.chain(gone).collect()
    }

    /// The people this view sees that `before` did not (someone appointed to one of their
    /// groups): what a client must be sent beside the change that made them visible.
    pub fn newly_seen(&self, before: &View, data: &Dataset) -> Vec<Record> {
        let now = self.people.iter().chain(&self.central_people);
        let new = now.filter(|p| !before.people.contains(p) && !before.central_people.contains(p));
        let people = new.filter_map(|p| data.people.get(p).cloned().map(Record::Person));
        people.filter_map(|r| self.shown(r)).collect()
    }

    /// Whether this role sees the record a key names now: a record it does not see and one
    /// that does not exist (deleted) are alike.
    pub fn sees_key(&self, data: &Dataset, key: &RecordKey) -> bool {
        data.get(key).is_some_and(|r| self.sees(&r))
    }

    /// Whether an audit line that reached `reach` is this role's to read, for a record it
    /// sees: staff read the lines about their establishments' records; the others, all.
    pub fn reads_line(&self, reach: &Reach) -> bool {
        match (&self.role, reach) {
            (Role::PrisonStaff(_), Reach::Establishments(list)) => {
                list.iter().any(|e| self.establishments.contains(e))
            }
            // The concertation's lines, even of a record it released since: its members'.
            (_, Reach::Concertation) => self.admitted.is_some(),
            _ => true,
        }
    }

    /// Whether this role reads the audit lines of records of this kind at all (the whole
    /// trail, less what it may not see).
    pub fn reads_kind(&self, kind: RecordKind) -> bool {
        !self.hidden_kinds().contains(&kind)
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
    let alone = one_persons(data);
    if data.accounts.is_empty() && uid != owner.0 {
        let first = Account {
            id: next,
            uid: owner.0,
            name: owner.1.clone(),
            person: None,
            role: Role::Coordinator,
            from,
            until: None,
        };
        next += 1;
        changes.push(Change::Put(Record::Account(first)));
    }
    if alone {
        changes.push(owner_keeps(&owner, from, next));
        next += 1;
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

/// Whether the store is still one person's (no account, no admission), as far as `data` can
/// tell: a part of it cut to a role (its accounts or admissions not there) cannot.
fn one_persons(data: &Dataset) -> bool {
    !data.partial && !data.sealed && data.accounts.is_empty() && data.admissions.is_empty()
}

/// In a store of one person's, its owner keeps the concertation's records without saying so
/// (see [`admitted`]); the day the store is shared, that is recorded, and so shown to the
/// members, like any admission (`users unadmit` ends it).
fn owner_keeps(owner: &(u32, String), from: NaiveDate, id: u64) -> Change {
    Change::Put(Record::Admission(Admission {
        id,
        uid: owner.0,
        name: owner.1.clone(),
        seat: Seat::Keeper,
        from,
        until: None,
    }))
}

/// Admits an account to the concertation's debates from `from`, as its records' keeper or as
/// a member service's representative; its admission in force ends the day before. The first
/// admission or grant of a store of one person's records its owner as coordinator and keeper,
/// which it was until then.
pub fn admit(
    data: &Dataset,
    owner: (u32, String),
    uid: u32,
    name: String,
    seat: Seat,
    from: NaiveDate,
) -> Result<Vec<Change>, String> {
    if let Seat::Represents(s) = seat
        && !data.services.get(&s).is_some_and(|s| s.member_on(from))
    {
        return Err(format!(
            "no member service {s} on that date (the ids are those of `pilotage export`'s capb_services file)"
        ));
    }
    let mut changes = Vec::new();
    let mut next = data.next_id();
    if one_persons(data) {
        changes.push(Change::Put(Record::Account(Account {
            id: next,
            uid: owner.0,
            name: owner.1.clone(),
            person: None,
            role: Role::Coordinator,
            from,
            until: None,
        })));
        next += 1;
        if uid != owner.0 {
            changes.push(owner_keeps(&owner, from, next));
            next += 1;
        }
    }
    changes.extend(end_admission(data, uid, from));
    changes.push(Change::Put(Record::Admission(Admission { id: next, uid, name, seat, from, until: None })));
    Ok(changes)
}

/// Ends an account's admission to the debates: the one in force ends the day before `from`.
pub fn unadmit(data: &Dataset, uid: u32, from: NaiveDate) -> Result<Vec<Change>, String> {
    let changes = end_admission(data, uid, from);
    if changes.is_empty() {
        return Err(format!("uid {uid} is not admitted to the concertation from that date"));
    }
    Ok(changes)
}

/// Ends, never erases: an admission that had not begun by `from` ends the day before it
/// began (it was never in force, and the record says it was made and withdrawn).
fn end_admission(data: &Dataset, uid: u32, from: NaiveDate) -> Vec<Change> {
    data.admissions
        .values()
        .filter(|a| a.uid == uid && a.until.is_none_or(|u| u >= from))
        .filter_map(|a| {
            let until = from.max(a.from).pred_opt()?;
            Some(Change::Put(Record::Admission(Admission { until: Some(until), ..a.clone() })))
        })
        .collect()
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

    /// Issue 24, 2: the day a store of one person's is shared, its owner's keeping of the
    /// concertation's records is recorded, and so shown to the members; an admission ends,
    /// never erased; a representative reads, the keeper writes.
    #[test]
    fn admissions_are_recorded_and_only_the_keeper_writes_the_debates() {
        let mut data = demo();
        let today = day(2026, 11, 23);
        let apply = |data: &mut Dataset, changes: Vec<Change>| {
            assert!(data.violations_after(&changes).is_empty());
            for c in changes {
                data.apply(c);
            }
        };
        assert_eq!(admitted(&data, 1000, 1000, today), Some(Seat::Keeper), "a store of one's own");
        let centre = *data.services.keys().next().unwrap();
        let changes =
            admit(&data, (1000, "owner".into()), 2001, "rep".into(), Seat::Represents(centre), today)
                .unwrap();
        assert_eq!(changes.len(), 3, "the owner as coordinator, the owner as keeper, then the member");
        apply(&mut data, changes);
        assert_eq!(role_of(&data, 1000, 1000, today), Some(Role::Coordinator));
        assert_eq!(admitted(&data, 1000, 1000, today), Some(Seat::Keeper));
        assert_eq!(
            role_of(&data, 2001, 1000, today),
            Some(Role::Member),
            "admitted without a grant: a member"
        );
        assert!(
            admit(&data, (1000, "owner".into()), 2002, "x".into(), Seat::Represents(999_999), today).is_err()
        );
        // A representative reads the debates and writes none of them; the keeper writes.
        let motion = data.motions.values().next().unwrap().clone();
        let member = View::new(&data, &Role::Member, Some(&Seat::Represents(centre)), today);
        assert!(member.sees(&Record::Motion(motion.clone())));
        assert!(member.refuses(&data, &[Change::Put(Record::Motion(motion.clone()))]).is_some());
        let keeper = View::new(&data, &Role::Member, Some(&Seat::Keeper), today);
        assert!(keeper.refuses(&data, &[Change::Put(Record::Motion(motion.clone()))]).is_none());
        // The coordinator, once the owner's keeping ended, reads only what leaves.
        let ended = unadmit(&data, 1000, day(2026, 12, 1)).unwrap();
        apply(&mut data, ended);
        let later = day(2026, 12, 2);
        assert_eq!(admitted(&data, 1000, 1000, later), None);
        let ended = data.admissions.values().find(|a| a.uid == 1000).unwrap();
        assert_eq!(ended.until, Some(day(2026, 11, 30)), "ended, not erased");
        let coordinator = View::new(&data, &Role::Coordinator, None, later);
        assert!(coordinator.refuses(&data, &[Change::Put(Record::Motion(motion.clone()))]).is_some());
        assert!(
            coordinator
                .shown(Record::Motion(motion))
                .is_none_or(|m| matches!(m, Record::Motion(m) if m.text.is_empty()))
        );
        assert!(unadmit(&data, 1000, later).is_err(), "nothing left to end");
    }

    #[test]
    fn staff_see_their_prison_and_never_another_prisons_people() {
        let data = demo();
        let lantin = data.establishments.keys().find(|e| e.contains("lantin")).cloned().unwrap();
        let view = View::new(&data, &Role::PrisonStaff(vec![lantin.clone()]), None, day(2026, 11, 23));
        let seen = view.filter(&data);
        let central = data.central_group().unwrap().id;
        assert!(
            seen.groups
                .values()
                .all(|g| g.establishment.as_deref() == Some(lantin.as_str()) || g.id == central),
            "Lantin's groups, and the central group's state"
        );
        assert!(seen.groups.values().any(|g| g.establishment.is_some()));
        assert!(seen.projects.values().all(|p| p.establishment == lantin));
        // Of the concertation, what leaves it: its member services without their
        // representatives, the dates it met, nothing of its debates.
        assert_eq!(seen.services.len(), data.services.len());
        assert!(seen.services.values().all(|s| s.representatives.is_empty()));
        assert!(seen.capb_meetings.values().all(|m| m.agenda.is_empty() && m.attendance.is_empty()));
        assert!(seen.motions.values().all(|m| m.text.is_empty() && m.ballots.is_empty()));
        assert!(seen.capb_rules.is_empty() && seen.admissions.is_empty());
        assert_eq!(seen.establishments.keys().collect::<Vec<_>>(), vec![&lantin], "their own only");
        assert!(!seen.templates.is_empty(), "the seats required, to see their gaps");
        // Every person seen sits (or sat) in Lantin's group or came to its meetings, whole; or
        // sits in the central group, without contact details, function or organisation.
        let lantin_groups: Vec<u64> = seen.groups.keys().copied().filter(|g| *g != central).collect();
        for p in seen.people.values() {
            let of = |groups: &[u64]| {
                data.memberships
                    .values()
                    .any(|m| (m.person == p.id || m.delegate_of == Some(p.id)) && groups.contains(&m.group))
            };
            let theirs = of(&lantin_groups)
                || data
                    .meetings
                    .values()
                    .any(|m| lantin_groups.contains(&m.group) && m.attendees.contains(&p.id));
            if theirs {
                assert_eq!(p, &data.people[&p.id], "Lantin's own, whole");
            } else {
                assert!(of(&[central]), "person {} is neither Lantin's nor the central group's", p.id);
                assert!(p.contact.is_empty() && p.function.is_empty() && p.organisation.is_empty(), "{p:?}");
                assert_eq!(p.name, data.people[&p.id].name);
            }
        }
        assert!(
            seen.meetings
                .values()
                .filter(|m| m.group == central)
                .all(|m| m.attendees.is_empty() && m.notes.is_empty())
        );
        assert!(seen.people.len() < data.people.len());
    }

    #[test]
    fn staff_change_their_prison_only_and_projects_up_to_submission() {
        let data = demo();
        let lantin = data.establishments.keys().find(|e| e.contains("lantin")).cloned().unwrap();
        let view = View::new(&data, &Role::PrisonStaff(vec![lantin.clone()]), None, day(2026, 11, 23));
        let group =
            data.groups.values().find(|g| g.establishment.as_deref() == Some(lantin.as_str())).unwrap().id;
        let other = data
            .groups
            .values()
            .find(|g| g.establishment.is_some() && g.establishment.as_deref() != Some(lantin.as_str()))
            .unwrap()
            .id;
        // Someone Lantin's staff see (a member of its group).
        let theirs = data.memberships.values().find(|m| m.group == group).unwrap().person;
        let membership = |group| Membership {
            id: 999_999,
            person: theirs,
            group,
            seat: "chair".into(),
            from: day(2026, 1, 1),
            until: None,
            delegate_of: None,
        };
        assert_eq!(view.refuses(&data, &[Change::Put(Record::Membership(membership(group)))]), None);
        assert_eq!(
            view.refuses(&data, &[Change::Put(Record::Membership(membership(other)))]),
            Some(Refusal::NotYours)
        );
        let central = data.central_group().unwrap().id;
        assert_eq!(
            view.refuses(&data, &[Change::Put(Record::Membership(membership(central)))]),
            Some(Refusal::NotYours)
        );
        let settings = data.records().find(|r| r.kind() == RecordKind::Template).unwrap();
        assert_eq!(view.refuses(&data, &[Change::Put(settings)]), Some(Refusal::NotYours));
        // A project of Lantin's: submitted yes, authorised no.
        let mut project = data.projects.values().find(|p| p.establishment == lantin).cloned().unwrap();
        project.history = vec![crate::domain::project::ProjectEvent {
            date: day(2026, 1, 1),
            step: ProjectStep::Submitted,
        }];
        assert_eq!(view.refuses(&data, &[Change::Put(Record::Project(project.clone()))]), None);
        project.history.push(crate::domain::project::ProjectEvent {
            date: day(2026, 2, 1),
            step: ProjectStep::Authorised { conditions: String::new() },
        });
        assert_eq!(
            view.refuses(&data, &[Change::Put(Record::Project(project))]),
            Some(Refusal::CentralDecides)
        );
        let observer = View::new(&data, &Role::Observer, None, day(2026, 11, 23));
        assert_eq!(
            observer.refuses(&data, &[Change::Put(Record::Membership(membership(group)))]),
            Some(Refusal::ReadOnly)
        );
    }

    #[test]
    fn someone_appointed_to_their_group_becomes_visible_to_staff() {
        let mut data = demo();
        let lantin = data.establishments.keys().find(|e| e.contains("lantin")).cloned().unwrap();
        let role = Role::PrisonStaff(vec![lantin.clone()]);
        let before = View::new(&data, &role, None, day(2026, 11, 23));
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
        let after = View::new(&data, &role, None, day(2026, 11, 23));
        let seen: Vec<_> = after.newly_seen(&before, &data).iter().map(Record::key).collect();
        assert_eq!(seen, vec![RecordKey::Id(RecordKind::Person, outsider)]);
    }
}

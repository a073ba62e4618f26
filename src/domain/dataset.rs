//! Everything the store holds, in memory: a few megabytes even for a hundred times Belgium.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::access::{Account, AccountId};
use super::change::{Change, Record, RecordKey, RecordKind};
use super::concertation::{
    CapbMeeting, CapbMeetingId, Motion, MotionId, Production, ProductionId, Service, ServiceId,
};
use super::establishment::{Establishment, EstablishmentId};
use super::group::{
    Group, GroupId, GroupKind, Meeting, MeetingId, Membership, MembershipId, SeatTemplate, TemplateId,
    circular_central_template, circular_date, circular_local_template,
};
use super::people::{Person, PersonId};
use super::project::{Project, ProjectId};
use super::settings::{Settings, SettingsId, Thresholds, thresholds_on};
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
    /// The coordinator's thresholds, each version from a date.
    pub settings: BTreeMap<SettingsId, Settings>,
    /// The concertation (CAPB).
    pub services: BTreeMap<ServiceId, Service>,
    pub capb_meetings: BTreeMap<CapbMeetingId, CapbMeeting>,
    pub motions: BTreeMap<MotionId, Motion>,
    pub productions: BTreeMap<ProductionId, Production>,
    /// Who may use the store through a server, and as what.
    pub accounts: BTreeMap<AccountId, Account>,
    /// Not stored: the lowest id a new record may take. A client that sees part of a store
    /// (prison staff) learns it from the server, so its new records never take the id of one
    /// it does not see.
    pub id_floor: u64,
}

/// A broken link or rule found in a dataset: what a damaged store or a bad import would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(pub String);

/// Why changes were not kept (see [`Dataset::apply_checked`]): a rule they break, or the
/// write's own error.
#[derive(Debug)]
pub enum NotKept<E> {
    Rule(Violation),
    Write(E),
}

impl Dataset {
    /// A new store's content: the establishments, the central group the circular set up, and
    /// the circular's seat templates. No local group: a group nobody created would show as
    /// "dormant, never met" where the truth is that there is none (see `PrisonRow::missing_since`).
    pub fn initial(establishments: Vec<Establishment>) -> Dataset {
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
        for e in establishments {
            data.establishments.insert(e.id.clone(), e);
        }
        data
    }

    /// The thresholds in force on `date` (the circular's until the coordinator sets others).
    pub fn thresholds_on(&self, date: NaiveDate) -> Thresholds {
        thresholds_on(self.settings.values(), date)
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
            .reduce(|a, b| if b.supersedes(a) { b } else { a })
    }

    /// The next free identifier after every record of every kind: one sequence for all, so an
    /// audit line's id names one record only.
    /// An id no record has: one more than the highest, or, should that be over
    /// [`super::MAX_ID`] (data imported from elsewhere), the lowest free one. A new record never
    /// takes the id of another.
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
            self.services.keys().last(),
            self.capb_meetings.keys().last(),
            self.motions.keys().last(),
            self.productions.keys().last(),
            self.accounts.keys().last(),
        ];
        let highest = maxes.into_iter().flatten().max().copied().unwrap_or(0);
        if highest < super::MAX_ID {
            return (highest + 1).max(self.id_floor);
        }
        let used: std::collections::BTreeSet<u64> = self
            .people
            .keys()
            .chain(self.groups.keys())
            .chain(self.templates.keys())
            .chain(self.memberships.keys())
            .chain(self.meetings.keys())
            .chain(self.projects.keys())
            .chain(self.needs.keys())
            .chain(self.sessions.keys())
            .chain(self.services.keys())
            .chain(self.capb_meetings.keys())
            .chain(self.motions.keys())
            .chain(self.productions.keys())
            .chain(self.accounts.keys())
            .copied()
            .collect();
        (1..).find(|id| !used.contains(id)).unwrap_or(0)
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
            + self.settings.len()
            + self.services.len()
            + self.capb_meetings.len()
            + self.motions.len()
            + self.productions.len()
            + self.accounts.len()
    }

    /// Keeps the changes only if they leave a sound dataset and `write` (the store, or the
    /// server) keeps them too. They are tried on the data itself (a copy of a large store costs
    /// more than the check), checked where they touch it, and taken back if the check or the
    /// write fails, so nothing unwritten is ever held. On success, what undoes them, newest
    /// first.
    pub fn apply_checked<E>(
        &mut self,
        changes: &[Change],
        write: impl FnOnce() -> Result<(), E>,
    ) -> Result<Vec<Change>, NotKept<E>> {
        let mut undo: Vec<Change> = changes.iter().cloned().map(|c| self.apply(c)).collect();
        undo.reverse();
        let refused = match self.violations_after(changes).into_iter().next() {
            Some(v) => Some(NotKept::Rule(v)),
            None => write().err().map(NotKept::Write),
        };
        match refused {
            Some(why) => {
                for c in undo {
                    self.apply(c);
                }
                Err(why)
            }
            None => Ok(undo),
        }
    }

    /// Every broken reference or impossible record. Empty for a sound dataset.
    pub fn violations(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        self.groups.values().for_each(|r| self.check_group(r, &mut out));
        self.memberships.values().for_each(|r| self.check_membership(r, &mut out));
        self.meetings.values().for_each(|r| self.check_meeting(r, &mut out));
        self.projects.values().for_each(|r| self.check_project(r, &mut out));
        self.needs.values().for_each(|r| self.check_need(r, &mut out));
        self.sessions.values().for_each(|r| self.check_session(r, &mut out));
        self.settings.values().for_each(|r| Self::check_settings(r, &mut out));
        self.services.values().for_each(|r| self.check_service(r, &mut out));
        self.capb_meetings.values().for_each(|r| self.check_capb_meeting(r, &mut out));
        self.motions.values().for_each(|r| self.check_motion(r, &mut out));
        self.productions.values().for_each(|r| self.check_production(r, &mut out));
        self.accounts.values().for_each(|r| self.check_account(r, &mut out));
        out
    }

    /// What `changes`, already applied, broke: the records they put, and the records naming
    /// one they deleted. On a dataset that was sound before, this finds what
    /// [`Dataset::violations`] would, without reading the records a change cannot affect.
    pub fn violations_after(&self, changes: &[Change]) -> Vec<Violation> {
        let mut out = Vec::new();
        for change in changes {
            match change {
                Change::Put(record) => match record {
                    Record::Group(r) => self.check_group(r, &mut out),
                    Record::Membership(r) => self.check_membership(r, &mut out),
                    Record::Meeting(r) => self.check_meeting(r, &mut out),
                    Record::Project(r) => self.check_project(r, &mut out),
                    Record::Need(r) => self.check_need(r, &mut out),
                    Record::Session(r) => self.check_session(r, &mut out),
                    Record::Settings(r) => Self::check_settings(r, &mut out),
                    Record::Service(r) => self.check_service(r, &mut out),
                    Record::CapbMeeting(r) => {
                        self.check_capb_meeting(r, &mut out);
                        let of = |m: &&Motion| m.meeting == r.id;
                        self.motions.values().filter(of).for_each(|m| self.check_motion(m, &mut out));
                    }
                    Record::Motion(r) => self.check_motion(r, &mut out),
                    Record::Production(r) => self.check_production(r, &mut out),
                    Record::Account(r) => self.check_account(r, &mut out),
                    Record::Establishment(_) | Record::Person(_) | Record::Template(_) => {}
                },
                Change::Delete(RecordKey::Establishment(e)) => {
                    let at = |x: &str| x == e;
                    let groups = self.groups.values().filter(|g| g.establishment.as_deref().is_some_and(at));
                    groups.for_each(|r| self.check_group(r, &mut out));
                    let projects = self.projects.values().filter(|p| at(&p.establishment));
                    projects.for_each(|r| self.check_project(r, &mut out));
                    self.needs
                        .values()
                        .filter(|n| at(&n.establishment))
                        .for_each(|r| self.check_need(r, &mut out));
                    let sessions = self.sessions.values().filter(|s| at(&s.establishment));
                    sessions.for_each(|r| self.check_session(r, &mut out));
                    self.accounts.values().for_each(|r| self.check_account(r, &mut out));
                }
                Change::Delete(RecordKey::Id(kind, id)) => match kind {
                    RecordKind::Person => {
                        let named = |m: &&Membership| m.person == *id || m.delegate_of == Some(*id);
                        self.memberships
                            .values()
                            .filter(named)
                            .for_each(|r| self.check_membership(r, &mut out));
                        let attended = |m: &&Meeting| m.attendees.contains(id);
                        self.meetings.values().filter(attended).for_each(|r| self.check_meeting(r, &mut out));
                        let represents = |s: &&Service| s.representatives.iter().any(|r| r.person == *id);
                        self.services
                            .values()
                            .filter(represents)
                            .for_each(|r| self.check_service(r, &mut out));
                        let came = |m: &&CapbMeeting| m.attendance.iter().any(|a| a.person == Some(*id));
                        self.capb_meetings
                            .values()
                            .filter(came)
                            .for_each(|r| self.check_capb_meeting(r, &mut out));
                        self.accounts.values().for_each(|r| self.check_account(r, &mut out));
                    }
                    RecordKind::Group => {
                        let of = |m: &&Membership| m.group == *id;
                        self.memberships.values().filter(of).for_each(|r| self.check_membership(r, &mut out));
                        let of = |m: &&Meeting| m.group == *id;
                        self.meetings.values().filter(of).for_each(|r| self.check_meeting(r, &mut out));
                    }
                    RecordKind::Service => {
                        self.capb_meetings.values().for_each(|r| self.check_capb_meeting(r, &mut out));
                        self.motions.values().for_each(|r| self.check_motion(r, &mut out));
                    }
                    RecordKind::CapbMeeting => {
                        self.motions.values().for_each(|r| self.check_motion(r, &mut out));
                    }
                    RecordKind::Motion => {
                        self.capb_meetings.values().for_each(|r| self.check_capb_meeting(r, &mut out));
                        self.productions.values().for_each(|r| self.check_production(r, &mut out));
                    }
                    RecordKind::Need => {
                        let covers = |s: &&TrainingSession| s.covers.contains(id);
                        self.sessions.values().filter(covers).for_each(|r| self.check_session(r, &mut out));
                    }
                    _ => {}
                },
            }
        }
        out
    }

    fn check_group(&self, g: &Group, out: &mut Vec<Violation>) {
        if let Some(e) = &g.establishment
            && !self.establishments.contains_key(e)
        {
            out.push(Violation(format!("group {} names missing establishment {e}", g.id)));
        }
        if g.kind == GroupKind::Local && g.establishment.is_none() {
            out.push(Violation(format!("local group {} has no establishment", g.id)));
        }
    }

    fn check_membership(&self, m: &Membership, out: &mut Vec<Violation>) {
        if !self.people.contains_key(&m.person) {
            out.push(Violation(format!("membership {} names missing person {}", m.id, m.person)));
        }
        if !self.groups.contains_key(&m.group) {
            out.push(Violation(format!("membership {} names missing group {}", m.id, m.group)));
        }
        if m.until.is_some_and(|u| u < m.from) {
            out.push(Violation(format!("membership {} ends before it begins", m.id)));
        }
        if let Some(d) = m.delegate_of
            && !self.people.contains_key(&d)
        {
            out.push(Violation(format!("membership {} is a delegate of missing person {d}", m.id)));
        }
    }

    fn check_meeting(&self, mt: &Meeting, out: &mut Vec<Violation>) {
        if !self.groups.contains_key(&mt.group) {
            out.push(Violation(format!("meeting {} names missing group {}", mt.id, mt.group)));
        }
        for a in mt.attendees.iter().filter(|a| !self.people.contains_key(a)) {
            out.push(Violation(format!("meeting {} names missing attendee {a}", mt.id)));
        }
    }

    fn check_project(&self, p: &Project, out: &mut Vec<Violation>) {
        if !self.establishments.contains_key(&p.establishment) {
            out.push(Violation(format!("project {} names missing establishment {}", p.id, p.establishment)));
        }
        if !p.history_is_consistent() {
            out.push(Violation(format!(
                "project {} has an impossible history (a decision without a submission, or out of date order)",
                p.id
            )));
        }
    }

    fn check_settings(s: &Settings, out: &mut Vec<Violation>) {
        if !s.thresholds.within_bounds() {
            out.push(Violation(format!("thresholds {} are out of bounds: {:?}", s.id, s.thresholds)));
        }
    }

    fn check_service(&self, s: &Service, out: &mut Vec<Violation>) {
        for r in s.representatives.iter().filter(|r| !self.people.contains_key(&r.person)) {
            out.push(Violation(format!("concertation member {} names missing person {}", s.id, r.person)));
        }
    }

    /// A meeting names existing services and people; its proxies and its decision to release
    /// the minutes are checked by the concertation's rules, which report them in words.
    fn check_capb_meeting(&self, m: &CapbMeeting, out: &mut Vec<Violation>) {
        let services = m.attendance.iter().map(|a| a.service);
        let services = services.chain(m.proxies.iter().flat_map(|p| [p.giver, p.holder]));
        for s in services.filter(|s| !self.services.contains_key(s)) {
            out.push(Violation(format!("concertation meeting {} names missing service {s}", m.id)));
        }
        for p in m.attendance.iter().filter_map(|a| a.person).filter(|p| !self.people.contains_key(p)) {
            out.push(Violation(format!("concertation meeting {} names missing person {p}", m.id)));
        }
        if let Some(motion) = m.minutes_released_by.filter(|d| !self.motions.contains_key(d)) {
            out.push(Violation(format!("concertation meeting {} names missing motion {motion}", m.id)));
        }
    }

    fn check_motion(&self, m: &Motion, out: &mut Vec<Violation>) {
        if !self.capb_meetings.contains_key(&m.meeting) {
            out.push(Violation(format!("motion {} names missing concertation meeting {}", m.id, m.meeting)));
        }
        for b in m.ballots.iter().filter(|b| !self.services.contains_key(&b.service)) {
            out.push(Violation(format!("motion {} names missing service {}", m.id, b.service)));
        }
    }

    fn check_production(&self, p: &Production, out: &mut Vec<Violation>) {
        if let Some(motion) = p.decision.filter(|d| !self.motions.contains_key(d)) {
            out.push(Violation(format!("production {} names missing motion {motion}", p.id)));
        }
    }

    fn check_account(&self, a: &Account, out: &mut Vec<Violation>) {
        if let Some(p) = a.person.filter(|p| !self.people.contains_key(p)) {
            out.push(Violation(format!("account {} names missing person {p}", a.id)));
        }
        if let super::access::Role::PrisonStaff(list) = &a.role {
            for e in list.iter().filter(|e| !self.establishments.contains_key(*e)) {
                out.push(Violation(format!("account {} names missing establishment {e}", a.id)));
            }
        }
        if a.until.is_some_and(|u| u < a.from) {
            out.push(Violation(format!("account {} ends before it begins", a.id)));
        }
    }

    fn check_need(&self, n: &TrainingNeed, out: &mut Vec<Violation>) {
        if !self.establishments.contains_key(&n.establishment) {
            out.push(Violation(format!(
                "training need {} names missing establishment {}",
                n.id, n.establishment
            )));
        }
    }

    fn check_session(&self, s: &TrainingSession, out: &mut Vec<Violation>) {
        if !self.establishments.contains_key(&s.establishment) {
            out.push(Violation(format!(
                "training session {} names missing establishment {}",
                s.id, s.establishment
            )));
        }
        for n in s.covers.iter().filter(|n| !self.needs.contains_key(n)) {
            out.push(Violation(format!("training session {} covers missing need {n}", s.id)));
        }
    }
}

/// Builds a dataset from records that arrive kind by kind, each kind in key order, as the
/// store holds them. Each kind's map is then built in one go, which fills its nodes: inserting
/// in order one by one leaves about a third of every node empty, megabytes at 100,000 records.
/// Records in any other order are still put right, only less compactly.
#[derive(Default)]
pub struct Loader {
    data: Dataset,
    current: Option<RecordKind>,
    establishments: Vec<(EstablishmentId, Establishment)>,
    people: Vec<(PersonId, Person)>,
    groups: Vec<(GroupId, Group)>,
    templates: Vec<(TemplateId, SeatTemplate)>,
    memberships: Vec<(MembershipId, Membership)>,
    meetings: Vec<(MeetingId, Meeting)>,
    projects: Vec<(ProjectId, Project)>,
    needs: Vec<(NeedId, TrainingNeed)>,
    sessions: Vec<(SessionId, TrainingSession)>,
    settings: Vec<(SettingsId, Settings)>,
}

impl Loader {
    pub fn push(&mut self, record: Record) {
        let kind = record.kind();
        if self.current != Some(kind) {
            self.flush();
            self.current = Some(kind);
        }
        match record {
            Record::Establishment(r) => self.establishments.push((r.id.clone(), r)),
            Record::Person(r) => self.people.push((r.id, r)),
            Record::Group(r) => self.groups.push((r.id, r)),
            Record::Template(r) => self.templates.push((r.id, r)),
            Record::Membership(r) => self.memberships.push((r.id, r)),
            Record::Meeting(r) => self.meetings.push((r.id, r)),
            Record::Project(r) => self.projects.push((r.id, r)),
            Record::Need(r) => self.needs.push((r.id, r)),
            Record::Session(r) => self.sessions.push((r.id, r)),
            Record::Settings(r) => self.settings.push((r.id, r)),
            // A few hundred at most: inserted as they come.
            r @ (Record::Service(_)
            | Record::CapbMeeting(_)
            | Record::Motion(_)
            | Record::Production(_)
            | Record::Account(_)) => self.data.put(r),
        }
    }

    fn flush(&mut self) {
        fn build<K: Ord, V>(map: &mut BTreeMap<K, V>, run: &mut Vec<(K, V)>) {
            let run = std::mem::take(run);
            // Collecting sorts (stably, so the last of equal keys wins, as with `insert`), then
            // fills the nodes; already sorted input costs one pass.
            if map.is_empty() {
                *map = run.into_iter().collect();
            } else {
                map.extend(run);
            }
        }
        let d = &mut self.data;
        build(&mut d.establishments, &mut self.establishments);
        build(&mut d.people, &mut self.people);
        build(&mut d.groups, &mut self.groups);
        build(&mut d.templates, &mut self.templates);
        build(&mut d.memberships, &mut self.memberships);
        build(&mut d.meetings, &mut self.meetings);
        build(&mut d.projects, &mut self.projects);
        build(&mut d.needs, &mut self.needs);
        build(&mut d.sessions, &mut self.sessions);
        build(&mut d.settings, &mut self.settings);
    }

    pub fn finish(mut self) -> Dataset {
        self.flush();
        self.data
    }
}

/// Reading and changing the data record by record: what the store writes and undo reverses.
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
                RecordKind::Settings => Record::Settings(self.settings.get(id)?.clone()),
                RecordKind::Service => Record::Service(self.services.get(id)?.clone()),
                RecordKind::CapbMeeting => Record::CapbMeeting(self.capb_meetings.get(id)?.clone()),
                RecordKind::Motion => Record::Motion(self.motions.get(id)?.clone()),
                RecordKind::Production => Record::Production(self.productions.get(id)?.clone()),
                RecordKind::Account => Record::Account(self.accounts.get(id)?.clone()),
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
            Record::Settings(r) => {
                self.settings.insert(r.id, r);
            }
            Record::Service(r) => {
                self.services.insert(r.id, r);
            }
            Record::CapbMeeting(r) => {
                self.capb_meetings.insert(r.id, r);
            }
            Record::Motion(r) => {
                self.motions.insert(r.id, r);
            }
            Record::Production(r) => {
                self.productions.insert(r.id, r);
            }
            Record::Account(r) => {
                self.accounts.insert(r.id, r);
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
                RecordKind::Settings => {
                    self.settings.remove(id);
                }
                RecordKind::Service => {
                    self.services.remove(id);
                }
                RecordKind::CapbMeeting => {
                    self.capb_meetings.remove(id);
                }
                RecordKind::Motion => {
                    self.motions.remove(id);
                }
                RecordKind::Production => {
                    self.productions.remove(id);
                }
                RecordKind::Account => {
                    self.accounts.remove(id);
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
        let st = self.settings.values().cloned().map(Record::Settings);
        let capb = self.services.values().cloned().map(Record::Service);
        let capb = capb.chain(self.capb_meetings.values().cloned().map(Record::CapbMeeting));
        let capb = capb.chain(self.motions.values().cloned().map(Record::Motion));
        let capb = capb.chain(self.productions.values().cloned().map(Record::Production));
        let capb = capb.chain(self.accounts.values().cloned().map(Record::Account));
        e.chain(p).chain(g).chain(t).chain(m).chain(mt).chain(pr).chain(n).chain(s).chain(st).chain(capb)
    }
}

#[cfg(test)]
mod tests {
    /// An imported id of 18446744073709551615 made every new record get id 0 (the `+ 1`
    /// wrapped), each overwriting the last. The next id is always one no record has.
    #[test]
    fn the_next_id_is_always_free() {
        use crate::domain::change::Record;
        let person = |id| crate::domain::people::Person {
            id,
            name: format!("P{id}"),
            function: String::new(),
            organisation: String::new(),
            qualifications: vec![],
            contact: String::new(),
        };
        let mut data = Dataset::default();
        for id in [1, 2, u64::MAX] {
            data.put(Record::Person(person(id)));
        }
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..5 {
            let id = data.next_id();
            assert!(!data.people.contains_key(&id) && id != 0, "{id} is taken");
            assert!(seen.insert(id));
            data.put(Record::Person(person(id)));
        }
        assert_eq!(data.people.len(), 8, "none overwritten");
    }

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

    use super::*;
    use crate::domain::establishment::reference_establishments;

    #[test]
    /// A new store holds the central group the circular set up, and no local group that
    /// nobody created (issue 14: forty invented groups each showed "dormant, never met").
    fn initial_store_creates_no_local_group() {
        let data = Dataset::initial(reference_establishments());
        assert!(data.central_group().is_some());
        assert_eq!(data.groups.len(), 1);
        assert!(data.violations().is_empty());
        assert_eq!(data.templates.len(), 2);
    }

    #[test]
    fn a_loader_gives_the_same_dataset_in_any_order_of_records() {
        let data = crate::demo::demo_dataset(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let mut in_order = Loader::default();
        data.records().for_each(|r| in_order.push(r));
        assert_eq!(in_order.finish(), data);
        let mut shuffled: Vec<Record> = data.records().collect();
        shuffled.reverse();
        shuffled.rotate_left(7);
        // A record repeated: the last one wins, as with `put`.
        let mut renamed = data.people.values().next().unwrap().clone();
        renamed.name = "Renamed".into();
        shuffled.push(Record::Person(renamed.clone()));
        let mut loader = Loader::default();
        shuffled.into_iter().for_each(|r| loader.push(r));
        let mut expected = data.clone();
        expected.people.insert(renamed.id, renamed);
        assert_eq!(loader.finish(), expected);
    }

    #[test]
    fn deleting_what_others_name_is_caught_by_the_check_of_a_change() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut data = crate::demo::demo_dataset(today);
        let m = data.memberships.values().next().unwrap().clone();
        let changes = [Change::Delete(RecordKey::Id(RecordKind::Person, m.person))];
        data.apply(changes[0].clone());
        let found = data.violations_after(&changes);
        assert!(found.iter().any(|v| v.0.contains(&format!("membership {} names missing person", m.id))));
        assert_eq!(found.len(), data.violations().len());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

        /// Checking a change finds a problem exactly when checking everything does, as saving
        /// relies on: a refused change is taken back, so the data stays sound.
        #[test]
        fn checking_a_change_agrees_with_checking_everything(
            edits in proptest::collection::vec(proptest::prelude::any::<(u8, u64, u64)>(), 1..16),
        ) {
            let mut data = crate::demo::demo_dataset(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
            proptest::prop_assert!(data.violations().is_empty());
            for (kind, a, b) in edits {
                let changes = crate::domain::mutate::edit(&data, kind, a, b);
                let undo: Vec<Change> = changes.iter().cloned().map(|c| data.apply(c)).collect();
                let after = data.violations_after(&changes);
                proptest::prop_assert_eq!(after.is_empty(), data.violations().is_empty(), "edit {}", kind);
                if !after.is_empty() {
                    undo.into_iter().rev().for_each(|c| { data.apply(c); });
                }
            }
        }
    }
}

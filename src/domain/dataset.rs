//! Everything the store holds, in memory: a few megabytes even for a hundred times Belgium.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::access::{Account, AccountId, Admission, AdmissionId};
use super::change::{Change, Record, RecordKey, RecordKind};
use super::concertation::{
    CapbMeeting, CapbMeetingId, CapbRules, CapbRulesId, Motion, MotionId, Production, ProductionId, Service,
    ServiceId,
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
    /// The concertation's own rules, each version from a date.
    pub capb_rules: BTreeMap<CapbRulesId, CapbRules>,
    /// Whom the concertation admitted to its debates.
    pub admissions: BTreeMap<AdmissionId, Admission>,
    /// Not stored: the lowest id a new record may take. A client that sees part of a store
    /// (prison staff) learns it from the server, so its new records never take the id of one
    /// it does not see.
    pub id_floor: u64,
    /// Not stored: this is one role's part of a store (a prison staff member's: their
    /// establishments, and the central group's state). What counts over every establishment
    /// (the projects waiting everywhere, a person's seats in other prisons' groups, the
    /// figures) cannot be known from it, and is not shown as if it could.
    pub partial: bool,
    /// Not stored: the concertation's debates are not in this part, only what leaves it (see
    /// `rules::concertation::seal`).
    pub sealed: bool,
}

/// A broken link or rule found in a dataset: what a damaged store or a bad import would show.
/// Typed, so that whoever reads it says it in their own language (`i18n::violation`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Violation {
    /// The record at fault.
    pub record: RecordKey,
    pub problem: Problem,
}

/// What is wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// It names a record of `kind` that is not there: `key`, where its reader may know it (a
    /// role is never told the key of a record it may not see, whether or not it exists).
    Missing { kind: RecordKind, key: Option<RecordKey> },
    /// A local group with no establishment.
    LocalWithoutEstablishment,
    /// It ends before it begins.
    EndsBeforeBegins,
    /// A project's history has a decision without a submission, or is out of date order.
    ImpossibleHistory,
    /// Thresholds out of their bounds.
    OutOfBounds,
    /// A training session covers a need of another establishment.
    CoversAnotherEstablishment,
    /// A motion's text or what it releases changed after the members voted on it: what they
    /// decided stays as they decided it (another decision is another motion).
    VotedMotionChanged,
}

impl Violation {
    /// The same, naming no record but the one at fault: what a role that does not see
    /// everything is told.
    pub fn without_keys(mut self) -> Violation {
        if let Problem::Missing { key, .. } = &mut self.problem {
            *key = None;
        }
        self
    }
}

/// Why changes were not kept (see [`Dataset::apply_checked`]): a record refused at the door,
/// a rule they break, or the write's own error.
#[derive(Debug)]
pub enum NotKept<E> {
    Inadmissible(super::admission::Inadmissible),
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
            self.capb_rules.keys().last(),
            self.admissions.keys().last(),
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
            .chain(self.capb_rules.keys())
            .chain(self.admissions.keys())
            .copied()
            .collect();
        (1..).find(|id| !used.contains(id)).unwrap_or(0)
    }

    /// How many records of one kind are held.
    pub fn count_of(&self, kind: RecordKind) -> usize {
        match kind {
            RecordKind::Establishment => self.establishments.len(),
            RecordKind::Person => self.people.len(),
            RecordKind::Group => self.groups.len(),
            RecordKind::Template => self.templates.len(),
            RecordKind::Membership => self.memberships.len(),
            RecordKind::Meeting => self.meetings.len(),
            RecordKind::Project => self.projects.len(),
            RecordKind::Need => self.needs.len(),
            RecordKind::Session => self.sessions.len(),
            RecordKind::Settings => self.settings.len(),
            RecordKind::Service => self.services.len(),
            RecordKind::CapbMeeting => self.capb_meetings.len(),
            RecordKind::Motion => self.motions.len(),
            RecordKind::Production => self.productions.len(),
            RecordKind::Account => self.accounts.len(),
            RecordKind::CapbRules => self.capb_rules.len(),
            RecordKind::Admission => self.admissions.len(),
        }
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
            + self.capb_rules.len()
            + self.admissions.len()
    }

    /// Checks the changes as [`Dataset::apply_checked`] does and finds whose each record is
    /// (for the audit index), leaving the data as it was: a save checked before it is sent,
    /// and kept ([`Dataset::apply`]) only once written.
    pub fn prepare(
        &mut self,
        changes: &[Change],
    ) -> Result<Vec<super::access::Reach>, NotKept<std::convert::Infallible>> {
        let mut found = Vec::new();
        let tried = self.apply_checked(changes, |reach| {
            found = reach.to_vec();
            Err(())
        });
        match tried {
            // The write "failed" on purpose: the changes were taken back.
            Err(NotKept::Write(())) => Ok(found),
            Err(NotKept::Rule(v)) => Err(NotKept::Rule(v)),
            Err(NotKept::Inadmissible(i)) => Err(NotKept::Inadmissible(i)),
            Ok(undo) => {
                for c in undo {
                    self.apply(c);
                }
                Ok(found)
            }
        }
    }

    /// Keeps the changes only if each record passes the door (`admission::admit`), they leave
    /// a sound dataset, and `write` (the store, or the server) keeps them too. They are tried on the data itself (a copy of a large store costs
    /// more than the check), checked where they touch it, and taken back if the check or the
    /// write fails, so nothing unwritten is ever held. On success, what undoes them, newest
    /// first.
    pub fn apply_checked<E>(
        &mut self,
        changes: &[Change],
        write: impl FnOnce(&[super::access::Reach]) -> Result<(), E>,
    ) -> Result<Vec<Change>, NotKept<E>> {
        for change in changes {
            if let Change::Put(record) = change {
                super::admission::admit(record).map_err(NotKept::Inadmissible)?;
            }
        }
        let mut undo: Vec<Change> = changes.iter().cloned().map(|c| self.apply(c)).collect();
        let broken =
            self.violations_after(changes).into_iter().next().or_else(|| changed_votes(changes, &undo));
        let refused = match broken {
            Some(v) => Some(NotKept::Rule(v)),
            None => {
                // Whose each record is, as the audit index keeps it: a deleted one's as it was.
                // Many people at once (an import) have their reach found all together.
                let people = changes.iter().filter(|c| c.key().kind() == RecordKind::Person).count();
                let reaches = (people > 16).then(|| Reaches::new(self));
                let reach_of = |r: &Record| match &reaches {
                    Some(all) => all.reach(self, r),
                    None => self.reach(r),
                };
                let reach: Vec<super::access::Reach> = changes
                    .iter()
                    .zip(&undo)
                    .map(|(change, before)| match (change, before) {
                        (Change::Put(r), _) | (Change::Delete(_), Change::Put(r)) => reach_of(r),
                        (Change::Delete(_), Change::Delete(_)) => {
                            super::access::Reach::Establishments(vec![])
                        }
                    })
                    .collect();
                write(&reach).err().map(NotKept::Write)
            }
        };
        undo.reverse();
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
        for record in self.records() {
            self.check(&record, &mut out);
        }
        out
    }

    /// What `changes`, already applied, broke: the records they put, and the records naming
    /// one they deleted. On a dataset that was sound before, this finds what
    /// [`Dataset::violations`] would, without reading the records a change cannot affect.
    pub fn violations_after(&self, changes: &[Change]) -> Vec<Violation> {
        let mut out = Vec::new();
        for change in changes {
            match change {
                Change::Put(record) => {
                    self.check(record, &mut out);
                    // A need moved to another establishment leaves the sessions that cover it.
                    if record.kind() == RecordKind::Need {
                        for session in self.naming(&record.key()) {
                            self.check(&session, &mut out);
                        }
                    }
                }
                Change::Delete(key) => {
                    for record in self.naming(key) {
                        self.check(&record, &mut out);
                    }
                }
            }
        }
        out
    }

    /// The records that name `key` (see [`Record::references`]): only the kinds that can.
    fn naming(&self, key: &RecordKey) -> Vec<Record> {
        use RecordKind as K;
        let kinds: &[RecordKind] = match key.kind() {
            K::Establishment => &[K::Group, K::Project, K::Need, K::Session, K::Account],
            K::Person => &[K::Membership, K::Meeting, K::Service, K::CapbMeeting, K::Account],
            K::Group => &[K::Membership, K::Meeting],
            K::Need => &[K::Session],
            K::Service => &[K::CapbMeeting, K::Motion, K::Admission],
            K::CapbMeeting => &[K::Motion],
            K::Production => &[K::Motion],
            K::Motion => &[K::CapbMeeting, K::Production],
            _ => &[],
        };
        let mut out = Vec::new();
        let mut keep = |r: Record| {
            if r.references().contains(key) {
                out.push(r);
            }
        };
        for kind in kinds {
            match kind {
                K::Group => self.groups.values().cloned().map(Record::Group).for_each(&mut keep),
                K::Project => self.projects.values().cloned().map(Record::Project).for_each(&mut keep),
                K::Need => self.needs.values().cloned().map(Record::Need).for_each(&mut keep),
                K::Session => self.sessions.values().cloned().map(Record::Session).for_each(&mut keep),
                K::Account => self.accounts.values().cloned().map(Record::Account).for_each(&mut keep),
                K::Membership => {
                    self.memberships.values().cloned().map(Record::Membership).for_each(&mut keep);
                }
                K::Meeting => self.meetings.values().cloned().map(Record::Meeting).for_each(&mut keep),
                K::Service => self.services.values().cloned().map(Record::Service).for_each(&mut keep),
                K::CapbMeeting => {
                    self.capb_meetings.values().cloned().map(Record::CapbMeeting).for_each(&mut keep);
                }
                K::Motion => self.motions.values().cloned().map(Record::Motion).for_each(&mut keep),
                K::Production => {
                    self.productions.values().cloned().map(Record::Production).for_each(&mut keep);
                }
                K::Admission => self.admissions.values().cloned().map(Record::Admission).for_each(&mut keep),
                _ => {}
            }
        }
        out
    }

    /// Whose a record is, for its audit line (see [`super::access::Reach`]): its
    /// establishment; for a person, the establishments of the local groups they sit in or
    /// came to; for reference data, everyone's.
    pub fn reach(&self, record: &Record) -> super::access::Reach {
        use super::access::Reach;
        let of_group = |g: &GroupId| self.groups.get(g).and_then(|g| g.establishment.clone());
        let list = match record {
            Record::Template(_) | Record::Settings(_) => return Reach::All,
            Record::Establishment(e) => vec![e.id.clone()],
            Record::Group(g) => g.establishment.iter().cloned().collect(),
            Record::Membership(m) => of_group(&m.group).into_iter().collect(),
            Record::Meeting(m) => of_group(&m.group).into_iter().collect(),
            Record::Project(p) => vec![p.establishment.clone()],
            Record::Need(n) => vec![n.establishment.clone()],
            Record::Session(s) => vec![s.establishment.clone()],
            Record::Person(p) => {
                let sits = self
                    .memberships
                    .values()
                    .filter(|m| m.person == p.id || m.delegate_of == Some(p.id))
                    .map(|m| m.group);
                let came = self.meetings.values().filter(|m| m.attendees.contains(&p.id)).map(|m| m.group);
                let mut list: Vec<EstablishmentId> = sits.chain(came).filter_map(|g| of_group(&g)).collect();
                list.sort_unstable();
                list.dedup();
                list
            }
            Record::Service(_)
            | Record::CapbMeeting(_)
            | Record::Motion(_)
            | Record::Production(_)
            | Record::CapbRules(_)
            | Record::Admission(_) => return Reach::Concertation,
            Record::Account(_) => vec![],
        };
        Reach::Establishments(list)
    }

    /// Whether a record with this key is held.
    pub fn contains(&self, key: &RecordKey) -> bool {
        match key {
            RecordKey::Establishment(id) => self.establishments.contains_key(id),
            RecordKey::Id(kind, id) => match kind {
                RecordKind::Establishment => false,
                RecordKind::Person => self.people.contains_key(id),
                RecordKind::Group => self.groups.contains_key(id),
                RecordKind::Template => self.templates.contains_key(id),
                RecordKind::Membership => self.memberships.contains_key(id),
                RecordKind::Meeting => self.meetings.contains_key(id),
                RecordKind::Project => self.projects.contains_key(id),
                RecordKind::Need => self.needs.contains_key(id),
                RecordKind::Session => self.sessions.contains_key(id),
                RecordKind::Settings => self.settings.contains_key(id),
                RecordKind::Service => self.services.contains_key(id),
                RecordKind::CapbMeeting => self.capb_meetings.contains_key(id),
                RecordKind::Motion => self.motions.contains_key(id),
                RecordKind::Production => self.productions.contains_key(id),
                RecordKind::Account => self.accounts.contains_key(id),
                RecordKind::CapbRules => self.capb_rules.contains_key(id),
                RecordKind::Admission => self.admissions.contains_key(id),
            },
        }
    }

    /// What is wrong with one record, given the others: the records it names that are not
    /// there, and what it says of itself that cannot be.
    fn check(&self, record: &Record, out: &mut Vec<Violation>) {
        let key = record.key();
        for missing in record.references().into_iter().filter(|r| !self.contains(r)) {
            out.push(Violation {
                record: key.clone(),
                problem: Problem::Missing { kind: missing.kind(), key: Some(missing) },
            });
        }
        let problem = match record {
            Record::Group(g) if g.kind == GroupKind::Local && g.establishment.is_none() => {
                Some(Problem::LocalWithoutEstablishment)
            }
            Record::Membership(m) if m.until.is_some_and(|u| u < m.from) => Some(Problem::EndsBeforeBegins),
            Record::Account(a) if a.until.is_some_and(|u| u < a.from) => Some(Problem::EndsBeforeBegins),
            // Withdrawn before it began: it ends the day before (never erased, see `unadmit`).
            Record::Admission(a)
                if a.until.is_some_and(|u| u.succ_opt().is_some_and(|next| next < a.from)) =>
            {
                Some(Problem::EndsBeforeBegins)
            }
            Record::CapbRules(r) if !r.within_bounds() => Some(Problem::OutOfBounds),
            Record::Project(p) if !p.history_is_consistent() => Some(Problem::ImpossibleHistory),
            Record::Settings(s) if !s.thresholds.within_bounds() => Some(Problem::OutOfBounds),
            // A session answers its own establishment's needs: one of another's would count
            // in a prison whose staff do not see it.
            Record::Session(s)
                if s.covers
                    .iter()
                    .any(|n| self.needs.get(n).is_some_and(|n| n.establishment != s.establishment)) =>
            {
                Some(Problem::CoversAnotherEstablishment)
            }
            _ => None,
        };
        out.extend(problem.map(|problem| Violation { record: key, problem }));
    }
}

/// A motion the members voted on whose text or releases `changes` changed (`before` holds,
/// change by change, what each replaced).
fn changed_votes(changes: &[Change], before: &[Change]) -> Option<Violation> {
    changes.iter().zip(before).find_map(|(change, before)| match (change, before) {
        (Change::Put(Record::Motion(now)), Change::Put(Record::Motion(then)))
            if !then.ballots.is_empty() && (now.text != then.text || now.releases != then.releases) =>
        {
            Some(Violation { record: change.key(), problem: Problem::VotedMotionChanged })
        }
        _ => None,
    })
}

/// Every person's reach at once, for indexing a whole audit trail (see [`Dataset::reach`],
/// which finds one person's by reading every membership and meeting).
pub struct Reaches {
    people: BTreeMap<PersonId, Vec<EstablishmentId>>,
}

impl Reaches {
    pub fn new(data: &Dataset) -> Reaches {
        let of_group = |g: &GroupId| data.groups.get(g).and_then(|g| g.establishment.clone());
        let mut people: BTreeMap<PersonId, Vec<EstablishmentId>> = BTreeMap::new();
        for m in data.memberships.values() {
            if let Some(e) = of_group(&m.group) {
                for p in std::iter::once(m.person).chain(m.delegate_of) {
                    people.entry(p).or_default().push(e.clone());
                }
            }
        }
        for m in data.meetings.values() {
            if let Some(e) = of_group(&m.group) {
                for p in &m.attendees {
                    people.entry(*p).or_default().push(e.clone());
                }
            }
        }
        for list in people.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Reaches { people }
    }

    pub fn reach(&self, data: &Dataset, record: &Record) -> super::access::Reach {
        match record {
            Record::Person(p) => {
                super::access::Reach::Establishments(self.people.get(&p.id).cloned().unwrap_or_default())
            }
            other => data.reach(other),
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
            | Record::Account(_)
            | Record::CapbRules(_)
            | Record::Admission(_)) => self.data.put(r),
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
                RecordKind::CapbRules => Record::CapbRules(self.capb_rules.get(id)?.clone()),
                RecordKind::Admission => Record::Admission(self.admissions.get(id)?.clone()),
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
            Record::CapbRules(r) => {
                self.capb_rules.insert(r.id, r);
            }
            Record::Admission(r) => {
                self.admissions.insert(r.id, r);
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
                RecordKind::CapbRules => {
                    self.capb_rules.remove(id);
                }
                RecordKind::Admission => {
                    self.admissions.remove(id);
                }
            },
        }
    }

    /// Up to `limit` records of one kind, in key order, after `after` (from the first when
    /// `None`): what a load copies a chunk at a time.
    pub fn records_from(&self, kind: RecordKind, after: Option<&RecordKey>, limit: usize) -> Vec<Record> {
        use std::ops::Bound::{Excluded, Unbounded};
        fn from<V: Clone>(
            map: &BTreeMap<u64, V>,
            after: Option<&RecordKey>,
            limit: usize,
            wrap: fn(V) -> Record,
        ) -> Vec<Record> {
            let start = match after {
                Some(RecordKey::Id(_, id)) => Excluded(*id),
                _ => Unbounded,
            };
            map.range((start, Unbounded)).take(limit).map(|(_, v)| wrap(v.clone())).collect()
        }
        match kind {
            RecordKind::Establishment => {
                let start = match after {
                    Some(RecordKey::Establishment(id)) => Excluded(id.clone()),
                    _ => Unbounded,
                };
                let range = self.establishments.range((start, Unbounded));
                range.take(limit).map(|(_, e)| Record::Establishment(e.clone())).collect()
            }
            RecordKind::Person => from(&self.people, after, limit, Record::Person),
            RecordKind::Group => from(&self.groups, after, limit, Record::Group),
            RecordKind::Template => from(&self.templates, after, limit, Record::Template),
            RecordKind::Membership => from(&self.memberships, after, limit, Record::Membership),
            RecordKind::Meeting => from(&self.meetings, after, limit, Record::Meeting),
            RecordKind::Project => from(&self.projects, after, limit, Record::Project),
            RecordKind::Need => from(&self.needs, after, limit, Record::Need),
            RecordKind::Session => from(&self.sessions, after, limit, Record::Session),
            RecordKind::Settings => from(&self.settings, after, limit, Record::Settings),
            RecordKind::Service => from(&self.services, after, limit, Record::Service),
            RecordKind::CapbMeeting => from(&self.capb_meetings, after, limit, Record::CapbMeeting),
            RecordKind::Motion => from(&self.motions, after, limit, Record::Motion),
            RecordKind::Production => from(&self.productions, after, limit, Record::Production),
            RecordKind::Account => from(&self.accounts, after, limit, Record::Account),
            RecordKind::CapbRules => from(&self.capb_rules, after, limit, Record::CapbRules),
            RecordKind::Admission => from(&self.admissions, after, limit, Record::Admission),
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
        let capb = capb.chain(self.capb_rules.values().cloned().map(Record::CapbRules));
        let capb = capb.chain(self.admissions.values().cloned().map(Record::Admission));
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
        let missing = Problem::Missing {
            kind: RecordKind::Person,
            key: Some(RecordKey::Id(RecordKind::Person, m.person)),
        };
        assert!(
            found
                .iter()
                .any(|v| v.record == RecordKey::Id(RecordKind::Membership, m.id) && v.problem == missing)
        );
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

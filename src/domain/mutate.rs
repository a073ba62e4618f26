//! Test support: arbitrary edits of a dataset, made from plain numbers so that proptest can
//! generate and shrink them. They cover every kind of record and every way of changing it
//! (create, edit, delete), sound or not: the incremental paths must agree with the full ones
//! whatever the data.

use chrono::{Duration, NaiveDate};

use super::change::{Change, Record, RecordKey, RecordKind};
use super::concertation::{Attendance, Ballot, Dissemination, Production, ProductionKind, Proxy, Vote};
use super::dataset::Dataset;
use super::group::{CHAIR, GroupKind, Meeting, Membership, circular_local_template};
use super::people::{Person, Qualification};
use super::project::{FundamentalElement, Project, ProjectEvent, ProjectStep};
use super::training::{Priority, StaffGroup, TrainingNeed, TrainingSession};

/// How many kinds of edit [`edit`] knows.
pub const EDITS: u8 = 30;

fn nth<K: Clone, V>(map: &std::collections::BTreeMap<K, V>, n: u64) -> Option<&V> {
    if map.is_empty() { None } else { map.values().nth((n % map.len() as u64) as usize) }
}

fn date(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2005, 1, 1).unwrap() + Duration::days((n % (22 * 366)) as i64)
}

/// One edit, chosen by `kind` (modulo [`EDITS`]), applied to records picked by `a` and `b`.
/// Returns the changes, not yet applied; empty when there is nothing to edit.
pub fn edit(data: &Dataset, kind: u8, a: u64, b: u64) -> Vec<Change> {
    match kind % EDITS {
        0..=6 => seats_and_meetings(data, kind % EDITS, a, b),
        7..=13 => people_and_groups(data, kind % EDITS, a, b),
        14..=22 => projects_and_training(data, kind % EDITS, a, b),
        k => concertation_and_delegates(data, k, a, b),
    }
}

fn put(r: Record) -> Vec<Change> {
    vec![Change::Put(r)]
}

fn del(k: RecordKind, id: u64) -> Vec<Change> {
    vec![Change::Delete(RecordKey::Id(k, id))]
}

/// Edits 0 to 6: seats held and ended, meetings.
fn seats_and_meetings(data: &Dataset, kind: u8, a: u64, b: u64) -> Vec<Change> {
    let id = data.next_id();
    let seats = circular_local_template(0).seats;
    let person = nth(&data.people, a).cloned();
    let group = nth(&data.groups, b).cloned();
    match kind {
        0 => nth(&data.memberships, a).map_or(vec![], |m| del(RecordKind::Membership, m.id)),
        1 => nth(&data.memberships, a).map_or(vec![], |m| {
            put(Record::Membership(Membership {
                until: Some(m.from + Duration::days((b % 900) as i64)),
                ..m.clone()
            }))
        }),
        2 | 3 => match (person, group) {
            (Some(p), Some(g)) => {
                let seat = if b.is_multiple_of(5) {
                    CHAIR.to_string()
                } else {
                    seats[(a as usize) % seats.len()].key.clone()
                };
                put(Record::Membership(Membership {
                    id,
                    person: p.id,
                    group: g.id,
                    seat,
                    from: date(a ^ b),
                    until: None,
                    delegate_of: None,
                }))
            }
            _ => vec![],
        },
        4 => group.map_or(vec![], |g| {
            put(Record::Meeting(Meeting {
                id,
                group: g.id,
                date: date(a),
                attendees: vec![],
                notes: String::new(),
            }))
        }),
        5 => nth(&data.meetings, a).map_or(vec![], |m| del(RecordKind::Meeting, m.id)),
        6 => nth(&data.meetings, a)
            .map_or(vec![], |m| put(Record::Meeting(Meeting { date: date(b), ..m.clone() }))),
        _ => vec![],
    }
}

/// Edits 7 to 13: qualifications, people, groups, establishments, templates.
fn people_and_groups(data: &Dataset, kind: u8, a: u64, b: u64) -> Vec<Change> {
    let id = data.next_id();
    let seats = circular_local_template(0).seats;
    let person = nth(&data.people, a).cloned();
    let group = nth(&data.groups, b).cloned();
    match kind {
        // A qualification of someone holding a seat: the one the seat asks for, most often.
        7 => nth(&data.memberships, a).and_then(|m| data.people.get(&m.person).map(|p| (m, p))).map_or(
            vec![],
            |(m, p)| {
                let wanted = seats.iter().find(|s| s.key == m.seat).and_then(|s| s.qualification);
                let q = wanted
                    .filter(|_| !b.is_multiple_of(4))
                    .unwrap_or(Qualification::ALL[(b as usize) % Qualification::ALL.len()]);
                let mut quals = p.qualifications.clone();
                if let Some(i) = quals.iter().position(|x| *x == q) {
                    quals.remove(i);
                } else {
                    quals.push(q);
                }
                put(Record::Person(Person { qualifications: quals, ..p.clone() }))
            },
        ),
        8 => person.map_or(vec![], |p| put(Record::Person(Person { name: format!("Renamed {b}"), ..p }))),
        9 => put(Record::Person(Person {
            id,
            name: format!("New {a}"),
            function: String::new(),
            organisation: String::new(),
            qualifications: vec![],
            contact: String::new(),
        })),
        10 => group.map_or(vec![], |g| {
            put(Record::Group(super::group::Group { dissolved: (a.is_multiple_of(2)).then(|| date(b)), ..g }))
        }),
        11 => {
            group.map_or(vec![], |g| put(Record::Group(super::group::Group { created: Some(date(a)), ..g })))
        }
        12 => nth(&data.establishments, a).map_or(vec![], |e| {
            let mut e = e.clone();
            e.closed = (b.is_multiple_of(3)).then(|| date(b));
            e.name_fr = format!("Renommé {b}");
            put(Record::Establishment(e))
        }),
        13 => nth(&data.templates, a).map_or(vec![], |t| {
            let mut t = t.clone();
            t.effective_from = date(b);
            if let Some(s) = t.seats.first_mut() {
                s.min = (b % 3) as u8;
            }
            put(Record::Template(t))
        }),
        _ => vec![],
    }
}

/// Edits 14 to 22: projects and their steps, training needs and sessions, a group deleted.
fn projects_and_training(data: &Dataset, kind: u8, a: u64, b: u64) -> Vec<Change> {
    let id = data.next_id();
    let group = nth(&data.groups, b).cloned();
    match kind {
        14 => nth(&data.projects, a).map_or(vec![], |p| del(RecordKind::Project, p.id)),
        15 | 16 => nth(&data.establishments, b).map_or(vec![], |e| {
            let mut history = vec![ProjectEvent { date: date(a), step: ProjectStep::Submitted }];
            if a.is_multiple_of(3) {
                history.push(ProjectEvent {
                    date: date(a) + Duration::days((b % 400) as i64),
                    step: ProjectStep::Authorised { conditions: String::new() },
                });
            }
            put(Record::Project(Project {
                id: nth(&data.projects, a).filter(|_| kind == 16).map_or(id, |p| p.id),
                establishment: e.id.clone(),
                title: format!("Project {a}"),
                promoter: String::new(),
                elements: if b.is_multiple_of(4) { vec![] } else { vec![FundamentalElement::UrineTests] },
                history,
            }))
        }),
        17 => nth(&data.needs, a).map_or(vec![], |n| del(RecordKind::Need, n.id)),
        18 | 19 => nth(&data.establishments, b).map_or(vec![], |e| {
            put(Record::Need(TrainingNeed {
                id: nth(&data.needs, a).filter(|_| kind == 19).map_or(id, |n| n.id),
                establishment: e.id.clone(),
                staff_group: StaffGroup::PrisonOfficers,
                topic: format!("Topic {}", a % 4),
                headcount: (b % 40) as u32,
                priority: Priority::High,
                raised_on: date(a),
            }))
        }),
        20 => nth(&data.sessions, a).map_or(vec![], |s| del(RecordKind::Session, s.id)),
        21 => match (nth(&data.needs, a), nth(&data.needs, b)) {
            (Some(n), Some(m)) => put(Record::Session(TrainingSession {
                id: nth(&data.sessions, a ^ b).filter(|_| a.is_multiple_of(2)).map_or(id, |s| s.id),
                establishment: n.establishment.clone(),
                topic: n.topic.clone(),
                date: date(b),
                trainer: String::new(),
                participants: (a % 30) as u32,
                // A session answers its own establishment's needs only.
                covers: if m.establishment == n.establishment { vec![n.id, m.id] } else { vec![n.id] },
            })),
            _ => vec![],
        },
        22 => group.map_or(vec![], |g| {
            let mut changes = del(RecordKind::Group, g.id);
            if g.kind == GroupKind::Local {
                changes.extend(
                    data.memberships
                        .values()
                        .filter(|m| m.group == g.id)
                        .map(|m| del(RecordKind::Membership, m.id)[0].clone()),
                );
            }
            changes
        }),
        _ => vec![],
    }
}

/// Edits 23 and over: the concertation, and a delegate standing in for a member.
fn concertation_and_delegates(data: &Dataset, kind: u8, a: u64, b: u64) -> Vec<Change> {
    let id = data.next_id();
    let person = nth(&data.people, a).cloned();
    match kind {
        // The concertation: attendance and proxies, ballots, productions and their decisions,
        // members leaving and representatives changing, motions deleted under a production.
        24 => nth(&data.capb_meetings, a).map_or(vec![], |m| {
            let services: Vec<u64> = data.services.keys().copied().collect();
            let pick = |n: u64| services.get((n % services.len().max(1) as u64) as usize).copied();
            let mut m = m.clone();
            if let (Some(giver), Some(holder)) = (pick(a), pick(b)) {
                m.proxies = vec![Proxy { giver, holder }];
                if b.is_multiple_of(3) {
                    m.attendance.retain(|x| x.service != holder);
                } else if !m.present(holder) {
                    m.attendance.push(Attendance { service: holder, person: None });
                }
            }
            m.minutes = if a.is_multiple_of(2) { String::new() } else { "m".into() };
            put(Record::CapbMeeting(m))
        }),
        25 => match (nth(&data.motions, a), nth(&data.services, b)) {
            (Some(v), Some(s)) => {
                let mut v = v.clone();
                let vote = Vote::ALL[(a % 4) as usize];
                v.ballots.retain(|x| x.service != s.id);
                v.ballots.push(Ballot { service: s.id, vote });
                put(Record::Motion(v))
            }
            _ => vec![],
        },
        26 => nth(&data.productions, a).map_or(vec![], |p| del(RecordKind::Production, p.id)),
        27 => put(Record::Production(Production {
            id,
            title: "p".into(),
            kind: ProductionKind::Text,
            drafted: date(a),
            decision: nth(&data.motions, b).map(|v| v.id).filter(|_| !a.is_multiple_of(3)),
            disseminated: b.is_multiple_of(2).then(|| Dissemination { date: date(a ^ b), to: String::new() }),
        })),
        28 => nth(&data.services, a).map_or(vec![], |s| {
            let mut s = s.clone();
            if b.is_multiple_of(2) {
                s.left = Some(date(b));
            } else {
                s.representatives.retain(|r| r.until.is_some());
            }
            put(Record::Service(s))
        }),
        29 => nth(&data.motions, a).map_or(vec![], |v| del(RecordKind::Motion, v.id)),
        _ => match (person, nth(&data.memberships, b)) {
            // A delegate: someone standing in for another member.
            (Some(p), Some(m)) => put(Record::Membership(Membership {
                id,
                person: p.id,
                delegate_of: Some(m.person),
                from: date(a),
                ..m.clone()
            })),
            _ => vec![],
        },
    }
}

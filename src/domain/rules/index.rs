//! The records the rules read, arranged as they read them and whatever the date: each group's
//! members and meeting dates, each person's seats, each need's sessions. The app keeps one of
//! every record and rebuilds it after a change (see `App::catch_up`), so that another date
//! reads compact arrays rather than every record of a hundred times Belgium.

use std::ops::Range;

use chrono::NaiveDate;

use crate::domain::settings::{ThresholdHistory, Thresholds};

use crate::domain::FastMap;
use crate::domain::dataset::Dataset;
use crate::domain::establishment::open_on;
use crate::domain::group::{
    CHAIR, Group, GroupId, GroupKind, Meeting, Membership, MembershipId, group_exists_on, seat_held_on,
};
use crate::domain::people::{PersonId, Qualification};
use crate::domain::training::{NeedId, SessionId, TrainingSession};

/// A seat key, interned: compared as a number. The index's own numbering.
pub type SeatKey = u32;

/// A membership, as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub id: MembershipId,
    pub person: PersonId,
    pub seat: SeatKey,
    /// The person's qualifications when the index was built, one bit each.
    qualifications: u8,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Member {
    pub fn active_on(&self, date: NaiveDate) -> bool {
        seat_held_on(self.from, self.until, date)
    }

    pub fn has(&self, q: Qualification) -> bool {
        self.qualifications & bit(q) != 0
    }
}

fn bit(q: Qualification) -> u8 {
    1 << (q as u8)
}

/// A seat someone holds, chair excluded (chairing is part of a seat), with what the overloads
/// read of its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub person: PersonId,
    pub membership: MembershipId,
    pub seat: SeatKey,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub kind: GroupKind,
    pub group_created: Option<NaiveDate>,
    pub group_dissolved: Option<NaiveDate>,
}

impl Held {
    fn new(
        person: PersonId,
        membership: MembershipId,
        seat: SeatKey,
        from: NaiveDate,
        until: Option<NaiveDate>,
        group: &Group,
    ) -> Held {
        let (kind, group_created, group_dissolved) = (group.kind, group.created, group.dissolved);
        Held { person, membership, seat, from, until, kind, group_created, group_dissolved }
    }

    /// Held on `date`, in a group that exists then.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        seat_held_on(self.from, self.until, date)
            && group_exists_on(self.group_created, self.group_dissolved, date)
    }
}

/// A session covering a need: when, and how many it trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Covering {
    session: SessionId,
    pub date: NaiveDate,
    pub participants: u32,
}

/// Every array is sorted once, and each group's (or need's) part is one stretch of it, found
/// through a map: a few large allocations rather than two a group, read in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// By group, then membership.
    members: Vec<Member>,
    members_of: FastMap<GroupId, Range<usize>>,
    /// By person, then membership.
    held: Vec<Held>,
    seats: FastMap<String, SeatKey>,
    meetings: MeetingDates,
    sessions: Coverings,
    establishments: Openings,
    /// The coordinator's thresholds over time.
    thresholds: ThresholdHistory,
}

/// Each group's meeting dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MeetingDates {
    /// By group, then date.
    dates: Vec<NaiveDate>,
    of: FastMap<GroupId, Range<usize>>,
}

impl MeetingDates {
    fn of<'a>(meetings: impl IntoIterator<Item = &'a Meeting>) -> MeetingDates {
        let mut meetings: Vec<(GroupId, NaiveDate)> =
            meetings.into_iter().map(|m| (m.group, m.date)).collect();
        meetings.sort_unstable();
        let of = runs(&meetings, |(group, _)| *group).collect();
        MeetingDates { dates: meetings.into_iter().map(|(_, date)| date).collect(), of }
    }
}

/// Each need's sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Coverings {
    /// By need, then session.
    coverings: Vec<Covering>,
    of: FastMap<NeedId, Range<usize>>,
}

impl Coverings {
    fn of<'a>(sessions: impl IntoIterator<Item = (NeedId, &'a TrainingSession)>) -> Coverings {
        let mut coverings: Vec<(NeedId, Covering)> = sessions
            .into_iter()
            .map(|(n, s)| (n, Covering { session: s.id, date: s.date, participants: s.participants }))
            .collect();
        coverings.sort_unstable_by_key(|(need, c)| (*need, c.session));
        // A session that names a need twice covers it once.
        coverings.dedup_by_key(|(need, c)| (*need, c.session));
        let of = runs(&coverings, |(need, _)| *need).collect();
        Coverings { coverings: coverings.into_iter().map(|(_, c)| c).collect(), of }
    }
}

/// When each establishment opened and closed: thousands of rows ask whether theirs is open, and
/// a hash beats a walk through the tree of establishments.
type Openings = FastMap<Box<str>, (Option<NaiveDate>, Option<NaiveDate>)>;

fn openings(data: &Dataset) -> Openings {
    data.establishments.iter().map(|(id, e)| (id.as_str().into(), (e.opened, e.closed))).collect()
}

fn sessions_of(data: &Dataset) -> impl Iterator<Item = (NeedId, &TrainingSession)> {
    data.sessions.values().flat_map(|s| s.covers.iter().map(move |n| (*n, s)))
}

impl Index {
    /// An index of every record, built on both cores when it can: the people here, the
    /// meetings, the sessions and the establishments on a thread of their own.
    pub fn new(data: &Dataset) -> Self {
        let others =
            || (MeetingDates::of(data.meetings.values()), Coverings::of(sessions_of(data)), openings(data));
        std::thread::scope(|threads| {
            let other = std::thread::Builder::new().name("index".into()).spawn_scoped(threads, others);
            // Every seat held is among the groups' members: the seats are taken from those.
            let mut index =
                Index { thresholds: ThresholdHistory::new(data.settings.values()), ..Index::default() };
            index.add_members(data, data.memberships.values(), None::<[&Membership; 0]>);
            (index.meetings, index.sessions, index.establishments) = match other {
                Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: the same work, here.
                Err(_) => others(),
            };
            index
        })
    }

    /// An index of these groups' memberships and meetings (each group's, all of them), of the
    /// seats these people hold (each person's, all of them), and of these sessions by the
    /// need they cover: every record, or those an update within a [`super::Scope`] reads;
    /// and of every establishment's opening and closing.
    pub fn of<'a>(
        data: &Dataset,
        group_memberships: impl IntoIterator<Item = &'a Membership>,
        meetings: impl IntoIterator<Item = &'a Meeting>,
        people_memberships: impl IntoIterator<Item = &'a Membership>,
        sessions: impl IntoIterator<Item = (NeedId, &'a TrainingSession)>,
    ) -> Self {
        let mut index = Index {
            meetings: MeetingDates::of(meetings),
            sessions: Coverings::of(sessions),
            establishments: openings(data),
            thresholds: ThresholdHistory::new(data.settings.values()),
            ..Index::default()
        };
        index.add_members(data, group_memberships, Some(people_memberships));
        index
    }

    /// The thresholds in force on `date`.
    pub fn thresholds(&self, date: NaiveDate) -> Thresholds {
        self.thresholds.on(date)
    }

    /// Indexes these groups' memberships and the seats these people hold; with no
    /// `people_memberships`, the seats held are those of the groups' memberships, which must
    /// then be every membership.
    fn add_members<'a>(
        &mut self,
        data: &Dataset,
        group_memberships: impl IntoIterator<Item = &'a Membership>,
        people_memberships: Option<impl IntoIterator<Item = &'a Membership>>,
    ) {
        let mut members = Vec::new();
        // A person's qualifications matter only in a seat that requires one: only those are
        // looked up.
        let requiring: Vec<&str> = data
            .templates
            .values()
            .flat_map(|t| &t.seats)
            .filter(|s| s.qualification.is_some())
            .map(|s| s.key.as_str())
            .collect();
        let qualifications = |m: &Membership| {
            if !requiring.contains(&m.seat.as_str()) {
                return 0;
            }
            let person = data.people.get(&m.person);
            person.map_or(0, |p| p.qualifications.iter().fold(0, |bits, q| bits | bit(*q)))
        };
        for m in group_memberships {
            let member = Member {
                id: m.id,
                person: m.person,
                seat: self.intern(&m.seat),
                qualifications: qualifications(m),
                from: m.from,
                until: m.until,
            };
            members.push((m.group, member));
        }
        members.sort_unstable_by_key(|(group, m)| (*group, m.id));
        let chair = self.seat(CHAIR);
        for (group, run) in runs(&members, |(group, _)| *group) {
            if people_memberships.is_none()
                && let Some(g) = data.groups.get(&group)
            {
                let seats = members[run.clone()].iter().filter(|(_, m)| Some(m.seat) != chair);
                self.held.extend(seats.map(|(_, m)| Held::new(m.person, m.id, m.seat, m.from, m.until, g)));
            }
            self.members_of.insert(group, run);
        }
        self.members = members.into_iter().map(|(_, m)| m).collect();
        // What the seats read of their group, side by side: a search in a few kilobytes
        // rather than through the tree of every group.
        let groups: Vec<(GroupId, &Group)> = data.groups.iter().map(|(id, g)| (*id, g)).collect();
        for m in people_memberships.into_iter().flatten() {
            if m.seat == CHAIR {
                continue;
            }
            let Ok(at) = groups.binary_search_by_key(&m.group, |(id, _)| *id) else { continue };
            let seat = self.intern(&m.seat);
            self.held.push(Held::new(m.person, m.id, seat, m.from, m.until, groups[at].1));
        }
        self.held.sort_unstable_by_key(|h| (h.person, h.membership));
    }

    fn intern(&mut self, seat: &str) -> SeatKey {
        if let Some(key) = self.seats.get(seat) {
            return *key;
        }
        // Four billion seat names cannot be held in memory: the last number is never shared.
        let key = SeatKey::try_from(self.seats.len()).unwrap_or(SeatKey::MAX);
        self.seats.insert(seat.to_string(), key);
        key
    }

    /// The number of a seat key, if any membership indexed holds it.
    pub fn seat(&self, key: &str) -> Option<SeatKey> {
        self.seats.get(key).copied()
    }

    /// The memberships of a group, in the order of their identifiers.
    pub fn members(&self, group: GroupId) -> &[Member] {
        &self.members[self.members_of.get(&group).cloned().unwrap_or(0..0)]
    }

    /// The seats held, chair excluded, by person then membership.
    pub fn held(&self) -> &[Held] {
        &self.held
    }

    /// The sessions covering a need.
    pub fn sessions_covering(&self, need: NeedId) -> &[Covering] {
        &self.sessions.coverings[self.sessions.of.get(&need).cloned().unwrap_or(0..0)]
    }

    /// Whether an establishment is open on `date`; `None` if there is no such establishment.
    pub fn is_open(&self, establishment: &str, date: NaiveDate) -> Option<bool> {
        let &(opened, closed) = self.establishments.get(establishment)?;
        Some(open_on(opened, closed, date))
    }

    /// The last meeting of a group on or before `date`.
    pub fn last_meeting(&self, group: GroupId, date: NaiveDate) -> Option<NaiveDate> {
        let dates = &self.meetings.dates[self.meetings.of.get(&group).cloned().unwrap_or(0..0)];
        let n = dates.partition_point(|d| *d <= date);
        n.checked_sub(1).map(|i| dates[i])
    }
}

/// The stretches of `sorted` that share a key, with the key.
fn runs<T, K: PartialEq>(
    sorted: &[T],
    key: impl Fn(&T) -> K + Copy,
) -> impl Iterator<Item = (K, Range<usize>)> {
    let mut start = 0;
    sorted.chunk_by(move |a, b| key(a) == key(b)).map(move |run| {
        let range = start..start + run.len();
        start = range.end;
        (key(&run[0]), range)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_dataset;

    /// `Index::new` takes the seats held from the groups' members rather than reading every
    /// membership again: the same index as naming every membership for both.
    #[test]
    fn every_record_indexed_at_once_is_every_record_named() {
        let data = demo_dataset(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let all = data.memberships.values();
        let named = Index::of(&data, all.clone(), data.meetings.values(), all, sessions_of(&data));
        let index = Index::new(&data);
        assert!(!index.held().is_empty());
        assert_eq!(index, named);
    }
}

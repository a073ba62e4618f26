use chrono::NaiveDate;

use super::index::{Index, Member, SeatKey};
use crate::domain::dataset::Dataset;
use crate::domain::date::days_between;
use crate::domain::establishment::EstablishmentId;
use crate::domain::group::{CHAIR, Group, GroupId, GroupKind, SeatRequirement, template_on};
use crate::domain::people::PersonId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GapKind {
    /// Nobody holds the seat.
    Empty,
    /// Fewer holders than required ("2 prison doctors", "at least 1").
    Short { missing: u8 },
    /// Enough holders, but these lack the seat's qualification (a medical director who is
    /// not a physician; a chair who is not a member).
    Unqualified { holders: Vec<PersonId> },
}

impl GapKind {
    pub fn code(&self) -> &'static str {
        match self {
            GapKind::Empty => "empty",
            GapKind::Short { .. } => "short",
            GapKind::Unqualified { .. } => "unqualified",
        }
    }
}

/// A required seat that is not properly filled on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub group: GroupId,
    pub establishment: Option<EstablishmentId>,
    pub seat: String,
    pub required: u8,
    pub held: u8,
    pub kind: GapKind,
    /// The first day of the uninterrupted shortfall that is still going on.
    pub since: NaiveDate,
}

impl Gap {
    pub fn days(&self, as_of: NaiveDate) -> i64 {
        days_between(self.since, as_of)
    }
}

/// A seat as the index numbers it: `key` is `None` when no membership indexed holds it.
#[derive(Clone, Copy)]
struct Seat<'t> {
    name: &'t str,
    key: Option<SeatKey>,
    /// The chair's number, for the chair's own requirement.
    chair: Option<SeatKey>,
}

impl Seat<'_> {
    fn is_chair(&self) -> bool {
        self.name == CHAIR
    }
}

/// How many of `active` (a group's members active on the date in question) hold `seat`, and
/// how many of those lack what it requires.
fn state(active: &[Member], seat: Seat, req: &SeatRequirement) -> (usize, usize) {
    let (mut held, mut unqualified) = (0, 0);
    for m in active.iter().filter(|m| Some(m.seat) == seat.key) {
        held += 1;
        if !qualified(active, m, seat, req) {
            unqualified += 1;
        }
    }
    (held, unqualified)
}

fn qualified(active: &[Member], m: &Member, seat: Seat, req: &SeatRequirement) -> bool {
    if seat.is_chair() {
        // The chair is "held by one of the members": a seat of its own in the same group.
        return active.iter().any(|o| o.person == m.person && Some(o.seat) != seat.chair);
    }
    req.qualification.is_none_or(|q| m.has(q))
}

/// Whether the seat is short of qualified holders on `date`, under the template then in force.
/// `active` is scratch space.
fn deficient(
    data: &Dataset,
    members: &[Member],
    group: &Group,
    seat: Seat,
    first_template: NaiveDate,
    date: NaiveDate,
    active: &mut Vec<Member>,
) -> bool {
    if date < first_template || !group.exists_on(date) {
        return false;
    }
    let Some(req) = template_on(data.templates.values(), group.kind, date).and_then(|t| t.seat(seat.name))
    else {
        return false;
    };
    active_on(members, date, active);
    let (held, unqualified) = state(active, seat, req);
    held - unqualified < usize::from(req.min)
}

/// The gaps of one group on `date`, one per seat of the template in force.
pub fn group_gaps(data: &Dataset, index: &Index, group: &Group, date: NaiveDate) -> Vec<Gap> {
    Gaps::new(data, index, date).of(group)
}

/// What finding the gaps of any group on one date reads, found once for every group: the
/// template in force for each kind of group, and its seats as the index numbers them.
pub struct Gaps<'d> {
    data: &'d Dataset,
    index: &'d Index,
    date: NaiveDate,
    central: Option<InForce<'d>>,
    local: Option<InForce<'d>>,
}

struct InForce<'d> {
    /// The first template's start: nothing was required before the first circular.
    first: NaiveDate,
    seats: Vec<(&'d SeatRequirement, Seat<'d>)>,
}

impl<'d> Gaps<'d> {
    pub fn new(data: &'d Dataset, index: &'d Index, date: NaiveDate) -> Gaps<'d> {
        let chair = index.seat(CHAIR);
        let in_force = |kind| {
            let template = template_on(data.templates.values(), kind, date)?;
            let first = data.templates.values().filter(|t| t.kind == kind).map(|t| t.effective_from).min();
            let seats = template
                .seats
                .iter()
                .map(|req| (req, Seat { name: &req.key, key: index.seat(&req.key), chair }));
            Some(InForce { first: first.unwrap_or(date), seats: seats.collect() })
        };
        Gaps { data, index, date, central: in_force(GroupKind::Central), local: in_force(GroupKind::Local) }
    }

    /// The seats a kind of group must fill on the date; none before the first circular.
    fn in_force(&self, kind: GroupKind) -> Option<&InForce<'d>> {
        let in_force = match kind {
            GroupKind::Central => &self.central,
            GroupKind::Local => &self.local,
        };
        in_force.as_ref().filter(|f| self.date >= f.first)
    }

    /// How many holders the template in force requires of `group` on the date, and how many
    /// of those places are held by someone qualified (a seat's extra holders fill nothing more).
    pub fn filled(&self, group: &Group) -> (usize, usize) {
        let Some(in_force) = self.in_force(group.kind) else { return (0, 0) };
        let mut active = Vec::new();
        active_on(self.index.members(group.id), self.date, &mut active);
        in_force.seats.iter().fold((0, 0), |(required, filled), &(req, seat)| {
            let (held, unqualified) = state(&active, seat, req);
            let min = usize::from(req.min);
            (required + min, filled + (held - unqualified).min(min))
        })
    }

    /// The gaps of `group`, one per seat of the template in force.
    pub fn of(&self, group: &Group) -> Vec<Gap> {
        let (data, date) = (self.data, self.date);
        let Some(in_force) = self.in_force(group.kind) else { return Vec::new() };
        let members = self.index.members(group.id);
        let mut active = Vec::new();
        active_on(members, date, &mut active);
        let mut scratch = Vec::new();
        let mut out = Vec::new();
        for &(req, seat) in &in_force.seats {
            let (held, unqualified) = state(&active, seat, req);
            if held - unqualified >= usize::from(req.min) {
                continue;
            }
            let kind = if held == 0 {
                GapKind::Empty
            } else if held < usize::from(req.min) {
                GapKind::Short { missing: req.min - held as u8 }
            } else {
                let holders = active.iter().filter(|m| Some(m.seat) == seat.key);
                let holders =
                    holders.filter(|m| !qualified(&active, m, seat, req)).map(|m| m.person).collect();
                GapKind::Unqualified { holders }
            };
            out.push(Gap {
                group: group.id,
                establishment: group.establishment.clone(),
                seat: req.key.clone(),
                required: req.min,
                held: held.min(usize::from(u8::MAX)) as u8,
                kind,
                since: since(data, members, group, seat, in_force.first, date, &mut scratch),
            });
        }
        out
    }
}

/// Puts in `active` the members among `members` active on `date`: sifted once, then read once
/// a seat.
fn active_on(members: &[Member], date: NaiveDate, active: &mut Vec<Member>) {
    active.clear();
    active.extend(members.iter().filter(|m| m.active_on(date)));
}

/// Walks back over the days on which anything about this seat changed, to the start of the
/// shortfall that is still going on. `active` is scratch space.
fn since(
    data: &Dataset,
    members: &[Member],
    group: &Group,
    seat: Seat,
    first_template: NaiveDate,
    date: NaiveDate,
    active: &mut Vec<Member>,
) -> NaiveDate {
    let mut events: Vec<NaiveDate> = members
        .iter()
        .filter(|m| seat.is_chair() || Some(m.seat) == seat.key)
        .flat_map(|m| [Some(m.from), m.until.and_then(|u| u.succ_opt())])
        .flatten()
        .chain(data.templates.values().filter(|t| t.kind == group.kind).map(|t| t.effective_from))
        .chain(group.created)
        .filter(|e| *e <= date)
        .collect();
    events.sort_unstable();
    events.dedup();
    let mut start = first_template.max(group.created.unwrap_or(first_template));
    for e in events.into_iter().rev() {
        if deficient(data, members, group, seat, first_template, e, active) {
            start = e;
        } else {
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::{Membership, circular_central_template, circular_local_template};
    use crate::domain::people::{Person, Qualification};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn base() -> Dataset {
        let mut data = Dataset::default();
        data.templates.insert(1, circular_central_template(1));
        data.templates.insert(2, circular_local_template(2));
        data.groups.insert(
            3,
            Group {
                id: 3,
                kind: GroupKind::Local,
                establishment: Some("mons".into()),
                created: Some(d(2007, 1, 1)),
                dissolved: None,
            },
        );
        data.groups.insert(
            4,
            Group {
                id: 4,
                kind: GroupKind::Central,
                establishment: None,
                created: Some(d(2006, 7, 18)),
                dissolved: None,
            },
        );
        for (id, q) in [(10, vec![Qualification::Physician]), (11, vec![]), (12, vec![])] {
            data.people.insert(
                id,
                Person {
                    id,
                    name: format!("P{id}"),
                    function: String::new(),
                    organisation: String::new(),
                    qualifications: q,
                    contact: String::new(),
                },
            );
        }
        data
    }

    fn member(
        data: &mut Dataset,
        id: u64,
        person: u64,
        group: u64,
        seat: &str,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) {
        data.memberships
            .insert(id, Membership { id, person, group, seat: seat.into(), from, until, delegate_of: None });
    }

    fn gaps_of(data: &Dataset, group: u64, date: NaiveDate) -> Vec<Gap> {
        group_gaps(data, &Index::new(data), &data.groups[&group], date)
    }

    fn gap<'a>(gaps: &'a [Gap], seat: &str) -> Option<&'a Gap> {
        gaps.iter().find(|g| g.seat == seat)
    }

    /// The share of seats filled counts each required place once: an unqualified holder
    /// fills nothing, a second holder of an "at least one" seat fills nothing more.
    #[test]
    fn filled_places_count_qualified_holders_up_to_what_is_required() {
        let mut data = base();
        let filled = |data: &Dataset| {
            let index = Index::new(data);
            Gaps::new(data, &index, d(2025, 1, 1)).filled(&data.groups[&3])
        };
        assert_eq!(filled(&data), (7, 0));
        member(&mut data, 20, 11, 3, "doctor", d(2020, 1, 1), None);
        assert_eq!(filled(&data), (7, 0), "the doctor seat needs a physician");
        member(&mut data, 21, 10, 3, "doctor", d(2020, 1, 1), None);
        member(&mut data, 22, 11, 3, "drug_help_service", d(2020, 1, 1), None);
        member(&mut data, 23, 12, 3, "drug_help_service", d(2020, 1, 1), None);
        assert_eq!(filled(&data), (7, 2));
        member(&mut data, 24, 12, 3, "psychosocial", d(2020, 1, 1), Some(d(2024, 12, 31)));
        assert_eq!(filled(&data), (7, 2), "a membership ended before the date fills nothing");
        assert_eq!(Gaps::new(&data, &Index::new(&data), d(2006, 1, 1)).filled(&data.groups[&3]), (0, 0));
    }

    #[test]
    fn empty_seat_since_the_group_was_created() {
        let data = base();
        let gaps = gaps_of(&data, 3, d(2025, 1, 1));
        assert_eq!(gaps.len(), 7);
        let doc = gap(&gaps, "doctor").unwrap();
        assert_eq!((doc.kind.clone(), doc.since), (GapKind::Empty, d(2007, 1, 1)));
        assert_eq!(doc.days(d(2007, 1, 11)), 10);
    }

    #[test]
    fn empty_since_the_day_after_the_last_holder_left() {
        let mut data = base();
        member(&mut data, 20, 10, 3, "doctor", d(2010, 1, 1), Some(d(2024, 2, 29)));
        assert!(gap(&gaps_of(&data, 3, d(2024, 2, 29)), "doctor").is_none(), "held on its last day");
        let g = gaps_of(&data, 3, d(2024, 3, 1));
        assert_eq!(gap(&g, "doctor").unwrap().since, d(2024, 3, 1));
    }

    #[test]
    fn unqualified_holder_of_a_physician_seat() {
        let mut data = base();
        member(&mut data, 20, 11, 3, "doctor", d(2015, 5, 1), None);
        let g = gaps_of(&data, 3, d(2025, 1, 1));
        let doc = gap(&g, "doctor").unwrap();
        assert_eq!(doc.kind, GapKind::Unqualified { holders: vec![11] });
        assert_eq!(doc.since, d(2007, 1, 1), "empty, then held by a non-physician: one shortfall");
    }

    #[test]
    fn under_filled_seat_counts_what_is_missing() {
        let mut data = base();
        member(&mut data, 20, 10, 4, "prison_doctor", d(2008, 1, 1), None);
        let g = gaps_of(&data, 4, d(2025, 1, 1));
        let pd = gap(&g, "prison_doctor").unwrap();
        assert_eq!((pd.kind.clone(), pd.held, pd.required), (GapKind::Short { missing: 1 }, 1, 2));
    }

    #[test]
    fn chair_vacant_since_resignation_and_chair_must_be_a_member() {
        let mut data = base();
        member(&mut data, 20, 11, 4, "director_general", d(2006, 7, 18), None);
        member(&mut data, 21, 11, 4, CHAIR, d(2006, 7, 18), Some(d(2011, 5, 31)));
        assert!(gap(&gaps_of(&data, 4, d(2011, 5, 31)), CHAIR).is_none());
        let chair = gaps_of(&data, 4, d(2025, 1, 1)).into_iter().find(|g| g.seat == CHAIR).unwrap();
        assert_eq!((chair.kind, chair.since), (GapKind::Empty, d(2011, 6, 1)));
        // A chair from outside the group does not fill the seat.
        member(&mut data, 22, 12, 4, CHAIR, d(2012, 1, 1), None);
        let chair = gaps_of(&data, 4, d(2025, 1, 1)).into_iter().find(|g| g.seat == CHAIR).unwrap();
        assert_eq!((chair.kind, chair.since), (GapKind::Unqualified { holders: vec![12] }, d(2011, 6, 1)));
    }

    #[test]
    fn at_least_seats_accept_more_holders() {
        let mut data = base();
        member(&mut data, 20, 11, 3, "drug_help_service", d(2010, 1, 1), None);
        member(&mut data, 21, 12, 3, "drug_help_service", d(2010, 1, 1), None);
        assert!(gap(&gaps_of(&data, 3, d(2025, 1, 1)), "drug_help_service").is_none());
    }

    #[test]
    fn a_template_change_adds_and_removes_seats_from_its_date() {
        let mut data = base();
        let mut new = circular_local_template(5);
        new.effective_from = d(2020, 1, 1);
        new.seats.retain(|s| s.key != "officers_manager");
        new.seats.push(SeatRequirement {
            key: "nurse".into(),
            label: "Nurse".into(),
            min: 1,
            at_least: false,
            qualification: None,
            heavy: false,
        });
        data.templates.insert(5, new);
        let before = gaps_of(&data, 3, d(2019, 12, 31));
        assert!(gap(&before, "officers_manager").is_some());
        assert!(gap(&before, "nurse").is_none());
        let after = gaps_of(&data, 3, d(2025, 1, 1));
        assert!(gap(&after, "officers_manager").is_none());
        assert_eq!(gap(&after, "nurse").unwrap().since, d(2020, 1, 1));
    }

    #[test]
    fn walking_back_one_seat_leaves_the_next_seats_as_they_are() {
        let mut data = base();
        // The doctor left in 2024: walking back to when that gap began looks at 2024.
        member(&mut data, 20, 10, 3, "doctor", d(2010, 1, 1), Some(d(2024, 2, 29)));
        // A seat after the doctor's in the template, held only since 2025.
        member(&mut data, 21, 11, 3, "psychosocial", d(2025, 1, 1), None);
        let gaps = gaps_of(&data, 3, d(2025, 6, 1));
        assert!(gap(&gaps, "doctor").is_some());
        assert!(gap(&gaps, "psychosocial").is_none(), "{gaps:?}");
    }

    #[test]
    fn a_later_membership_is_not_seen_in_a_past_view() {
        let mut data = base();
        member(&mut data, 20, 10, 3, "doctor", d(2020, 1, 1), None);
        assert!(gap(&gaps_of(&data, 3, d(2019, 12, 31)), "doctor").is_some());
        assert!(gap(&gaps_of(&data, 3, d(2020, 1, 1)), "doctor").is_none());
    }
}

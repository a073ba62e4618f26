use chrono::NaiveDate;

use super::Index;
use crate::domain::dataset::Dataset;
use crate::domain::date::days_between;
use crate::domain::establishment::EstablishmentId;
use crate::domain::group::{CHAIR, Group, GroupId, Membership, SeatRequirement, template_on};
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

struct SeatState {
    holders: Vec<PersonId>,
    unqualified: Vec<PersonId>,
}

/// `active`: the group's memberships active on the date in question.
fn qualified(data: &Dataset, active: &[&Membership], m: &Membership, req: &SeatRequirement) -> bool {
    if req.key == CHAIR {
        // The chair is "held by one of the members": a seat of its own in the same group.
        return active.iter().any(|o| o.person == m.person && o.seat != CHAIR);
    }
    match req.qualification {
        None => true,
        Some(q) => data.people.get(&m.person).is_some_and(|p| p.has(q)),
    }
}

/// Who holds `seat` among `active` (the group's memberships active on the date in question).
fn state(data: &Dataset, active: &[&Membership], seat: &str, req: &SeatRequirement) -> SeatState {
    let mut s = SeatState { holders: Vec::new(), unqualified: Vec::new() };
    for m in active.iter().filter(|m| m.seat == seat) {
        s.holders.push(m.person);
        if !qualified(data, active, m, req) {
            s.unqualified.push(m.person);
        }
    }
    s
}

/// Whether the seat is short of qualified holders on `date`, under the template then in force.
fn deficient(
    data: &Dataset,
    members: &[&Membership],
    group: &Group,
    seat: &str,
    first_template: NaiveDate,
    date: NaiveDate,
) -> bool {
    if date < first_template || !group.exists_on(date) {
        return false;
    }
    let Some(req) = template_on(data.templates.values(), group.kind, date).and_then(|t| t.seat(seat)) else {
        return false;
    };
    let s = state(data, &active_on(members, date), seat, req);
    s.holders.len() - s.unqualified.len() < usize::from(req.min)
}

/// The gaps of one group on `date`, one per seat of the template in force.
pub fn group_gaps(data: &Dataset, index: &Index, group: &Group, date: NaiveDate) -> Vec<Gap> {
    let Some(template) = template_on(data.templates.values(), group.kind, date) else { return Vec::new() };
    let first_template = data
        .templates
        .values()
        .filter(|t| t.kind == group.kind)
        .map(|t| t.effective_from)
        .min()
        .unwrap_or(date);
    if date < first_template {
        // Nothing was required before the first circular.
        return Vec::new();
    }
    let members = index.memberships(group.id);
    let active = active_on(members, date);
    let mut out = Vec::new();
    for req in &template.seats {
        let s = state(data, &active, &req.key, req);
        let held = s.holders.len();
        let good = held - s.unqualified.len();
        if good >= usize::from(req.min) {
            continue;
        }
        let kind = if held == 0 {
            GapKind::Empty
        } else if held < usize::from(req.min) {
            GapKind::Short { missing: req.min - held as u8 }
        } else {
            GapKind::Unqualified { holders: s.unqualified }
        };
        out.push(Gap {
            group: group.id,
            establishment: group.establishment.clone(),
            seat: req.key.clone(),
            required: req.min,
            held: held.min(usize::from(u8::MAX)) as u8,
            kind,
            since: since(data, members, group, &req.key, first_template, date),
        });
    }
    out
}

/// The memberships among `members` active on `date`: sifted once, then read once a seat.
fn active_on<'a>(members: &[&'a Membership], date: NaiveDate) -> Vec<&'a Membership> {
    members.iter().copied().filter(|m| m.active_on(date)).collect()
}

/// Walks back over the days on which anything about this seat changed, to the start of the
/// shortfall that is still going on.
fn since(
    data: &Dataset,
    members: &[&Membership],
    group: &Group,
    seat: &str,
    first_template: NaiveDate,
    date: NaiveDate,
) -> NaiveDate {
    let chair = seat == CHAIR;
    let mut events: Vec<NaiveDate> = members
        .iter()
        .filter(|m| chair || m.seat == seat)
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
        if deficient(data, members, group, seat, first_template, e) {
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
    use crate::domain::group::{GroupKind, circular_central_template, circular_local_template};
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
    fn a_later_membership_is_not_seen_in_a_past_view() {
        let mut data = base();
        member(&mut data, 20, 10, 3, "doctor", d(2020, 1, 1), None);
        assert!(gap(&gaps_of(&data, 3, d(2019, 12, 31)), "doctor").is_some());
        assert!(gap(&gaps_of(&data, 3, d(2020, 1, 1)), "doctor").is_none());
    }
}

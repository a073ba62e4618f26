use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::dataset::Dataset;
use crate::domain::group::{CHAIR, GroupKind, Membership, MembershipId, template_on};
use crate::domain::people::PersonId;

/// More seats than this, heavy or not, is more than one person can hold.
pub const SEAT_LIMIT: usize = 3;

/// One person holding more than one person can: two full-time roles (the 2012 coordinators
/// who also became prison directors), or more seats than [`SEAT_LIMIT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overload {
    pub person: PersonId,
    /// The memberships in full-time seats.
    pub heavy: Vec<MembershipId>,
    /// Every seat held, chair excluded (chairing is part of a seat).
    pub seats: Vec<MembershipId>,
}

impl Overload {
    pub fn heavy_roles(&self) -> bool {
        self.heavy.len() >= 2
    }
}

pub fn overloads(data: &Dataset, date: NaiveDate) -> Vec<Overload> {
    overloads_of(data, date, data.memberships.values())
}

/// The overloads found among `memberships` (every membership of the people concerned, in
/// the order of their identifiers), in the order of the people's identifiers.
pub fn overloads_of<'a>(
    data: &Dataset,
    date: NaiveDate,
    memberships: impl IntoIterator<Item = &'a Membership>,
) -> Vec<Overload> {
    let mut per_person: BTreeMap<PersonId, Overload> = BTreeMap::new();
    // The template in force, found once per kind of group rather than once per seat held.
    let central = template_on(data.templates.values(), GroupKind::Central, date);
    let local = template_on(data.templates.values(), GroupKind::Local, date);
    let held = memberships.into_iter().filter(|m| m.active_on(date) && m.seat != CHAIR);
    for m in held {
        let Some(group) = data.groups.get(&m.group).filter(|g| g.exists_on(date)) else { continue };
        let template = match group.kind {
            GroupKind::Central => central,
            GroupKind::Local => local,
        };
        let heavy = template.and_then(|t| t.seat(&m.seat)).is_some_and(|s| s.heavy);
        let entry = per_person.entry(m.person).or_insert_with(|| Overload {
            person: m.person,
            heavy: Vec::new(),
            seats: Vec::new(),
        });
        entry.seats.push(m.id);
        if heavy {
            entry.heavy.push(m.id);
        }
    }
    per_person.into_values().filter(|o| o.heavy_roles() || o.seats.len() > SEAT_LIMIT).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::{
        Group, GroupKind, Membership, circular_central_template, circular_local_template,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn data() -> Dataset {
        let mut data = Dataset::default();
        data.templates.insert(1, circular_central_template(1));
        data.templates.insert(2, circular_local_template(2));
        data.groups.insert(
            3,
            Group { id: 3, kind: GroupKind::Central, establishment: None, created: None, dissolved: None },
        );
        data.groups.insert(
            4,
            Group {
                id: 4,
                kind: GroupKind::Local,
                establishment: Some("lantin".into()),
                created: None,
                dissolved: None,
            },
        );
        data.groups.insert(
            5,
            Group {
                id: 5,
                kind: GroupKind::Local,
                establishment: Some("mons".into()),
                created: None,
                dissolved: None,
            },
        );
        data
    }

    fn member(data: &mut Dataset, id: u64, group: u64, seat: &str, from: NaiveDate) {
        data.memberships.insert(
            id,
            Membership { id, person: 1, group, seat: seat.into(), from, until: None, delegate_of: None },
        );
    }

    #[test]
    fn coordinator_who_became_director_is_overloaded_from_that_day() {
        let mut data = data();
        member(&mut data, 10, 3, "drug_coordinator", d(2006, 9, 1));
        member(&mut data, 11, 4, "principal_director", d(2012, 9, 1));
        assert!(overloads(&data, d(2012, 8, 31)).is_empty());
        let o = overloads(&data, d(2012, 9, 1));
        assert_eq!(o.len(), 1);
        assert!(o[0].heavy_roles());
        assert_eq!(o[0].heavy, vec![10, 11]);
    }

    #[test]
    fn many_light_seats_overload_past_the_limit_and_chair_is_not_a_seat() {
        let mut data = data();
        member(&mut data, 10, 4, "drug_help_service", d(2010, 1, 1));
        member(&mut data, 11, 5, "drug_help_service", d(2010, 1, 1));
        member(&mut data, 12, 3, "public_health", d(2010, 1, 1));
        member(&mut data, 13, 3, CHAIR, d(2010, 1, 1));
        assert!(overloads(&data, d(2011, 1, 1)).is_empty(), "three seats is the limit, not over it");
        member(&mut data, 14, 4, "drug_help_coordinator", d(2011, 1, 1));
        let o = overloads(&data, d(2011, 1, 1));
        assert_eq!((o.len(), o[0].heavy_roles(), o[0].seats.len()), (1, false, 4));
    }
}

use chrono::NaiveDate;

use super::index::{Held, Index};
use crate::domain::dataset::Dataset;
use crate::domain::group::{GroupKind, MembershipId, template_on};
use crate::domain::people::{PersonId, Qualification};

/// One person holding more than one person can: two full-time jobs (the 2012 coordinators
/// who also became prison directors), or more seats than the coordinator's limit (three unless set otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overload {
    pub person: PersonId,
    /// The memberships in full-time seats.
    pub heavy: Vec<MembershipId>,
    /// The full-time jobs those seats are: a prison director sits in the central group as
    /// one (its seats that require a prison director) and directs a prison's local group, one
    /// job in two seats.
    pub jobs: usize,
    /// Every seat held, chair excluded (chairing is part of a seat).
    pub seats: Vec<MembershipId>,
}

impl Overload {
    pub fn heavy_roles(&self) -> bool {
        self.jobs >= 2
    }
}

/// The overloads among the people whose seats `index` holds (everyone's, or those of the
/// people a change concerns), in the order of their identifiers.
pub fn overloads(data: &Dataset, index: &Index, date: NaiveDate) -> Vec<Overload> {
    // A person's seats in other prisons' groups are not in a staff member's part: the rule
    // would count fewer and say less than it should.
    if data.partial {
        return Vec::new();
    }
    // Which seats are full-time under the template in force, found once per kind of group
    // rather than once per seat held.
    // A central seat that requires a prison director is the job of directing a prison, the
    // job a local group's full-time seat is too.
    let heavy_seats = |kind, directors: bool| {
        template_on(data.templates.values(), kind, date).map_or_else(Vec::new, |t| {
            t.seats
                .iter()
                .filter(|s| s.heavy && (s.qualification == Some(Qualification::PrisonDirector)) == directors)
                .filter_map(|s| index.seat(&s.key))
                .collect::<Vec<_>>()
        })
    };
    let (central, central_directors, local) = (
        heavy_seats(GroupKind::Central, false),
        heavy_seats(GroupKind::Central, true),
        heavy_seats(GroupKind::Local, false),
    );
    let limit = index.thresholds(date).seat_limit as usize;
    let mut out = Vec::new();
    // The seats are in person order: one run of them per person.
    for run in index.held().chunk_by(|a, b| a.person == b.person) {
        let held = || run.iter().filter(|h| h.active_on(date));
        // One seat is neither two full-time roles nor more than the limit: most people are
        // passed over without collecting anything.
        if held().nth(1).is_none() {
            continue;
        }
        let count = |kind, seats: &[_]| held().filter(|h| h.kind == kind && seats.contains(&h.seat)).count();
        let directing = count(GroupKind::Local, &local).max(count(GroupKind::Central, &central_directors));
        let heavy = |h: &&Held| match h.kind {
            GroupKind::Central => central.contains(&h.seat) || central_directors.contains(&h.seat),
            GroupKind::Local => local.contains(&h.seat),
        };
        let o = Overload {
            person: run[0].person,
            heavy: held().filter(heavy).map(|h| h.membership).collect(),
            jobs: count(GroupKind::Central, &central) + directing,
            seats: held().map(|h| h.membership).collect(),
        };
        if o.heavy_roles() || o.seats.len() > limit {
            out.push(o);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::{
        CHAIR, Group, GroupKind, Membership, circular_central_template, circular_local_template,
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
        member(&mut data, 10, 3, crate::domain::group::COORDINATOR_FR, d(2006, 9, 1));
        member(&mut data, 11, 4, "principal_director", d(2012, 9, 1));
        assert!(overloads(&data, &Index::new(&data), d(2012, 8, 31)).is_empty());
        let o = overloads(&data, &Index::new(&data), d(2012, 9, 1));
        assert_eq!(o.len(), 1);
        assert!(o[0].heavy_roles());
        assert_eq!((o[0].heavy.clone(), o[0].jobs), (vec![10, 11], 2));
    }

    /// A prison director in the central group's "prison director" seat who also directs their
    /// own prison's local group has one job, not two; directing two prisons is two.
    #[test]
    fn a_director_in_both_groups_has_one_job() {
        let mut data = data();
        member(&mut data, 10, 3, "prison_director", d(2010, 1, 1));
        member(&mut data, 11, 4, "principal_director", d(2010, 1, 1));
        assert!(overloads(&data, &Index::new(&data), d(2011, 1, 1)).is_empty());
        member(&mut data, 12, 5, "principal_director", d(2011, 1, 1));
        let o = overloads(&data, &Index::new(&data), d(2011, 1, 1));
        assert_eq!((o.len(), o[0].jobs, o[0].heavy.len()), (1, 2, 3));
    }

    #[test]
    fn many_light_seats_overload_past_the_limit_and_chair_is_not_a_seat() {
        let mut data = data();
        member(&mut data, 10, 4, "drug_help_service", d(2010, 1, 1));
        member(&mut data, 11, 5, "drug_help_service", d(2010, 1, 1));
        member(&mut data, 12, 3, "public_health", d(2010, 1, 1));
        member(&mut data, 13, 3, CHAIR, d(2010, 1, 1));
        assert!(
            overloads(&data, &Index::new(&data), d(2011, 1, 1)).is_empty(),
            "three seats is the limit, not over it"
        );
        member(&mut data, 14, 4, "drug_help_coordinator", d(2011, 1, 1));
        let o = overloads(&data, &Index::new(&data), d(2011, 1, 1));
        assert_eq!((o.len(), o[0].heavy_roles(), o[0].seats.len()), (1, false, 4));
        // The coordinator raises the limit to four from 2011: four seats are no longer too many
        // from then on.
        let four = crate::domain::Thresholds { seat_limit: 4, ..crate::domain::Thresholds::DEFAULT };
        data.settings.insert(
            90,
            crate::domain::Settings {
                id: 90,
                effective_from: d(2011, 1, 1),
                thresholds: four,
                note: String::new(),
            },
        );
        assert!(overloads(&data, &Index::new(&data), d(2011, 1, 1)).is_empty());
    }
}

//! The two drug-policy coordinators: one for the French-speaking prisons, one for the
//! Dutch-speaking ones, each in a seat of the central group; Brussels as they decide.

use chrono::NaiveDate;

use crate::domain::GroupKind;
use crate::domain::dataset::Dataset;
use crate::domain::establishment::{Establishment, LanguageRegime};
use crate::domain::group::{COORDINATOR_FR, COORDINATOR_NL, template_on};
use crate::domain::people::PersonId;

/// Who coordinates an establishment's drug policy on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coordinator {
    /// The holder of its side's seat (the first appointed, if two hold it).
    Held { side: LanguageRegime, person: PersonId },
    /// Its side's seat is vacant: a gap of the central group too.
    Vacant { side: LanguageRegime },
    /// The central group's seats in force do not split the coordinators by side (a store
    /// made before the split): nobody can be named.
    Unknown,
}

/// The seat of the coordinator of one side.
pub fn coordinator_seat(side: LanguageRegime) -> &'static str {
    if side == LanguageRegime::Dutch { COORDINATOR_NL } else { COORDINATOR_FR }
}

/// The coordinator who serves `e` on `date`.
pub fn coordinator_of(data: &Dataset, e: &Establishment, date: NaiveDate) -> Coordinator {
    let side = e.coordinator_side();
    let seat = coordinator_seat(side);
    let split = template_on(data.templates.values(), GroupKind::Central, date)
        .is_some_and(|t| t.seat(seat).is_some());
    let Some(central) = data.central_group().filter(|g| split && g.exists_on(date)) else {
        return Coordinator::Unknown;
    };
    data.memberships
        .values()
        .filter(|m| m.group == central.id && m.seat == seat && m.active_on(date))
        .min_by_key(|m| (m.from, m.id))
        .map_or(Coordinator::Vacant { side }, |m| Coordinator::Held { side, person: m.person })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::Membership;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// French-language prisons have the French-speaking coordinator, Flemish ones the
    /// Dutch-speaking one, Brussels the French-speaking one until the coordinators decide
    /// otherwise; two French-speaking coordinators leave the Dutch-speaking prisons without.
    #[test]
    fn each_prison_has_its_sides_coordinator() {
        let mut data = Dataset::initial(crate::domain::establishment::reference_establishments());
        let find = |data: &Dataset, l: LanguageRegime| {
            data.establishments.values().find(|e| e.language == l).unwrap().clone()
        };
        let (fr, nl, bxl) = (
            find(&data, LanguageRegime::French),
            find(&data, LanguageRegime::Dutch),
            find(&data, LanguageRegime::Bilingual),
        );
        let at = d(2010, 1, 1);
        assert_eq!(coordinator_of(&data, &fr, at), Coordinator::Vacant { side: LanguageRegime::French });
        let appoint = |data: &mut Dataset, id: u64, person: u64, seat: &str| {
            data.memberships.insert(
                id,
                Membership {
                    id,
                    person,
                    group: 1,
                    seat: seat.into(),
                    from: d(2006, 9, 1),
                    until: None,
                    delegate_of: None,
                },
            );
        };
        appoint(&mut data, 900, 7, COORDINATOR_FR);
        appoint(&mut data, 901, 8, COORDINATOR_FR);
        assert_eq!(
            coordinator_of(&data, &fr, at),
            Coordinator::Held { side: LanguageRegime::French, person: 7 }
        );
        assert_eq!(
            coordinator_of(&data, &bxl, at),
            Coordinator::Held { side: LanguageRegime::French, person: 7 }
        );
        assert_eq!(coordinator_of(&data, &nl, at), Coordinator::Vacant { side: LanguageRegime::Dutch });
        appoint(&mut data, 902, 9, COORDINATOR_NL);
        assert_eq!(
            coordinator_of(&data, &nl, at),
            Coordinator::Held { side: LanguageRegime::Dutch, person: 9 }
        );
        let bxl = Establishment { coordinator: Some(LanguageRegime::Dutch), ..bxl };
        assert_eq!(
            coordinator_of(&data, &bxl, at),
            Coordinator::Held { side: LanguageRegime::Dutch, person: 9 }
        );
        // The split is checked as seats: two French-speaking coordinators leave a gap.
        let gaps = |data: &Dataset| {
            let index = super::super::Index::new(data);
            let gaps = super::super::group_gaps(data, &index, &data.groups[&1], at);
            (gaps.iter().any(|g| g.seat == COORDINATOR_FR), gaps.iter().any(|g| g.seat == COORDINATOR_NL))
        };
        assert_eq!(gaps(&data), (false, false));
        data.memberships.remove(&902);
        assert_eq!(gaps(&data), (false, true), "no Dutch-speaking coordinator");
    }
}

//! The seed's own figures: per language regime, how many establishments the circular covers,
//! how many have a local group, and how many of those groups meet.

use chrono::NaiveDate;

use super::gaps::Gaps;
use super::{Activity, Index, activity, waiting_since};
use crate::domain::dataset::Dataset;
use crate::domain::establishment::LanguageRegime;
use crate::domain::group::{Group, GroupKind};

/// One language regime's figures on a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegimeFigures {
    /// Open and covered by the circular.
    pub covered: usize,
    /// Of those, with a local group.
    pub with_group: usize,
    /// Of those, whose group met within the dormancy period.
    pub meeting: usize,
    /// The places their local groups' seats require, and how many of them are held by someone
    /// qualified.
    pub seats_required: usize,
    pub seats_filled: usize,
    /// Projects of open establishments waiting for the central group's decision.
    pub waiting: usize,
}

impl RegimeFigures {
    /// The share of required seats filled, in whole percent; `None` when no seat is required.
    pub fn seats_percent(&self) -> Option<usize> {
        (self.seats_required > 0).then(|| self.seats_filled * 100 / self.seats_required)
    }
}

/// One year's figures, on its 31 December (or the day viewed, in its own year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFigures {
    pub year: i32,
    pub french: RegimeFigures,
    pub dutch: RegimeFigures,
}

/// The figures on 31 December of every year from the circular's to `until`'s, the last on
/// `until` itself: what the report tabulates and the trend view draws.
/// None when nothing is recorded yet, and from the year of the first record otherwise: 21
/// years of 0 before the first meeting would be no history but its absence.
pub fn figures_by_year(data: &Dataset, index: &Index, until: NaiveDate) -> Vec<YearFigures> {
    use chrono::Datelike;
    let Some(start) = history_starts(data) else { return Vec::new() };
    let first = crate::domain::group::circular_date().year().max(start.year());
    let days: Vec<(i32, NaiveDate)> = (first..=until.year())
        .filter_map(|year| NaiveDate::from_ymd_opt(year, 12, 31).map(|d| (year, d.min(until))))
        .collect();
    let year = |&(year, day): &(i32, NaiveDate)| {
        let (french, dutch) = figures(data, index, day);
        YearFigures { year, french, dutch }
    };
    // Each year reads everything once: at 100,000 records, twenty years are worth both cores.
    // The odd years on a thread of their own, the even ones here.
    let odd = || days.iter().skip(1).step_by(2).map(year).collect::<Vec<_>>();
    let (even, odd) = std::thread::scope(|threads| {
        let other = std::thread::Builder::new().name("figures".into()).spawn_scoped(threads, odd);
        let even: Vec<YearFigures> = days.iter().step_by(2).map(year).collect();
        let odd = match other {
            Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: the same work, here.
            Err(_) => odd(),
        };
        (even, odd)
    });
    let mut all: Vec<YearFigures> = even.into_iter().chain(odd).collect();
    all.sort_by_key(|y| y.year);
    all
}

/// The first day anything the figures count is recorded: a meeting, or a member taking a seat.
pub fn history_starts(data: &Dataset) -> Option<NaiveDate> {
    let meetings = data.meetings.values().map(|m| m.date);
    meetings.chain(data.memberships.values().map(|m| m.from)).min()
}

/// The figures on `date` for the French-speaking establishments (French and Brussels'
/// bilingual ones, as the seed counts them) and the Dutch-speaking ones.
pub fn figures(data: &Dataset, index: &Index, date: NaiveDate) -> (RegimeFigures, RegimeFigures) {
    // Each establishment's local group on the date, found in one pass over the groups (one
    // lookup per establishment would read every group for each: slow at 100,000 records).
    let mut groups: crate::domain::FastMap<&str, &Group> = crate::domain::FastMap::default();
    for g in data.groups.values().filter(|g| g.kind == GroupKind::Local && g.exists_on(date)) {
        if let Some(e) = g.establishment.as_deref() {
            let slot = groups.entry(e).or_insert(g);
            if g.supersedes(slot) {
                *slot = g;
            }
        }
    }
    let (mut french, mut dutch) = (RegimeFigures::default(), RegimeFigures::default());
    let seats = Gaps::new(data, index, date);
    for e in data.establishments.values().filter(|e| e.is_open_on(date) && e.covered_on(date)) {
        let f = if e.language == LanguageRegime::Dutch { &mut dutch } else { &mut french };
        f.covered += 1;
        let group = groups.get(e.id.as_str()).copied();
        if let Some(g) = group {
            f.with_group += 1;
            let (required, filled) = seats.filled(g);
            f.seats_required += required;
            f.seats_filled += filled;
        }
        if matches!(activity(index, group, date), Activity::Active { .. }) {
            f.meeting += 1;
        }
    }
    // Waiting as the Authorisations pane says it, without building its rows.
    for p in data.projects.values().filter(|p| waiting_since(index, p, date).is_some()) {
        let Some(e) = data.establishments.get(&p.establishment) else { continue };
        let f = if e.language == LanguageRegime::Dutch { &mut dutch } else { &mut french };
        f.waiting += 1;
    }
    (french, dutch)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo tells the seed's figures: at the end of 2011, 12 of the 16 French-speaking
    /// establishments the circular covers have a local group; at the end of 2017, 4 of
    /// their groups still meet.
    #[test]
    fn the_demo_tells_the_seeds_figures() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let data = crate::demo::demo_dataset(d(2026, 11, 23));
        let index = Index::new(&data);
        let (fr_2011, _) = figures(&data, &index, d(2011, 12, 31));
        assert_eq!((fr_2011.covered, fr_2011.with_group), (16, 12), "{fr_2011:?}");
        let (fr_2017, _) = figures(&data, &index, d(2017, 12, 31));
        assert_eq!(fr_2017.meeting, 4, "{fr_2017:?}");
    }

    /// Computed on two threads, the years come back in order, each the figures of its day.
    #[test]
    fn the_years_are_in_order_each_its_own() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let data = crate::demo::demo_dataset(d(2026, 11, 23));
        let index = Index::new(&data);
        let years = figures_by_year(&data, &index, d(2026, 11, 23));
        assert_eq!(years.iter().map(|y| y.year).collect::<Vec<_>>(), (2006..=2026).collect::<Vec<_>>());
        for y in &years {
            let day = d(y.year, 12, 31).min(d(2026, 11, 23));
            assert_eq!((y.french, y.dutch), figures(&data, &index, day), "{}", y.year);
        }
    }

    /// Projects waiting count where their establishment's regime says (Brussels with the
    /// French-speaking), only while submitted and undecided, only with a fundamental element.
    #[test]
    fn projects_waiting_by_regime() {
        use crate::domain::project::{FundamentalElement, Project, ProjectEvent, ProjectStep};
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut data = Dataset::initial(crate::domain::establishment::reference_establishments());
        let brussels = data.establishments.values().find(|e| e.language == LanguageRegime::Bilingual);
        let flemish = data.establishments.values().find(|e| e.language == LanguageRegime::Dutch);
        let (brussels, flemish) = (brussels.unwrap().id.clone(), flemish.unwrap().id.clone());
        let project = |id,
                       establishment: &str,
                       elements: Vec<FundamentalElement>,
                       steps: Vec<(NaiveDate, ProjectStep)>| Project {
            id,
            establishment: establishment.into(),
            title: format!("P{id}"),
            promoter: String::new(),
            elements,
            history: steps.into_iter().map(|(date, step)| ProjectEvent { date, step }).collect(),
        };
        let wing = || vec![FundamentalElement::DrugFreeWing];
        let submitted = (d(2010, 3, 1), ProjectStep::Submitted);
        let authorised = (d(2010, 9, 1), ProjectStep::Authorised { conditions: String::new() });
        for p in [
            project(1001, &brussels, wing(), vec![submitted.clone()]),
            project(1002, &flemish, wing(), vec![submitted.clone(), authorised]),
            project(1003, &flemish, vec![], vec![submitted.clone()]),
            project(1004, &flemish, wing(), vec![submitted]),
        ] {
            data.projects.insert(p.id, p);
        }
        let index = Index::new(&data);
        let waiting = |date| {
            let (fr, nl) = figures(&data, &index, date);
            (fr.waiting, nl.waiting)
        };
        assert_eq!(waiting(d(2010, 2, 28)), (0, 0));
        assert_eq!(waiting(d(2010, 3, 1)), (1, 2));
        assert_eq!(waiting(d(2010, 9, 1)), (1, 1));
    }
}

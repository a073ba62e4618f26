use chrono::NaiveDate;

use super::Index;
use crate::domain::dataset::Dataset;
use crate::domain::date::{days_between, months_before};
use crate::domain::establishment::EstablishmentId;
use crate::domain::group::CHAIR;
use crate::domain::project::{Project, ProjectId};

/// Why the central group cannot decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    /// There is no central group on that date.
    NoCentralGroup,
    /// The central group has no chair, since a date.
    NoChair { since: Option<NaiveDate> },
    /// The central group has not met since a date (its last meeting).
    NotMetSince(NaiveDate),
    /// The central group has never met.
    NeverMet,
}

/// Where a project with a fundamental element stands, when it needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Submitted, waiting for the central group's decision.
    Waiting,
    /// A draft never submitted, for longer than the overdue period.
    Draft,
    /// Running without the central group's authorisation.
    RunningUnauthorised,
}

/// A project with a fundamental element that the central group's prior authorisation
/// concerns: waiting for it, never asked for, or gone ahead without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingAuthorisation {
    pub project: ProjectId,
    pub establishment: EstablishmentId,
    pub standing: Standing,
    /// Submitted, drafted or started on.
    pub since: NaiveDate,
    pub days: i64,
    /// The overdue period in force on the date (see [`crate::domain::Thresholds`]).
    pub overdue_after: i64,
    /// Why the central group cannot decide (for a waiting project).
    pub blockers: Vec<Blocker>,
}

impl PendingAuthorisation {
    /// Waiting longer than the overdue period; a draft that old or a project running
    /// without authorisation is always to be seen to.
    pub fn overdue(&self) -> bool {
        match self.standing {
            Standing::Waiting => self.days > self.overdue_after,
            Standing::Draft | Standing::RunningUnauthorised => true,
        }
    }

    /// Longest wait first, then by project.
    pub fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        b.days.cmp(&a.days).then(a.project.cmp(&b.project))
    }
}

/// Since when `p` has been waiting for the central group's decision on `date`: submitted, with
/// a fundamental element, undecided, and its establishment not closed. What
/// [`Standing::Waiting`] means, without building the row.
pub fn waiting_since(index: &Index, p: &Project, date: NaiveDate) -> Option<NaiveDate> {
    // pending_since tests the fundamental element too; needs_authorisation first is cheapest.
    let since = p.needs_authorisation().then(|| p.pending_since(date)).flatten()?;
    (index.is_open(&p.establishment, date) != Some(false)).then_some(since)
}

/// Projects waiting on `date`, longest wait first; `blockers` are the central group's (from
/// [`central_blockers`]).
pub fn pending_authorisations(
    data: &Dataset,
    index: &Index,
    blockers: &[Blocker],
    date: NaiveDate,
) -> Vec<PendingAuthorisation> {
    pending_authorisations_in(index, blockers, date, data.projects.values())
}

/// Those of `projects` that are waiting, in [`PendingAuthorisation::order`].
pub fn pending_authorisations_in<'a>(
    index: &Index,
    blockers: &[Blocker],
    date: NaiveDate,
    projects: impl IntoIterator<Item = &'a Project>,
) -> Vec<PendingAuthorisation> {
    let thresholds = index.thresholds(date);
    let overdue_after = i64::from(thresholds.overdue_after_days);
    // A meeting after this day keeps the central group active (see [`super::activity`]).
    let dormant_cutoff = months_before(date, thresholds.dormant_after_months);
    let mut out: Vec<_> = projects
        .into_iter()
        .filter_map(|p| {
            // The cheapest test first: most projects need nothing.
            if !p.needs_authorisation() {
                return None;
            }
            let (standing, since) = if let Some(s) = waiting_since(index, p, date) {
                (Standing::Waiting, s)
            } else if let Some(s) = p.running_unauthorised_since(date) {
                (Standing::RunningUnauthorised, s)
            } else {
                let s = p.draft_since(date).filter(|s| days_between(*s, date) > overdue_after)?;
                (Standing::Draft, s)
            };
            if index.is_open(&p.establishment, date) == Some(false) {
                return None;
            }
            let days = days_between(since, date);
            // The central group met after the submission and is still active: it is not stuck,
            // only slow. Once dormant, its silence is a blocker again, whenever it last met.
            let blockers = match standing {
                Standing::Waiting => blockers
                    .iter()
                    .filter(|b| {
                        !matches!(b, Blocker::NotMetSince(last) if *last >= since && *last > dormant_cutoff)
                    })
                    .cloned()
                    .collect(),
                Standing::Draft | Standing::RunningUnauthorised => Vec::new(),
            };
            Some(PendingAuthorisation {
                project: p.id,
                establishment: p.establishment.clone(),
                standing,
                since,
                days,
                overdue_after,
                blockers,
            })
        })
        .collect();
    out.sort_by(PendingAuthorisation::order);
    out
}

/// Whether the central group could take a decision on `date`: it exists then and has a
/// chair (the circular's prior authorisation is its decision, taken at its meeting).
pub fn central_can_decide(data: &Dataset, date: NaiveDate) -> bool {
    let Some(central) = data.central_group().filter(|g| g.exists_on(date)) else { return false };
    data.memberships.values().any(|m| m.group == central.id && m.seat == CHAIR && m.active_on(date))
}

/// The decisions (authorisations and refusals) in `project`'s history up to `date` that the
/// central group could not take: on their day it had no chair, or did not exist.
pub fn decisions_without_chair(data: &Dataset, project: &Project, date: NaiveDate) -> Vec<NaiveDate> {
    use crate::domain::project::ProjectStep;
    project
        .history
        .iter()
        .filter(|e| e.date <= date)
        .filter(|e| matches!(e.step, ProjectStep::Authorised { .. } | ProjectStep::Refused { .. }))
        .map(|e| e.date)
        .filter(|d| !central_can_decide(data, *d))
        .collect()
}

/// Why the central group cannot decide on `date`: no group, no chair (since when), and when it
/// last met (or never).
pub fn central_blockers(data: &Dataset, index: &Index, date: NaiveDate) -> Vec<Blocker> {
    let Some(central) = data.central_group().filter(|g| g.exists_on(date)) else {
        return vec![Blocker::NoCentralGroup];
    };
    let mut out = Vec::new();
    let chair = index.seat(CHAIR);
    let chairs = || index.members(central.id).iter().filter(|m| Some(m.seat) == chair);
    if !chairs().any(|m| m.active_on(date)) {
        let since = chairs().filter_map(|m| m.until).filter(|u| *u < date).max().and_then(|u| u.succ_opt());
        out.push(Blocker::NoChair { since });
    }
    match index.last_meeting(central.id, date) {
        Some(last) => out.push(Blocker::NotMetSince(last)),
        None => out.push(Blocker::NeverMet),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::{Group, GroupKind, Meeting, Membership};
    use crate::domain::project::{FundamentalElement, Project, ProjectStep};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pending(data: &Dataset, date: NaiveDate) -> Vec<PendingAuthorisation> {
        let index = Index::new(data);
        pending_authorisations(data, &index, &central_blockers(data, &index, date), date)
    }

    fn data() -> Dataset {
        let mut data = Dataset::default();
        data.groups.insert(
            1,
            Group {
                id: 1,
                kind: GroupKind::Central,
                establishment: None,
                created: Some(d(2006, 7, 18)),
                dissolved: None,
            },
        );
        data.memberships.insert(
            2,
            Membership {
                id: 2,
                person: 9,
                group: 1,
                seat: CHAIR.into(),
                from: d(2006, 7, 18),
                until: Some(d(2011, 3, 31)),
                delegate_of: None,
            },
        );
        data.meetings.insert(
            3,
            Meeting { id: 3, group: 1, date: d(2011, 2, 1), attendees: vec![], notes: String::new() },
        );
        let mut p = Project {
            id: 4,
            establishment: "lantin".into(),
            title: "Drug-free wing".into(),
            promoter: "x".into(),
            elements: vec![FundamentalElement::DrugFreeWing],
            history: vec![],
        };
        p.record(ProjectStep::Submitted, d(2013, 5, 2)).unwrap();
        data.projects.insert(4, p);
        data
    }

    #[test]
    fn waiting_project_is_stuck_on_the_missing_chair_and_no_meeting() {
        let data = data();
        let list = pending(&data, d(2026, 11, 23));
        assert_eq!(list.len(), 1);
        let p = &list[0];
        assert_eq!(p.days, days_between(d(2013, 5, 2), d(2026, 11, 23)));
        assert!(p.overdue());
        assert_eq!(
            p.blockers,
            vec![Blocker::NoChair { since: Some(d(2011, 4, 1)) }, Blocker::NotMetSince(d(2011, 2, 1))]
        );
    }

    #[test]
    fn overdue_only_after_ninety_days() {
        let data = data();
        let at = |date| pending(&data, date)[0].overdue();
        assert!(!at(d(2013, 7, 31)), "90 days");
        assert!(at(d(2013, 8, 1)), "91 days");
        // The coordinator's period in force on the date viewed: 120 days from 2013.
        let mut data = data;
        let longer =
            crate::domain::Thresholds { overdue_after_days: 120, ..crate::domain::Thresholds::DEFAULT };
        data.settings.insert(
            90,
            crate::domain::Settings {
                id: 90,
                effective_from: d(2013, 1, 1),
                thresholds: longer,
                note: String::new(),
            },
        );
        let at = |date| pending(&data, date)[0].overdue();
        assert!(!at(d(2013, 8, 1)), "91 days, under 120");
        assert!(at(d(2013, 8, 31)), "121 days");
    }

    #[test]
    fn a_meeting_after_submission_is_not_a_blocker() {
        let mut data = data();
        data.meetings.insert(
            5,
            Meeting { id: 5, group: 1, date: d(2014, 1, 1), attendees: vec![], notes: String::new() },
        );
        let list = pending(&data, d(2014, 3, 1));
        assert_eq!(list[0].blockers, vec![Blocker::NoChair { since: Some(d(2011, 4, 1)) }]);
    }

    #[test]
    fn a_meeting_after_submission_blocks_again_once_the_group_is_dormant() {
        // Andenne: submitted, the central group met once after, then never again.
        let mut data = data();
        data.meetings.insert(
            5,
            Meeting { id: 5, group: 1, date: d(2014, 1, 1), attendees: vec![], notes: String::new() },
        );
        let list = pending(&data, d(2014, 7, 1));
        assert_eq!(
            list[0].blockers,
            vec![Blocker::NoChair { since: Some(d(2011, 4, 1)) }, Blocker::NotMetSince(d(2014, 1, 1))],
            "six months without a meeting: dormant, the silence is in force"
        );
        let list = pending(&data, d(2014, 6, 30));
        assert_eq!(list[0].blockers, vec![Blocker::NoChair { since: Some(d(2011, 4, 1)) }]);
    }

    #[test]
    fn never_met_and_no_central_group() {
        let mut data = data();
        data.meetings.clear();
        let list = pending(&data, d(2015, 1, 1));
        assert!(list[0].blockers.contains(&Blocker::NeverMet));
        data.groups.clear();
        let list = pending(&data, d(2015, 1, 1));
        assert_eq!(list[0].blockers, vec![Blocker::NoCentralGroup]);
    }

    #[test]
    fn a_decided_project_is_no_longer_pending() {
        let mut data = data();
        data.projects
            .get_mut(&4)
            .unwrap()
            .record(ProjectStep::Refused { reason: "no staff".into() }, d(2020, 1, 1))
            .unwrap();
        assert_eq!(pending(&data, d(2019, 12, 31)).len(), 1);
        assert!(pending(&data, d(2020, 1, 1)).is_empty());
    }
}

//! The rules, each computed as of a date. [`Situation::compute`] runs them all once per
//! change of data or date, so drawing a frame never recomputes anything.

pub mod access;
mod activity;
mod authorisations;
mod concertation;
mod coordinators;
mod figures;
mod gaps;
mod index;
mod lookup;
mod overload;
mod scope;
mod training;

use super::FastMap;

use chrono::NaiveDate;

pub use activity::{Activity, activity};
pub use authorisations::{
    Blocker, PendingAuthorisation, Standing, central_blockers, central_can_decide, decisions_without_chair,
    pending_authorisations, pending_authorisations_in, waiting_since,
};
pub use concertation::{
    ConcertationView, Consent, InForce, MeetingRow, MembersRules, ProductionRow, ServiceRow, Stage, consent,
    members_on, minutes_consent, motion_result, problems_of, production_consent, production_row, rules_on,
    seal, sealed_part,
};
pub use coordinators::{Coordinator, coordinator_of, coordinator_seat};
pub use figures::{RegimeFigures, YearFigures, figures, figures_by_year, history_starts};
use gaps::Gaps;
pub use gaps::{Gap, GapKind, group_gaps};
pub use index::{Covering, Held, Index, Member, SeatKey};
pub use lookup::Lookup;
pub use overload::{Overload, overloads};
pub use scope::Scope;
pub use training::{NeedRow, coverage_by, need_rows, need_rows_in};

use super::dataset::Dataset;
use super::establishment::{Establishment, EstablishmentId};
use super::group::{Group, GroupId, GroupKind};
use super::training::NeedStatus;

/// One row of the Prisons view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrisonRow {
    pub establishment: EstablishmentId,
    /// Circular 1785 covers it on the date: it needs a local group.
    pub covered: bool,
    /// Covered and without a local group: since when (its opening, the circular, the end of
    /// its last group or the coordinator's decision to cover it, whichever is latest).
    pub missing_since: Option<NaiveDate>,
    pub group: Option<GroupId>,
    pub activity: Activity,
    /// The rows the Gaps pane lists for it: its group's empty seats, or one for the group
    /// that is missing.
    pub gaps: usize,
    pub pending: usize,
    pub open_needs: usize,
}

/// The whole picture on one date: what every pane, the report and `check` show.
#[derive(Debug, Clone, PartialEq)]
pub struct Situation {
    pub as_of: NaiveDate,
    pub prisons: Vec<PrisonRow>,
    pub gaps: Vec<Gap>,
    pub overloads: Vec<Overload>,
    pub pending: Vec<PendingAuthorisation>,
    pub needs: Vec<NeedRow>,
    pub central_activity: Activity,
    /// Why the central group cannot decide, whether or not a project waits for it.
    pub central_blockers: Vec<Blocker>,
    /// The Brussels concertation (CAPB) on the date.
    pub concertation: ConcertationView,
}

impl Situation {
    /// The projects waiting for the central group's decision (not the drafts, nor those
    /// running without it).
    pub fn waiting(&self) -> impl Iterator<Item = &PendingAuthorisation> {
        self.pending.iter().filter(|p| p.standing == Standing::Waiting)
    }

    pub fn compute(data: &Dataset, as_of: NaiveDate) -> Situation {
        Situation::compute_with(data, &Index::new(data), as_of)
    }

    /// The same, with `index` an index of every record of `data` (see [`Index::new`]), kept
    /// from one computation to the next while the data does not change.
    pub fn compute_with(data: &Dataset, index: &Index, as_of: NaiveDate) -> Situation {
        let mut s = Situation {
            as_of,
            prisons: Vec::new(),
            gaps: Vec::new(),
            overloads: Vec::new(),
            pending: Vec::new(),
            needs: Vec::new(),
            central_activity: Activity::NoGroup,
            central_blockers: Vec::new(),
            concertation: ConcertationView::default(),
        };
        s.update_everything(data, index);
        s
    }

    /// Recomputes what `scope` says may have changed, and keeps the rest. `lookup` finds the
    /// records of the scope (it must be up to date with `data`; a scope of everything reads
    /// every record and needs none). The result is the same as [`Situation::compute`] on `data`
    /// (a property test holds it to that), in a small fraction of the time when one form was
    /// saved.
    pub fn update(&mut self, data: &Dataset, lookup: &Lookup, scope: &Scope) {
        if scope.everything {
            self.update_everything(data, &Index::new(data));
            return;
        }
        let as_of = self.as_of;
        if scope.concertation {
            self.concertation = ConcertationView::compute(data, as_of);
        }
        let central = data.central_group().filter(|g| g.exists_on(as_of));
        let establishments = !scope.establishments.is_empty();
        let index = {
            // What is read: the groups in scope, the groups of prisons in scope and the central
            // group; the needs of prisons in scope and the sessions covering them.
            let groups: Vec<GroupId> = data
                .groups
                .values()
                .filter(|g| {
                    scope.group(g.id)
                        || g.establishment.as_deref().is_some_and(|e| scope.establishment(e))
                        || g.kind == GroupKind::Central
                })
                .map(|g| g.id)
                .collect();
            let needs = scope.establishments.iter().flat_map(|e| lookup.needs_of(data, e));
            let sessions = needs.flat_map(|n| lookup.sessions_covering(data, n.id).map(move |s| (n.id, s)));
            Index::of(
                data,
                groups.iter().flat_map(|g| lookup.memberships_of_group(data, *g)),
                groups.iter().flat_map(|g| lookup.meetings_of_group(data, *g)),
                scope.people.iter().flat_map(|p| lookup.memberships_of_person(data, *p)),
                sessions,
            )
        };

        self.central_blockers = central_blockers(data, &index, as_of);
        self.central_activity = activity(&index, central, as_of);
        if !scope.groups.is_empty() {
            update_gaps(&mut self.gaps, data, &index, as_of, scope);
        }
        if !scope.people.is_empty() {
            self.overloads.retain(|o| !scope.person(o.person));
            self.overloads.extend(overloads(data, &index, as_of));
            self.overloads.sort_by_key(|o| o.person);
        }
        if scope.central() {
            self.pending = pending_authorisations(data, &index, &self.central_blockers, as_of);
        } else if establishments {
            self.pending.retain(|p| !scope.establishment(&p.establishment));
            let projects = scope.establishments.iter().flat_map(|e| lookup.projects_of(data, e));
            self.pending.extend(pending_authorisations_in(&index, &self.central_blockers, as_of, projects));
            self.pending.sort_by(PendingAuthorisation::order);
        }
        if establishments {
            self.needs.retain(|n| !scope.establishment(&n.establishment));
            let needs = scope.establishments.iter().flat_map(|e| lookup.needs_of(data, e));
            self.needs.extend(need_rows_in(&index, as_of, needs));
            self.needs.sort_by_key(|n| n.need);
        }
        if establishments {
            self.update_prisons(data, &index, scope);
        }
    }

    /// Everything, on both cores when it can (a change of date or language, the start): the
    /// overloads, the training needs and the waiting projects on a thread of their own, the
    /// gaps here, then the prisons, which count what both found.
    fn update_everything(&mut self, data: &Dataset, index: &Index) {
        let as_of = self.as_of;
        let everything = Scope::everything();
        self.concertation = ConcertationView::compute(data, as_of);
        let central = data.central_group().filter(|g| g.exists_on(as_of));
        self.central_blockers = central_blockers(data, index, as_of);
        self.central_activity = activity(index, central, as_of);
        let blockers = &self.central_blockers;
        let others = || {
            let pending = pending_authorisations(data, index, blockers, as_of);
            (overloads(data, index, as_of), need_rows(data, index, as_of), pending)
        };
        let mut gaps = std::mem::take(&mut self.gaps);
        let (overloads, needs, pending) = std::thread::scope(|threads| {
            let other = std::thread::Builder::new().name("rules".into()).spawn_scoped(threads, others);
            update_gaps(&mut gaps, data, index, as_of, &everything);
            match other {
                Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: the same work, here.
                Err(_) => others(),
            }
        });
        (self.gaps, self.overloads, self.needs, self.pending) = (gaps, overloads, needs, pending);
        self.update_prisons(data, index, &everything);
    }

    /// The gaps of the groups in scope, in group order, each group's seats in template order.
    /// The rows of the prisons in scope; the gaps, projects and needs are up to date.
    fn update_prisons(&mut self, data: &Dataset, index: &Index, scope: &Scope) {
        let as_of = self.as_of;
        self.prisons.retain(|p| !scope.establishment(&p.establishment));
        let mut gaps_per_group: FastMap<GroupId, usize> = FastMap::default();
        for gap in
            self.gaps.iter().filter(|g| g.establishment.as_deref().is_some_and(|e| scope.establishment(e)))
        {
            *gaps_per_group.entry(gap.group).or_default() += 1;
        }
        let mut pending_per_est: FastMap<&str, usize> = FastMap::default();
        // The Prisons pane counts the projects waiting for a decision.
        for p in self.waiting().filter(|p| scope.establishment(&p.establishment)) {
            *pending_per_est.entry(p.establishment.as_str()).or_default() += 1;
        }
        let mut needs_per_est: FastMap<&str, usize> = FastMap::default();
        for n in self.needs.iter().filter(|n| n.status != NeedStatus::Delivered) {
            if scope.establishment(&n.establishment) {
                *needs_per_est.entry(n.establishment.as_str()).or_default() += 1;
            }
        }
        // One pass over the groups: each establishment's group on the date, and when its last
        // group ended (for how long one is missing).
        let mut local_groups: FastMap<&str, &Group> = FastMap::default();
        let mut last_ended: FastMap<&str, NaiveDate> = FastMap::default();
        for g in data.groups.values() {
            let Some(e) = g.establishment.as_deref().filter(|e| scope.establishment(e)) else { continue };
            if g.exists_on(as_of) {
                let slot = local_groups.entry(e).or_insert(g);
                if g.supersedes(slot) {
                    *slot = g;
                }
            } else if let Some(end) = g.dissolved.filter(|end| *end <= as_of) {
                let slot = last_ended.entry(e).or_insert(end);
                *slot = (*slot).max(end);
            }
        }
        let establishments: Box<dyn Iterator<Item = &Establishment>> = if scope.everything {
            Box::new(data.establishments.values())
        } else {
            Box::new(scope.establishments.iter().filter_map(|e| data.establishments.get(e)))
        };
        let new_rows: Vec<PrisonRow> = establishments
            .filter(|e| e.is_open_on(as_of))
            .map(|e| {
                let group = local_groups.get(e.id.as_str()).copied();
                let covered = e.covered_on(as_of);
                let missing_since = (covered && group.is_none()).then(|| {
                    let decided =
                        e.coverage.iter().filter(|c| c.covered && c.from <= as_of).map(|c| c.from).max();
                    [
                        Some(super::group::circular_date()),
                        e.opened,
                        last_ended.get(e.id.as_str()).copied(),
                        decided,
                    ]
                    .into_iter()
                    .flatten()
                    .max()
                    .unwrap_or(as_of)
                });
                PrisonRow {
                    establishment: e.id.clone(),
                    covered,
                    missing_since,
                    group: group.map(|g| g.id),
                    activity: activity(index, group, as_of),
                    // A missing group is the one gap the Gaps pane lists for it: one count in both.
                    gaps: match group {
                        Some(g) => gaps_per_group.get(&g.id).copied().unwrap_or(0),
                        None => usize::from(missing_since.is_some()),
                    },
                    pending: pending_per_est.get(e.id.as_str()).copied().unwrap_or(0),
                    open_needs: needs_per_est.get(e.id.as_str()).copied().unwrap_or(0),
                }
            })
            .collect();
        self.prisons.extend(new_rows);
        self.prisons.sort_by(|a, b| a.establishment.cmp(&b.establishment));
    }
}

/// The gaps of the groups in scope, in group order, each group's seats in template order.
fn update_gaps(gaps: &mut Vec<Gap>, data: &Dataset, index: &Index, as_of: NaiveDate, scope: &Scope) {
    gaps.retain(|g| !scope.group(g.group));
    let groups: Box<dyn Iterator<Item = &Group>> = if scope.everything {
        Box::new(data.groups.values())
    } else {
        Box::new(scope.groups.iter().filter_map(|g| data.groups.get(g)))
    };
    let finder = Gaps::new(data, index, as_of);
    for g in groups {
        let open = g.establishment.as_ref().is_none_or(|e| index.is_open(e, as_of) == Some(true));
        if open && g.exists_on(as_of) {
            gaps.extend(finder.of(g));
        }
    }
    // The sort is stable: each group's seats stay in template order.
    gaps.sort_by_key(|g| g.group);
}

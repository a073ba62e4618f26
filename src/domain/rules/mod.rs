//! The rules, each computed as of a date. [`Situation::compute`] runs them all once per
//! change of data or date, so drawing a frame never recomputes anything.

mod activity;
mod authorisations;
mod gaps;
mod overload;
mod training;

use std::collections::HashMap;

use chrono::NaiveDate;

pub use activity::{Activity, DORMANT_AFTER_MONTHS, activity};
pub use authorisations::{
    Blocker, OVERDUE_AFTER_DAYS, PendingAuthorisation, central_blockers, pending_authorisations,
};
pub use gaps::{Gap, GapKind, group_gaps};
pub use overload::{Overload, SEAT_LIMIT, overloads};
pub use training::{NeedRow, coverage_by, need_rows};

use super::dataset::Dataset;
use super::establishment::EstablishmentId;
use super::group::{GroupId, Meeting, Membership};
use super::training::{NeedId, TrainingSession};

/// Records grouped by what the rules look them up by, built once per computation.
pub struct Index<'a> {
    pub memberships_by_group: HashMap<GroupId, Vec<&'a Membership>>,
    /// Each group's meetings in date order.
    pub meetings_by_group: HashMap<GroupId, Vec<&'a Meeting>>,
    pub sessions_by_need: HashMap<NeedId, Vec<&'a TrainingSession>>,
}

impl<'a> Index<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        let mut memberships_by_group: HashMap<GroupId, Vec<&Membership>> = HashMap::new();
        for m in data.memberships.values() {
            memberships_by_group.entry(m.group).or_default().push(m);
        }
        let mut meetings_by_group: HashMap<GroupId, Vec<&Meeting>> = HashMap::new();
        for m in data.meetings.values() {
            meetings_by_group.entry(m.group).or_default().push(m);
        }
        for list in meetings_by_group.values_mut() {
            list.sort_by_key(|m| (m.date, m.id));
        }
        let mut sessions_by_need: HashMap<NeedId, Vec<&TrainingSession>> = HashMap::new();
        for s in data.sessions.values() {
            for n in &s.covers {
                sessions_by_need.entry(*n).or_default().push(s);
            }
        }
        Index { memberships_by_group, meetings_by_group, sessions_by_need }
    }

    pub fn memberships(&self, group: GroupId) -> &[&'a Membership] {
        self.memberships_by_group.get(&group).map_or(&[], Vec::as_slice)
    }

    pub fn meetings(&self, group: GroupId) -> &[&'a Meeting] {
        self.meetings_by_group.get(&group).map_or(&[], Vec::as_slice)
    }

    /// The last meeting of a group on or before `date`.
    pub fn last_meeting(&self, group: GroupId, date: NaiveDate) -> Option<NaiveDate> {
        let list = self.meetings(group);
        let n = list.partition_point(|m| m.date <= date);
        n.checked_sub(1).map(|i| list[i].date)
    }
}

/// One row of the Prisons view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrisonRow {
    pub establishment: EstablishmentId,
    pub group: Option<GroupId>,
    pub activity: Activity,
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
}

impl Situation {
    pub fn compute(data: &Dataset, as_of: NaiveDate) -> Situation {
        let index = Index::new(data);
        let mut gaps = Vec::new();
        for g in data.groups.values() {
            let open = g
                .establishment
                .as_ref()
                .is_none_or(|e| data.establishments.get(e).is_some_and(|e| e.is_open_on(as_of)));
            if open && g.exists_on(as_of) {
                gaps.extend(group_gaps(data, &index, g, as_of));
            }
        }
        let central_blockers = central_blockers(data, &index, as_of);
        let pending = pending_authorisations(data, &central_blockers, as_of);
        let needs = need_rows(data, &index, as_of);
        let mut gaps_per_group: HashMap<GroupId, usize> = HashMap::new();
        for gap in &gaps {
            *gaps_per_group.entry(gap.group).or_default() += 1;
        }
        let mut pending_per_est: HashMap<&str, usize> = HashMap::new();
        for p in &pending {
            *pending_per_est.entry(p.establishment.as_str()).or_default() += 1;
        }
        let mut needs_per_est: HashMap<&str, usize> = HashMap::new();
        for n in needs.iter().filter(|n| n.status != super::training::NeedStatus::Delivered) {
            *needs_per_est.entry(n.establishment.as_str()).or_default() += 1;
        }
        let mut local_groups: HashMap<&str, &super::group::Group> = HashMap::new();
        for g in data.groups.values().filter(|g| g.exists_on(as_of)) {
            if let Some(e) = &g.establishment {
                let slot = local_groups.entry(e.as_str()).or_insert(g);
                if (g.created, g.id) > (slot.created, slot.id) {
                    *slot = g;
                }
            }
        }
        let prisons = data
            .establishments
            .values()
            .filter(|e| e.is_open_on(as_of))
            .map(|e| {
                let group = local_groups.get(e.id.as_str()).copied();
                PrisonRow {
                    establishment: e.id.clone(),
                    group: group.map(|g| g.id),
                    activity: activity(&index, group, as_of),
                    gaps: group.and_then(|g| gaps_per_group.get(&g.id)).copied().unwrap_or(0),
                    pending: pending_per_est.get(e.id.as_str()).copied().unwrap_or(0),
                    open_needs: needs_per_est.get(e.id.as_str()).copied().unwrap_or(0),
                }
            })
            .collect();
        Situation {
            as_of,
            central_activity: activity(&index, data.central_group().filter(|g| g.exists_on(as_of)), as_of),
            central_blockers,
            prisons,
            gaps,
            overloads: overloads(data, as_of),
            pending,
            needs,
        }
    }

    /// Whether anything needs a coordinator's attention (what `pilotage check` reports).
    pub fn needs_attention(&self) -> bool {
        !self.gaps.is_empty()
            || !self.overloads.is_empty()
            || self.pending.iter().any(PendingAuthorisation::overdue)
            || self.prisons.iter().any(|p| p.activity.is_dormant())
    }
}

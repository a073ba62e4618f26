use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Index;
use crate::domain::dataset::Dataset;
use crate::domain::establishment::EstablishmentId;
use crate::domain::training::{Coverage, NeedId, NeedStatus, StaffGroup, TrainingNeed, need_coverage};

/// One training need as it stands on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedRow {
    pub need: NeedId,
    pub establishment: EstablishmentId,
    pub coverage: Coverage,
    pub status: NeedStatus,
}

/// Needs raised on or before `date` in establishments open then.
pub fn need_rows(data: &Dataset, index: &Index, date: NaiveDate) -> Vec<NeedRow> {
    need_rows_in(index, date, data.needs.values())
}

/// The rows of `needs` raised by `date` in establishments open then, in the order given.
pub fn need_rows_in<'a>(
    index: &Index,
    date: NaiveDate,
    needs: impl IntoIterator<Item = &'a TrainingNeed>,
) -> Vec<NeedRow> {
    needs
        .into_iter()
        .filter(|n| n.raised_on <= date)
        .filter(|n| index.is_open(&n.establishment, date) != Some(false))
        .map(|n| {
            let sessions = index.sessions_covering(n.id).iter();
            let coverage = need_coverage(n, sessions.map(|s| (s.date, s.participants)), date);
            NeedRow {
                need: n.id,
                establishment: n.establishment.clone(),
                status: coverage.status(),
                coverage,
            }
        })
        .collect()
}

/// Topic coverage per establishment and staff group: the topic as first written, and the sum.
pub type CoverageBy = BTreeMap<(EstablishmentId, StaffGroup, String), (String, Coverage)>;

/// Coverage summed per establishment, staff group and topic (topics compared without case or
/// surrounding spaces).
pub fn coverage_by(data: &Dataset, rows: &[NeedRow]) -> CoverageBy {
    let mut out: CoverageBy = BTreeMap::new();
    for r in rows {
        let Some(n) = data.needs.get(&r.need) else { continue };
        let key = (n.establishment.clone(), n.staff_group, n.topic.trim().to_lowercase());
        out.entry(key).or_insert_with(|| (n.topic.trim().to_string(), Coverage::default())).1.add(r.coverage);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::establishment::reference_establishments;
    use crate::domain::training::{Priority, TrainingNeed, TrainingSession};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn coverage_per_prison_group_and_topic_and_closed_prisons_leave() {
        let mut data = Dataset::default();
        for e in reference_establishments() {
            data.establishments.insert(e.id.clone(), e);
        }
        let need = |id, est: &str, topic: &str, headcount| TrainingNeed {
            id,
            establishment: est.into(),
            staff_group: StaffGroup::PrisonOfficers,
            topic: topic.into(),
            headcount,
            priority: Priority::High,
            raised_on: d(2020, 1, 1),
        };
        data.needs.insert(1, need(1, "mons", "Naloxone", 10));
        data.needs.insert(2, need(2, "mons", "naloxone ", 10));
        data.needs.insert(3, need(3, "forest", "naloxone", 10));
        data.sessions.insert(
            4,
            TrainingSession {
                id: 4,
                establishment: "mons".into(),
                topic: "naloxone".into(),
                date: d(2021, 1, 1),
                trainer: "x".into(),
                participants: 15,
                covers: vec![1],
            },
        );
        let rows = need_rows(&data, &Index::new(&data), d(2023, 1, 1));
        assert_eq!(rows.len(), 2, "Forest closed in 2022");
        let by = coverage_by(&data, &rows);
        let (topic, c) = &by[&("mons".to_string(), StaffGroup::PrisonOfficers, "naloxone".to_string())];
        assert_eq!(topic, "Naloxone");
        assert_eq!((c.needed, c.trained, c.percent()), (20, 10, 50));
        let past = need_rows(&data, &Index::new(&data), d(2021, 6, 1));
        assert_eq!(past.len(), 3, "Forest still open in 2021");
    }
}

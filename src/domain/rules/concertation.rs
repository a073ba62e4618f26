//! The concertation (CAPB) as of a date: its members and representatives, its meetings and
//! their votes, and what needs attention: productions waiting for the members' agreement,
//! members without a representative, meetings without minutes, charter rules broken.

use chrono::NaiveDate;

use crate::domain::concertation::{
    CapbMeeting, CapbMeetingId, Motion, MotionId, Outcome, Production, ProductionId, ServiceId, Tally,
    VoteProblem, ballot_problems, meeting_problems, tally,
};
use crate::domain::dataset::Dataset;
use crate::domain::people::PersonId;

/// The member services on `date`, in id order.
pub fn members_on(data: &Dataset, date: NaiveDate) -> Vec<ServiceId> {
    data.services.values().filter(|s| s.member_on(date)).map(|s| s.id).collect()
}

/// A motion's count and result, with the proxy cap and quorum in force on its meeting's date.
pub fn motion_result(data: &Dataset, motion: &Motion) -> Option<(Tally, Outcome)> {
    let meeting = data.capb_meetings.get(&motion.meeting)?;
    let members = members_on(data, meeting.date);
    let t = tally(motion, meeting, &members);
    Some((t, t.outcome(data.thresholds_on(meeting.date).quorum_percent)))
}

/// What breaks the charter at a meeting: its attendance and proxies, then each motion's ballots.
pub fn problems_of(data: &Dataset, meeting: &CapbMeeting) -> Vec<VoteProblem> {
    let members = members_on(data, meeting.date);
    let cap = data.thresholds_on(meeting.date).proxy_cap as usize;
    let mut out = meeting_problems(meeting, &members, cap);
    for m in data.motions.values().filter(|m| m.meeting == meeting.id) {
        out.extend(ballot_problems(m, meeting, &members));
    }
    out
}

/// Whether something may leave the concertation on `as_of`, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// An adopted motion, voted by then, allows it.
    Allowed(MotionId),
    /// No decision is named.
    NoDecision,
    /// The motion named was not adopted (rejected, a tie, no quorum).
    NotAdopted(MotionId, Outcome),
    /// The motion named is voted after the date viewed, or does not exist.
    NotYet(MotionId),
}

impl Consent {
    pub fn allowed(self) -> bool {
        matches!(self, Consent::Allowed(_))
    }
}

/// The members' agreement a decision gives on `as_of`.
pub fn consent(data: &Dataset, decision: Option<MotionId>, as_of: NaiveDate) -> Consent {
    let Some(id) = decision else { return Consent::NoDecision };
    let Some(motion) = data.motions.get(&id) else { return Consent::NotYet(id) };
    match (data.capb_meetings.get(&motion.meeting), motion_result(data, motion)) {
        (Some(m), Some((_, outcome))) if m.date <= as_of => match outcome {
            Outcome::Adopted => Consent::Allowed(id),
            other => Consent::NotAdopted(id, other),
        },
        _ => Consent::NotYet(id),
    }
}

/// A production's stage on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Draft,
    /// Its dissemination decided, not yet done.
    Decided,
    Disseminated,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRow {
    pub service: ServiceId,
    pub representative: Option<PersonId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub meeting: CapbMeetingId,
    pub date: NaiveDate,
    pub present: usize,
    pub proxies: usize,
    pub motions: usize,
    pub minutes: bool,
    pub problems: Vec<VoteProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductionRow {
    pub production: ProductionId,
    pub stage: Stage,
    pub consent: Consent,
}

impl ProductionRow {
    /// Waiting for the members' agreement, or (worse) gone out without it.
    pub fn needs_attention(&self) -> bool {
        !self.consent.allowed()
    }
}

impl MeetingRow {
    pub fn needs_attention(&self) -> bool {
        !self.minutes || !self.problems.is_empty()
    }
}

/// The concertation on one date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConcertationView {
    pub services: Vec<ServiceRow>,
    /// Held by the date, the latest first.
    pub meetings: Vec<MeetingRow>,
    /// Drafted by the date.
    pub productions: Vec<ProductionRow>,
}

impl ConcertationView {
    pub fn compute(data: &Dataset, as_of: NaiveDate) -> ConcertationView {
        let services = data
            .services
            .values()
            .filter(|s| s.member_on(as_of))
            .map(|s| ServiceRow { service: s.id, representative: s.representative_on(as_of) })
            .collect();
        let mut meetings: Vec<MeetingRow> = data
            .capb_meetings
            .values()
            .filter(|m| m.date <= as_of)
            .map(|m| MeetingRow {
                meeting: m.id,
                date: m.date,
                present: m.attendance.len(),
                proxies: m.active_proxies().count(),
                motions: data.motions.values().filter(|v| v.meeting == m.id).count(),
                minutes: !m.minutes.trim().is_empty(),
                problems: problems_of(data, m),
            })
            .collect();
        meetings.sort_by(|a, b| b.date.cmp(&a.date).then(b.meeting.cmp(&a.meeting)));
        let productions =
            data.productions.values().filter(|p| p.drafted <= as_of).map(|p| production_row(data, p, as_of));
        ConcertationView { services, meetings, productions: productions.collect() }
    }

    /// Productions waiting for a decision, members without a representative, meetings
    /// without minutes or breaking a rule.
    pub fn attention(&self) -> usize {
        self.productions.iter().filter(|p| p.needs_attention()).count()
            + self.services.iter().filter(|s| s.representative.is_none()).count()
            + self.meetings.iter().filter(|m| m.needs_attention()).count()
    }

    pub fn len(&self) -> usize {
        self.services.len() + self.meetings.len() + self.productions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub fn production_row(data: &Dataset, p: &Production, as_of: NaiveDate) -> ProductionRow {
    let consent = consent(data, p.decision, as_of);
    let stage = match &p.disseminated {
        Some(d) if d.date <= as_of => Stage::Disseminated,
        _ if consent.allowed() => Stage::Decided,
        _ => Stage::Draft,
    };
    ProductionRow { production: p.id, stage, consent }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::concertation::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn data() -> Dataset {
        let mut data = Dataset::default();
        for id in 1..=4 {
            data.services.insert(
                id,
                Service {
                    id,
                    name: format!("S{id}"),
                    fields: vec![],
                    joined: d(2020, 1, 1),
                    left: None,
                    representatives: vec![],
                },
            );
        }
        data.capb_meetings.insert(
            10,
            CapbMeeting {
                id: 10,
                date: d(2024, 5, 1),
                agenda: "a".into(),
                minutes: String::new(),
                attendance: (1..=3).map(|s| Attendance { service: s, person: None }).collect(),
                proxies: vec![],
                minutes_released_by: None,
            },
        );
        let ballots = |votes: [Vote; 3]| {
            votes.iter().enumerate().map(|(i, v)| Ballot { service: i as u64 + 1, vote: *v }).collect()
        };
        let adopted = ballots([Vote::For, Vote::For, Vote::Against]);
        data.motions.insert(11, Motion { id: 11, meeting: 10, text: "yes".into(), ballots: adopted });
        let tie = ballots([Vote::For, Vote::Against, Vote::Abstain]);
        data.motions.insert(12, Motion { id: 12, meeting: 10, text: "tie".into(), ballots: tie });
        data
    }

    #[test]
    fn nothing_leaves_without_an_adopted_decision() {
        let data = data();
        let after = d(2024, 6, 1);
        assert_eq!(consent(&data, None, after), Consent::NoDecision);
        assert_eq!(consent(&data, Some(11), after), Consent::Allowed(11));
        assert_eq!(consent(&data, Some(12), after), Consent::NotAdopted(12, Outcome::Tie));
        assert_eq!(consent(&data, Some(11), d(2024, 4, 30)), Consent::NotYet(11), "not voted yet then");
        assert_eq!(consent(&data, Some(99), after), Consent::NotYet(99));
    }

    #[test]
    fn the_view_flags_what_needs_attention() {
        let mut data = data();
        let p = |id, decision, disseminated| Production {
            id,
            title: "t".into(),
            kind: ProductionKind::Article,
            drafted: d(2024, 1, 1),
            decision,
            disseminated,
        };
        let out = Some(Dissemination { date: d(2024, 7, 1), to: "press".into() });
        data.productions.insert(20, p(20, Some(11), out.clone()));
        data.productions.insert(21, p(21, None, None));
        data.productions.insert(22, p(22, Some(12), out));
        let v = ConcertationView::compute(&data, d(2024, 8, 1));
        let stages: Vec<(Stage, bool)> =
            v.productions.iter().map(|p| (p.stage, p.needs_attention())).collect();
        // Disseminated with the members' agreement; a draft; gone out on a tie, flagged.
        assert_eq!(
            stages,
            vec![(Stage::Disseminated, false), (Stage::Draft, true), (Stage::Disseminated, true)]
        );
        // Four members without a representative, a meeting without minutes, two productions.
        assert_eq!(v.attention(), 4 + 1 + 2);
        // Before the meeting, its decision did not exist: 20 was waiting.
        let before = ConcertationView::compute(&data, d(2024, 3, 1));
        assert_eq!(before.meetings.len(), 0);
        assert_eq!(before.productions[0].stage, Stage::Draft);
    }

    #[test]
    fn the_cap_in_force_on_the_meetings_date() {
        let mut data = data();
        let m = data.capb_meetings.get_mut(&10).unwrap();
        m.attendance.truncate(2);
        m.proxies = vec![Proxy { giver: 3, holder: 1 }, Proxy { giver: 4, holder: 1 }];
        let meeting = data.capb_meetings[&10].clone();
        assert_eq!(problems_of(&data, &meeting), vec![VoteProblem::OverCap { holder: 1, held: 2, cap: 1 }]);
        data.settings.insert(
            30,
            crate::domain::Settings {
                id: 30,
                effective_from: d(2024, 1, 1),
                thresholds: crate::domain::Thresholds { proxy_cap: 2, ..Default::default() },
                note: String::new(),
            },
        );
        assert!(problems_of(&data, &meeting).is_empty());
    }
}

//! The concertation (CAPB) as of a date: its members and representatives, its meetings and
//! their votes, and what needs attention: productions waiting for the members' agreement,
//! members without a representative, meetings without minutes, charter rules broken.

use chrono::NaiveDate;

use crate::domain::concertation::{
    CapbMeeting, CapbMeetingId, CapbRules, MajorityBase, Motion, MotionId, Outcome, Production, ProductionId,
    Recipients, Released, ServiceId, Tally, VoteProblem, ballot_problems, meeting_problems, tally,
};
use crate::domain::dataset::Dataset;
use crate::domain::people::PersonId;

/// The member services on `date`, in id order.
pub fn members_on(data: &Dataset, date: NaiveDate) -> Vec<ServiceId> {
    data.services.values().filter(|s| s.member_on(date)).map(|s| s.id).collect()
}

/// One of the members' rules in force, and since when: `None` for the default, which the
/// charter does not fix and the members have not decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InForce<T> {
    pub value: T,
    pub since: Option<NaiveDate>,
}

/// The members' rules in force on a date (see [`CapbRules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MembersRules {
    pub proxy_cap: InForce<u32>,
    pub quorum_percent: InForce<u32>,
    pub majority: InForce<MajorityBase>,
}

/// The members' rules in force on `date`: their latest version by then, whole. What it leaves
/// unset is the default (a version is what the members decided that day, all of it: setting
/// a rule back to "default" is a decision too).
pub fn rules_on(data: &Dataset, date: NaiveDate) -> MembersRules {
    let latest = data.capb_rules.values().filter(|r| r.from <= date).max_by_key(|r| (r.from, r.id));
    fn in_force<T>(value: Option<T>, since: NaiveDate, default: T) -> InForce<T> {
        match value {
            Some(value) => InForce { value, since: Some(since) },
            None => InForce { value: default, since: None },
        }
    }
    match latest {
        Some(r) => MembersRules {
            proxy_cap: in_force(r.proxy_cap, r.from, CapbRules::DEFAULT_PROXY_CAP),
            quorum_percent: in_force(r.quorum_percent, r.from, CapbRules::DEFAULT_QUORUM),
            majority: in_force(r.majority, r.from, CapbRules::DEFAULT_MAJORITY),
        },
        None => MembersRules {
            proxy_cap: InForce { value: CapbRules::DEFAULT_PROXY_CAP, since: None },
            quorum_percent: InForce { value: CapbRules::DEFAULT_QUORUM, since: None },
            majority: InForce { value: CapbRules::DEFAULT_MAJORITY, since: None },
        },
    }
}

/// A motion's count and result by the rules in force on its meeting's date: void when the
/// meeting or the vote breaks one of them. `None` for a motion of a meeting that is not there,
/// or (in a part of the store sealed for outsiders) whose ballots are not.
pub fn motion_result(data: &Dataset, motion: &Motion) -> Option<(Tally, Outcome)> {
    if data.sealed {
        return None;
    }
    let meeting = data.capb_meetings.get(&motion.meeting)?;
    let members = members_on(data, meeting.date);
    let rules = rules_on(data, meeting.date);
    let t = tally(motion, meeting, &members);
    let broken = meeting_problems(meeting, &members, rules.proxy_cap.value as usize)
        .into_iter()
        .chain(ballot_problems(motion, meeting, &members))
        .next();
    let outcome = match broken {
        Some(problem) => Outcome::Void(problem),
        None => t.outcome(rules.majority.value, rules.quorum_percent.value),
    };
    Some((t, outcome))
}

/// What breaks a rule at a meeting: its attendance and proxies, then each motion's ballots.
pub fn problems_of(data: &Dataset, meeting: &CapbMeeting) -> Vec<VoteProblem> {
    let members = members_on(data, meeting.date);
    let cap = rules_on(data, meeting.date).proxy_cap.value as usize;
    let mut out = meeting_problems(meeting, &members, cap);
    for m in data.motions.values().filter(|m| m.meeting == meeting.id) {
        out.extend(ballot_problems(m, meeting, &members));
    }
    out
}

/// Whether something may leave the concertation on `as_of`, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// An adopted decision, taken by then, names it and its recipient.
    Allowed(MotionId),
    /// No decision is named.
    NoDecision,
    /// The motion named was not adopted (rejected, a tie, no quorum, void).
    NotAdopted(MotionId, Outcome),
    /// The motion named is voted after the date viewed, or does not exist.
    NotYet(MotionId),
    /// The decision releases something else: it does not name this.
    DoesNotName(MotionId),
    /// It went to someone the decision did not name.
    NotToThem(MotionId),
    /// It went out before the decision was taken.
    Before(MotionId),
}

impl Consent {
    pub fn allowed(self) -> bool {
        matches!(self, Consent::Allowed(_))
    }
}

/// The members' agreement `decision` gives `object` on `as_of`: an adopted decision, voted by
/// then, that names the object; and if it went out (`to` on `on`), not before the decision,
/// and to someone the decision named. In a part of the store sealed for outsiders, a decision
/// that is there is one that released what it names (see [`seal`]).
pub fn consent(
    data: &Dataset,
    object: Released,
    decision: Option<MotionId>,
    out: Option<(NaiveDate, &str)>,
    as_of: NaiveDate,
) -> Consent {
    let Some(id) = decision else { return Consent::NoDecision };
    let Some(motion) = data.motions.get(&id) else { return Consent::NotYet(id) };
    let Some(meeting) = data.capb_meetings.get(&motion.meeting).filter(|m| m.date <= as_of) else {
        return Consent::NotYet(id);
    };
    if !data.sealed {
        match motion_result(data, motion) {
            Some((_, Outcome::Adopted)) => {}
            Some((_, other)) => return Consent::NotAdopted(id, other),
            None => return Consent::NotYet(id),
        }
    }
    let Some(to) = motion.releases(object) else { return Consent::DoesNotName(id) };
    match out {
        Some((on, _)) if on < meeting.date => Consent::Before(id),
        Some((_, who)) if !to.include(who) => Consent::NotToThem(id),
        _ => Consent::Allowed(id),
    }
}

/// The consent a production has on `as_of`.
pub fn production_consent(data: &Dataset, p: &Production, as_of: NaiveDate) -> Consent {
    let out = p.disseminated.as_ref().filter(|d| d.date <= as_of).map(|d| (d.date, d.to.as_str()));
    consent(data, Released::Production(p.id), p.decision, out, as_of)
}

/// The consent a meeting's minutes have on `as_of`.
pub fn minutes_consent(data: &Dataset, m: &CapbMeeting, as_of: NaiveDate) -> Consent {
    consent(data, Released::Minutes(m.id), m.minutes_released_by, None, as_of)
}

/// The concertation alone, sealed: what leaves it on `as_of` (for an export or a report for
/// outside), without copying the rest of the store.
pub fn sealed_part(data: &Dataset, as_of: NaiveDate) -> Dataset {
    let mut part = Dataset {
        services: data.services.clone(),
        capb_meetings: data.capb_meetings.clone(),
        motions: data.motions.clone(),
        productions: data.productions.clone(),
        capb_rules: data.capb_rules.clone(),
        sealed: data.sealed,
        ..Dataset::default()
    };
    seal(&mut part, as_of);
    part
}

/// The concertation as it may be seen outside it on `as_of`: what leaves. Of the debates,
/// nothing: no agenda, attendance, proxy, motion's text or ballot, and no production or
/// minutes that a decision did not release, not even a title. What stays: the member services
/// (without their representatives), the dates it met, and what an adopted decision naming it
/// released, with that decision's date and recipients (the decision kept without its text or
/// ballots); of minutes released to named recipients, the fact only, not their text. The members' rules and who is admitted to the debates go too. The part is marked
/// sealed, so that its rules read a decision that is there as one that released.
pub fn seal(data: &mut Dataset, as_of: NaiveDate) {
    if data.sealed {
        return;
    }
    let productions: Vec<ProductionId> = data
        .productions
        .values()
        .filter(|p| production_consent(data, p, as_of).allowed())
        .map(|p| p.id)
        .collect();
    let minutes: Vec<CapbMeetingId> = data
        .capb_meetings
        .values()
        .filter(|m| minutes_consent(data, m, as_of).allowed())
        .map(|m| m.id)
        .collect();
    let released = |object: &Released| match object {
        Released::Production(p) => productions.contains(p),
        Released::Minutes(m) => minutes.contains(m),
    };
    let deciding: std::collections::BTreeSet<MotionId> = data
        .productions
        .values()
        .filter(|p| productions.contains(&p.id))
        .filter_map(|p| p.decision)
        .chain(
            data.capb_meetings
                .values()
                .filter(|m| minutes.contains(&m.id))
                .filter_map(|m| m.minutes_released_by),
        )
        .collect();
    data.motions.retain(|id, _| deciding.contains(id));
    for motion in data.motions.values_mut() {
        motion.text = String::new();
        motion.ballots = Vec::new();
        motion.releases.retain(|r| released(&r.object));
    }
    data.productions.retain(|id, _| productions.contains(id));
    // Minutes released to the public keep their text; released to named recipients, only
    // the fact, to whom and when: their text is for those recipients, not for every reader.
    let public: std::collections::BTreeSet<CapbMeetingId> = data
        .capb_meetings
        .values()
        .filter(|m| minutes.contains(&m.id))
        .filter(|m| {
            let decision = m.minutes_released_by.and_then(|d| data.motions.get(&d));
            decision.and_then(|d| d.releases(Released::Minutes(m.id))) == Some(&Recipients::Public)
        })
        .map(|m| m.id)
        .collect();
    for m in data.capb_meetings.values_mut() {
        m.agenda = String::new();
        m.attendance = Vec::new();
        m.proxies = Vec::new();
        if !minutes.contains(&m.id) {
            m.minutes_released_by = None;
        }
        if !public.contains(&m.id) {
            m.minutes = String::new();
        }
    }
    for s in data.services.values_mut() {
        s.representatives = Vec::new();
    }
    data.capb_rules.clear();
    data.admissions.clear();
    data.sealed = true;
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
    /// Without a representative, as far as this part of the store can tell (a sealed part does
    /// not hold who represents whom).
    pub unrepresented: bool,
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
    /// Its minutes marked released under a decision that does not allow it (a record made
    /// before decisions named what they release, until the members decide on it), and why.
    pub minutes_out_without: Option<Consent>,
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
        !self.minutes || !self.problems.is_empty() || self.minutes_out_without.is_some()
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
            .map(|s| {
                let representative = s.representative_on(as_of);
                ServiceRow {
                    service: s.id,
                    representative,
                    unrepresented: !data.sealed && representative.is_none(),
                }
            })
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
                // Sealed, minutes not released are not there: nothing to say of them.
                minutes: data.sealed || !m.minutes.trim().is_empty(),
                problems: problems_of(data, m),
                minutes_out_without: m
                    .minutes_released_by
                    .map(|_| minutes_consent(data, m, as_of))
                    .filter(|c| !c.allowed()),
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
            + self.services.iter().filter(|s| s.unrepresented).count()
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
    let consent = production_consent(data, p, as_of);
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

    const PRODUCTION: u64 = 20;

    fn named(object: Released, to: &[&str]) -> Release {
        let to = if to.is_empty() {
            Recipients::Public
        } else {
            Recipients::Named(to.iter().map(|s| s.to_string()).collect())
        };
        Release { object, to }
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
                agenda: "Speaking to the press?".into(),
                minutes: "Long debate.".into(),
                attendance: (1..=3).map(|s| Attendance { service: s, person: None }).collect(),
                proxies: vec![],
                minutes_released_by: None,
            },
        );
        let ballots = |votes: [Vote; 3]| {
            votes.iter().enumerate().map(|(i, v)| Ballot { service: i as u64 + 1, vote: *v }).collect()
        };
        let release = vec![named(Released::Production(PRODUCTION), &["FEDITO BXL"])];
        let adopted = ballots([Vote::For, Vote::For, Vote::Against]);
        data.motions.insert(
            11,
            Motion {
                id: 11,
                meeting: 10,
                text: "Release the letter".into(),
                ballots: adopted,
                releases: release.clone(),
            },
        );
        let tie = ballots([Vote::For, Vote::Against, Vote::Abstain]);
        data.motions
            .insert(12, Motion { id: 12, meeting: 10, text: "Tie".into(), ballots: tie, releases: release });
        let other = ballots([Vote::For, Vote::For, Vote::For]);
        data.motions.insert(
            13,
            Motion {
                id: 13,
                meeting: 10,
                text: "Write a joint article".into(),
                ballots: other,
                releases: vec![],
            },
        );
        data
    }

    #[test]
    fn nothing_leaves_without_an_adopted_decision_that_names_it() {
        let data = data();
        let after = d(2024, 6, 1);
        let letter = Released::Production(PRODUCTION);
        let c = |decision, out, on| consent(&data, letter, decision, out, on);
        assert_eq!(c(None, None, after), Consent::NoDecision);
        assert_eq!(c(Some(11), None, after), Consent::Allowed(11));
        assert_eq!(c(Some(12), None, after), Consent::NotAdopted(12, Outcome::Tie));
        assert_eq!(c(Some(11), None, d(2024, 4, 30)), Consent::NotYet(11), "not voted yet then");
        assert_eq!(c(Some(99), None, after), Consent::NotYet(99));
        // An adopted motion that decides something else releases nothing.
        assert_eq!(c(Some(13), None, after), Consent::DoesNotName(13));
        assert_eq!(consent(&data, Released::Minutes(10), Some(11), None, after), Consent::DoesNotName(11));
        // To whom: within those it named; and not before it was decided.
        assert_eq!(c(Some(11), Some((d(2024, 5, 20), "fedito bxl")), after), Consent::Allowed(11));
        assert_eq!(c(Some(11), Some((d(2024, 5, 20), "Le Soir")), after), Consent::NotToThem(11));
        assert_eq!(c(Some(11), Some((d(2024, 4, 1), "FEDITO BXL")), after), Consent::Before(11));
    }

    #[test]
    fn a_vote_that_breaks_a_rule_in_force_is_void_and_releases_nothing() {
        let mut data = data();
        // Member 4 gives its proxy to member 1, which already holds member 3's: two proxies
        // where the default allows one.
        let m = data.capb_meetings.get_mut(&10).unwrap();
        m.attendance.truncate(2);
        m.proxies = vec![Proxy { giver: 3, holder: 1 }, Proxy { giver: 4, holder: 1 }];
        let motion = data.motions[&11].clone();
        let (t, outcome) = motion_result(&data, &motion).unwrap();
        assert_eq!(outcome, Outcome::Void(VoteProblem::OverCap { holder: 1, held: 2, cap: 1 }), "{t:?}");
        assert_eq!(
            consent(&data, Released::Production(PRODUCTION), Some(11), None, d(2024, 6, 1)),
            Consent::NotAdopted(11, outcome)
        );
        // The members decide two proxies from before the meeting: the same vote counts.
        data.capb_rules.insert(
            30,
            CapbRules {
                id: 30,
                from: d(2024, 1, 1),
                proxy_cap: Some(2),
                quorum_percent: None,
                majority: None,
                note: String::new(),
            },
        );
        assert_eq!(motion_result(&data, &motion).unwrap().1, Outcome::Adopted);
        assert_eq!(problems_of(&data, &data.capb_meetings[&10]), vec![]);
    }

    #[test]
    fn the_members_rules_in_force_are_theirs_from_a_date_or_defaults() {
        let mut data = data();
        let r = rules_on(&data, d(2024, 6, 1));
        assert_eq!((r.proxy_cap.value, r.proxy_cap.since), (1, None), "a default");
        assert_eq!((r.quorum_percent.value, r.majority.value), (0, MajorityBase::VotesCast));
        data.capb_rules.insert(
            30,
            CapbRules {
                id: 30,
                from: d(2022, 1, 1),
                proxy_cap: None,
                quorum_percent: Some(50),
                majority: None,
                note: String::new(),
            },
        );
        data.capb_rules.insert(
            31,
            CapbRules {
                id: 31,
                from: d(2023, 1, 1),
                proxy_cap: Some(2),
                quorum_percent: None,
                majority: Some(MajorityBase::AllMembers),
                note: String::new(),
            },
        );
        let r = rules_on(&data, d(2022, 6, 1));
        assert_eq!(r.quorum_percent, InForce { value: 50, since: Some(d(2022, 1, 1)) });
        // A version is the members' whole decision of that day: what it leaves unset is back
        // to the default, said as such.
        let r = rules_on(&data, d(2024, 6, 1));
        assert_eq!(r.quorum_percent, InForce { value: 0, since: None }, "set back to the default in 2023");
        assert_eq!(r.proxy_cap, InForce { value: 2, since: Some(d(2023, 1, 1)) });
        assert_eq!(r.majority.value, MajorityBase::AllMembers);
        assert_eq!(rules_on(&data, d(2021, 6, 1)).quorum_percent.since, None, "before they decided");
        // Of all four members, two for is no majority: the letter stays inside.
        let motion = data.motions[&11].clone();
        assert_eq!(motion_result(&data, &motion).unwrap().1, Outcome::Rejected);
    }

    #[test]
    fn what_leaves_holds_nothing_of_the_debates() {
        let mut data = data();
        let p = |id, title: &str, decision| Production {
            id,
            title: title.into(),
            kind: ProductionKind::Article,
            drafted: d(2024, 1, 1),
            decision,
            disseminated: None,
        };
        data.productions.insert(PRODUCTION, p(PRODUCTION, "The letter", Some(11)));
        data.productions.insert(21, p(21, "A secret draft", Some(13)));
        let mut sealed = data.clone();
        seal(&mut sealed, d(2024, 6, 1));
        assert!(sealed.sealed);
        assert_eq!(
            sealed.productions.keys().collect::<Vec<_>>(),
            vec![&PRODUCTION],
            "not even the draft's title"
        );
        assert_eq!(sealed.motions.keys().collect::<Vec<_>>(), vec![&11], "only the decision that released");
        let decision = &sealed.motions[&11];
        assert!(decision.text.is_empty() && decision.ballots.is_empty());
        let m = &sealed.capb_meetings[&10];
        assert!(
            m.agenda.is_empty() && m.minutes.is_empty() && m.attendance.is_empty() && m.proxies.is_empty()
        );
        assert_eq!(sealed.services.len(), 4, "the member services");
        // Read sealed, the release holds: its decision is there.
        let released = production_consent(&sealed, &sealed.productions[&PRODUCTION], d(2024, 6, 1));
        assert_eq!(released, Consent::Allowed(11));
        assert!(motion_result(&sealed, decision).is_none(), "no tally from what leaves");
        // Minutes released by a decision naming them go out, with it.
        data.motions.get_mut(&11).unwrap().releases.push(named(Released::Minutes(10), &[]));
        data.capb_meetings.get_mut(&10).unwrap().minutes_released_by = Some(11);
        let sealed = sealed_part(&data, d(2024, 6, 1));
        assert_eq!(sealed.capb_meetings[&10].minutes, "Long debate.");
        assert!(sealed.capb_meetings[&10].agenda.is_empty());
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
        let out = Some(Dissemination { date: d(2024, 7, 1), to: "FEDITO BXL".into() });
        data.productions.insert(PRODUCTION, p(PRODUCTION, Some(11), out.clone()));
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
        // Four members without a representative, two productions. The meeting has minutes.
        assert_eq!(v.attention(), 4 + 2);
        // Before the meeting, its decision did not exist: the letter was waiting.
        let before = ConcertationView::compute(&data, d(2024, 3, 1));
        assert_eq!(before.meetings.len(), 0);
        assert_eq!(before.productions[0].stage, Stage::Draft);
    }
}

//! The Brussels concertation of drug-help services on prisons (CAPB, a working group of FEDITO
//! BXL), as its charter sets it up: member services that are equal, decisions by a majority
//! of the votes with one vote per member unless a proxy, debates that stay secret, and
//! nothing disseminated without the members' agreement.
//!
//! The charter fixes one vote per member service, two for a member present holding an absent
//! member's proxy, and a majority of the votes. What it does not fix (a cap on proxies, a
//! quorum, what the majority is of) is for the members to decide: [`CapbRules`], each version
//! from a date, recorded by whoever keeps their records; until they decide, defaults apply and
//! are called defaults. OpenSlides' vote delegation is the model, its users' bugs ruled out (a
//! proxy to oneself, in a circle, or counted while its holder is away).
//!
//! Nothing leaves without a decision that names it: a motion adopted under the rules in force
//! that names what it releases (a production, a meeting's minutes) and to whom.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::people::PersonId;

pub type ServiceId = u64;
pub type CapbMeetingId = u64;
pub type MotionId = u64;
pub type ProductionId = u64;

/// A field of action of a drug-help service (the charter's list, and "other").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActionField {
    Health,
    Prevention,
    Housing,
    HarmReduction,
    Information,
    Other,
}

impl ActionField {
    pub const ALL: [ActionField; 6] =
        [Self::Health, Self::Prevention, Self::Housing, Self::HarmReduction, Self::Information, Self::Other];
    pub fn code(self) -> &'static str {
        match self {
            Self::Health => "health",
            Self::Prevention => "prevention",
            Self::Housing => "housing",
            Self::HarmReduction => "harm_reduction",
            Self::Information => "information",
            Self::Other => "other",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Someone who represents a service at the concertation, from a date to a date (included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub person: PersonId,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Representative {
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }
}

/// A member service (a SAT): an organisation, never a person. Members are equal: each has
/// one voice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    pub fields: Vec<ActionField>,
    /// Member of the concertation from this date to `left` (included).
    pub joined: NaiveDate,
    pub left: Option<NaiveDate>,
    /// Who represented it, over time.
    pub representatives: Vec<Representative>,
}

impl Service {
    pub fn member_on(&self, date: NaiveDate) -> bool {
        self.joined <= date && self.left.is_none_or(|l| date <= l)
    }

    /// Who represents it on `date` (the latest appointed, if two overlap).
    pub fn representative_on(&self, date: NaiveDate) -> Option<PersonId> {
        let active = self.representatives.iter().filter(|r| r.active_on(date));
        active.max_by_key(|r| r.from).map(|r| r.person)
    }
}

/// A member service present at a meeting, and who came for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub service: ServiceId,
    pub person: Option<PersonId>,
}

/// A member absent from a meeting gives its voice, for that meeting, to a member present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proxy {
    pub giver: ServiceId,
    pub holder: ServiceId,
}

/// A meeting of the concertation. Its minutes are confidential: the debates are secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapbMeeting {
    pub id: CapbMeetingId,
    pub date: NaiveDate,
    pub agenda: String,
    /// Empty until written.
    pub minutes: String,
    pub attendance: Vec<Attendance>,
    pub proxies: Vec<Proxy>,
    /// The decision (an adopted motion) that lets the minutes go outside the concertation.
    pub minutes_released_by: Option<MotionId>,
}

impl CapbMeeting {
    pub fn present(&self, service: ServiceId) -> bool {
        self.attendance.iter().any(|a| a.service == service)
    }

    /// The proxy that carries `service`'s voice: given by it, and not lapsed (it came in
    /// person after all).
    pub fn proxy_of(&self, service: ServiceId) -> Option<&Proxy> {
        if self.present(service) {
            return None;
        }
        self.proxies.iter().find(|p| p.giver == service)
    }

    /// How a member can vote at this meeting.
    pub fn voice(&self, service: ServiceId) -> Voice {
        if self.present(service) {
            Voice::InPerson
        } else if let Some(p) = self.proxy_of(service).filter(|p| self.present(p.holder)) {
            Voice::ByProxy(p.holder)
        } else {
            Voice::None
        }
    }

    /// The proxies that carry a voice: the giver absent, the holder present.
    pub fn active_proxies(&self) -> impl Iterator<Item = &Proxy> {
        self.proxies.iter().filter(|p| !self.present(p.giver) && self.present(p.holder))
    }

    /// How many voices `holder` carries besides its own.
    pub fn proxies_held(&self, holder: ServiceId) -> usize {
        self.active_proxies().filter(|p| p.holder == holder).count()
    }
}

/// Whether and how a member votes at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    InPerson,
    /// Through the member present that holds its proxy.
    ByProxy(ServiceId),
    /// Absent, with no proxy (or a proxy whose holder is absent too).
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Vote {
    For,
    Against,
    Abstain,
    Absent,
}

impl Vote {
    pub const ALL: [Vote; 4] = [Vote::For, Vote::Against, Vote::Abstain, Vote::Absent];
    pub fn code(self) -> &'static str {
        match self {
            Vote::For => "for",
            Vote::Against => "against",
            Vote::Abstain => "abstain",
            Vote::Absent => "absent",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub service: ServiceId,
    pub vote: Vote,
}

/// A motion put to the vote at a meeting, with each member's ballot, and what it releases if
/// adopted: a decision to disseminate names its object and its recipients; a motion that
/// decides something else releases nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Motion {
    pub id: MotionId,
    pub meeting: CapbMeetingId,
    pub text: String,
    pub ballots: Vec<Ballot>,
    pub releases: Vec<Release>,
}

impl Motion {
    /// To whom this motion releases `object`, if it names it.
    pub fn releases(&self, object: Released) -> Option<&Recipients> {
        self.releases.iter().find(|r| r.object == object).map(|r| &r.to)
    }
}

/// What a decision lets go out of the concertation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Released {
    Production(ProductionId),
    /// A meeting's minutes.
    Minutes(CapbMeetingId),
}

/// To whom a decision lets something go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recipients {
    /// Anyone (a publication, the press).
    Public,
    /// These only (a minister's office, FEDITO BXL…).
    Named(Vec<String>),
}

impl Recipients {
    /// Whether `to` is among them (names compared without case, accents or spaces around).
    pub fn include(&self, to: &str) -> bool {
        let fold = |s: &str| super::people::fold(s.trim());
        match self {
            Recipients::Public => true,
            Recipients::Named(names) => names.iter().any(|n| fold(n) == fold(to)),
        }
    }
}

/// One thing a decision releases, and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub object: Released,
    pub to: Recipients,
}

/// What a majority is of: the members decide it (OpenSlides' "100 % base").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MajorityBase {
    /// More for than against; abstentions are not cast (the default).
    VotesCast,
    /// More for than half the members present or represented.
    MembersPresent,
    /// More for than half of all members.
    AllMembers,
}

impl MajorityBase {
    pub const ALL: [MajorityBase; 3] = [Self::VotesCast, Self::MembersPresent, Self::AllMembers];
    pub fn code(self) -> &'static str {
        match self {
            Self::VotesCast => "votes_cast",
            Self::MembersPresent => "members_present",
            Self::AllMembers => "all_members",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }
}

pub type CapbRulesId = u64;

/// The members' own rules, from a date: what the charter leaves to them. `None` leaves the
/// default in force (one proxy per holder, no quorum, a majority of the votes cast).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapbRules {
    pub id: CapbRulesId,
    pub from: NaiveDate,
    pub proxy_cap: Option<u32>,
    pub quorum_percent: Option<u32>,
    pub majority: Option<MajorityBase>,
    /// The members' decision, in their words (which meeting, why).
    pub note: String,
}

impl CapbRules {
    pub const DEFAULT_PROXY_CAP: u32 = 1;
    pub const DEFAULT_QUORUM: u32 = 0;
    pub const DEFAULT_MAJORITY: MajorityBase = MajorityBase::VotesCast;
    /// The bounds a rule may take: a cap of 1 to 10 proxies, a quorum of 0 to 100 %.
    pub fn within_bounds(&self) -> bool {
        self.proxy_cap.is_none_or(|c| (1..=10).contains(&c)) && self.quorum_percent.is_none_or(|q| q <= 100)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProductionKind {
    Text,
    Article,
    Publication,
    Intervention,
    Interpellation,
}

impl ProductionKind {
    pub const ALL: [ProductionKind; 5] =
        [Self::Text, Self::Article, Self::Publication, Self::Intervention, Self::Interpellation];
    pub fn code(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Article => "article",
            Self::Publication => "publication",
            Self::Intervention => "intervention",
            Self::Interpellation => "interpellation",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// When and to whom a production went out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dissemination {
    pub date: NaiveDate,
    pub to: String,
}

/// Something the concertation produces (a text, an article, an interpellation...): a draft,
/// then dissemination decided by an adopted motion, then disseminated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Production {
    pub id: ProductionId,
    pub title: String,
    pub kind: ProductionKind,
    pub drafted: NaiveDate,
    /// The motion whose adoption decided its dissemination.
    pub decision: Option<MotionId>,
    pub disseminated: Option<Dissemination>,
}

/// A rule a meeting or a vote breaks (the charter's, or the members' in force), naming the
/// member it is about so a form can say it beside that member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VoteProblem {
    /// Not a member on the meeting's date.
    NotAMember(ServiceId),
    /// Listed twice as present.
    AttendsTwice(ServiceId),
    /// A proxy given to itself.
    ProxyToSelf(ServiceId),
    /// Two proxies given by one member.
    ProxyGivenTwice(ServiceId),
    /// The holder of a proxy is not present.
    HolderAbsent { giver: ServiceId, holder: ServiceId },
    /// A member holding a proxy gives one: a chain (or a circle).
    ProxyChain { giver: ServiceId, holder: ServiceId },
    /// More proxies than the members' rule (or the default) allows one holder.
    OverCap { holder: ServiceId, held: usize, cap: usize },
    /// Two ballots of one member on one motion.
    VotesTwice(ServiceId),
    /// A vote from a member neither present nor represented.
    NoVoice(ServiceId),
}

impl VoteProblem {
    /// Whether the charter itself forbids it (one vote per member service, a proxy carried by
    /// a member present); otherwise it breaks a rule the members set (the cap on proxies).
    pub fn charter(self) -> bool {
        !matches!(self, VoteProblem::OverCap { .. })
    }

    /// The member the problem is about, for the form to put it beside.
    pub fn service(self) -> ServiceId {
        match self {
            VoteProblem::NotAMember(s)
            | VoteProblem::AttendsTwice(s)
            | VoteProblem::ProxyToSelf(s)
            | VoteProblem::ProxyGivenTwice(s)
            | VoteProblem::VotesTwice(s)
            | VoteProblem::NoVoice(s) => s,
            VoteProblem::HolderAbsent { giver, .. } | VoteProblem::ProxyChain { giver, .. } => giver,
            VoteProblem::OverCap { holder, .. } => holder,
        }
    }
}

/// What breaks the charter in a meeting's attendance and proxies; `members` are the member
/// services on its date, `cap` the proxies one member may hold.
pub fn meeting_problems(meeting: &CapbMeeting, members: &[ServiceId], cap: usize) -> Vec<VoteProblem> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for a in &meeting.attendance {
        if !members.contains(&a.service) {
            out.push(VoteProblem::NotAMember(a.service));
        } else if seen.contains(&a.service) {
            out.push(VoteProblem::AttendsTwice(a.service));
        }
        seen.push(a.service);
    }
    let mut givers = Vec::new();
    for p in &meeting.proxies {
        if !members.contains(&p.giver) {
            out.push(VoteProblem::NotAMember(p.giver));
        } else if p.giver == p.holder {
            out.push(VoteProblem::ProxyToSelf(p.giver));
        } else if givers.contains(&p.giver) {
            out.push(VoteProblem::ProxyGivenTwice(p.giver));
        } else if meeting.proxies.iter().any(|q| q.holder == p.giver && q.giver != p.giver) {
            out.push(VoteProblem::ProxyChain { giver: p.giver, holder: p.holder });
        } else if !meeting.present(p.giver) && !meeting.present(p.holder) {
            // A proxy whose giver came lapses; one whose holder is away is no voice at all.
            out.push(VoteProblem::HolderAbsent { giver: p.giver, holder: p.holder });
        }
        givers.push(p.giver);
    }
    let mut holders: Vec<ServiceId> = meeting.active_proxies().map(|p| p.holder).collect();
    holders.sort_unstable();
    holders.dedup();
    for holder in holders {
        let held = meeting.proxies_held(holder);
        if held > cap {
            out.push(VoteProblem::OverCap { holder, held, cap });
        }
    }
    out
}

/// What breaks the charter in a motion's ballots at `meeting`.
pub fn ballot_problems(motion: &Motion, meeting: &CapbMeeting, members: &[ServiceId]) -> Vec<VoteProblem> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for b in &motion.ballots {
        if !members.contains(&b.service) {
            out.push(VoteProblem::NotAMember(b.service));
        } else if seen.contains(&b.service) {
            out.push(VoteProblem::VotesTwice(b.service));
        } else if b.vote != Vote::Absent && meeting.voice(b.service) == Voice::None {
            out.push(VoteProblem::NoVoice(b.service));
        }
        seen.push(b.service);
    }
    out
}

/// The result of a vote, by the charter (a majority) and the members' rules in force (what the
/// majority is of, a quorum): a tie is no majority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Adopted,
    Rejected,
    /// As many for as against (none at all included): no majority, so not adopted.
    Tie,
    /// Fewer members present or represented than the members' quorum.
    NoQuorum,
    /// The vote broke a rule in force (a proxy over the cap, a holder absent, a member
    /// voting twice or without a voice, a former member): it counts for nothing.
    Void(VoteProblem),
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::Rejected => "rejected",
            Outcome::Tie => "tie",
            Outcome::NoQuorum => "no_quorum",
            Outcome::Void(_) => "void",
        }
    }
}

/// A motion's count. Every member on the meeting's date is counted once, whatever the
/// ballots say (a second ballot, a ballot from a non-member or a vote without a voice make
/// the vote void; see [`Outcome::Void`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub members: usize,
    pub for_: usize,
    pub against: usize,
    pub abstain: usize,
    /// Members with a voice recorded as not voting, and members with no voice at all.
    pub not_voting: usize,
    /// Members with a voice who have no ballot yet: still to call, while the vote runs.
    pub to_call: usize,
    /// Of the votes above (for, against, abstain), how many came through a proxy.
    pub by_proxy: usize,
    /// Members present in person, and those represented by a proxy.
    pub present: usize,
    pub represented: usize,
}

impl Tally {
    /// The absent members voting through a proxy: while members are still to be called, all
    /// those represented (their proxy will vote for them); once every one is, those whose
    /// proxy did vote.
    pub fn voting_by_proxy(&self) -> usize {
        if self.to_call > 0 { self.represented } else { self.by_proxy }
    }

    /// For and against: the votes cast.
    pub fn cast(&self) -> usize {
        self.for_ + self.against
    }

    /// Members not present in person (some of them may vote through a proxy).
    pub fn absent(&self) -> usize {
        self.members - self.present
    }

    /// The result by the majority base and quorum in force (`quorum_percent` 0: none).
    pub fn outcome(&self, base: MajorityBase, quorum_percent: u32) -> Outcome {
        let needed = (self.members * quorum_percent as usize).div_ceil(100);
        if quorum_percent > 0 && self.present + self.represented < needed {
            return Outcome::NoQuorum;
        }
        let over = match base {
            MajorityBase::VotesCast => self.against,
            MajorityBase::MembersPresent => (self.present + self.represented) / 2,
            MajorityBase::AllMembers => self.members / 2,
        };
        if self.for_ > over && self.for_ > self.against {
            Outcome::Adopted
        } else if self.for_ == self.against {
            Outcome::Tie
        } else {
            Outcome::Rejected
        }
    }
}

/// Counts `motion` at `meeting`, `members` being the member services on its date.
pub fn tally(motion: &Motion, meeting: &CapbMeeting, members: &[ServiceId]) -> Tally {
    let mut t = Tally { members: members.len(), ..Tally::default() };
    for &service in members {
        let voice = meeting.voice(service);
        match voice {
            Voice::InPerson => t.present += 1,
            Voice::ByProxy(_) => t.represented += 1,
            Voice::None => {}
        }
        let ballot = motion.ballots.iter().find(|b| b.service == service).map(|b| b.vote);
        match (ballot, voice) {
            (_, Voice::None) | (Some(Vote::Absent), _) => t.not_voting += 1,
            (None, _) => t.to_call += 1,
            (Some(v), _) => {
                match v {
                    Vote::For => t.for_ += 1,
                    Vote::Against => t.against += 1,
                    _ => t.abstain += 1,
                }
                if matches!(voice, Voice::ByProxy(_)) {
                    t.by_proxy += 1;
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn meeting(present: &[ServiceId], proxies: &[(ServiceId, ServiceId)]) -> CapbMeeting {
        CapbMeeting {
            id: 1,
            date: d(2024, 3, 12),
            agenda: String::new(),
            minutes: String::new(),
            attendance: present.iter().map(|s| Attendance { service: *s, person: None }).collect(),
            proxies: proxies.iter().map(|(giver, holder)| Proxy { giver: *giver, holder: *holder }).collect(),
            minutes_released_by: None,
        }
    }

    fn motion(ballots: &[(ServiceId, Vote)]) -> Motion {
        Motion {
            id: 9,
            meeting: 1,
            text: "m".into(),
            releases: vec![],
            ballots: ballots
                .iter()
                .map(|(service, vote)| Ballot { service: *service, vote: *vote })
                .collect(),
        }
    }

    const MEMBERS: &[ServiceId] = &[1, 2, 3, 4, 5];
    const VOTES_CAST: MajorityBase = MajorityBase::VotesCast;

    #[test]
    fn a_vote_carried_by_proxy() {
        // 1, 2, 3 present; 4 gave its voice to 1; 5 away.
        let m = meeting(&[1, 2, 3], &[(4, 1)]);
        assert!(meeting_problems(&m, MEMBERS, 1).is_empty());
        let v = motion(&[(1, Vote::For), (2, Vote::Against), (3, Vote::Abstain), (4, Vote::For)]);
        assert!(ballot_problems(&v, &m, MEMBERS).is_empty());
        let t = tally(&v, &m, MEMBERS);
        assert_eq!((t.for_, t.against, t.abstain, t.not_voting, t.by_proxy), (2, 1, 1, 1, 1));
        // Two absent: one voting through its proxy, one without a voice.
        assert_eq!((t.absent(), t.to_call), (2, 0));
        assert_eq!(t.outcome(VOTES_CAST, 0), Outcome::Adopted);
        // Without the proxy it would have been a tie, and a tie is no majority.
        let without = motion(&[(1, Vote::For), (2, Vote::Against), (3, Vote::Abstain)]);
        assert_eq!(tally(&without, &m, MEMBERS).outcome(VOTES_CAST, 0), Outcome::Tie);
    }

    #[test]
    fn abstentions_are_not_votes_cast() {
        let m = meeting(&[1, 2, 3, 4], &[]);
        let v = motion(&[(1, Vote::For), (2, Vote::Abstain), (3, Vote::Abstain), (4, Vote::Abstain)]);
        let t = tally(&v, &m, MEMBERS);
        assert_eq!(t.cast(), 1);
        assert_eq!(t.outcome(VOTES_CAST, 0), Outcome::Adopted);
        let against = motion(&[(1, Vote::Against), (2, Vote::Absent), (3, Vote::Absent), (4, Vote::Absent)]);
        assert_eq!(tally(&against, &m, MEMBERS).outcome(VOTES_CAST, 0), Outcome::Rejected);
        let nobody = tally(&motion(&[]), &m, MEMBERS);
        assert_eq!(nobody.outcome(VOTES_CAST, 0), Outcome::Tie, "nobody voted");
        assert_eq!(
            (nobody.to_call, nobody.not_voting),
            (4, 1),
            "those with a voice are still to call, not absent"
        );
        // With the majority of the members present as the base, one for and three abstentions
        // are no majority; of all members, neither.
        assert_eq!(t.outcome(MajorityBase::MembersPresent, 0), Outcome::Rejected);
        assert_eq!(t.outcome(MajorityBase::AllMembers, 0), Outcome::Rejected);
        let three = motion(&[(1, Vote::For), (2, Vote::For), (3, Vote::For), (4, Vote::Abstain)]);
        assert_eq!(
            tally(&three, &m, MEMBERS).outcome(MajorityBase::AllMembers, 0),
            Outcome::Adopted,
            "3 of 5"
        );
    }

    #[test]
    fn a_quorum_only_when_set() {
        // Two of five present: no quorum at 50 %, a result without one.
        let m = meeting(&[1, 2], &[]);
        let v = motion(&[(1, Vote::For), (2, Vote::For)]);
        let t = tally(&v, &m, MEMBERS);
        assert_eq!(t.outcome(VOTES_CAST, 0), Outcome::Adopted);
        assert_eq!(t.outcome(VOTES_CAST, 50), Outcome::NoQuorum);
        assert_eq!(t.outcome(VOTES_CAST, 40), Outcome::Adopted, "2 of 5 is 40 %");
        // A member represented by proxy counts towards the quorum.
        let m = meeting(&[1, 2], &[(3, 1)]);
        assert_eq!(tally(&v, &m, MEMBERS).outcome(VOTES_CAST, 50), Outcome::Adopted);
    }

    #[test]
    fn the_charters_proxy_rules() {
        use VoteProblem::*;
        assert_eq!(meeting_problems(&meeting(&[1], &[(1, 1)]), MEMBERS, 1), vec![ProxyToSelf(1)]);
        // 3 gives to 2 and 2 to 1: 2 passes on a proxy, whether or not it came.
        let chain = meeting(&[1], &[(3, 2), (2, 1)]);
        assert!(meeting_problems(&chain, MEMBERS, 1).contains(&ProxyChain { giver: 2, holder: 1 }));
        let circle = meeting(&[], &[(2, 3), (3, 2)]);
        let problems = meeting_problems(&circle, MEMBERS, 1);
        assert!(problems.contains(&ProxyChain { giver: 2, holder: 3 }), "{problems:?}");
        assert!(problems.contains(&ProxyChain { giver: 3, holder: 2 }), "{problems:?}");
        assert_eq!(
            meeting_problems(&meeting(&[1], &[(3, 2)]), MEMBERS, 1),
            vec![HolderAbsent { giver: 3, holder: 2 }]
        );
        assert_eq!(meeting_problems(&meeting(&[1], &[(3, 1), (3, 1)]), MEMBERS, 2), vec![ProxyGivenTwice(3)]);
        let two = meeting(&[1], &[(3, 1), (4, 1)]);
        assert_eq!(meeting_problems(&two, MEMBERS, 1), vec![OverCap { holder: 1, held: 2, cap: 1 }]);
        assert!(meeting_problems(&two, MEMBERS, 2).is_empty());
        assert_eq!(meeting_problems(&meeting(&[1, 9], &[]), MEMBERS, 1), vec![NotAMember(9)]);
        assert_eq!(meeting_problems(&meeting(&[1, 1], &[]), MEMBERS, 1), vec![AttendsTwice(1)]);
    }

    #[test]
    fn a_proxy_lapses_when_its_giver_comes() {
        // 4 gave its voice to 1, then came: it votes in person, and 1 holds no proxy.
        let m = meeting(&[1, 4], &[(4, 1)]);
        assert!(meeting_problems(&m, MEMBERS, 1).is_empty());
        assert_eq!(m.voice(4), Voice::InPerson);
        assert_eq!(m.proxies_held(1), 0);
        let t = tally(&motion(&[(1, Vote::For), (4, Vote::Against)]), &m, MEMBERS);
        assert_eq!((t.for_, t.against, t.by_proxy), (1, 1, 0));
        // A lapsed proxy does not count towards the cap either.
        let m = meeting(&[1, 4], &[(4, 1), (5, 1)]);
        assert!(meeting_problems(&m, MEMBERS, 1).is_empty());
    }

    #[test]
    fn one_ballot_per_member_and_none_without_a_voice() {
        use VoteProblem::*;
        let m = meeting(&[1, 2], &[]);
        let twice = motion(&[(1, Vote::For), (1, Vote::Against)]);
        assert_eq!(ballot_problems(&twice, &m, MEMBERS), vec![VotesTwice(1)]);
        let t = tally(&twice, &m, MEMBERS);
        assert_eq!((t.for_, t.against), (1, 0), "the first ballot counts, once");
        let away = motion(&[(3, Vote::For), (4, Vote::Absent)]);
        assert_eq!(ballot_problems(&away, &m, MEMBERS), vec![NoVoice(3)]);
        assert_eq!(tally(&away, &m, MEMBERS).for_, 0, "an absent member's vote is not counted");
        // A proxy whose holder is away carries no voice.
        let m = meeting(&[1], &[(3, 2)]);
        assert_eq!(ballot_problems(&away, &m, MEMBERS), vec![NoVoice(3)]);
    }

    #[test]
    fn membership_and_representation_over_time() {
        let s = Service {
            id: 1,
            name: "S".into(),
            fields: vec![ActionField::Health],
            joined: d(2015, 1, 1),
            left: Some(d(2020, 12, 31)),
            representatives: vec![
                Representative { person: 7, from: d(2015, 1, 1), until: Some(d(2017, 6, 30)) },
                Representative { person: 8, from: d(2018, 1, 1), until: None },
            ],
        };
        assert!(!s.member_on(d(2014, 12, 31)) && s.member_on(d(2020, 12, 31)) && !s.member_on(d(2021, 1, 1)));
        assert_eq!(s.representative_on(d(2016, 1, 1)), Some(7));
        assert_eq!(s.representative_on(d(2017, 9, 1)), None);
        assert_eq!(s.representative_on(d(2019, 1, 1)), Some(8));
    }

    fn any_vote() -> impl Strategy<Value = Vote> {
        prop_oneof![Just(Vote::For), Just(Vote::Against), Just(Vote::Abstain), Just(Vote::Absent)]
    }

    proptest! {
        /// Whatever the ballots and proxies, valid or not: every member is counted exactly
        /// once, and the votes never exceed the members present plus the proxies they hold.
        #[test]
        fn the_tally_counts_each_member_once(
            present in vec(0u64..8, 0..8),
            proxies in vec((0u64..8, 0u64..8), 0..6),
            ballots in vec((0u64..10, any_vote()), 0..16),
        ) {
            let members: Vec<ServiceId> = (0..8).collect();
            let m = meeting(&present, &proxies);
            let v = motion(&ballots);
            let t = tally(&v, &m, &members);
            prop_assert_eq!(t.for_ + t.against + t.abstain + t.not_voting + t.to_call, members.len());
            prop_assert_eq!(t.absent(), members.len() - t.present);
            let in_person = members.iter().filter(|s| m.present(**s)).count();
            let held: usize = members.iter().map(|s| m.proxies_held(*s)).sum();
            prop_assert!(t.for_ + t.against + t.abstain <= in_person + held);
            prop_assert!(t.by_proxy <= held);
            prop_assert_eq!(t.present, in_person);
            prop_assert!(t.represented <= held);
        }

        /// A meeting the rules accept never lets one holder carry more than the cap, and each
        /// member's voice goes through one path only.
        #[test]
        fn an_accepted_meeting_keeps_the_cap(
            present in vec(0u64..6, 0..6),
            proxies in vec((0u64..6, 0u64..6), 0..6),
            cap in 1usize..3,
        ) {
            let members: Vec<ServiceId> = (0..6).collect();
            let m = meeting(&present, &proxies);
            if meeting_problems(&m, &members, cap).is_empty() {
                for s in &members {
                    prop_assert!(m.proxies_held(*s) <= cap);
                    if let Voice::ByProxy(h) = m.voice(*s) {
                        prop_assert_eq!(m.voice(h), Voice::InPerson, "a holder votes in person");
                        prop_assert!(m.proxies.iter().all(|p| p.giver != h), "no chain");
                    }
                }
            }
        }
    }
}

//! The roll call: a meeting's attendance and proxies, or a motion's vote, taken member by
//! member with one key each and moving down the list, as quick as a show of hands. The
//! count follows as it goes; the charter's rules are checked on saving, each problem said
//! beside the member it is about.

use chrono::NaiveDate;

use super::forms::{EditForm, Purpose};
use crate::domain::concertation::{
    Attendance, Ballot, CapbMeeting, Motion, Proxy, ServiceId, Tally, Voice, Vote, ballot_problems,
    meeting_problems, tally,
};
use crate::domain::rules::members_on;
use crate::domain::{Change, Dataset, Record};
use crate::i18n::names::Names;
use crate::i18n::{self, Lang, Msg};

/// What one member is marked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Present,
    Absent,
    /// Absent, its voice given to this member present.
    Proxy(ServiceId),
    Vote(Vote),
    /// Not yet called in a vote: still to call.
    Unmarked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub service: ServiceId,
    pub name: String,
    pub mark: Mark,
    /// In a vote: how the member can vote (present, by proxy of whom, no voice).
    pub voice: Voice,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Roll {
    Attendance(CapbMeeting),
    Vote { motion: Motion, meeting: CapbMeeting },
}

#[derive(Debug, Clone)]
pub struct RollCall {
    pub title: String,
    pub roll: Roll,
    pub entries: Vec<Entry>,
    pub cursor: usize,
    /// What is wrong, said above the list when it is about no one member.
    pub error: Option<String>,
    /// The members on the meeting's date, in list order.
    members: Vec<ServiceId>,
    /// The members' rules in force on the meeting's date.
    rules: crate::domain::rules::MembersRules,
}

impl RollCall {
    /// After a meeting's or a motion's form: the roll call that completes the record (it opens
    /// over the form, to which Esc goes back), or `None` when its changes need none.
    pub fn after_form(
        form: &EditForm,
        changes: &[Change],
        data: &Dataset,
        lang: Lang,
        as_of: NaiveDate,
    ) -> Option<RollCall> {
        let record = changes.iter().find_map(|c| match c {
            Change::Put(r @ (Record::CapbMeeting(_) | Record::Motion(_))) => Some(r.clone()),
            _ => None,
        });
        let names = Names::new(data, lang, as_of);
        match (&form.purpose, record) {
            (Purpose::CapbMeeting(_), Some(Record::CapbMeeting(m))) => {
                let title = lang.f(Msg::FormAttendance, &[&names.date(m.date)]);
                Some(RollCall::new(title, Roll::Attendance(m), data, &names))
            }
            (Purpose::Motion { .. }, Some(Record::Motion(motion))) => {
                let meeting = data.capb_meetings.get(&motion.meeting).cloned()?;
                let title = lang.f(Msg::FormVote, &[&names.motion_text(&motion.text)]);
                Some(RollCall::new(title, Roll::Vote { motion, meeting }, data, &names))
            }
            _ => None,
        }
    }

    fn new(title: String, roll: Roll, data: &Dataset, names: &Names) -> RollCall {
        let meeting = match &roll {
            Roll::Attendance(m) | Roll::Vote { meeting: m, .. } => m,
        };
        let members = members_on(data, meeting.date);
        let rules = crate::domain::rules::rules_on(data, meeting.date);
        let entries = members
            .iter()
            .map(|&service| {
                let mark = match &roll {
                    Roll::Attendance(m) if m.present(service) => Mark::Present,
                    Roll::Attendance(m) => m
                        .proxies
                        .iter()
                        .find(|p| p.giver == service)
                        .map_or(Mark::Absent, |p| Mark::Proxy(p.holder)),
                    Roll::Vote { motion, .. } => motion
                        .ballots
                        .iter()
                        .find(|b| b.service == service)
                        .map_or(Mark::Unmarked, |b| Mark::Vote(b.vote)),
                };
                Entry {
                    service,
                    name: names.service(service),
                    mark,
                    voice: meeting.voice(service),
                    error: None,
                }
            })
            .collect();
        let mut call = RollCall { title, roll, entries, cursor: 0, error: None, members, rules };
        // In a vote, the first member who can vote.
        if call.is_vote() && call.entries.first().is_some_and(|e| e.voice == Voice::None) {
            call.move_by(true);
        }
        call
    }

    /// Whether the cursor may stop on this entry: in a vote, only a member who can vote (one
    /// absent without a proxy has no ballot to give, and says so beside its name).
    fn stops_on(&self, i: usize) -> bool {
        !self.is_vote() || self.entries.get(i).is_some_and(|e| e.voice != Voice::None)
    }

    pub fn is_vote(&self) -> bool {
        matches!(self.roll, Roll::Vote { .. })
    }

    /// To the next (or previous) member the cursor stops on; where there is none, it stays.
    pub fn move_by(&mut self, down: bool) {
        let next = if down {
            (self.cursor + 1..self.entries.len()).find(|&i| self.stops_on(i))
        } else {
            (0..self.cursor).rev().find(|&i| self.stops_on(i))
        };
        if let Some(i) = next {
            self.cursor = i;
        }
    }

    /// Marks the member under the cursor and moves to the next. A vote from a member with no
    /// voice is refused there and then, in words beside it.
    pub fn mark(&mut self, mark: Mark, lang: Lang) {
        let Some(entry) = self.entries.get_mut(self.cursor) else { return };
        if matches!(mark, Mark::Vote(v) if v != Vote::Absent) && entry.voice == Voice::None {
            entry.error = Some(i18n::vote_problem(
                lang,
                crate::domain::concertation::VoteProblem::NoVoice(entry.service),
                |_| entry.name.clone(),
            ));
            return;
        }
        entry.mark = mark;
        entry.error = None;
        self.error = None;
        if mark == Mark::Absent || matches!(mark, Mark::Present | Mark::Vote(_)) {
            // Nobody holds the proxy of a member who came, or of one who is absent now.
            self.clear_proxies_held_by_absent();
        }
        self.move_by(true);
    }

    /// Gives the voice of the member under the cursor to the next member present (round the
    /// list, then back to no proxy). The cursor stays, so the holder can be chosen.
    pub fn next_holder(&mut self) {
        let Some(entry) = self.entries.get(self.cursor) else { return };
        let me = entry.service;
        let present: Vec<ServiceId> = self
            .entries
            .iter()
            .filter(|e| e.mark == Mark::Present && e.service != me)
            .map(|e| e.service)
            .collect();
        let next = match entry.mark {
            Mark::Proxy(h) => present.iter().position(|p| *p == h).and_then(|i| present.get(i + 1)).copied(),
            _ => present.first().copied(),
        };
        let entry = &mut self.entries[self.cursor];
        entry.mark = next.map_or(Mark::Absent, Mark::Proxy);
        entry.error = None;
    }

    fn clear_proxies_held_by_absent(&mut self) {
        let present: Vec<ServiceId> =
            self.entries.iter().filter(|e| e.mark == Mark::Present).map(|e| e.service).collect();
        for e in &mut self.entries {
            if let Mark::Proxy(h) = e.mark
                && !present.contains(&h)
            {
                e.mark = Mark::Absent;
            }
        }
    }

    /// The record as the roll call has it.
    pub fn record(&self) -> Record {
        match &self.roll {
            Roll::Attendance(m) => Record::CapbMeeting(self.meeting_now(m)),
            Roll::Vote { motion, .. } => Record::Motion(self.motion_now(motion)),
        }
    }

    fn meeting_now(&self, m: &CapbMeeting) -> CapbMeeting {
        let mut meeting = m.clone();
        let came_for = |service: ServiceId| {
            // Who came for it: as recorded, else its representative on the day.
            m.attendance.iter().find(|a| a.service == service).and_then(|a| a.person)
        };
        meeting.attendance = self
            .entries
            .iter()
            .filter(|e| e.mark == Mark::Present)
            .map(|e| Attendance { service: e.service, person: came_for(e.service) })
            .collect();
        meeting.proxies = self
            .entries
            .iter()
            .filter_map(|e| match e.mark {
                Mark::Proxy(holder) => Some(Proxy { giver: e.service, holder }),
                _ => None,
            })
            .collect();
        meeting
    }

    fn motion_now(&self, m: &Motion) -> Motion {
        let ballots = self.entries.iter().filter_map(|e| match e.mark {
            Mark::Vote(vote) => Some(Ballot { service: e.service, vote }),
            _ => None,
        });
        Motion { ballots: ballots.collect(), ..m.clone() }
    }

    /// The vote's count as it stands (a vote only).
    pub fn tally(&self) -> Option<Tally> {
        match &self.roll {
            Roll::Vote { motion, meeting } => Some(tally(&self.motion_now(motion), meeting, &self.members)),
            Roll::Attendance(_) => None,
        }
    }

    /// The line under the list: who is there, or the count and the result (once every member
    /// with a voice is called; void, with the rule broken, when one is).
    pub fn summary(&self, lang: Lang) -> String {
        let name = |s: ServiceId| {
            self.entries.iter().find(|e| e.service == s).map_or_else(|| format!("#{s}"), |e| e.name.clone())
        };
        match (&self.roll, self.tally()) {
            (Roll::Vote { motion, meeting }, Some(t)) => {
                let result = if t.to_call > 0 {
                    lang.f(Msg::RollToCall, &[&t.to_call.to_string()])
                } else {
                    let broken =
                        meeting_problems(meeting, &self.members, self.rules.proxy_cap.value as usize)
                            .into_iter()
                            .chain(ballot_problems(&self.motion_now(motion), meeting, &self.members))
                            .next();
                    let outcome = match broken {
                        Some(p) => crate::domain::concertation::Outcome::Void(p),
                        None => t.outcome(self.rules.majority.value, self.rules.quorum_percent.value),
                    };
                    i18n::result(lang, outcome, name)
                };
                format!("{} — {result}", i18n::tally(lang, &t))
            }
            _ => {
                let present = self.entries.iter().filter(|e| e.mark == Mark::Present).count();
                let proxies = self.entries.iter().filter(|e| matches!(e.mark, Mark::Proxy(_))).count();
                let n = |v: usize| v.to_string();
                lang.f(Msg::RollCount, &[&n(present), &n(proxies), &n(self.entries.len())])
            }
        }
    }

    /// The rules in force the count follows, each the members' (since when) or a default: in a
    /// vote what the majority is of and the quorum; in the attendance, the proxies one may hold.
    pub fn rule(&self, lang: Lang) -> String {
        match &self.roll {
            Roll::Vote { .. } => i18n::rules_short(lang, &self.rules),
            Roll::Attendance(_) => i18n::proxy_rule(lang, &self.rules),
        }
    }

    /// Checks the charter and the members' rules in force; each problem goes beside its member. True when none.
    pub fn check(&mut self, lang: Lang, names: &Names) -> bool {
        let problems = match &self.roll {
            Roll::Attendance(m) => {
                meeting_problems(&self.meeting_now(m), &self.members, self.rules.proxy_cap.value as usize)
            }
            Roll::Vote { motion, meeting } => {
                ballot_problems(&self.motion_now(motion), meeting, &self.members)
            }
        };
        for e in &mut self.entries {
            e.error = None;
        }
        for p in &problems {
            let text = i18n::vote_problem(lang, *p, |s| names.service(s));
            match self.entries.iter_mut().find(|e| e.service == p.service()) {
                Some(e) if e.error.is_none() => e.error = Some(text),
                Some(_) => {}
                None => self.error = Some(text),
            }
        }
        if let Some(first) = self.entries.iter().position(|e| e.error.is_some()) {
            self.cursor = first;
        }
        problems.is_empty()
    }

    /// How a member's mark reads.
    pub fn mark_text(&self, entry: &Entry, lang: Lang) -> String {
        let name = |s: ServiceId| {
            self.entries.iter().find(|e| e.service == s).map_or_else(|| format!("#{s}"), |e| e.name.clone())
        };
        match entry.mark {
            Mark::Present => lang.t(Msg::RollPresent).into(),
            Mark::Absent => lang.t(Msg::RollAbsent).into(),
            Mark::Proxy(h) => lang.f(Msg::RollProxy, &[&name(h)]),
            Mark::Vote(v) => i18n::vote(lang, v).into(),
            Mark::Unmarked => "?".into(),
        }
    }

    /// In a vote, how the member votes: in person, by proxy (through whom), or not at all.
    pub fn voice_text(&self, entry: &Entry, lang: Lang) -> String {
        match entry.voice {
            Voice::InPerson => String::new(),
            Voice::ByProxy(h) => {
                let holder =
                    self.entries.iter().find(|e| e.service == h).map_or_else(String::new, |e| e.name.clone());
                lang.f(Msg::VoteByProxy, &[&holder])
            }
            Voice::None => {
                // A proxy given to a member who is not there either carries no voice.
                let holder = match &self.roll {
                    Roll::Vote { meeting, .. } => meeting.proxy_of(entry.service).map(|p| p.holder),
                    Roll::Attendance(_) => None,
                };
                match holder.and_then(|h| self.entries.iter().find(|e| e.service == h)) {
                    Some(h) => lang.f(Msg::VoteHolderAbsent, &[&h.name]),
                    None => lang.t(Msg::VoteNoVoice).into(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::forms::{self, FormSource};

    fn roll(purpose: Purpose) -> (RollCall, Dataset) {
        roll_with(purpose, "")
    }

    /// The roll call after a form whose second field (a motion's text) got `typed`.
    fn roll_with(purpose: Purpose, typed: &str) -> (RollCall, Dataset) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let data = crate::demo::demo_dataset(today);
        let ctx = FormSource { data: &data, as_of: today, today, lang: Lang::En };
        let mut form = forms::open(purpose, &ctx).unwrap();
        if !typed.is_empty() {
            form.focus = 1;
            typed.chars().for_each(|c| assert!(form.type_char(c)));
        }
        let changes = forms::save(&mut form, &ctx).unwrap();
        let rc = RollCall::after_form(&form, &changes, &data, Lang::En, today).unwrap();
        (rc, data)
    }

    #[test]
    fn attendance_marks_move_down_and_proxies_go_to_members_present() {
        let (mut rc, data) = roll(Purpose::CapbMeeting(None));
        assert!(rc.entries.len() >= 4, "the demo's members");
        rc.mark(Mark::Present, Lang::En);
        rc.mark(Mark::Present, Lang::En);
        assert_eq!(rc.cursor, 2);
        rc.next_holder();
        assert_eq!(rc.entries[2].mark, Mark::Proxy(rc.entries[0].service));
        rc.next_holder();
        assert_eq!(rc.entries[2].mark, Mark::Proxy(rc.entries[1].service));
        rc.next_holder();
        assert_eq!(rc.entries[2].mark, Mark::Absent, "round the members present, then none");
        rc.next_holder();
        // The holder leaves: the proxy goes with it.
        rc.cursor = 0;
        rc.mark(Mark::Absent, Lang::En);
        assert_eq!(rc.entries[2].mark, Mark::Absent);
        let names = Names::new(&data, Lang::En, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert!(rc.check(Lang::En, &names));
    }

    #[test]
    fn a_second_proxy_over_the_cap_is_said_beside_its_holder() {
        let (mut rc, data) = roll(Purpose::CapbMeeting(None));
        rc.mark(Mark::Present, Lang::En);
        rc.next_holder();
        rc.move_by(true);
        rc.next_holder();
        let names = Names::new(&data, Lang::En, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert!(!rc.check(Lang::En, &names));
        let error = rc.entries[0].error.clone().unwrap();
        assert!(error.contains("holds 2 proxies; at most 1"), "{error}");
        assert_eq!(rc.cursor, 0, "the cursor goes to the problem");
    }

    #[test]
    fn a_vote_gives_its_result_once_every_member_with_a_voice_is_called() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let data = crate::demo::demo_dataset(today);
        let june_2015 = NaiveDate::from_ymd_opt(2015, 6, 9).unwrap();
        let meeting = data.capb_meetings.values().find(|m| m.date == june_2015).map(|m| m.id);
        let (mut rc, _) = roll_with(Purpose::Motion { existing: None, meeting }, "Write to the minister");
        let with_voice = rc.entries.iter().filter(|e| !matches!(e.voice, Voice::None)).count();
        assert!(with_voice >= 2, "the demo's meeting of June 2015 has members present");
        let summary = rc.summary(Lang::En);
        assert!(summary.ends_with(&format!("{with_voice} still to call")), "{summary}");
        // Still to call is not absent: only members not present in person are.
        let absent = rc.entries.iter().filter(|e| e.voice != Voice::InPerson).count();
        assert!(summary.contains(&format!("; {absent} absent")), "{summary}");
        // The cursor stops only on members who can vote, one key each.
        let mut called = 0;
        for _ in 0..rc.entries.len() {
            assert!(rc.entries[rc.cursor].voice != Voice::None, "the cursor on a member without a voice");
            if rc.entries[rc.cursor].mark == Mark::Unmarked {
                called += 1;
            }
            rc.mark(Mark::Vote(Vote::For), Lang::En);
        }
        assert_eq!(called, with_voice);
        let summary = rc.summary(Lang::En);
        assert!(summary.ends_with("adopted") && !summary.contains("to call"), "{summary}");
    }
}

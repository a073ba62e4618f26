//! `pilotage report` and `pilotage check`: the panes, as Markdown or as one line per problem.

use std::fmt::Write;

use crate::domain::Dataset;
use crate::domain::date::format_be;
use crate::domain::rules::{Activity, Blocker, Situation, Standing};
use crate::i18n::{self, Lang, Msg};
use crate::rows::{PaneId, RowSource};

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The five views as a Markdown document, marked confidential. The concertation's part is
/// for the outside unless `internal`: only what its members agreed to disseminate.
pub fn report(data: &Dataset, situation: &Situation, lang: Lang, internal: bool) -> String {
    let ctx = RowSource::new(data, situation, lang, true);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", lang.t(Msg::ReportTitle));
    let _ = writeln!(out, "**{}**\n", lang.t(Msg::Confidential));
    let _ = writeln!(out, "{}\n", lang.f(Msg::ReportAsOf, &[&format_be(situation.as_of)]));
    central_section(&mut out, data, situation, lang);
    // The concertation's own section follows its rule of consent.
    for pane in PaneId::ALL.into_iter().filter(|p| *p != PaneId::Concertation) {
        let rows = pane.rows(&ctx);
        let _ = writeln!(out, "## {} ({})\n", lang.t(pane.title()), pane.count(situation));
        if rows.is_empty() {
            let _ = writeln!(out, "{}\n", lang.t(Msg::ReportNothing));
            continue;
        }
        let cols = pane.columns();
        let header: Vec<&str> = cols.iter().map(|c| lang.t(c.title)).collect();
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let rule: Vec<&str> = cols.iter().map(|c| if c.right { "---:" } else { "---" }).collect();
        let _ = writeln!(out, "| {} |", rule.join(" | "));
        for row in rows {
            let cells: Vec<String> = row.cells().map(md_cell).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    // The figures count every establishment: a staff member's part would give theirs as the
    // country's.
    if !data.partial {
        figures_sections(&mut out, data, situation.as_of, lang);
    }
    coverage_section(&mut out, &ctx, situation);
    concertation_section(&mut out, &ctx, situation, internal);
    let t = data.thresholds_on(situation.as_of);
    let numbers = [t.dormant_after_months, t.overdue_after_days, t.seat_limit].map(|n| n.to_string());
    let _ = writeln!(
        out,
        "---\n{}\n",
        lang.f(Msg::ReportThresholds, &[&format_be(situation.as_of), &numbers[0], &numbers[1], &numbers[2]])
    );
    let _ = writeln!(out, "{}", lang.t(Msg::Confidential));
    out
}

/// The central group: its chair, whether it meets, when it last met.
fn central_section(out: &mut String, data: &Dataset, situation: &Situation, lang: Lang) {
    let _ = writeln!(out, "## {}\n", lang.t(Msg::ReportCentral));
    // The chair and the group itself; when it last met is said on its own line below.
    for b in situation
        .central_blockers
        .iter()
        .filter(|b| !matches!(b, Blocker::NotMetSince(_) | Blocker::NeverMet))
    {
        let line = match b {
            Blocker::NoChair { since: Some(s) } => lang.f(Msg::ReportChairVacant, &[&format_be(*s)]),
            other => i18n::blocker(lang, other, format_be),
        };
        // A sentence of the report, begun as one.
        let mut chars = line.chars();
        let line: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        let stop = if line.ends_with('.') { "" } else { "." };
        let _ = writeln!(out, "- {line}{stop}");
    }
    let last = situation.central_activity.last_meeting();
    let last = last.map_or_else(|| lang.t(Msg::Never).to_string(), format_be);
    if situation.central_activity.is_dormant() {
        let months = data.thresholds_on(situation.as_of).dormant_after_months.to_string();
        // "Not for six months" of a group that never met would be false.
        let said = match situation.central_activity.last_meeting() {
            Some(day) => lang.f(Msg::ReportCentralDormant, &[&format_be(day), &months]),
            None => lang.t(Msg::ReportCentralNeverMet).to_string(),
        };
        let _ = writeln!(out, "- **{said}**");
    }
    let _ = writeln!(out, "- {}\n", lang.f(Msg::ReportCentralLastMet, &[&last]));
}

/// How much of each training need sessions have covered.
fn coverage_section(out: &mut String, ctx: &RowSource, situation: &Situation) {
    let (data, lang) = (ctx.data, ctx.lang);
    let coverage = crate::domain::rules::coverage_by(data, &situation.needs);
    if !coverage.is_empty() {
        let _ = writeln!(out, "## {}\n", lang.t(Msg::ReportCoverage));
        let header = [Msg::ColPrison, Msg::ColStaff, Msg::ColTopic, Msg::ColPeople, Msg::ColCoverage];
        let header: Vec<&str> = header.iter().map(|m| lang.t(*m)).collect();
        let _ = writeln!(out, "| {} |\n| --- | --- | --- | ---: | --- |", header.join(" | "));
        for ((est, group, _), (topic, c)) in &coverage {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} {}% ({}/{}) |",
                md_cell(&ctx.establishment(est)),
                i18n::staff_group(lang, *group),
                md_cell(topic),
                c.needed,
                crate::rows::bar(c.percent(), true),
                c.percent(),
                c.trained,
                c.needed
            );
        }
        out.push('\n');
    }
}

/// The concertation (CAPB). For the outside, what leaves it (see
/// `rules::concertation::seal`): its member services, how often it met, and the productions
/// and minutes a decision of its members released, to whom and when; of the rest nothing,
/// not even how much. Internal, for its members: everything, its motions
/// with their results and the rules each rests on, marked confidential.
fn concertation_section(out: &mut String, ctx: &RowSource, situation: &Situation, internal: bool) {
    let (lang, as_of) = (ctx.lang, situation.as_of);
    let _ = writeln!(out, "## {}\n", lang.t(Msg::PaneConcertation));
    let sealed;
    let data = if internal {
        ctx.data
    } else {
        sealed = crate::domain::rules::sealed_part(ctx.data, as_of);
        &sealed
    };
    if data.services.is_empty() {
        let _ = writeln!(out, "{}\n", lang.t(Msg::ReportNothing));
        return;
    }
    let capb = Capb { data, names: crate::i18n::names::Names::new(data, lang, as_of), lang, as_of, internal };
    let view = crate::domain::rules::ConcertationView::compute(data, as_of);
    let marker = if internal && !data.sealed { Msg::ReportCapbInternal } else { Msg::ReportCapbOutside };
    let _ = writeln!(out, "**{}**\n", lang.t(marker));
    let members: Vec<String> = view.services.iter().map(|s| capb.names.service(s.service)).collect();
    let _ = writeln!(
        out,
        "- {}",
        lang.f(Msg::ReportCapbMembers, &[&format_be(as_of), &md_cell(&members.join(", "))])
    );
    let latest = view.meetings.first().map_or_else(|| lang.t(Msg::Never).to_string(), |m| format_be(m.date));
    let _ = writeln!(
        out,
        "- {}\n",
        lang.f(Msg::ReportCapbMeetings, &[&view.meetings.len().to_string(), &latest])
    );
    capb.productions(out, &view);
    let mut meetings: Vec<_> =
        view.meetings.iter().filter_map(|m| data.capb_meetings.get(&m.meeting)).collect();
    meetings.reverse();
    capb.minutes(out, &meetings);
    if internal && !data.sealed {
        capb.votes(out, &meetings);
    }
}

/// What the concertation's section is written from: its data (sealed for the outside), its
/// names, for whom.
struct Capb<'a> {
    data: &'a Dataset,
    names: crate::i18n::names::Names<'a>,
    lang: Lang,
    as_of: chrono::NaiveDate,
    internal: bool,
}

impl Capb<'_> {
    /// Why something may leave, or not.
    fn why(&self, c: crate::domain::rules::Consent) -> String {
        let names = &self.names;
        i18n::consent(self.lang, c, self.data.sealed, |m| names.motion(m), |m| names.motion_date(m))
    }

    /// To whom a decision released an object.
    fn recipients(&self, decision: Option<u64>, object: crate::domain::concertation::Released) -> String {
        let to = decision.and_then(|d| self.data.motions.get(&d)).and_then(|m| m.releases(object));
        to.map(|to| self.lang.f(Msg::ReportReleasedTo, &[&i18n::recipients(self.lang, to)]))
            .unwrap_or_default()
    }

    /// The productions agreed to leave, and for the members the others, with why not.
    fn productions(&self, out: &mut String, view: &crate::domain::rules::ConcertationView) {
        let lang = self.lang;
        let _ = writeln!(out, "### {}\n", lang.t(Msg::ReportCapbAgreed));
        let mut agreed = 0;
        let mut others = Vec::new();
        for r in &view.productions {
            let Some(p) = self.data.productions.get(&r.production) else { continue };
            if r.consent.allowed() {
                agreed += 1;
                let to = self.recipients(p.decision, crate::domain::concertation::Released::Production(p.id));
                let state = i18n::stage(lang, r.stage);
                let _ = writeln!(
                    out,
                    "- {} ({}, {state}): {}; {}",
                    md_cell(&p.title),
                    i18n::production_kind(lang, p.kind),
                    md_cell(&to),
                    md_cell(&self.why(r.consent))
                );
            } else {
                others.push(format!(
                    "- {} ({}): {}",
                    md_cell(&p.title),
                    i18n::production_kind(lang, p.kind),
                    md_cell(&self.why(r.consent))
                ));
            }
        }
        if agreed == 0 {
            let _ = writeln!(out, "{}", lang.t(Msg::ReportNothing));
        }
        out.push('\n');
        if self.internal && !others.is_empty() {
            let _ = writeln!(out, "### {}\n\n{}\n", lang.t(Msg::ReportCapbOthers), others.join("\n"));
        }
    }

    /// The minutes released, and for the members all of them. Minutes released to named
    /// recipients leave as a fact, their text only to them (`seal`).
    fn minutes(&self, out: &mut String, meetings: &[&crate::domain::concertation::CapbMeeting]) {
        let (lang, data) = (self.lang, self.data);
        let mut released = String::new();
        let shown = |m: &&&crate::domain::concertation::CapbMeeting| {
            !m.minutes.trim().is_empty() || (data.sealed && m.minutes_released_by.is_some())
        };
        for m in meetings.iter().filter(shown) {
            let c = crate::domain::rules::minutes_consent(data, m, self.as_of);
            let text = if m.minutes.trim().is_empty() {
                lang.t(Msg::ReportMinutesToThemOnly).to_string()
            } else {
                md_cell(&m.minutes)
            };
            if c.allowed() {
                let to = self
                    .recipients(m.minutes_released_by, crate::domain::concertation::Released::Minutes(m.id));
                let _ = writeln!(
                    released,
                    "- {} ({}; {}): {text}",
                    format_be(m.date),
                    md_cell(&to),
                    md_cell(&self.why(c))
                );
            } else if self.internal && !data.sealed {
                let _ = writeln!(released, "- {} ({}): {text}", format_be(m.date), md_cell(&self.why(c)));
            }
        }
        if !released.is_empty() {
            let heading =
                if self.internal && !data.sealed { Msg::FieldMinutes } else { Msg::ReportCapbReleased };
            let _ = writeln!(out, "### {}\n\n{released}", lang.t(heading));
        }
    }

    /// For the members: the motions, their results and the rules each rests on.
    fn votes(&self, out: &mut String, meetings: &[&crate::domain::concertation::CapbMeeting]) {
        use crate::domain::rules::{motion_result, rules_on};
        let (lang, data, names) = (self.lang, self.data, &self.names);
        let _ = writeln!(out, "### {}\n", lang.t(Msg::ReportCapbVotes));
        for m in meetings {
            let rules = rules_on(data, m.date);
            for v in data.motions.values().filter(|v| v.meeting == m.id) {
                let Some((t, o)) = motion_result(data, v) else { continue };
                let releases = if v.releases.is_empty() {
                    String::new()
                } else {
                    let what =
                        i18n::releases(lang, &v.releases, |p| names.production(p), |m| names.meeting_date(m));
                    format!("; {}", lang.f(Msg::DetailReleases, &[&what]))
                };
                let _ = writeln!(
                    out,
                    "- {}: {} — {}; {} ({}){releases}",
                    format_be(m.date),
                    md_cell(&v.text),
                    md_cell(&i18n::result(lang, o, |s| names.service(s))),
                    i18n::tally(lang, &t),
                    i18n::rules_short(lang, &rules)
                );
            }
        }
        let _ = writeln!(out, "\n{}\n", lang.t(Msg::RuleCharter));
    }
}

/// The seed's own figures: per language regime (French-speaking counts Brussels), the
/// establishments the circular covers, those with a local group, those whose group meets; on
/// the report's date, then on 31 December of every year since the circular.
fn figures_sections(out: &mut String, data: &Dataset, as_of: chrono::NaiveDate, lang: Lang) {
    use crate::domain::rules::{Index, RegimeFigures, YearFigures, figures, figures_by_year};
    let index = Index::new(data);
    let cols =
        [Msg::ColCovered, Msg::ColWithGroup, Msg::ColMeetingGroups, Msg::ColSeatsFilled, Msg::ColWaiting]
            .map(|m| lang.t(m));
    let cells = |f: &RegimeFigures| {
        let share = f.seats_percent().map_or_else(|| "-".to_string(), |p| format!("{p}%"));
        format!("{} | {} | {} | {share} | {}", f.covered, f.with_group, f.meeting, f.waiting)
    };
    let _ = writeln!(out, "## {} ({})\n", lang.t(Msg::ReportFigures), format_be(as_of));
    let _ = writeln!(out, "| | {} |\n| --- |{}", cols.join(" | "), " ---: |".repeat(cols.len()));
    let (fr, nl) = figures(data, &index, as_of);
    for (name, f) in [(Msg::RegimeFrench, fr), (Msg::RegimeDutch, nl)] {
        let _ = writeln!(out, "| {} | {} |", lang.t(name), cells(&f));
    }
    let _ = writeln!(out, "\n## {}\n", lang.t(Msg::ReportTrend));
    let (fr_name, nl_name) = (lang.t(Msg::RegimeFrench), lang.t(Msg::RegimeDutch));
    let head: Vec<String> =
        [fr_name, nl_name].iter().flat_map(|r| cols.iter().map(move |c| format!("{r}: {c}"))).collect();
    let _ = writeln!(out, "| {} | {} |", lang.t(Msg::ColYear), head.join(" | "));
    let _ = writeln!(out, "| --- |{}", " ---: |".repeat(head.len()));
    for YearFigures { year, french, dutch } in figures_by_year(data, &index, as_of) {
        let _ = writeln!(out, "| {year} | {} | {} |", cells(&french), cells(&dutch));
    }
    out.push('\n');
}

/// One line per item that needs attention, tab-separated: kind, where, what.
/// `check`'s first column: what kind of item a line is, the same in every language, so a
/// script reads it whatever the user's; the rest of the line is in the user's language.
/// Listed in docs/user-guide.md.
pub mod code {
    pub const GAP: &str = "gap";
    pub const DORMANT: &str = "dormant";
    pub const NO_GROUP: &str = "no-group";
    pub const EMPTY_MEETING: &str = "empty-meeting";
    pub const DECISION_WITHOUT_CHAIR: &str = "decision-without-chair";
    pub const DRAFT: &str = "draft";
    pub const UNAUTHORISED: &str = "unauthorised";
    pub const OVERDUE: &str = "overdue";
    pub const OVERLOAD: &str = "overload";
    pub const CONCERTATION: &str = "concertation";
    /// Every code, for the documentation and its test.
    pub const ALL: [&str; 10] = [
        GAP,
        DORMANT,
        NO_GROUP,
        EMPTY_MEETING,
        DECISION_WITHOUT_CHAIR,
        DRAFT,
        UNAUTHORISED,
        OVERDUE,
        OVERLOAD,
        CONCERTATION,
    ];
}

/// The central group's decisions that could not be taken, and the projects that wait or run
/// without an authorisation.
fn decision_checks(lines: &mut Vec<String>, ctx: &RowSource, situation: &Situation) {
    let (data, lang, colon) = (ctx.data, ctx.lang, ctx.lang.colon());
    // Meetings of the central group with nobody recorded: what a decision made behind the
    // user's back before decisions named their meeting; kept, and listed until completed.
    if let Some(central) = data.central_group() {
        let mut empty: Vec<_> =
            data.meetings.values().filter(|m| m.group == central.id && m.attendees.is_empty()).collect();
        empty.sort_by_key(|m| m.date);
        for m in empty {
            lines.push(format!(
                "{}\t{}\t{}",
                code::EMPTY_MEETING,
                lang.t(Msg::ReportCentral),
                lang.f(Msg::EmptyMeeting, &[&format_be(m.date)])
            ));
        }
    }
    // Decisions the central group could not take (imported, or recorded before this rule).
    for p in data.projects.values() {
        for day in crate::domain::rules::decisions_without_chair(data, p, situation.as_of) {
            lines.push(format!(
                "{}\t{}\t{}{colon}{}",
                code::DECISION_WITHOUT_CHAIR,
                ctx.establishment(&p.establishment),
                p.title,
                lang.f(Msg::DecisionWithoutChair, &[&format_be(day)])
            ));
        }
    }
    for p in situation.pending.iter().filter(|p| p.standing != Standing::Waiting) {
        let title = data.projects.get(&p.project).map_or("", |p| p.title.as_str());
        let (kind, what) = match p.standing {
            Standing::Draft => (code::DRAFT, Msg::StandingDraft),
            _ => (code::UNAUTHORISED, Msg::StandingRunning),
        };
        lines.push(format!(
            "{}\t{}\t{title}{colon}{} ({}, {})",
            kind,
            ctx.establishment(&p.establishment),
            lang.t(what),
            lang.f(Msg::FromOn, &[&format_be(p.since)]),
            lang.count(usize::try_from(p.days).unwrap_or(0), Msg::DayCount, Msg::DaysCount)
        ));
    }
    for p in situation.pending.iter().filter(|p| p.standing == Standing::Waiting && p.overdue()) {
        let title = data.projects.get(&p.project).map_or("", |p| p.title.as_str());
        let why: Vec<String> = p.blockers.iter().map(|b| i18n::blocker(lang, b, format_be)).collect();
        lines.push(format!(
            "{}\t{}\t{title}{colon}{} {} ({})",
            code::OVERDUE,
            ctx.establishment(&p.establishment),
            p.days,
            lang.t(Msg::ColDays).to_lowercase(),
            why.join("; ")
        ));
    }
}

pub fn check(data: &Dataset, situation: &Situation, lang: Lang) -> Vec<String> {
    let ctx = RowSource::new(data, situation, lang, true);
    let mut lines = Vec::new();
    let colon = lang.colon();
    for g in &situation.gaps {
        let problem = i18n::gap_kind(lang, &g.kind, |p| ctx.person(p));
        lines.push(format!(
            "{}\t{}\t{}{colon}{problem} ({})",
            code::GAP,
            ctx.group(g.group),
            ctx.seat(g.group, &g.seat),
            lang.f(Msg::FromOn, &[&format_be(g.since)])
        ));
    }
    // The central group sleeps as a local group does, and is said first.
    if let Activity::Dormant { last } = situation.central_activity {
        lines.push(format!(
            "{}\t{}\t{}{colon}{}",
            code::DORMANT,
            lang.t(Msg::ReportCentral),
            lang.t(Msg::LastMeeting),
            ctx.maybe_date(last)
        ));
    }
    for p in &situation.prisons {
        if let Activity::Dormant { last } = p.activity {
            lines.push(format!(
                "{}\t{}\t{}{colon}{}",
                code::DORMANT,
                ctx.establishment(&p.establishment),
                lang.t(Msg::LastMeeting),
                ctx.maybe_date(last)
            ));
        }
    }
    for p in &situation.prisons {
        if let Some(since) = p.missing_since {
            lines.push(format!(
                "{}\t{}\t{} ({})",
                code::NO_GROUP,
                ctx.establishment(&p.establishment),
                lang.t(Msg::ProblemNoLocalGroup),
                lang.f(Msg::FromOn, &[&format_be(since)])
            ));
        }
    }
    decision_checks(&mut lines, &ctx, situation);
    concertation_check(&mut lines, &ctx, situation);
    for o in &situation.overloads {
        lines.push(format!(
            "{}\t{}\t{}",
            code::OVERLOAD,
            ctx.person(o.person),
            lang.f(Msg::Overloaded, &[&o.seats.len().to_string(), &o.jobs.to_string()])
        ));
    }
    lines
}

/// The concertation's items that need attention: productions waiting for the members'
/// agreement (or gone out without it), members without a representative, meetings without
/// minutes or breaking the charter or the members' rules.
fn concertation_check(lines: &mut Vec<String>, ctx: &RowSource, situation: &Situation) {
    let lang = ctx.lang;
    let kind = code::CONCERTATION;
    let view = &situation.concertation;
    for r in view.productions.iter().filter(|r| r.needs_attention()) {
        let Some(p) = ctx.data.productions.get(&r.production) else { continue };
        let what = if r.stage == crate::domain::rules::Stage::Disseminated {
            Msg::AttOutWithout
        } else {
            Msg::AttWaitingDecision
        };
        let why = i18n::consent(lang, r.consent, ctx.data.sealed, |m| ctx.motion(m), |m| ctx.motion_date(m));
        lines.push(format!("{kind}	{}	{} ({why})", p.title, lang.t(what)));
    }
    for s in view.services.iter().filter(|s| s.unrepresented) {
        lines.push(format!("{kind}	{}	{}", ctx.service(s.service), lang.t(Msg::AttNoRepresentative)));
    }
    for m in &view.meetings {
        let at = format_be(m.date);
        for p in &m.problems {
            lines.push(format!("{kind}	{at}	{}", i18n::breach(lang, *p, |s| ctx.service(s))));
        }
        if !m.minutes {
            lines.push(format!("{kind}	{at}	{}", lang.t(Msg::AttNoMinutes)));
        }
        // Minutes let out on a decision that does not release them (a motion made before
        // decisions named what they release): until the members confirm it.
        if let Some(meeting) =
            ctx.data.capb_meetings.get(&m.meeting).filter(|x| x.minutes_released_by.is_some())
        {
            let c = crate::domain::rules::minutes_consent(ctx.data, meeting, situation.as_of);
            if !c.allowed() {
                let why = i18n::consent(lang, c, ctx.data.sealed, |m| ctx.motion(m), |m| ctx.motion_date(m));
                lines.push(format!("{kind}	{at}	{}", lang.f(Msg::AttMinutesOut, &[&why])));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::establishment::reference_establishments;
    use crate::domain::{CHAIR, Membership, Person};

    /// Regression: the central group's missing chair was taken from the blockers of waiting
    /// projects, so with no project waiting the report said nothing of it.
    #[test]
    fn the_missing_chair_is_reported_with_no_project_waiting() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut data = Dataset::initial(reference_establishments());
        let central = data.central_group().unwrap().id;
        let p = Person {
            id: 900,
            name: "Chair".into(),
            function: String::new(),
            organisation: String::new(),
            qualifications: vec![],
            contact: String::new(),
        };
        data.people.insert(900, p);
        let chair = Membership {
            id: 901,
            person: 900,
            group: central,
            seat: CHAIR.into(),
            from: d(2006, 7, 18),
            until: Some(d(2011, 3, 31)),
            delegate_of: None,
        };
        data.memberships.insert(901, chair);
        assert!(data.projects.is_empty());
        let situation = Situation::compute(&data, d(2026, 11, 23));
        let text = report(&data, &situation, Lang::En, false);
        assert!(text.contains("The central group has had no chair since 01/04/2011."), "{text}");
    }
}

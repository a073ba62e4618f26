//! The concertation's detail views: a member service, a meeting (attendance, proxies, motions
//! with their tallies, the minutes marked confidential) and a production (its decision).

use super::{DetailLine, DetailSource, DetailView};
use crate::app::Item;
use crate::domain::concertation::Voice;
use crate::domain::rules::{
    Stage, members_on, minutes_consent, motion_result, problems_of, production_row, rules_on,
};
use crate::i18n::{self, Msg};

pub fn service(ctx: &DetailSource, id: u64) -> DetailView {
    let (data, lang, as_of) = (ctx.data, ctx.lang, ctx.as_of);
    let Some(s) = data.services.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(s.name.clone());
    let fields: Vec<&str> = s.fields.iter().map(|f| i18n::action_field(lang, *f)).collect();
    view.push(ctx.field(Msg::FieldActionFields, fields.join(", ")));
    view.push(ctx.field(Msg::FieldJoined, ctx.date(s.joined)));
    if let Some(left) = s.left {
        view.push(ctx.field(Msg::FieldLeft, ctx.date(left)));
    }
    // Outside the concertation: who represents it and when it came are the members' to know.
    if data.sealed {
        view.push(DetailLine::plain(""));
        view.push(DetailLine::dim(lang.t(Msg::SealedOutside)));
        return view;
    }
    if s.member_on(as_of) && s.representative_on(as_of).is_none() {
        view.push(ctx.alert(lang.t(Msg::AttNoRepresentative).into()));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailRepresentatives));
    let mut reps: Vec<_> = s.representatives.iter().filter(|r| r.from <= as_of).collect();
    reps.sort_by_key(|r| r.from);
    for r in &reps {
        let until = r.until.filter(|u| *u < as_of).map(|u| format!(" – {}", ctx.date(u))).unwrap_or_default();
        view.push(ctx.item(format!("{}{}{}{until}", ctx.person(r.person), lang.colon(), ctx.date(r.from))));
    }
    if reps.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailAttended));
    let mut meetings: Vec<_> = data
        .capb_meetings
        .values()
        .filter(|m| m.date <= as_of && (m.present(id) || m.proxies.iter().any(|p| p.giver == id)))
        .collect();
    meetings.sort_by_key(|m| std::cmp::Reverse(m.date));
    for m in &meetings {
        let how = match m.voice(id) {
            Voice::InPerson => lang.t(Msg::RollPresent).to_string(),
            Voice::ByProxy(h) => lang.f(Msg::RollProxy, &[&ctx.service(h)]),
            Voice::None => lang.t(Msg::RollAbsent).to_string(),
        };
        view.push(ctx.item(format!("{} — {how}", ctx.date(m.date))));
    }
    if meetings.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    view
}

pub fn meeting(ctx: &DetailSource, id: u64) -> DetailView {
    let (data, lang) = (ctx.data, ctx.lang);
    let Some(m) = data.capb_meetings.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(format!("{} — {}", lang.t(Msg::FormEditCapbMeeting), ctx.date(m.date)));
    if data.sealed {
        // Outside the concertation: the day it met, and its minutes if its members released them.
        minutes(ctx, &mut view, m);
        return view;
    }
    view.push(DetailLine::dim(lang.t(Msg::CapbConfidential)));
    for p in problems_of(data, m) {
        view.push(ctx.alert(i18n::breach(lang, p, |s| ctx.service(s))));
    }
    // Every member service on the day, with how it was there (or not).
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailMembers));
    let members = members_on(data, m.date);
    let services = members
        .iter()
        .copied()
        .chain(m.attendance.iter().map(|a| a.service).filter(|s| !members.contains(s)));
    for service in services {
        let how = match m.voice(service) {
            Voice::InPerson => {
                let who = m.attendance.iter().find(|a| a.service == service).and_then(|a| a.person);
                let lapsed = m.proxies.iter().any(|p| p.giver == service);
                let mut how = lang.t(if lapsed { Msg::RollLapsed } else { Msg::RollPresent }).to_string();
                if let Some(p) = who {
                    how = format!("{how} ({})", ctx.person(p));
                }
                how
            }
            Voice::ByProxy(h) => lang.f(Msg::RollProxy, &[&ctx.service(h)]),
            Voice::None => lang.t(Msg::RollAbsentNoProxy).to_string(),
        };
        view.push(ctx.item(format!("{} — {how}", ctx.service(service))));
    }
    if members.is_empty() && m.attendance.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailMotions));
    let mut motions: Vec<_> = data.motions.values().filter(|v| v.meeting == id).collect();
    motions.sort_by_key(|v| v.id);
    let rules = rules_on(data, m.date);
    for v in &motions {
        let result = motion_result(data, v)
            .map(|(t, o)| (i18n::tally(lang, &t), i18n::result(lang, o, |s| ctx.service(s))));
        let (tally, outcome) = result.unwrap_or_default();
        view.entry(Item::Motion(v.id), ctx.item(format!("{}{}{outcome}", ctx.motion(v.id), lang.colon())));
        view.push(DetailLine::dim(format!("    {tally}")));
        view.push(DetailLine::dim(format!("    {}", i18n::rules_short(lang, &rules))));
        if !v.releases.is_empty() {
            let what = i18n::releases(lang, &v.releases, |p| ctx.production(p), |m| ctx.meeting_date(m));
            view.push(DetailLine::dim(format!("    {}", lang.f(Msg::DetailReleases, &[&what]))));
        }
    }
    if motions.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    } else {
        view.push(DetailLine::plain(""));
        view.push(ctx.heading(Msg::DetailRules));
        for line in i18n::rules(lang, &rules, |d| ctx.date(d)) {
            view.push(ctx.item(line));
        }
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.field(Msg::FieldAgenda, m.agenda.lines().next().unwrap_or_default().to_string()));
    for line in m.agenda.lines().skip(1) {
        view.push(ctx.item(line.to_string()));
    }
    minutes(ctx, &mut view, m);
    view
}

/// A meeting's minutes and the decision that released them (if one did).
fn minutes(ctx: &DetailSource, view: &mut DetailView, m: &crate::domain::concertation::CapbMeeting) {
    let (data, lang) = (ctx.data, ctx.lang);
    // Outside the concertation, minutes not released are not there at all, and those released
    // to named recipients only as the fact: nothing to say of a text one does not hold.
    if data.sealed && m.minutes_released_by.is_none() {
        return;
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::FieldMinutes));
    if m.minutes.trim().is_empty() {
        let said = if data.sealed { Msg::ReportMinutesToThemOnly } else { Msg::DetailNoMinutes };
        view.push(ctx.alert(lang.t(said).into()));
    }
    for line in m.minutes.lines() {
        view.push(ctx.item(line.to_string()));
    }
    if m.minutes_released_by.is_some() {
        let c = minutes_consent(data, m, ctx.as_of);
        let why = i18n::consent(lang, c, ctx.data.sealed, |v| ctx.motion(v), |v| ctx.motion_date(v));
        view.push(ctx.field(Msg::FieldMinutesRelease, why));
    }
}

pub fn production(ctx: &DetailSource, id: u64) -> DetailView {
    let (data, lang, as_of) = (ctx.data, ctx.lang, ctx.as_of);
    let Some(p) = data.productions.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(p.title.clone());
    let row = production_row(data, p, as_of);
    view.push(ctx.field(Msg::FieldKind, i18n::production_kind(lang, p.kind).into()));
    view.push(ctx.field(Msg::FieldDrafted, ctx.date(p.drafted)));
    view.push(ctx.field(Msg::ColState, i18n::stage(lang, row.stage).into()));
    // The decision and its result on lines of their own: each fits 80 columns.
    match p.decision.and_then(|d| data.motions.get(&d)) {
        Some(v) => {
            view.push(
                ctx.field(Msg::FieldDecision, format!("{} — {}", ctx.motion_date(v.id), ctx.motion(v.id))),
            );
            let meeting = data.capb_meetings.get(&v.meeting).filter(|m| m.date <= as_of);
            if let (Some((t, o)), Some(m)) = (motion_result(data, v), meeting) {
                let result = i18n::result(lang, o, |s| ctx.service(s));
                view.push(ctx.field(Msg::FieldResult, format!("{result}; {}", i18n::tally(lang, &t))));
                view.push(DetailLine::dim(format!("  {}", i18n::rules_short(lang, &rules_on(data, m.date)))));
            }
            if !v.releases.is_empty() {
                let what = i18n::releases(lang, &v.releases, |p| ctx.production(p), |m| ctx.meeting_date(m));
                view.push(DetailLine::dim(format!("  {}", lang.f(Msg::DetailReleases, &[&what]))));
            }
        }
        None => view.push(ctx.field(Msg::FieldDecision, lang.t(Msg::None_).into())),
    }
    if !row.consent.allowed() {
        let what =
            if row.stage == Stage::Disseminated { Msg::AttOutWithout } else { Msg::AttWaitingDecision };
        view.push(ctx.alert(lang.t(what).into()));
    }
    if let Some(d) = p.disseminated.as_ref().filter(|d| d.date <= as_of) {
        view.push(ctx.field(Msg::FieldDisseminatedOn, format!("{} — {}", ctx.date(d.date), d.to)));
    }
    view
}

/// An account the concertation admitted to its debates: who, as what, from when until when.
/// Shown to those who read the debates (and the coordinator), so that nobody reads them unseen.
pub fn admission(ctx: &DetailSource, id: u64) -> DetailView {
    let (data, lang) = (ctx.data, ctx.lang);
    let Some(a) = data.admissions.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(format!("{} (uid {})", a.name, a.uid));
    view.push(ctx.field(Msg::FieldSeat, i18n::admission_seat(lang, &a.seat, |s| ctx.service(s))));
    view.push(ctx.field(Msg::FieldFrom, ctx.date(a.from)));
    if let Some(until) = a.until {
        view.push(ctx.field(Msg::FieldUntil, ctx.date(until)));
    }
    view.push(DetailLine::plain(""));
    view.push(DetailLine::dim(lang.t(Msg::AdmitByCommand)));
    view
}

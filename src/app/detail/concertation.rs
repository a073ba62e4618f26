//! The concertation's detail views: a member service, a meeting (attendance, proxies, motions
//! with their tallies, the minutes marked confidential) and a production (its decision).

use super::{DetailLine, DetailSource, DetailView};
use crate::app::Item;
use crate::domain::concertation::Voice;
use crate::domain::rules::{Stage, consent, motion_result, problems_of, production_row};
use crate::i18n::{self, Msg};

pub fn service(ctx: &DetailSource, id: u64) -> DetailView {
    let (data, lang, as_of) = (&ctx.app.data, ctx.lang, ctx.app.as_of);
    let Some(s) = data.services.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(s.name.clone());
    let fields: Vec<&str> = s.fields.iter().map(|f| i18n::action_field(lang, *f)).collect();
    view.push(ctx.field(Msg::FieldActionFields, fields.join(", ")));
    view.push(ctx.field(Msg::FieldJoined, ctx.date(s.joined)));
    if let Some(left) = s.left {
        view.push(ctx.field(Msg::FieldLeft, ctx.date(left)));
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
        view.push(ctx.item(format!("{}: {}{until}", ctx.person(r.person), ctx.date(r.from))));
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
    let (data, lang) = (&ctx.app.data, ctx.lang);
    let Some(m) = data.capb_meetings.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(format!("{} — {}", lang.t(Msg::FormEditCapbMeeting), ctx.date(m.date)));
    view.push(DetailLine::dim(lang.t(Msg::CapbConfidential)));
    for p in problems_of(data, m) {
        let problem = i18n::vote_problem(lang, p, |s| ctx.service(s));
        view.push(ctx.alert(lang.f(Msg::AttCharter, &[&problem])));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailAttendance));
    for a in &m.attendance {
        let who = a.person.map(|p| format!(" ({})", ctx.person(p))).unwrap_or_default();
        view.push(ctx.item(format!("{}{who}", ctx.service(a.service))));
    }
    if m.attendance.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    if !m.proxies.is_empty() {
        view.push(DetailLine::plain(""));
        view.push(ctx.heading(Msg::DetailProxies));
        for p in &m.proxies {
            let text = if m.present(p.giver) {
                format!("{} — {}", ctx.service(p.giver), lang.t(Msg::RollLapsed))
            } else {
                format!("{} — {}", ctx.service(p.giver), lang.f(Msg::RollProxy, &[&ctx.service(p.holder)]))
            };
            view.push(ctx.item(text));
        }
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailMotions));
    let mut motions: Vec<_> = data.motions.values().filter(|v| v.meeting == id).collect();
    motions.sort_by_key(|v| v.id);
    for v in &motions {
        let result = motion_result(data, v).map(|(t, o)| (i18n::tally(lang, &t), i18n::outcome(lang, o)));
        let (tally, outcome) = result.unwrap_or_default();
        view.entry(Item::Motion(v.id), ctx.item(format!("{}: {outcome}", ctx.motion(v.id))));
        view.push(DetailLine::dim(format!("    {tally}")));
    }
    if motions.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    } else {
        view.push(DetailLine::dim(format!("  {}", lang.t(Msg::CapbRule))));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.field(Msg::FieldAgenda, m.agenda.lines().next().unwrap_or_default().to_string()));
    for line in m.agenda.lines().skip(1) {
        view.push(ctx.item(line.to_string()));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::FieldMinutes));
    if m.minutes.trim().is_empty() {
        view.push(ctx.alert(lang.t(Msg::DetailNoMinutes).into()));
    }
    for line in m.minutes.lines() {
        view.push(ctx.item(line.to_string()));
    }
    if m.minutes_released_by.is_some() {
        let c = consent(data, m.minutes_released_by, ctx.app.as_of);
        let why = i18n::consent(lang, c, |v| ctx.motion(v), |v| ctx.motion_date(v));
        view.push(ctx.field(Msg::FieldMinutesRelease, why));
    }
    view
}

pub fn production(ctx: &DetailSource, id: u64) -> DetailView {
    let (data, lang, as_of) = (&ctx.app.data, ctx.lang, ctx.app.as_of);
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
            let voted = data.capb_meetings.get(&v.meeting).is_some_and(|m| m.date <= as_of);
            if let Some((t, o)) = motion_result(data, v).filter(|_| voted) {
                view.push(ctx.field(
                    Msg::FieldResult,
                    format!("{}; {}", i18n::outcome(lang, o), i18n::tally(lang, &t)),
                ));
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

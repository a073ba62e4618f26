use chrono::Datelike;
use ratatui::text::Line;

use super::{Ctx, DetailView, Spark};
use crate::domain::rules::{Activity, Index};
use crate::domain::{CHAIR, GroupKind};
use crate::i18n::{self, Msg};

pub fn build(ctx: &Ctx, id: &str) -> DetailView {
    let app = ctx.app;
    let lang = ctx.lang();
    let data = &app.data;
    let as_of = app.as_of;
    let Some(e) = data.establishments.get(id) else {
        return DetailView { title: id.to_string(), lines: vec![], spark: None };
    };
    let names =
        if e.name_fr == e.name_nl { e.name_fr.clone() } else { format!("{} / {}", e.name_fr, e.name_nl) };
    let mut lines = vec![
        Line::raw(format!("{names} — {}, {}", e.town, i18n::region(lang, e.region))),
        Line::raw(format!(
            "{} — {}: {}",
            i18n::kind(lang, e.kind),
            lang.t(Msg::ColLanguage),
            i18n::language(lang, e.language)
        )),
    ];
    let row = app.situation.prisons.iter().find(|p| p.establishment == id);
    let group = data.local_group(id, as_of);
    let mut spark = None;
    match (group, row) {
        (Some(g), Some(row)) => {
            let status = i18n::activity(lang, &row.activity);
            let last = ctx
                .app
                .situation
                .prisons
                .iter()
                .find(|p| p.establishment == id)
                .and_then(|p| p.activity.last_meeting());
            let last = last.map_or_else(|| lang.t(Msg::Never).to_string(), |d| ctx.date(d));
            let line =
                format!("{}: {status} ({}: {last})", lang.t(Msg::ColGroup), lang.t(Msg::ColLastMeeting));
            lines.push(if matches!(row.activity, Activity::Active { .. }) {
                Line::raw(line)
            } else {
                ctx.alert(line)
            });
            lines.push(Line::raw(""));
            lines.push(ctx.heading(Msg::DetailSeats));
            let index = Index::new(data);
            let members = index.memberships(g.id);
            let gaps: Vec<_> = app.situation.gaps.iter().filter(|gap| gap.group == g.id).collect();
            if let Some(t) =
                crate::domain::group::template_on(data.templates.values(), GroupKind::Local, as_of)
            {
                for seat in &t.seats {
                    let name = i18n::seat(lang, &seat.key, Some(seat));
                    let holders: Vec<String> = members
                        .iter()
                        .filter(|m| m.seat == seat.key && m.active_on(as_of))
                        .map(|m| {
                            let mut s = format!(
                                "{} ({})",
                                ctx.person(m.person),
                                lang.f(Msg::FromOn, &[&ctx.date(m.from)])
                            );
                            if let Some(d) = m.delegate_of {
                                s.push_str(&format!(", {}", lang.f(Msg::DelegateOf, &[&ctx.person(d)])));
                            }
                            s
                        })
                        .collect();
                    match gaps.iter().find(|gap| gap.seat == seat.key) {
                        Some(gap) => {
                            let problem = i18n::gap_kind(lang, &gap.kind, |p| ctx.person(p));
                            let who = if holders.is_empty() {
                                lang.t(Msg::Vacant).to_string()
                            } else {
                                holders.join("; ")
                            };
                            lines.push(ctx.alert(format!(
                                "{name}: {who} — {problem}, {}",
                                lang.f(Msg::FromOn, &[&ctx.date(gap.since)])
                            )));
                        }
                        None => lines.push(ctx.item(format!("{name}: {}", holders.join("; ")))),
                    }
                }
            }
            if let Some(chair) = members.iter().find(|m| m.seat == CHAIR && m.active_on(as_of)) {
                lines.push(ctx.item(format!("{}: {}", lang.t(Msg::Chair), ctx.person(chair.person))));
            }
            let meetings: Vec<_> = index.meetings(g.id).iter().filter(|m| m.date <= as_of).collect();
            let first_year = g
                .created
                .map(|c| c.year())
                .or_else(|| meetings.first().map(|m| m.date.year()))
                .unwrap_or(as_of.year())
                .min(as_of.year());
            let mut values = vec![0u64; (as_of.year() - first_year + 1).max(1) as usize];
            for m in &meetings {
                if let Some(v) = values.get_mut((m.date.year() - first_year) as usize) {
                    *v += 1;
                }
            }
            spark = Some(Spark { values, first_year });
            lines.push(Line::raw(""));
            lines.push(ctx.heading(Msg::DetailRecentMeetings));
            for m in meetings.iter().rev().take(5) {
                let note = m.notes.lines().next().unwrap_or("");
                let people = format!("{} {}", m.attendees.len(), lang.t(Msg::ColPeople).to_lowercase());
                let note = if note.is_empty() { String::new() } else { format!(" — {note}") };
                lines.push(ctx.item(format!("{} — {people}{note}", ctx.date(m.date))));
            }
            if meetings.is_empty() {
                lines.push(ctx.item(lang.t(Msg::Never).into()));
            }
        }
        _ => lines.push(ctx.alert(lang.t(Msg::DetailNoGroup).into())),
    }
    lines.push(Line::raw(""));
    lines.push(ctx.heading(Msg::DetailProjects));
    let mut any = false;
    for p in data.projects.values().filter(|p| p.establishment == id) {
        if let Some(state) = p.state_on(as_of) {
            any = true;
            lines.push(ctx.item(format!(
                "{} — {} {}",
                p.title,
                i18n::step(lang, &state.step),
                ctx.date(state.date)
            )));
        }
    }
    if !any {
        lines.push(ctx.item(lang.t(Msg::None_).into()));
    }
    lines.push(Line::raw(""));
    lines.push(ctx.heading(Msg::DetailNeeds));
    let needs: Vec<_> = app.situation.needs.iter().filter(|n| n.establishment == id).collect();
    for r in &needs {
        if let Some(n) = data.needs.get(&r.need) {
            lines.push(ctx.item(format!(
                "{} — {}, {} {} — {} {}%",
                n.topic,
                i18n::staff_group(lang, n.staff_group),
                n.headcount,
                lang.t(Msg::ColPeople).to_lowercase(),
                i18n::need_status(lang, r.status),
                r.coverage.percent()
            )));
        }
    }
    if needs.is_empty() {
        lines.push(ctx.item(lang.t(Msg::None_).into()));
    }
    DetailView { title: e.name(lang.code()).to_string(), lines, spark }
}

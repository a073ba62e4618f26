use ratatui::text::Line;

use super::{Ctx, DetailView};
use crate::i18n::{self, Msg};

pub fn build(ctx: &Ctx, group: u64, seat: &str) -> DetailView {
    let app = ctx.app;
    let lang = ctx.lang();
    let mut lines =
        vec![ctx.field(Msg::ColGroupName, ctx.group(group)), ctx.field(Msg::ColSeat, ctx.seat(group, seat))];
    if let Some(gap) = app.situation.gaps.iter().find(|g| g.group == group && g.seat == seat) {
        let problem = i18n::gap_kind(lang, &gap.kind, |p| ctx.person(p));
        lines.push(ctx.alert(format!(
            "{problem} — {} ({} {})",
            lang.f(Msg::FromOn, &[&ctx.date(gap.since)]),
            gap.days(app.as_of),
            lang.t(Msg::ColDays).to_lowercase()
        )));
    }
    lines.push(Line::raw(""));
    lines.push(ctx.heading(Msg::DetailHistory));
    let mut history: Vec<_> = app
        .data
        .memberships
        .values()
        .filter(|m| m.group == group && m.seat == seat && m.from <= app.as_of)
        .collect();
    history.sort_by_key(|m| (m.from, m.id));
    for m in history.iter().rev() {
        let span = match m.until {
            Some(u) if u <= app.as_of => lang.f(Msg::FromUntil, &[&ctx.date(m.from), &ctx.date(u)]),
            _ => lang.f(Msg::FromOn, &[&ctx.date(m.from)]),
        };
        lines.push(ctx.item(format!("{} — {span}", ctx.person(m.person))));
    }
    if history.is_empty() {
        lines.push(ctx.item(lang.t(Msg::Vacant).into()));
    }
    DetailView { title: format!("{} — {}", ctx.group(group), ctx.seat(group, seat)), lines, spark: None }
}

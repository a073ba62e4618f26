use super::{DetailLine, DetailSource, DetailView};
use crate::app::Item;
use crate::i18n::{self, Msg};

pub fn build(ctx: &DetailSource, group: u64, seat: &str) -> DetailView {
    let lang = ctx.lang;
    let mut view = DetailView::new(format!("{} — {}", ctx.group_title(group), ctx.seat(group, seat)));
    view.push(ctx.field(Msg::ColGroupName, ctx.group_title(group)));
    view.push(ctx.field(Msg::ColSeat, ctx.seat(group, seat)));
    if let Some(gap) = ctx.situation.gaps.iter().find(|g| g.group == group && g.seat == seat) {
        let problem = i18n::gap_kind(lang, &gap.kind, |p| ctx.person(p));
        let since = lang.f(Msg::FromOn, &[&ctx.date(gap.since)]);
        let days = format!("{} {}", gap.days(ctx.as_of), lang.t(Msg::ColDays).to_lowercase());
        view.push(ctx.alert(format!("{problem} — {since} ({days})")));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailHistory));
    let mut history: Vec<_> = ctx
        .data
        .memberships
        .values()
        .filter(|m| m.group == group && m.seat == seat && m.from <= ctx.as_of)
        .collect();
    history.sort_by_key(|m| (m.from, m.id));
    if !history.iter().any(|m| m.active_on(ctx.as_of)) {
        view.entry(Item::Seat { group, seat: seat.to_string() }, ctx.item(lang.t(Msg::Vacant).into()));
    }
    for m in history.iter().rev() {
        let span = match m.until {
            Some(u) if u <= ctx.as_of => lang.f(Msg::FromUntil, &[&ctx.date(m.from), &ctx.date(u)]),
            _ => lang.f(Msg::FromOn, &[&ctx.date(m.from)]),
        };
        view.entry(Item::Membership(m.id), ctx.item(format!("{} — {span}", ctx.person(m.person))));
    }
    view
}

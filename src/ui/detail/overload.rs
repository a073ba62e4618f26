use ratatui::text::Line;

use super::{Ctx, DetailView};
use crate::i18n::{self, Msg};

pub fn build(ctx: &Ctx, person: u64) -> DetailView {
    let app = ctx.app;
    let lang = ctx.lang();
    let mut lines = Vec::new();
    if let Some(p) = app.data.people.get(&person) {
        lines.push(Line::raw(format!("{} — {}", p.function, p.organisation)));
        let quals: Vec<&str> = p.qualifications.iter().map(|q| i18n::qualification(lang, *q)).collect();
        if !quals.is_empty() {
            lines.push(Line::raw(quals.join(", ")));
        }
        lines.push(Line::raw(p.contact.clone()));
    }
    if let Some(o) = app.situation.overloads.iter().find(|o| o.person == person) {
        lines.push(
            ctx.alert(lang.f(Msg::Overloaded, &[&o.seats.len().to_string(), &o.heavy.len().to_string()])),
        );
        lines.push(Line::raw(""));
        lines.push(ctx.heading(Msg::DetailSeats));
        for m in o.seats.iter().filter_map(|id| app.data.memberships.get(id)) {
            let heavy = if o.heavy.contains(&m.id) { " *" } else { "" };
            lines.push(ctx.item(format!(
                "{} — {} ({}){heavy}",
                ctx.seat(m.group, &m.seat),
                ctx.group(m.group),
                lang.f(Msg::FromOn, &[&ctx.date(m.from)])
            )));
        }
        lines.push(Line::styled(lang.t(Msg::HeavyLegend), ctx.theme.dim()));
    }
    DetailView { title: ctx.person(person), lines, spark: None }
}

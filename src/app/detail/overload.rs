use super::{DetailLine, DetailSource, DetailView};
use crate::app::Item;
use crate::i18n::{self, Msg};

pub fn build(ctx: &DetailSource, person: u64) -> DetailView {
    let lang = ctx.lang;
    let mut view = DetailView::new(ctx.person(person));
    if let Some(p) = ctx.data.people.get(&person) {
        view.push(DetailLine::plain(format!("{} — {}", p.function, p.organisation)));
        let quals: Vec<&str> = p.qualifications.iter().map(|q| i18n::qualification(lang, *q)).collect();
        if !quals.is_empty() {
            view.push(DetailLine::plain(quals.join(", ")));
        }
        view.push(DetailLine::plain(p.contact.clone()));
    }
    if let Some(o) = ctx.situation.overloads.iter().find(|o| o.person == person) {
        let seats = o.seats.len().to_string();
        view.push(ctx.alert(lang.f(Msg::Overloaded, &[&seats, &o.jobs.to_string()])));
        view.push(DetailLine::plain(""));
        view.push(ctx.heading(Msg::DetailSeats));
        for m in o.seats.iter().filter_map(|id| ctx.data.memberships.get(id)) {
            let heavy = if o.heavy.contains(&m.id) { " *" } else { "" };
            let text = format!(
                "{} — {} ({}){heavy}",
                ctx.seat(m.group, &m.seat),
                ctx.group_title(m.group),
                lang.f(Msg::FromOn, &[&ctx.date(m.from)])
            );
            view.entry(Item::Membership(m.id), ctx.item(text));
        }
        view.push(DetailLine::dim(lang.t(Msg::HeavyLegend)));
    }
    view
}

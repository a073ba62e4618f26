//! The central group: whether it can decide (its chair), whether it meets, its seats and
//! meetings, and the projects waiting for it.

use super::prison::{activity_line, group_body};
use super::{DetailLine, DetailSource, DetailView};
use crate::app::Item;
use crate::domain::date::format_be;
use crate::domain::rules::Blocker;
use crate::i18n::{self, Msg};

pub fn build(ctx: &DetailSource) -> DetailView {
    let lang = ctx.lang;
    let s = &ctx.situation;
    let mut view = DetailView::new(lang.t(Msg::Central).to_string());
    let Some(g) = ctx.data.central_group() else {
        view.push(ctx.alert(lang.t(Msg::DetailNoGroup).into()));
        return view;
    };
    view.push(activity_line(ctx, lang.t(Msg::Central), &s.central_activity));
    // Why it cannot decide: without a chair, no prior authorisation can be given. When it
    // last met is said on the line above.
    for b in s.central_blockers.iter().filter(|b| !matches!(b, Blocker::NotMetSince(_) | Blocker::NeverMet)) {
        view.push(ctx.alert(i18n::blocker(lang, b, format_be)));
    }
    group_body(ctx, &mut view, g);
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailWaiting));
    if ctx.data.partial {
        view.push(ctx.item(lang.t(Msg::OnlyYours).into()));
    }
    let waiting: Vec<_> = s.waiting().collect();
    for p in &waiting {
        if let Some(project) = ctx.data.projects.get(&p.project) {
            let text = format!(
                "{} — {} — {}",
                project.title,
                ctx.establishment(&p.establishment),
                lang.f(Msg::FromOn, &[&ctx.date(p.since)])
            );
            view.entry(Item::Project(p.project), ctx.item(text));
        }
    }
    if waiting.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    view
}

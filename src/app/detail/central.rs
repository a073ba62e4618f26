//! The central group: whether it can decide (its chair), whether it meets, its seats and
//! meetings, and the projects waiting for it.

use super::{DetailLine, DetailSource, DetailView};
use crate::app::Item;
use crate::domain::date::format_be;
use crate::domain::rules::{Activity, Blocker, Standing};
use crate::i18n::{self, Msg};

pub fn build(ctx: &DetailSource) -> DetailView {
    let app = ctx.app;
    let lang = ctx.lang;
    let s = &app.situation;
    let mut view = DetailView::new(lang.t(Msg::Central).to_string());
    let Some(g) = app.data.central_group() else {
        view.push(ctx.alert(lang.t(Msg::DetailNoGroup).into()));
        return view;
    };
    let last =
        s.central_activity.last_meeting().map_or_else(|| lang.t(Msg::Never).to_string(), |d| ctx.date(d));
    let status = i18n::activity(lang, &s.central_activity);
    let line = format!("{}: {status} ({}: {last})", lang.t(Msg::Central), lang.t(Msg::LastMeeting));
    view.push(if matches!(s.central_activity, Activity::Active { .. }) {
        DetailLine::plain(line)
    } else {
        ctx.alert(line)
    });
    // Why it cannot decide: without a chair, no prior authorisation can be given. When it
    // last met is said on the line above.
    for b in s.central_blockers.iter().filter(|b| !matches!(b, Blocker::NotMetSince(_) | Blocker::NeverMet)) {
        view.push(ctx.alert(i18n::blocker(lang, b, format_be)));
    }
    group_body(ctx, &mut view, g);
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailWaiting));
    let waiting: Vec<_> = s.pending.iter().filter(|p| p.standing == Standing::Waiting).collect();
    for p in &waiting {
        if let Some(project) = app.data.projects.get(&p.project) {
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

use super::prison::group_body;

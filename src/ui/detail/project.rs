use ratatui::text::Line;

use super::{Ctx, DetailView};
use crate::domain::ProjectStep;
use crate::i18n::{self, Msg};

pub fn build(ctx: &Ctx, id: u64) -> DetailView {
    let app = ctx.app;
    let lang = ctx.lang();
    let Some(p) = app.data.projects.get(&id) else {
        return DetailView { title: format!("#{id}"), lines: vec![], spark: None };
    };
    let elements: Vec<String> = p.elements.iter().map(|e| i18n::element(lang, e)).collect();
    let mut lines = vec![
        ctx.field(Msg::ColPrison, ctx.establishment(&p.establishment)),
        Line::raw(lang.f(Msg::Promoter, &[&p.promoter])),
        ctx.field(
            Msg::ColElements,
            if elements.is_empty() { lang.t(Msg::None_).into() } else { elements.join(", ") },
        ),
    ];
    if let Some(pending) = app.situation.pending.iter().find(|x| x.project == id) {
        lines.push(ctx.alert(format!(
            "{}: {} — {} {}",
            lang.t(Msg::ColSubmitted),
            ctx.date(pending.submitted),
            pending.days,
            lang.t(Msg::ColDays).to_lowercase()
        )));
        for b in &pending.blockers {
            lines.push(ctx.alert(i18n::blocker(lang, b, |d| ctx.date(d))));
        }
    }
    lines.push(Line::raw(""));
    lines.push(ctx.heading(Msg::DetailTimeline));
    for e in p.history.iter().filter(|e| e.date <= app.as_of) {
        let extra = match &e.step {
            ProjectStep::Authorised { conditions } if !conditions.is_empty() => {
                format!(" — {}", lang.f(Msg::Conditions, &[conditions]))
            }
            ProjectStep::Refused { reason } if !reason.is_empty() => {
                format!(" — {}", lang.f(Msg::Reason, &[reason]))
            }
            _ => String::new(),
        };
        lines.push(ctx.item(format!("{}  {}{extra}", ctx.date(e.date), i18n::step(lang, &e.step))));
    }
    DetailView { title: p.title.clone(), lines, spark: None }
}

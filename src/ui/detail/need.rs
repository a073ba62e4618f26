use ratatui::text::Line;

use super::{Ctx, DetailView};
use crate::app::panes::bar;
use crate::i18n::{self, Msg};

pub fn build(ctx: &Ctx, id: u64) -> DetailView {
    let app = ctx.app;
    let lang = ctx.lang();
    let Some(n) = app.data.needs.get(&id) else {
        return DetailView { title: format!("#{id}"), lines: vec![], spark: None };
    };
    let mut lines = vec![
        ctx.field(Msg::ColPrison, ctx.establishment(&n.establishment)),
        ctx.field(Msg::ColStaff, i18n::staff_group(lang, n.staff_group).into()),
        ctx.field(Msg::ColPeople, n.headcount.to_string()),
        ctx.field(Msg::ColPriority, i18n::priority(lang, n.priority).into()),
    ];
    if let Some(r) = app.situation.needs.iter().find(|r| r.need == id) {
        let pct = r.coverage.percent();
        lines.push(ctx.field(Msg::ColStatus, i18n::need_status(lang, r.status).into()));
        lines.push(ctx.field(
            Msg::ColCoverage,
            format!("[{}] {pct}% ({}/{})", bar(pct, ctx.theme.ascii), r.coverage.trained, r.coverage.needed),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(ctx.heading(Msg::DetailSessions));
    let mut sessions: Vec<_> = app.data.sessions.values().filter(|s| s.covers.contains(&id)).collect();
    sessions.sort_by_key(|s| (s.date, s.id));
    for s in &sessions {
        let when =
            if s.date <= app.as_of { lang.t(Msg::StatusDelivered) } else { lang.t(Msg::StatusPlanned) };
        lines.push(ctx.item(format!(
            "{} — {} ({when}), {}, {}",
            ctx.date(s.date),
            s.topic,
            lang.f(Msg::Participants, &[&s.participants.to_string()]),
            lang.f(Msg::Trainer, &[&s.trainer])
        )));
    }
    if sessions.is_empty() {
        lines.push(ctx.item(lang.t(Msg::None_).into()));
    }
    DetailView { title: n.topic.clone(), lines, spark: None }
}

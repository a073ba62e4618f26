use super::{DetailLine, DetailSource, DetailView};
use crate::app::Item;
use crate::app::panes::bar;
use crate::i18n::{self, Msg};

pub fn build(ctx: &DetailSource, id: u64) -> DetailView {
    let lang = ctx.lang;
    let Some(n) = ctx.data.needs.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(n.topic.clone());
    view.push(ctx.field(Msg::ColPrison, ctx.establishment(&n.establishment)));
    view.push(ctx.field(Msg::ColStaff, i18n::staff_group(lang, n.staff_group).into()));
    view.push(ctx.field(Msg::ColPeople, n.headcount.to_string()));
    view.push(ctx.field(Msg::ColPriority, i18n::priority(lang, n.priority).into()));
    if let Some(r) = ctx.situation.needs.iter().find(|r| r.need == id) {
        let pct = r.coverage.percent();
        view.push(ctx.field(Msg::ColStatus, i18n::need_status(lang, r.status).into()));
        let bar = bar(pct, ctx.ascii);
        view.push(ctx.field(
            Msg::ColCoverage,
            format!("[{bar}] {pct}% ({}/{})", r.coverage.trained, r.coverage.needed),
        ));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailSessions));
    let mut sessions: Vec<_> = ctx.data.sessions.values().filter(|s| s.covers.contains(&id)).collect();
    sessions.sort_by_key(|s| (s.date, s.id));
    for s in &sessions {
        let when = lang.t(if s.date <= ctx.as_of { Msg::StatusDelivered } else { Msg::StatusPlanned });
        let text = format!(
            "{} — {} ({when}), {}, {}",
            ctx.date(s.date),
            s.topic,
            lang.count(s.participants as usize, Msg::ParticipantOne, Msg::Participants),
            lang.f(Msg::Trainer, &[&s.trainer])
        );
        view.entry(Item::Session(s.id), ctx.item(text));
    }
    if sessions.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    view
}

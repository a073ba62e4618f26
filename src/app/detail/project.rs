use super::{DetailLine, DetailSource, DetailView};
use crate::domain::ProjectStep;
use crate::domain::rules::Standing;
use crate::i18n::{self, Msg};

pub fn build(ctx: &DetailSource, id: u64) -> DetailView {
    let lang = ctx.lang;
    let Some(p) = ctx.data.projects.get(&id) else { return DetailView::new(format!("#{id}")) };
    let mut view = DetailView::new(p.title.clone());
    let elements: Vec<String> = p.elements.iter().map(|e| i18n::element(lang, e)).collect();
    view.push(ctx.field(Msg::ColPrison, ctx.establishment(&p.establishment)));
    view.push(DetailLine::plain(lang.f(Msg::Promoter, &[&p.promoter])));
    let elements = if elements.is_empty() { lang.t(Msg::None_).into() } else { elements.join(", ") };
    view.push(ctx.field(Msg::ColElements, elements));
    if let Some(pending) = ctx.situation.pending.iter().find(|x| x.project == id) {
        let days = format!("{} {}", pending.days, lang.t(Msg::ColDays).to_lowercase());
        let what = match pending.standing {
            Standing::Waiting => lang.t(Msg::ColSubmitted),
            Standing::Draft => lang.t(Msg::StandingDraft),
            Standing::RunningUnauthorised => lang.t(Msg::StandingRunning),
        };
        view.push(ctx.alert(format!("{what}: {} — {days}", ctx.date(pending.since))));
        for b in &pending.blockers {
            view.push(ctx.alert(i18n::blocker(lang, b, |d| ctx.date(d))));
        }
    }
    for day in crate::domain::rules::decisions_without_chair(ctx.data, p, ctx.as_of) {
        view.push(ctx.alert(lang.f(Msg::DecisionWithoutChair, &[&ctx.date(day)])));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailTimeline));
    for e in p.history.iter().filter(|e| e.date <= ctx.as_of) {
        let extra = match &e.step {
            ProjectStep::Authorised { conditions } if !conditions.is_empty() => {
                format!(" — {}", lang.f(Msg::Conditions, &[conditions]))
            }
            ProjectStep::Refused { reason } if !reason.is_empty() => {
                format!(" — {}", lang.f(Msg::Reason, &[reason]))
            }
            _ => String::new(),
        };
        view.push(ctx.item(format!("{}  {}{extra}", ctx.date(e.date), i18n::step(lang, &e.step))));
    }
    view
}

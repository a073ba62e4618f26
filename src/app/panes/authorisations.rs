use super::Ctx;
use crate::app::table::{Column, Row, SortKey, Target, Tone, fold};
use crate::i18n::{self, Msg};

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColProject, min: 12, want: 26, priority: 0, right: false },
    Column { title: Msg::ColPrison, min: 8, want: 14, priority: 1, right: false },
    Column { title: Msg::ColElements, min: 10, want: 16, priority: 3, right: false },
    Column { title: Msg::ColSubmitted, min: 10, want: 10, priority: 2, right: false },
    Column { title: Msg::ColDays, min: 5, want: 5, priority: 1, right: true },
    Column { title: Msg::ColWhyStuck, min: 14, want: 44, priority: 1, right: false },
];

pub fn rows(ctx: &Ctx) -> Vec<Row> {
    let lang = ctx.lang;
    ctx.situation
        .pending
        .iter()
        .filter_map(|p| {
            let project = ctx.data.projects.get(&p.project)?;
            let prison = ctx.establishment(&p.establishment);
            let elements: Vec<String> = project.elements.iter().map(|e| i18n::element(lang, e)).collect();
            let why: Vec<String> =
                p.blockers.iter().map(|b| i18n::blocker_short(lang, b, |d| ctx.date(d))).collect();
            let why = if why.is_empty() { lang.t(Msg::BlockNone).to_string() } else { why.join("; ") };
            let cells = vec![
                project.title.clone(),
                prison.clone(),
                elements.join(", "),
                ctx.date(p.submitted),
                p.days.to_string(),
                why.clone(),
            ];
            let sort = vec![
                SortKey::Text(fold(&project.title)),
                SortKey::Text(fold(&prison)),
                SortKey::Text(fold(&cells[2])),
                SortKey::Date(Some(p.submitted)),
                SortKey::Num(p.days),
                SortKey::Text(fold(&why)),
            ];
            let tone = if p.overdue() { Tone::Alert } else { Tone::Normal };
            Some(Row::new(cells, sort, Target::Project(p.project), tone))
        })
        .collect()
}

use super::table::{Cells, Column, Row, SortKey, Target, Tone};
use super::{Reuse, RowSource};
use crate::domain::date::BeDate;
use crate::domain::rules::{PendingAuthorisation, Standing};
use crate::i18n::{self, Msg};

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColProject, min: 11, want: 26, priority: 0, right: false, first: false },
    Column { title: Msg::ColPrison, min: 12, want: 14, priority: 2, right: false, first: false },
    Column { title: Msg::ColElements, min: 10, want: 16, priority: 3, right: false, first: false },
    // When it was submitted is never cut; why the project is stuck, the reason the pane
    // exists, has the room it needs before the others grow, and stays at 60 columns.
    Column { title: Msg::ColSince, min: 10, want: 10, priority: 1, right: false, first: false },
    Column { title: Msg::ColDays, min: 5, want: 5, priority: 2, right: true, first: false },
    Column { title: Msg::ColWhyStuck, min: 14, want: 80, priority: 1, right: false, first: true },
];

pub fn rows(ctx: &RowSource, reuse: &mut Reuse) -> Vec<Row> {
    let mut cells = Cells::new();
    ctx.situation
        .pending
        .iter()
        .filter_map(|p| {
            let changed = reuse.scope.central() || reuse.scope.establishment(&p.establishment);
            reuse.row(Target::Project(p.project), changed, |target| row(ctx, p, target, &mut cells))
        })
        .collect()
}

fn row(ctx: &RowSource, p: &PendingAuthorisation, target: Target, cells: &mut Cells) -> Option<Row> {
    let lang = ctx.lang;
    let project = ctx.data.projects.get(&p.project)?;
    cells.clear().push(&project.title).push(ctx.establishment_name(&p.establishment));
    let elements: Vec<String> = project.elements.iter().map(|e| i18n::element(lang, e)).collect();
    cells.push(&elements.join(", "));
    cells.push_fmt(format_args!("{}", BeDate(p.since))).push_fmt(format_args!("{}", p.days));
    if p.standing == Standing::Draft {
        cells.push(lang.t(Msg::StandingDraft));
    } else if p.standing == Standing::RunningUnauthorised {
        cells.push(lang.t(Msg::StandingRunning));
    } else if p.blockers.is_empty() {
        cells.push(lang.t(Msg::BlockNone));
    } else {
        let why: Vec<String> =
            p.blockers.iter().map(|b| i18n::blocker_short(lang, b, |d| ctx.date(d))).collect();
        cells.push(&why.join("; "));
    }
    let sort = [
        SortKey::text(0),
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Date(Some(p.since)),
        SortKey::Num(p.days),
        SortKey::text(5),
    ];
    let tone = if p.overdue() { Tone::Alert } else { Tone::Normal };
    Some(Row::new(cells, &sort, target, tone))
}

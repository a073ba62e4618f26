use super::table::{Cells, Column, Row, SortKey, Target, Tone};
use super::{Bar, Reuse, RowSource};
use crate::domain::NeedStatus;
use crate::domain::rules::NeedRow;
use crate::i18n::{self, Msg};

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColPrison, min: 8, want: 16, priority: 0, right: false, first: false },
    Column { title: Msg::ColStaff, min: 8, want: 16, priority: 2, right: false, first: false },
    Column { title: Msg::ColTopic, min: 12, want: 22, priority: 0, right: false, first: false },
    Column { title: Msg::ColPeople, min: 4, want: 6, priority: 3, right: true, first: false },
    Column { title: Msg::ColPriority, min: 6, want: 8, priority: 3, right: false, first: false },
    Column { title: Msg::ColStatus, min: 7, want: 9, priority: 1, right: false, first: false },
    // Coverage is what the pane is for: it stays at 80 columns.
    Column { title: Msg::ColCoverage, min: 15, want: 15, priority: 1, right: false, first: false },
];

pub fn rows(ctx: &RowSource, reuse: &mut Reuse) -> Vec<Row> {
    let mut cells = Cells::new();
    ctx.situation
        .needs
        .iter()
        .filter_map(|r| {
            let changed = reuse.scope.establishment(&r.establishment);
            reuse.row(Target::Need(r.need), changed, |target| row(ctx, r, target, &mut cells))
        })
        .collect()
}

fn row(ctx: &RowSource, r: &NeedRow, target: Target, cells: &mut Cells) -> Option<Row> {
    let lang = ctx.lang;
    let n = ctx.data.needs.get(&r.need)?;
    let pct = r.coverage.percent();
    cells
        .clear()
        .push(ctx.establishment_name(&n.establishment))
        .push(i18n::staff_group(lang, n.staff_group))
        .push(&n.topic)
        .push_fmt(format_args!("{}", n.headcount))
        .push(i18n::priority(lang, n.priority))
        .push(i18n::need_status(lang, r.status))
        .push_fmt(format_args!("{} {pct:>3}%", Bar(pct, ctx.ascii)));
    let sort = [
        SortKey::text(0),
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Num(i64::from(n.headcount)),
        SortKey::Num(n.priority as i64),
        SortKey::Num(r.status as i64),
        SortKey::Num(i64::from(pct)),
    ];
    let tone = match r.status {
        NeedStatus::Delivered => Tone::Good,
        NeedStatus::Open if n.priority == crate::domain::Priority::High => Tone::Alert,
        _ => Tone::Normal,
    };
    Some(Row::new(cells, &sort, target, tone))
}

use super::{Ctx, Reuse};
use crate::app::table::{Column, Row, SortKey, Target, Tone};
use crate::domain::rules::{Activity, PrisonRow};
use crate::i18n::{self, Msg};

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColName, min: 12, want: 18, priority: 0, right: false },
    Column { title: Msg::ColRegion, min: 8, want: 10, priority: 4, right: false },
    Column { title: Msg::ColLanguage, min: 5, want: 6, priority: 5, right: false },
    Column { title: Msg::ColGroup, min: 8, want: 12, priority: 1, right: false },
    Column { title: Msg::ColLastMeeting, min: 10, want: 10, priority: 2, right: false },
    Column { title: Msg::ColGaps, min: 4, want: 5, priority: 1, right: true },
    Column { title: Msg::ColPending, min: 4, want: 7, priority: 3, right: true },
    Column { title: Msg::ColOpenNeeds, min: 4, want: 6, priority: 3, right: true },
];

/// Rows in the order of the rules; the table lists them by name (see `PaneId::natural_sort`).
pub fn rows(ctx: &Ctx, reuse: &mut Reuse) -> Vec<Row> {
    ctx.situation
        .prisons
        .iter()
        .filter_map(|p| {
            let changed = reuse.scope.establishment(&p.establishment);
            reuse.row(Target::Prison(p.establishment.clone()), changed, |target| row(ctx, p, target))
        })
        .collect()
}

fn row(ctx: &Ctx, p: &PrisonRow, target: Target) -> Option<Row> {
    let lang = ctx.lang;
    let e = ctx.data.establishments.get(&p.establishment)?;
    let name = e.name(lang.code()).to_string();
    let tone = match p.activity {
        Activity::Active { .. } => Tone::Good,
        Activity::Dormant { .. } => Tone::Alert,
        Activity::NoGroup => Tone::Normal,
    };
    let last = p.activity.last_meeting();
    let cells = vec![
        name.clone(),
        i18n::region(lang, e.region).to_string(),
        i18n::language(lang, e.language).to_string(),
        i18n::activity(lang, &p.activity).to_string(),
        match p.activity {
            Activity::NoGroup => String::new(),
            _ => ctx.maybe_date(last),
        },
        p.gaps.to_string(),
        p.pending.to_string(),
        p.open_needs.to_string(),
    ];
    let sort = vec![
        SortKey::text(0),
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Num(match p.activity {
            Activity::NoGroup => 0,
            Activity::Dormant { .. } => 1,
            Activity::Active { .. } => 2,
        }),
        SortKey::Date(last),
        SortKey::Num(p.gaps as i64),
        SortKey::Num(p.pending as i64),
        SortKey::Num(p.open_needs as i64),
    ];
    Some(Row::new(cells, sort, target, tone))
}

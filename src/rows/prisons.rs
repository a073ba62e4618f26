use super::table::{Cells, Column, Row, SortKey, Target, Tone};
use super::{Reuse, RowSource};
use crate::domain::date::BeDate;
use crate::domain::rules::{Activity, PrisonRow};
use crate::i18n::{self, Msg};

/// A cell this role may not read: what it counts is beyond its part of the store.
pub const NOT_YOURS: &str = "–";

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColName, min: 12, want: 19, priority: 0, right: false, first: false },
    // The language regime before the region at 80 columns: "French-speaking" (FR and FR/NL)
    // is what the coordinator counts by.
    Column { title: Msg::ColRegion, min: 8, want: 10, priority: 5, right: false, first: false },
    Column { title: Msg::ColLanguage, min: 5, want: 5, priority: 1, right: false, first: false },
    Column { title: Msg::ColGroup, min: 8, want: 12, priority: 1, right: false, first: false },
    Column { title: Msg::ColLastMeeting, min: 10, want: 10, priority: 2, right: false, first: false },
    Column { title: Msg::ColGaps, min: 4, want: 5, priority: 1, right: true, first: false },
    Column { title: Msg::ColPending, min: 4, want: 7, priority: 3, right: true, first: false },
    Column { title: Msg::ColOpenNeeds, min: 4, want: 6, priority: 3, right: true, first: false },
];

/// Rows in the order of the rules, the central group's first; the table lists them by name
/// (see `PaneId::natural_sort`), the central group above the prisons.
pub fn rows(ctx: &RowSource, reuse: &mut Reuse) -> Vec<Row> {
    let mut cells = Cells::new();
    let central = ctx.data.central_group().filter(|g| g.exists_on(ctx.situation.as_of));
    // Its seats and meetings, or any project (it counts those waiting everywhere).
    let changed = reuse.scope.central()
        || central.is_some_and(|g| reuse.scope.group(g.id))
        || !reuse.scope.establishments.is_empty();
    let first =
        central.and_then(|_| reuse.row(Target::Central, changed, |t| central_row(ctx, t, &mut cells)));
    first
        .into_iter()
        .chain(ctx.situation.prisons.iter().filter_map(|p| {
            let changed = reuse.scope.establishment(&p.establishment);
            reuse.row(Target::Prison(p.establishment.clone()), changed, |target| {
                row(ctx, p, target, &mut cells)
            })
        }))
        .collect()
}

/// The central group, flagged as a local group is: dormant when it has not met within the
/// dormancy period; its seat gaps, and every project waiting for its decision.
fn central_row(ctx: &RowSource, target: Target, cells: &mut Cells) -> Option<Row> {
    let lang = ctx.lang;
    let s = ctx.situation;
    let central = ctx.data.central_group()?;
    let activity = s.central_activity;
    let last = activity.last_meeting();
    let gaps = s.gaps.iter().filter(|g| g.group == central.id).count();
    let waiting = s.waiting().count();
    cells.clear().push(lang.t(Msg::Central)).push("").push("").push(i18n::activity(lang, &activity));
    match last {
        Some(last) => cells.push_fmt(format_args!("{}", BeDate(last))),
        None => cells.push(lang.t(Msg::Never)),
    };
    cells.push_fmt(format_args!("{gaps}"));
    // The projects waiting everywhere: a staff member's part holds only their own.
    let waiting = if ctx.data.partial { None } else { Some(waiting) };
    match waiting {
        Some(n) => cells.push_fmt(format_args!("{n}")),
        None => cells.push(NOT_YOURS),
    };
    cells.push("");
    let sort = [
        SortKey::text(0),
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Num(if activity.is_dormant() { 1 } else { 2 }),
        SortKey::Date(last),
        SortKey::Num(gaps as i64),
        SortKey::Num(waiting.map_or(-1, |n| n as i64)),
        SortKey::Num(-1),
    ];
    let tone = if activity.is_dormant() || !s.central_blockers.is_empty() { Tone::Alert } else { Tone::Good };
    // Above the prisons, whichever way they are sorted.
    Some(Row::new(cells, &sort, target, tone).pinned())
}

fn row(ctx: &RowSource, p: &PrisonRow, target: Target, cells: &mut Cells) -> Option<Row> {
    let lang = ctx.lang;
    let e = ctx.data.establishments.get(&p.establishment)?;
    let tone = match p.activity {
        Activity::Active { .. } => Tone::Good,
        Activity::Dormant { .. } => Tone::Alert,
        Activity::NoGroup if p.covered => Tone::Alert,
        Activity::NoGroup => Tone::Normal,
    };
    let last = p.activity.last_meeting();
    cells
        .clear()
        .push(e.name(lang.code()))
        .push(i18n::region(lang, e.region))
        .push(i18n::language(lang, e.language))
        .push(i18n::prison_activity(lang, p));
    match (p.activity, last) {
        (Activity::NoGroup, _) => cells.push(""),
        (_, Some(last)) => cells.push_fmt(format_args!("{}", BeDate(last))),
        (_, None) => cells.push(lang.t(Msg::Never)),
    };
    cells.push_fmt(format_args!("{}", p.gaps));
    cells.push_fmt(format_args!("{}", p.pending));
    cells.push_fmt(format_args!("{}", p.open_needs));
    let sort = [
        SortKey::text(0),
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Num(match p.activity {
            Activity::NoGroup if p.covered => 0,
            Activity::Dormant { .. } => 1,
            Activity::Active { .. } => 2,
            Activity::NoGroup => 3,
        }),
        SortKey::Date(last),
        SortKey::Num(p.gaps as i64),
        SortKey::Num(p.pending as i64),
        SortKey::Num(p.open_needs as i64),
    ];
    Some(Row::new(cells, &sort, target, tone))
}

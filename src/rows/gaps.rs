use super::table::{Cells, Column, Row, SortKey, Target, Tone};
use super::{Reuse, RowSource};
use crate::domain::date::{BeDate, days_between};
use crate::domain::rules::{Gap, Overload, PrisonRow};
use crate::i18n::{self, Msg};

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColGroupName, min: 10, want: 18, priority: 0, right: false, first: false },
    Column { title: Msg::ColSeat, min: 12, want: 26, priority: 0, right: false, first: false },
    // What is wrong is the reason for the pane: it goes last on a narrow screen.
    Column { title: Msg::ColProblem, min: 10, want: 22, priority: 0, right: false, first: false },
    Column { title: Msg::ColSince, min: 10, want: 10, priority: 2, right: false, first: false },
    Column { title: Msg::ColDays, min: 5, want: 5, priority: 1, right: true, first: false },
];

pub fn rows(ctx: &RowSource, reuse: &mut Reuse) -> Vec<Row> {
    let mut cells = Cells::new();
    let mut out: Vec<Row> = ctx
        .situation
        .gaps
        .iter()
        .filter_map(|g| {
            let target = Target::Gap { group: g.group, seat: g.seat.clone() };
            reuse.row(target, reuse.scope.group(g.group), |target| Some(gap_row(ctx, g, target, &mut cells)))
        })
        .collect();
    // A covered establishment without a local group lacks every seat at once.
    out.extend(ctx.situation.prisons.iter().filter(|p| p.missing_since.is_some()).filter_map(|p| {
        let changed = reuse.scope.establishment(&p.establishment);
        reuse.row(Target::Prison(p.establishment.clone()), changed, |target| {
            missing_group_row(ctx, p, target, &mut cells)
        })
    }));
    out.extend(ctx.situation.overloads.iter().filter_map(|o| {
        let changed = reuse.scope.person(o.person);
        reuse
            .row(Target::Overload(o.person), changed, |target| Some(overload_row(ctx, o, target, &mut cells)))
    }));
    out
}

fn gap_row(ctx: &RowSource, g: &Gap, target: Target, cells: &mut Cells) -> Row {
    let as_of = ctx.situation.as_of;
    let days = g.days(as_of);
    let problem = i18n::gap_kind(ctx.lang, &g.kind, |p| ctx.person(p));
    cells.clear().push(&ctx.group(g.group)).push(&ctx.seat(g.group, &g.seat)).push(&problem);
    cells.push_fmt(format_args!("{}", BeDate(g.since))).push_fmt(format_args!("{days}"));
    let sort = [
        // The central group first, then establishments by name.
        SortKey::Text { rank: u8::from(g.establishment.is_some()), cell: 0 },
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Date(Some(g.since)),
        SortKey::Num(days),
    ];
    // Colour is kept for what stands out (overload); a pane of gaps is all gaps.
    Row::new(cells, &sort, target, Tone::Normal)
}

fn missing_group_row(ctx: &RowSource, p: &PrisonRow, target: Target, cells: &mut Cells) -> Option<Row> {
    let since = p.missing_since?;
    let days = days_between(since, ctx.situation.as_of);
    let name = ctx.establishment(&p.establishment);
    cells.clear().push(&name).push(ctx.lang.t(Msg::ColGroup)).push(ctx.lang.t(Msg::ProblemNoLocalGroup));
    cells.push_fmt(format_args!("{}", BeDate(since))).push_fmt(format_args!("{days}"));
    let sort = [
        SortKey::Text { rank: 1, cell: 0 },
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Date(Some(since)),
        SortKey::Num(days),
    ];
    Some(Row::new(cells, &sort, target, Tone::Alert))
}

fn overload_row(ctx: &RowSource, o: &Overload, target: Target, cells: &mut Cells) -> Row {
    let as_of = ctx.situation.as_of;
    let seats: Vec<String> = o
        .seats
        .iter()
        .filter_map(|m| ctx.data.memberships.get(m))
        .map(|m| format!("{} ({})", ctx.seat(m.group, &m.seat), ctx.group(m.group)))
        .collect();
    let since = o.seats.iter().filter_map(|m| ctx.data.memberships.get(m)).map(|m| m.from).max();
    let days = since.map_or(0, |s| days_between(s, as_of));
    let problem = ctx.lang.f(Msg::Overloaded, &[&o.seats.len().to_string(), &o.jobs.to_string()]);
    let name = ctx.person(o.person);
    cells.clear().push(&name).push(&seats.join(", ")).push(&problem).push(&ctx.maybe_date(since));
    cells.push_fmt(format_args!("{days}"));
    let sort = [
        SortKey::Text { rank: 2, cell: 0 },
        SortKey::text(1),
        SortKey::text(2),
        SortKey::Date(since),
        SortKey::Num(days),
    ];
    Row::new(cells, &sort, target, Tone::Alert)
}

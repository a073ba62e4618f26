use super::Ctx;
use crate::app::table::{Column, Row, SortKey, Target, Tone, fold};
use crate::domain::date::days_between;
use crate::i18n::{self, Msg};

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColGroupName, min: 10, want: 18, priority: 0, right: false },
    Column { title: Msg::ColSeat, min: 12, want: 26, priority: 0, right: false },
    Column { title: Msg::ColProblem, min: 10, want: 22, priority: 1, right: false },
    Column { title: Msg::ColSince, min: 10, want: 10, priority: 2, right: false },
    Column { title: Msg::ColDays, min: 5, want: 5, priority: 1, right: true },
];

pub fn rows(ctx: &Ctx) -> Vec<Row> {
    let lang = ctx.lang;
    let as_of = ctx.situation.as_of;
    let mut out: Vec<Row> = ctx
        .situation
        .gaps
        .iter()
        .map(|g| {
            let group = ctx.group(g.group);
            let seat = ctx.seat(g.group, &g.seat);
            let days = g.days(as_of);
            let problem = i18n::gap_kind(lang, &g.kind, |p| ctx.person(p));
            let cells =
                vec![group.clone(), seat.clone(), problem.clone(), ctx.date(g.since), days.to_string()];
            let sort = vec![
                // The central group first, then establishments by name.
                SortKey::Text(format!("{}{}", u8::from(g.establishment.is_some()), fold(&group))),
                SortKey::Text(fold(&seat)),
                SortKey::Text(fold(&problem)),
                SortKey::Date(Some(g.since)),
                SortKey::Num(days),
            ];
            // Colour is kept for what stands out (overload); a pane of gaps is all gaps.
            Row::new(cells, sort, Target::Gap { group: g.group, seat: g.seat.clone() }, Tone::Normal)
        })
        .collect();
    for o in &ctx.situation.overloads {
        let seats: Vec<String> = o
            .seats
            .iter()
            .filter_map(|m| ctx.data.memberships.get(m))
            .map(|m| format!("{} ({})", ctx.seat(m.group, &m.seat), ctx.group(m.group)))
            .collect();
        let since = o.seats.iter().filter_map(|m| ctx.data.memberships.get(m)).map(|m| m.from).max();
        let days = since.map_or(0, |s| days_between(s, as_of));
        let problem = lang.f(Msg::Overloaded, &[&o.seats.len().to_string(), &o.heavy.len().to_string()]);
        let name = ctx.person(o.person);
        let cells =
            vec![name.clone(), seats.join(", "), problem.clone(), ctx.maybe_date(since), days.to_string()];
        let sort = vec![
            SortKey::Text(format!("2{}", fold(&name))),
            SortKey::Text(fold(&cells[1])),
            SortKey::Text(fold(&problem)),
            SortKey::Date(since),
            SortKey::Num(days),
        ];
        out.push(Row::new(cells, sort, Target::Overload(o.person), Tone::Alert));
    }
    out
}

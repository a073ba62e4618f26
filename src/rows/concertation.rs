//! The concertation (CAPB): what needs attention first (productions waiting for the members'
//! agreement, members without a representative, meetings without minutes or breaking the
//! charter), then the rest: members, meetings, productions, and who reads the debates (the
//! accounts the concertation admitted, shown to the members so that nobody reads them unseen).

use super::table::{Cells, Column, Row, SortKey, Target, Tone};
use super::{Reuse, RowSource};
use crate::domain::access::Admission;
use crate::domain::rules::{Consent, MeetingRow, ProductionRow, ServiceRow, Stage};
use crate::i18n::{self, Lang, Msg};

pub const COLUMNS: &[Column] = &[
    Column { title: Msg::ColWhat, min: 7, want: 11, priority: 1, right: false, first: false },
    Column { title: Msg::ColName, min: 12, want: 24, priority: 0, right: false, first: false },
    Column { title: Msg::ColState, min: 10, want: 24, priority: 2, right: false, first: false },
    // What needs doing is what the pane is for: it stays at 80 columns.
    Column { title: Msg::ColAttention, min: 16, want: 34, priority: 0, right: false, first: false },
];

/// One row of the pane, before it is written in words.
enum Item<'s> {
    Service(&'s ServiceRow),
    Meeting(&'s MeetingRow),
    Production(&'s ProductionRow),
    Reader(&'s Admission),
}

impl Item<'_> {
    fn needs_attention(&self) -> bool {
        match self {
            Item::Service(s) => s.unrepresented,
            Item::Meeting(m) => m.needs_attention(),
            Item::Production(p) => p.needs_attention(),
            Item::Reader(_) => false,
        }
    }

    fn target(&self) -> Target {
        match self {
            Item::Service(s) => Target::Service(s.service),
            Item::Meeting(m) => Target::CapbMeeting(m.meeting),
            Item::Production(p) => Target::Production(p.production),
            Item::Reader(a) => Target::Admission(a.id),
        }
    }
}

pub fn rows(ctx: &RowSource, reuse: &mut Reuse) -> Vec<Row> {
    let view = &ctx.situation.concertation;
    let items = || {
        let productions = view.productions.iter().map(Item::Production);
        let meetings = view.meetings.iter().map(Item::Meeting);
        let readers = ctx.data.admissions.values().filter(|a| a.active_on(ctx.as_of)).map(Item::Reader);
        productions.chain(meetings).chain(view.services.iter().map(Item::Service)).chain(readers)
    };
    // What needs attention first, each part in the same order of kinds.
    let ordered = items().filter(Item::needs_attention).chain(items().filter(|i| !i.needs_attention()));
    let mut cells = Cells::new();
    let changed = reuse.scope.concertation || reuse.scope.everything;
    ordered
        .filter_map(|item| reuse.row(item.target(), changed, |target| row(ctx, &item, target, &mut cells)))
        .collect()
}

fn row(ctx: &RowSource, item: &Item, target: Target, cells: &mut Cells) -> Option<Row> {
    let lang = ctx.lang;
    let data = ctx.data;
    cells.clear();
    let (rank, attention) = match item {
        Item::Production(r) => {
            let p = data.productions.get(&r.production)?;
            let state = format!("{}, {}", i18n::production_kind(lang, p.kind), i18n::stage(lang, r.stage));
            cells.push(lang.t(Msg::KindProduction)).push(&p.title).push(&state);
            (0, production_attention(lang, r))
        }
        Item::Meeting(r) => {
            let n = |v: usize| v.to_string();
            // Outside the concertation, who came and what was voted are not there to count.
            let state = if data.sealed {
                String::new()
            } else {
                lang.f(Msg::CapbMeetingSummary, &[&n(r.present), &n(r.proxies), &n(r.motions)])
            };
            cells.push(lang.t(Msg::KindCapbMeeting)).push(&ctx.date(r.date)).push(&state);
            let mut attention: Vec<String> = Vec::new();
            if let Some(p) = r.problems.first() {
                attention.push(i18n::breach(lang, *p, |s| ctx.service(s)));
            }
            if !r.minutes {
                attention.push(lang.t(Msg::AttNoMinutes).into());
            }
            if let Some(c) = r.minutes_out_without {
                let why = i18n::consent(lang, c, data.sealed, |m| ctx.motion(m), |m| ctx.motion_date(m));
                attention.push(lang.f(Msg::AttMinutesOut, &[&why]));
            }
            (1, attention.join("; "))
        }
        Item::Service(r) => {
            let s = data.services.get(&r.service)?;
            let rep = r.representative.map(|p| ctx.person(p)).unwrap_or_default();
            cells.push(lang.t(Msg::KindService)).push(&s.name).push(&rep);
            let attention = if r.unrepresented { lang.t(Msg::AttNoRepresentative) } else { "" };
            (2, attention.to_string())
        }
        Item::Reader(a) => {
            let seat = i18n::admission_seat(lang, &a.seat, |s| ctx.service(s));
            let since = lang.f(Msg::ReaderSince, &[&seat, &ctx.date(a.from)]);
            cells.push(lang.t(Msg::KindReader)).push(&a.name).push(&since);
            (3, String::new())
        }
    };
    cells.push(&attention);
    let sort = [SortKey::Num(rank), SortKey::text(1), SortKey::text(2), SortKey::text(3)];
    let tone = if attention.is_empty() { Tone::Normal } else { Tone::Alert };
    Some(Row::new(cells, &sort, target, tone))
}

/// What a production waits for, or that it went out without the members' agreement.
fn production_attention(lang: Lang, r: &ProductionRow) -> String {
    match (r.stage, r.consent) {
        (_, Consent::Allowed(_)) => String::new(),
        (Stage::Disseminated, _) => lang.t(Msg::AttOutWithout).into(),
        _ => lang.t(Msg::AttWaitingDecision).into(),
    }
}

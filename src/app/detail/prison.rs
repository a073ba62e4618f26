use chrono::Datelike;

use super::{DetailLine, DetailSource, DetailView, Spark};
use crate::app::Item;
use crate::domain::group::template_on;
use crate::domain::rules::{Activity, Coordinator, coordinator_of};
use crate::domain::{CHAIR, Group, Membership};
use crate::i18n::{self, Msg};

/// How many of the latest meetings are listed.
const RECENT_MEETINGS: usize = 5;

pub fn build(ctx: &DetailSource, id: &str) -> DetailView {
    let lang = ctx.lang;
    let data = ctx.data;
    let as_of = ctx.as_of;
    let Some(e) = data.establishments.get(id) else { return DetailView::new(id.to_string()) };
    let mut view = DetailView::new(e.name(lang.code()).to_string());
    let names =
        if e.name_fr == e.name_nl { e.name_fr.clone() } else { format!("{} / {}", e.name_fr, e.name_nl) };
    view.push(DetailLine::plain(format!("{names} — {}, {}", e.town, i18n::region(lang, e.region))));
    let language = i18n::language(lang, e.language);
    view.push(DetailLine::plain(format!(
        "{} — {}{}{language}",
        i18n::kind(lang, e.kind),
        lang.t(Msg::ColLanguage),
        lang.colon()
    )));
    // Its drug-policy coordinator: the central group's holder of its side's seat.
    match coordinator_of(data, e, as_of) {
        Coordinator::Held { side, person } => view.push(DetailLine::plain(format!(
            "{}{}{} ({})",
            lang.t(Msg::DetailCoordinator),
            lang.colon(),
            ctx.person(person),
            i18n::regime(lang, side)
        ))),
        Coordinator::Vacant { side } => view.push(ctx.alert(lang.f(
            Msg::DetailNoCoordinator,
            &[lang.t(if side == crate::domain::LanguageRegime::Dutch {
                Msg::RegimeDutchPrisons
            } else {
                Msg::RegimeFrenchPrisons
            })],
        ))),
        Coordinator::Unknown => {}
    }
    let row = ctx.situation.prisons.iter().find(|p| p.establishment == id);
    match (data.local_group(id, as_of), row) {
        (Some(g), Some(row)) => {
            view.push(activity_line(ctx, lang.t(Msg::ColGroup), &row.activity));
            group_body(ctx, &mut view, g);
        }
        (_, Some(row)) if row.covered => {
            let since = row.missing_since.map_or_else(String::new, |d| ctx.date(d));
            view.push(ctx.alert(lang.f(Msg::DetailNoGroupSince, &[&since])));
        }
        (_, Some(_)) => view.push(DetailLine::plain(lang.t(Msg::DetailNotRequired))),
        _ => view.push(ctx.alert(lang.t(Msg::DetailNoGroup).into())),
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailProjects));
    let mut any = false;
    for p in data.projects.values().filter(|p| p.establishment == id) {
        if let Some(state) = p.state_on(as_of) {
            any = true;
            let text = format!("{} — {} {}", p.title, i18n::step(lang, &state.step), ctx.date(state.date));
            view.entry(Item::Project(p.id), ctx.item(text));
        }
    }
    if !any {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailNeeds));
    let needs: Vec<_> = ctx.situation.needs.iter().filter(|n| n.establishment == id).collect();
    for r in &needs {
        if let Some(n) = data.needs.get(&r.need) {
            let text = format!(
                "{} — {}, {} — {} {}%",
                n.topic,
                i18n::staff_group(lang, n.staff_group),
                lang.count(n.headcount as usize, Msg::PersonCount, Msg::PeopleCount),
                i18n::need_status(lang, r.status),
                r.coverage.percent()
            );
            view.entry(Item::Need(n.id), ctx.item(text));
        }
    }
    if needs.is_empty() {
        view.push(ctx.item(lang.t(Msg::None_).into()));
    }
    view
}

/// "Local group: dormant (last meeting: …)", an alert unless the group is active.
pub(super) fn activity_line(ctx: &DetailSource, group: &str, activity: &Activity) -> DetailLine {
    let lang = ctx.lang;
    let last = activity.last_meeting().map_or_else(|| lang.t(Msg::Never).to_string(), |d| ctx.date(d));
    let status = i18n::activity(lang, activity);
    let colon = lang.colon();
    let line = format!("{group}{colon}{status} ({}{colon}{last})", lang.t(Msg::LastMeeting));
    if matches!(activity, Activity::Active { .. }) { DetailLine::plain(line) } else { ctx.alert(line) }
}

/// A group's seats, then its meetings: a sparkline of them per year and the latest ones.
pub(super) fn group_body(ctx: &DetailSource, view: &mut DetailView, g: &Group) {
    let lang = ctx.lang;
    let data = ctx.data;
    let as_of = ctx.as_of;
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailSeats));
    // One pass over the records of this group, not an index of everything: the view is
    // built on every frame and must stay cheap on a large store.
    let members: Vec<&Membership> = data.memberships.values().filter(|m| m.group == g.id).collect();
    seats(ctx, view, &members, g);
    let mut meetings: Vec<_> =
        data.meetings.values().filter(|m| m.group == g.id && m.date <= as_of).collect();
    meetings.sort_by_key(|m| (m.date, m.id));
    let first_year = g
        .created
        .map(|c| c.year())
        .or_else(|| meetings.first().map(|m| m.date.year()))
        .unwrap_or(as_of.year())
        .min(as_of.year());
    let mut values = vec![0u64; (as_of.year() - first_year + 1).max(1) as usize];
    for m in &meetings {
        if let Some(v) = values.get_mut((m.date.year() - first_year) as usize) {
            *v += 1;
        }
    }
    view.spark = Some(Spark { values, first_year });
    view.push(DetailLine::plain(""));
    view.push(ctx.heading(Msg::DetailRecentMeetings));
    for m in meetings.iter().rev().take(RECENT_MEETINGS) {
        // The central group's attendees are not a staff member's to read.
        let people = if ctx.data.partial && g.kind == crate::domain::GroupKind::Central {
            crate::app::panes::NOT_YOURS.to_string()
        } else {
            lang.count(m.attendees.len(), Msg::PersonCount, Msg::PeopleCount)
        };
        let note =
            m.notes.lines().next().filter(|n| !n.is_empty()).map(|n| format!(" — {n}")).unwrap_or_default();
        view.entry(Item::Meeting(m.id), ctx.item(format!("{} — {people}{note}", ctx.date(m.date))));
    }
    if meetings.is_empty() {
        view.push(ctx.item(lang.t(Msg::Never).into()));
    }
}

/// The group's seats one by one: one line per holder (so each membership can be selected),
/// a vacant seat as a line of its own, and what is wrong beside it.
fn seats(ctx: &DetailSource, view: &mut DetailView, members: &[&Membership], g: &Group) {
    let lang = ctx.lang;
    let as_of = ctx.as_of;
    let group = g.id;
    let Some(t) = template_on(ctx.data.templates.values(), g.kind, as_of) else { return };
    for seat in &t.seats {
        let name = i18n::seat(lang, &seat.key, Some(seat));
        let gap = ctx.situation.gaps.iter().find(|gap| gap.group == group && gap.seat == seat.key);
        let problem = gap.map(|gap| {
            let what = i18n::gap_kind(lang, &gap.kind, |p| ctx.person(p));
            format!(" — {what}, {}", lang.f(Msg::FromOn, &[&ctx.date(gap.since)]))
        });
        let holders: Vec<_> = members.iter().filter(|m| m.seat == seat.key && m.active_on(as_of)).collect();
        if holders.is_empty() {
            let text = format!("{name}: {}{}", lang.t(Msg::Vacant), problem.unwrap_or_default());
            view.entry(Item::Seat { group, seat: seat.key.clone() }, ctx.alert(text));
            continue;
        }
        for (i, m) in holders.iter().enumerate() {
            let mut text =
                format!("{name}: {} ({})", ctx.person(m.person), lang.f(Msg::FromOn, &[&ctx.date(m.from)]));
            if let Some(d) = m.delegate_of {
                text.push_str(&format!(", {}", lang.f(Msg::DelegateOf, &[&ctx.person(d)])));
            }
            match (i, &problem) {
                (0, Some(p)) => view.entry(Item::Membership(m.id), ctx.alert(format!("{text}{p}"))),
                _ => view.entry(Item::Membership(m.id), ctx.item(text)),
            }
        }
    }
    if let Some(chair) = members.iter().find(|m| m.seat == CHAIR && m.active_on(as_of)) {
        view.entry(
            Item::Membership(chair.id),
            ctx.item(format!("{}{}{}", lang.t(Msg::Chair), lang.colon(), ctx.person(chair.person))),
        );
    }
}

use super::{EditForm, FormSource, Purpose, Refusal, id};
use crate::app::form::{Field, Form, Opt};
use crate::domain::establishment::Coverage;
use crate::domain::{Change, Group, GroupId, GroupKind, LanguageRegime, Meeting, MeetingId, Record};
use crate::i18n::Msg;

const GROUP: usize = 0;
const DATE: usize = 1;
const OFFER: usize = 2;
const ATTENDEES: usize = 3;
const NOTES: usize = 4;

const MEMBERS: &str = "members";
const EVERYONE: &str = "everyone";

fn offer_options(ctx: &FormSource) -> Vec<Opt> {
    vec![Opt::new(MEMBERS, ctx.lang.t(Msg::OfferMembers)), Opt::new(EVERYONE, ctx.lang.t(Msg::OfferEveryone))]
}

/// The attendees a meeting's form offers: the group's members on its date, or everyone in
/// the store (a guest, a member not yet recorded), with a word saying which.
fn attendee_field(
    ctx: &FormSource,
    group: Option<GroupId>,
    date: chrono::NaiveDate,
    everyone: bool,
    chosen: &[String],
) -> Field {
    if everyone {
        // A guest not yet in the store can be created from here, and comes back ticked.
        return Field::multi(Msg::FieldAttendees, ctx.people(), chosen).creating(Msg::NewPersonEntry);
    }
    // Someone not yet in the store can be created from the members' list too; they come back
    // ticked, the list then offering everyone (see `list_everyone`).
    let mut field = Field::multi(Msg::FieldAttendees, member_options(ctx, group, date), chosen)
        .creating(Msg::NewPersonEntry);
    field.note = Some(
        ctx.lang
            .f(Msg::NoteMembersOn, &[&crate::domain::date::format_be(date), ctx.lang.t(Msg::OfferEveryone)]),
    );
    field
}

/// The people who are members of a group on a date: the only possible attendees.
pub fn member_options(ctx: &FormSource, group: Option<GroupId>, date: chrono::NaiveDate) -> Vec<Opt> {
    let mut ids: Vec<u64> = ctx
        .data
        .memberships
        .values()
        .filter(|m| Some(m.group) == group && m.active_on(date))
        .map(|m| m.person)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .map(|p| {
            Opt::new(
                p.to_string(),
                ctx.data.people.get(&p).map_or_else(|| format!("#{p}"), |p| p.name.clone()),
            )
        })
        .collect()
}

pub fn meeting_form(
    purpose: Purpose,
    existing: Option<MeetingId>,
    group: Option<GroupId>,
    ctx: &FormSource,
) -> Option<EditForm> {
    let m = match existing {
        Some(id) => Some(ctx.data.meetings.get(&id)?),
        None => None,
    };
    let group = m.map(|m| m.group).or(group);
    let date = m.map_or(ctx.as_of, |m| m.date);
    let attendees: Vec<String> =
        m.map(|m| m.attendees.iter().map(u64::to_string).collect()).unwrap_or_default();
    // A meeting already recorded with guests lists everyone, so none of them is dropped.
    let members = member_options(ctx, group, date);
    let everyone = attendees.iter().any(|a| !members.iter().any(|o| &o.value == a));
    let fields = vec![
        Field::choice(Msg::ColGroupName, ctx.groups(), group.map(|g| g.to_string()).as_deref(), true),
        Field::date(Msg::FieldDate, Some(date), true),
        Field::choice(
            Msg::FieldOffer,
            offer_options(ctx),
            Some(if everyone { EVERYONE } else { MEMBERS }),
            true,
        ),
        attendee_field(ctx, group, date, everyone, &attendees),
        Field::notes(Msg::FieldNotes, m.map_or("", |m| &m.notes), 10_000).free_text(ctx.lang),
    ];
    let title = ctx.lang.t(if m.is_some() { Msg::FormEditMeeting } else { Msg::FormNewMeeting }).to_string();
    let mut form = Form::new(purpose, title, fields);
    form.focus = if group.is_some() { DATE } else { GROUP };
    Some(form)
}

/// After the group, the date or the choice of whom to list changed: the attendees offered
/// follow.
pub fn refresh_meeting(form: &mut EditForm, ctx: &FormSource) {
    let group = id(form.fields[GROUP].chosen_value());
    let date = form.fields[DATE].date_value().unwrap_or(ctx.as_of);
    let everyone = form.fields[OFFER].chosen_value() == Some(EVERYONE);
    let keep = form.fields[ATTENDEES].chosen_values();
    let fresh = attendee_field(ctx, group, date, everyone, &keep);
    let field = &mut form.fields[ATTENDEES];
    if fresh.options() != field.options() || fresh.note != field.note {
        let (highlight, input) = (field.highlight, field.input.clone());
        *field = fresh;
        field.input = input;
        field.highlight = highlight.min(field.options().len().saturating_sub(1));
    }
}

/// The attendees offered become everyone in the store: a person created from the list is no
/// member of the group, and is ticked among everyone.
pub fn list_everyone(form: &mut EditForm) {
    let field = &mut form.fields[OFFER];
    if let Some(i) = field.options().iter().position(|o| o.value == EVERYONE) {
        field.chosen = vec![i];
    }
}

/// Whether the meeting's form records nobody as present.
pub fn nobody_attended(form: &EditForm) -> bool {
    form.fields[ATTENDEES].chosen.is_empty()
}

pub fn save_meeting(
    form: &EditForm,
    existing: Option<MeetingId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let group = id(f[GROUP].chosen_value()).ok_or((Some(GROUP), ctx.lang.t(Msg::ErrChoose).into()))?;
    let date = f[DATE].date_value().ok_or((Some(DATE), ctx.lang.t(Msg::ErrRequired).into()))?;
    ctx.not_future(DATE, date)?;
    let attendees: Vec<u64> = f[ATTENDEES].chosen_values().iter().filter_map(|v| v.parse().ok()).collect();
    let members = member_options(ctx, Some(group), date);
    let everyone = f[OFFER].chosen_value() == Some(EVERYONE);
    if !everyone
        && let Some(stranger) = attendees.iter().find(|a| !members.iter().any(|m| m.value == a.to_string()))
    {
        let name = ctx.data.people.get(stranger).map_or_else(|| format!("#{stranger}"), |p| p.name.clone());
        return Err((Some(ATTENDEES), ctx.lang.f(Msg::ErrNotAMember, &[&name])));
    }
    let meeting = Meeting {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        group,
        date,
        attendees,
        notes: f[NOTES].input.value().to_string(),
    };
    Ok(vec![Change::Put(Record::Meeting(meeting))])
}

const OPENED: usize = 0;
const CLOSED: usize = 1;
const COVERED: usize = 2;
const COVERED_FROM: usize = 3;
const GROUP_CREATED: usize = 4;
const GROUP_DISSOLVED: usize = 5;
/// A Brussels establishment's coordinator, last, on its form only.
const COORDINATOR: usize = 6;
const YES: &str = "yes";
const NO: &str = "no";

pub fn establishment_form(purpose: Purpose, id: &str, ctx: &FormSource) -> Option<EditForm> {
    let e = ctx.data.establishments.get(id)?;
    let group = ctx.data.local_group(id, ctx.as_of);
    let fields = vec![
        Field::date(Msg::FieldOpened, e.opened, false),
        Field::date(Msg::FieldClosed, e.closed, false),
        {
            let options = vec![Opt::new(YES, ctx.lang.t(Msg::Yes)), Opt::new(NO, ctx.lang.t(Msg::No))];
            let mut field = Field::choice(
                Msg::FieldCovered,
                options,
                Some(if e.covered_on(ctx.as_of) { YES } else { NO }),
                true,
            );
            field.note = Some(ctx.lang.t(Msg::NoteCovered).into());
            field
        },
        {
            let mut field = Field::date(Msg::FieldCoveredFrom, None, false);
            field.note = Some(ctx.lang.t(Msg::NoteCoveredFrom).into());
            field
        },
        Field::date(Msg::FieldGroupCreated, group.and_then(|g| g.created), false),
        Field::date(Msg::FieldGroupDissolved, group.and_then(|g| g.dissolved), false),
    ];
    let mut fields = fields;
    if e.language == LanguageRegime::Bilingual {
        let options = [LanguageRegime::French, LanguageRegime::Dutch]
            .map(|side| Opt::new(side.code(), crate::i18n::regime(ctx.lang, side)));
        let mut field =
            Field::choice(Msg::FieldCoordinator, options.to_vec(), Some(e.coordinator_side().code()), true);
        field.note = Some(ctx.lang.t(Msg::NoteCoordinator).into());
        fields.push(field);
    }
    let mut form = Form::new(purpose, e.name(ctx.lang.code()).to_string(), fields);
    // A covered establishment without a group: what the form is most likely opened for.
    if group.is_none() && e.covered_on(ctx.as_of) {
        form.focus = GROUP_CREATED;
    }
    Some(form)
}

pub fn save_establishment(form: &EditForm, est: &str, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let Some(e) = ctx.data.establishments.get(est) else {
        return Err((None, ctx.lang.t(Msg::ErrGone).into()));
    };
    let (opened, closed) = (f[OPENED].date_value(), f[CLOSED].date_value());
    if let (Some(o), Some(c)) = (opened, closed)
        && c <= o
    {
        return Err((Some(CLOSED), ctx.lang.t(Msg::ErrEndsBeforeStart).into()));
    }
    let mut changes = Vec::new();
    let mut changed = e.clone();
    changed.opened = opened;
    changed.closed = closed;
    // A decision on coverage, from the date given (or the day viewed), replacing one of the
    // same date; the earlier ones stay, for views of the past.
    let covered = f[COVERED].chosen_values().first().map(|v| v == YES);
    if let Some(covered) = covered
        && covered != e.covered_on(ctx.as_of)
    {
        let from = f[COVERED_FROM].date_value().unwrap_or(ctx.as_of);
        changed.coverage.retain(|c| c.from != from);
        changed.coverage.push(Coverage { from, covered });
        changed.coverage.sort_by_key(|c| c.from);
    }
    // Brussels: the side the coordinators decided, kept once chosen (even the default).
    if let Some(side) = f.get(COORDINATOR).and_then(|c| c.chosen_values().first().cloned())
        && side != e.coordinator_side().code()
    {
        changed.coordinator = LanguageRegime::from_code(&side);
    }
    if &changed != e {
        changes.push(Change::Put(Record::Establishment(changed)));
    }
    let (created, dissolved) = (f[GROUP_CREATED].date_value(), f[GROUP_DISSOLVED].date_value());
    if let (Some(c), Some(d)) = (created, dissolved)
        && d <= c
    {
        return Err((Some(GROUP_DISSOLVED), ctx.lang.t(Msg::ErrEndsBeforeStart).into()));
    }
    match ctx.data.local_group(est, ctx.as_of) {
        Some(g) if (g.created, g.dissolved) != (created, dissolved) => {
            changes.push(Change::Put(Record::Group(Group { created, dissolved, ..g.clone() })));
        }
        Some(_) => {}
        // A date of creation on an establishment without a group creates one.
        None if created.is_some() => {
            let group = Group {
                id: ctx.next_id(),
                kind: GroupKind::Local,
                establishment: Some(est.to_string()),
                created,
                dissolved,
            };
            changes.push(Change::Put(Record::Group(group)));
        }
        None => {}
    }
    Ok(changes)
}

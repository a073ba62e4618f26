use super::{EditForm, FormSource, Purpose, Refusal, id};
use crate::app::form::{Field, Form, Opt};
use crate::domain::group::template_on;
use crate::domain::{Change, GroupId, Membership, MembershipId, Person, PersonId, Qualification, Record};
use crate::i18n::{self, Msg};

const NAME: usize = 0;
const FUNCTION: usize = 1;
const ORGANISATION: usize = 2;
const QUALIFICATIONS: usize = 3;
const CONTACT: usize = 4;

/// The field of a person's name, for a form opened to create the person a list did not find.
pub const PERSON_NAME: usize = NAME;

pub fn person_form(purpose: Purpose, existing: Option<PersonId>, ctx: &FormSource) -> Option<EditForm> {
    let p = match existing {
        Some(id) => Some(ctx.data.people.get(&id)?),
        None => None,
    };
    let quals: Vec<Opt> =
        Qualification::ALL.iter().map(|q| Opt::new(q.code(), i18n::qualification(ctx.lang, *q))).collect();
    let chosen: Vec<String> =
        p.map(|p| p.qualifications.iter().map(|q| q.code().to_string()).collect()).unwrap_or_default();
    let fields = vec![
        Field::text(Msg::FieldName, p.map_or("", |p| &p.name), 200, true),
        Field::text(Msg::FieldFunction, p.map_or("", |p| &p.function), 200, false),
        Field::text(Msg::FieldOrganisation, p.map_or("", |p| &p.organisation), 200, false),
        Field::multi(Msg::FieldQualifications, quals, &chosen),
        Field::text(Msg::FieldContact, p.map_or("", |p| &p.contact), 200, false),
    ];
    let title = ctx.lang.t(if p.is_some() { Msg::FormEditPerson } else { Msg::FormNewPerson }).to_string();
    Some(Form::new(purpose, title, fields))
}

pub fn save_person(
    form: &EditForm,
    existing: Option<PersonId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let person = Person {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        name: f[NAME].value().to_string(),
        function: f[FUNCTION].value().to_string(),
        organisation: f[ORGANISATION].value().to_string(),
        qualifications: f[QUALIFICATIONS]
            .chosen_values()
            .iter()
            .filter_map(|c| Qualification::from_code(c))
            .collect(),
        contact: f[CONTACT].value().to_string(),
    };
    Ok(vec![Change::Put(Record::Person(person))])
}

const GROUP: usize = 0;
const SEAT: usize = 1;
const PERSON: usize = 2;
const FROM: usize = 3;
const UNTIL: usize = 4;
const DELEGATE: usize = 5;

fn seat_options(ctx: &FormSource, group: Option<GroupId>) -> Vec<Opt> {
    let kind = group.and_then(|g| ctx.data.groups.get(&g)).map(|g| g.kind);
    let template = kind.and_then(|k| template_on(ctx.data.templates.values(), k, ctx.as_of));
    template
        .map(|t| {
            t.seats.iter().map(|s| Opt::new(s.key.clone(), i18n::seat(ctx.lang, &s.key, Some(s)))).collect()
        })
        .unwrap_or_default()
}

pub fn membership_form(
    purpose: Purpose,
    existing: Option<MembershipId>,
    group: Option<GroupId>,
    seat: Option<String>,
    ctx: &FormSource,
) -> Option<EditForm> {
    let m = match existing {
        Some(id) => Some(ctx.data.memberships.get(&id)?),
        None => None,
    };
    let group = m.map(|m| m.group).or(group);
    let seat = m.map(|m| m.seat.clone()).or(seat);
    let people = ctx.people();
    let fields = vec![
        Field::choice(Msg::ColGroupName, ctx.groups(), group.map(|g| g.to_string()).as_deref(), true),
        // The seats of the template in force for the group's kind; a group of the other kind
        // is refused on save.
        Field::choice(Msg::ColSeat, seat_options(ctx, group.or(Some(1))), seat.as_deref(), true),
        Field::choice(Msg::FieldPerson, people.clone(), m.map(|m| m.person.to_string()).as_deref(), true)
            .creating(Msg::NewPersonEntry),
        Field::date(Msg::FieldFrom, Some(m.map_or(ctx.as_of, |m| m.from)), true),
        Field::date(Msg::FieldUntil, m.and_then(|m| m.until), false),
        Field::choice(
            Msg::FieldDelegateOf,
            people,
            m.and_then(|m| m.delegate_of).map(|d| d.to_string()).as_deref(),
            false,
        ),
    ];
    let title = ctx.lang.t(if m.is_some() { Msg::FormEditMembership } else { Msg::FormAppoint }).to_string();
    let mut form = Form::new(purpose, title, fields);
    // Straight to what is missing: the person, when group and seat are given.
    form.focus = if group.is_some() && seat.is_some() && m.is_none() { PERSON } else { 0 };
    Some(form)
}

pub fn save_membership(
    form: &EditForm,
    existing: Option<MembershipId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let group = id(f[GROUP].chosen_value()).ok_or((Some(GROUP), ctx.lang.t(Msg::ErrChoose).into()))?;
    let seat = f[SEAT].chosen_value().unwrap_or_default().to_string();
    if !seat_options(ctx, Some(group)).iter().any(|o| o.value == seat) {
        return Err((Some(SEAT), ctx.lang.t(Msg::ErrSeatNotInGroup).into()));
    }
    let person = id(f[PERSON].chosen_value()).ok_or((Some(PERSON), ctx.lang.t(Msg::ErrChoose).into()))?;
    let from = f[FROM].date_value().ok_or((Some(FROM), ctx.lang.t(Msg::ErrRequired).into()))?;
    let until = f[UNTIL].date_value();
    if until.is_some_and(|u| u < from) {
        return Err((Some(UNTIL), ctx.lang.t(Msg::ErrEndsBeforeStart).into()));
    }
    let delegate_of = id(f[DELEGATE].chosen_value());
    if delegate_of == Some(person) {
        return Err((Some(DELEGATE), ctx.lang.t(Msg::ErrOwnDelegate).into()));
    }
    let mut changes = Vec::new();
    // A new holder of a one-person seat takes over: the holder before ends the day before
    // (the question before saving said so). The new membership comes last, as it names the save.
    if existing.is_none()
        && delegate_of.is_none()
        && let Some(before) = replaced(ctx, group, &seat, person, from)
    {
        let ended = Membership { until: from.pred_opt(), ..before.clone() };
        changes.push(Change::Put(Record::Membership(ended)));
    }
    let m = Membership {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        person,
        group,
        seat,
        from,
        until,
        delegate_of,
    };
    changes.push(Change::Put(Record::Membership(m)));
    Ok(changes)
}

/// The one holder a one-person seat has on `from`, whom a new appointment of someone else
/// replaces: none for a seat of several or "at least", a delegate, or a holder from that day on.
fn replaced<'a>(
    ctx: &'a FormSource,
    group: GroupId,
    seat: &str,
    person: PersonId,
    from: chrono::NaiveDate,
) -> Option<&'a Membership> {
    let kind = ctx.data.groups.get(&group)?.kind;
    let requirement = template_on(ctx.data.templates.values(), kind, from)?.seat(seat)?;
    if requirement.at_least || requirement.min != 1 {
        return None;
    }
    let mut holders = ctx.data.memberships.values().filter(|m| {
        m.group == group && m.seat == seat && m.delegate_of.is_none() && m.active_on(from) && m.from < from
    });
    let holder = holders.next().filter(|m| m.person != person)?;
    holders.next().is_none().then_some(holder)
}

/// The question a new appointment asks when it replaces the seat's holder.
pub fn replaces_holder(form: &EditForm, ctx: &FormSource) -> Option<String> {
    let f = &form.fields;
    if id(f[DELEGATE].chosen_value()).is_some() {
        return None;
    }
    let (group, person, from) =
        (id(f[GROUP].chosen_value())?, id(f[PERSON].chosen_value())?, f[FROM].date_value()?);
    let before = replaced(ctx, group, f[SEAT].chosen_value()?, person, from)?;
    let name = ctx.data.people.get(&before.person).map_or("?", |p| p.name.as_str());
    let since = crate::domain::date::format_be(before.from);
    let until = crate::domain::date::format_be(from.pred_opt()?);
    Some(ctx.lang.f(Msg::ConfirmReplace, &[name, &since, &until]))
}

/// After the group changed: its template's seats.
pub fn refresh_membership(form: &mut EditForm, ctx: &FormSource) {
    let options = seat_options(ctx, id(form.fields[GROUP].chosen_value()));
    if options.as_slice() != form.fields[SEAT].options() {
        let keep = form.fields[SEAT].chosen_value().map(str::to_string);
        form.fields[SEAT] = Field::choice(Msg::ColSeat, options, keep.as_deref(), true);
    }
}

/// Whether the form gives an end date to a membership that had none.
pub fn ends_membership(form: &EditForm, existing: MembershipId, ctx: &FormSource) -> bool {
    let before = ctx.data.memberships.get(&existing).and_then(|m| m.until);
    before.is_none() && form.fields[UNTIL].date_value().is_some()
}

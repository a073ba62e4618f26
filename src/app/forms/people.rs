use super::{EditForm, FormSource, Purpose, Refusal, id, plain_form};
use crate::app::form::{Field, Form, Opt, field_names};
use crate::domain::group::template_on;
use crate::domain::{Change, GroupId, Membership, MembershipId, Person, PersonId, Qualification, Record};
use crate::i18n::{self, Msg};

field_names! {
    enum P { Name, Function, Organisation, Qualifications, Contact }
}

/// The field of a person's name, for a form opened to create the person a list did not find.
pub const PERSON_NAME: usize = P::Name.at();

pub fn person_form(purpose: Purpose, existing: Option<PersonId>, ctx: &FormSource) -> Option<EditForm> {
    let p = match existing {
        Some(id) => Some(ctx.data.people.get(&id)?),
        None => None,
    };
    let quals: Vec<Opt> =
        Qualification::ALL.iter().map(|q| Opt::new(q.code(), i18n::qualification(ctx.lang, *q))).collect();
    let chosen: Vec<String> =
        p.map(|p| p.qualifications.iter().map(|q| q.code().to_string()).collect()).unwrap_or_default();
    let fields = P::build(|name| match name {
        P::Name => Field::text(Msg::FieldName, p.map_or("", |p| &p.name), 200, true),
        P::Function => Field::text(Msg::FieldFunction, p.map_or("", |p| &p.function), 200, false),
        P::Organisation => Field::text(Msg::FieldOrganisation, p.map_or("", |p| &p.organisation), 200, false),
        P::Qualifications => Field::multi(Msg::FieldQualifications, quals.clone(), &chosen),
        P::Contact => Field::text(Msg::FieldContact, p.map_or("", |p| &p.contact), 200, false),
    });
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
        name: f[P::Name].value().to_string(),
        function: f[P::Function].value().to_string(),
        organisation: f[P::Organisation].value().to_string(),
        qualifications: f[P::Qualifications]
            .chosen_values()
            .iter()
            .filter_map(|c| Qualification::from_code(c))
            .collect(),
        contact: f[P::Contact].value().to_string(),
    };
    Ok(vec![Change::Put(Record::Person(person))])
}

field_names! {
    enum M { Group, Seat, Person, From, Until, Delegate }
}

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
    let fields = M::build(|name| match name {
        M::Group => {
            Field::choice(Msg::ColGroupName, ctx.groups(), group.map(|g| g.to_string()).as_deref(), true)
        }
        // The seats of the template in force for the group's kind; a group of the other kind
        // is refused on save.
        M::Seat => Field::choice(Msg::ColSeat, seat_options(ctx, group.or(Some(1))), seat.as_deref(), true),
        M::Person => {
            Field::choice(Msg::FieldPerson, people.clone(), m.map(|m| m.person.to_string()).as_deref(), true)
                .creating(Msg::NewPersonEntry)
        }
        M::From => Field::date(Msg::FieldFrom, Some(m.map_or(ctx.as_of, |m| m.from)), true),
        M::Until => Field::date(Msg::FieldUntil, m.and_then(|m| m.until), false),
        M::Delegate => Field::choice(
            Msg::FieldDelegateOf,
            people.clone(),
            m.and_then(|m| m.delegate_of).map(|d| d.to_string()).as_deref(),
            false,
        ),
    });
    let title = ctx.lang.t(if m.is_some() { Msg::FormEditMembership } else { Msg::FormAppoint }).to_string();
    let mut form = Form::new(purpose, title, fields);
    // Straight to what is missing: the person, when group and seat are given.
    form.focus = if group.is_some() && seat.is_some() && m.is_none() { M::Person.at() } else { 0 };
    Some(form)
}

pub fn save_membership(
    form: &EditForm,
    existing: Option<MembershipId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let group = id(f[M::Group].chosen_value()).ok_or(M::Group.refused(ctx.lang.t(Msg::ErrChoose)))?;
    let seat = f[M::Seat].chosen_value().unwrap_or_default().to_string();
    if !seat_options(ctx, Some(group)).iter().any(|o| o.value == seat) {
        return Err(M::Seat.refused(ctx.lang.t(Msg::ErrSeatNotInGroup)));
    }
    let person = id(f[M::Person].chosen_value()).ok_or(M::Person.refused(ctx.lang.t(Msg::ErrChoose)))?;
    let from = f[M::From].date_value().ok_or(M::From.refused(ctx.lang.t(Msg::ErrRequired)))?;
    let until = f[M::Until].date_value();
    if until.is_some_and(|u| u < from) {
        return Err(M::Until.refused(ctx.lang.t(Msg::ErrEndsBeforeStart)));
    }
    let delegate_of = id(f[M::Delegate].chosen_value());
    if delegate_of == Some(person) {
        return Err(M::Delegate.refused(ctx.lang.t(Msg::ErrOwnDelegate)));
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
    if id(f[M::Delegate].chosen_value()).is_some() {
        return None;
    }
    let (group, person, from) =
        (id(f[M::Group].chosen_value())?, id(f[M::Person].chosen_value())?, f[M::From].date_value()?);
    let before = replaced(ctx, group, f[M::Seat].chosen_value()?, person, from)?;
    let name = ctx.data.people.get(&before.person).map_or("?", |p| p.name.as_str());
    let since = crate::domain::date::format_be(before.from);
    let until = crate::domain::date::format_be(from.pred_opt()?);
    Some(ctx.lang.f(Msg::ConfirmReplace, &[name, &since, &until]))
}

/// After the group changed: its template's seats.
pub fn refresh_membership(form: &mut EditForm, ctx: &FormSource) {
    let options = seat_options(ctx, id(form.fields[M::Group].chosen_value()));
    if options.as_slice() != form.fields[M::Seat].options() {
        let keep = form.fields[M::Seat].chosen_value().map(str::to_string);
        form.fields[M::Seat] = Field::choice(Msg::ColSeat, options, keep.as_deref(), true);
    }
}

/// Whether the form gives an end date to a membership that had none.
pub fn ends_membership(form: &EditForm, existing: MembershipId, ctx: &FormSource) -> bool {
    let before = ctx.data.memberships.get(&existing).and_then(|m| m.until);
    before.is_none() && form.fields[M::Until].date_value().is_some()
}

plain_form!(
    /// A person: new, or one that exists.
    PersonForm(new Option<PersonId>),
    person_form,
    save_person
);

/// An appointment to a seat (new), or a membership changed (ended, made a delegate).
pub(super) struct MembershipForm {
    pub existing: Option<MembershipId>,
    pub group: Option<GroupId>,
    pub seat: Option<String>,
}

impl super::FormKind for MembershipForm {
    fn open(&self, purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
        membership_form(purpose, self.existing, self.group, self.seat.clone(), ctx)
    }
    fn save(&self, form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
        save_membership(form, self.existing, ctx)
    }
    fn is_new(&self) -> bool {
        self.existing.is_none()
    }
    fn refresh(&self, form: &mut EditForm, ctx: &FormSource) {
        refresh_membership(form, ctx);
    }
    /// Ending a membership asks first; so does an appointment that replaces the holder.
    fn confirmation(&self, form: &EditForm, ctx: &FormSource) -> Option<String> {
        match self.existing {
            Some(m) => ends_membership(form, m, ctx).then(|| ctx.lang.t(Msg::ConfirmEnd).to_string()),
            None => replaces_holder(form, ctx),
        }
    }
}

use super::{EditForm, FormSource, Purpose, Refusal, id, plain_form};
use crate::app::form::{Field, Form, Opt, field_names};
use crate::domain::establishment::Coverage;
use crate::domain::{Change, Group, GroupId, GroupKind, LanguageRegime, Meeting, MeetingId, Record};
use crate::i18n::Msg;

field_names! {
    /// A meeting of a prison's group or of the central group.
    enum G { Group, Date, Offer, Attendees, Notes }
}

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
    let fields = G::build(|name| match name {
        G::Group => {
            Field::choice(Msg::ColGroupName, ctx.groups(), group.map(|g| g.to_string()).as_deref(), true)
        }
        G::Date => Field::date(Msg::FieldDate, Some(date), true),
        G::Offer => Field::choice(
            Msg::FieldOffer,
            offer_options(ctx),
            Some(if everyone { EVERYONE } else { MEMBERS }),
            true,
        ),
        G::Attendees => attendee_field(ctx, group, date, everyone, &attendees),
        G::Notes => Field::notes(Msg::FieldNotes, m.map_or("", |m| &m.notes), 10_000).free_text(ctx.lang),
    });
    let title = ctx.lang.t(if m.is_some() { Msg::FormEditMeeting } else { Msg::FormNewMeeting }).to_string();
    let mut form = Form::new(purpose, title, fields);
    form.focus = if group.is_some() { G::Date } else { G::Group }.at();
    Some(form)
}

/// After the group, the date or the choice of whom to list changed: the attendees offered
/// follow.
pub fn refresh_meeting(form: &mut EditForm, ctx: &FormSource) {
    let group = id(form.fields[G::Group].chosen_value());
    let date = form.fields[G::Date].date_value().unwrap_or(ctx.as_of);
    let everyone = form.fields[G::Offer].chosen_value() == Some(EVERYONE);
    let keep = form.fields[G::Attendees].chosen_values();
    let fresh = attendee_field(ctx, group, date, everyone, &keep);
    let field = &mut form.fields[G::Attendees];
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
    let field = &mut form.fields[G::Offer];
    if let Some(i) = field.options().iter().position(|o| o.value == EVERYONE) {
        field.chosen = vec![i];
    }
}

/// Whether the meeting's form records nobody as present.
pub fn nobody_attended(form: &EditForm) -> bool {
    form.fields[G::Attendees].chosen.is_empty()
}

pub fn save_meeting(
    form: &EditForm,
    existing: Option<MeetingId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let group = id(f[G::Group].chosen_value()).ok_or(G::Group.refused(ctx.lang.t(Msg::ErrChoose)))?;
    let date = f[G::Date].date_value().ok_or(G::Date.refused(ctx.lang.t(Msg::ErrRequired)))?;
    ctx.not_future(G::Date.at(), date)?;
    let attendees: Vec<u64> = f[G::Attendees].chosen_values().iter().filter_map(|v| v.parse().ok()).collect();
    let members = member_options(ctx, Some(group), date);
    let everyone = f[G::Offer].chosen_value() == Some(EVERYONE);
    if !everyone
        && let Some(stranger) = attendees.iter().find(|a| !members.iter().any(|m| m.value == a.to_string()))
    {
        let name = ctx.data.people.get(stranger).map_or_else(|| format!("#{stranger}"), |p| p.name.clone());
        return Err(G::Attendees.refused(ctx.lang.f(Msg::ErrNotAMember, &[&name])));
    }
    let meeting = Meeting {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        group,
        date,
        attendees,
        notes: f[G::Notes].input.value().to_string(),
    };
    Ok(vec![Change::Put(Record::Meeting(meeting))])
}

field_names! {
    /// An establishment, and its local group's dates. `Coordinator`, last, is a Brussels
    /// (bilingual) establishment's only: the form of another ends before it.
    enum E { Opened, Closed, Covered, CoveredFrom, GroupCreated, GroupDissolved, Coordinator }
}
const YES: &str = "yes";
const NO: &str = "no";

pub fn establishment_form(purpose: Purpose, id: &str, ctx: &FormSource) -> Option<EditForm> {
    let e = ctx.data.establishments.get(id)?;
    let group = ctx.data.local_group(id, ctx.as_of);
    let mut fields = E::build(|name| match name {
        E::Opened => Field::date(Msg::FieldOpened, e.opened, false),
        E::Closed => Field::date(Msg::FieldClosed, e.closed, false),
        E::Covered => {
            let options = vec![Opt::new(YES, ctx.lang.t(Msg::Yes)), Opt::new(NO, ctx.lang.t(Msg::No))];
            let mut field = Field::choice(
                Msg::FieldCovered,
                options,
                Some(if e.covered_on(ctx.as_of) { YES } else { NO }),
                true,
            );
            field.note = Some(ctx.lang.t(Msg::NoteCovered).into());
            field
        }
        E::CoveredFrom => {
            let mut field = Field::date(Msg::FieldCoveredFrom, None, false);
            field.note = Some(ctx.lang.t(Msg::NoteCoveredFrom).into());
            field
        }
        E::GroupCreated => Field::date(Msg::FieldGroupCreated, group.and_then(|g| g.created), false),
        E::GroupDissolved => Field::date(Msg::FieldGroupDissolved, group.and_then(|g| g.dissolved), false),
        E::Coordinator => {
            let options = [LanguageRegime::French, LanguageRegime::Dutch]
                .map(|side| Opt::new(side.code(), crate::i18n::regime(ctx.lang, side)));
            let mut field = Field::choice(
                Msg::FieldCoordinator,
                options.to_vec(),
                Some(e.coordinator_side().code()),
                true,
            );
            field.note = Some(ctx.lang.t(Msg::NoteCoordinator).into());
            field
        }
    });
    if e.language != LanguageRegime::Bilingual {
        fields.truncate(E::Coordinator.at());
    }
    let mut form = Form::new(purpose, e.name(ctx.lang.code()).to_string(), fields);
    // A covered establishment without a group: what the form is most likely opened for.
    if group.is_none() && e.covered_on(ctx.as_of) {
        form.focus = E::GroupCreated.at();
    }
    Some(form)
}

pub fn save_establishment(form: &EditForm, est: &str, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let Some(e) = ctx.data.establishments.get(est) else {
        return Err((None, ctx.lang.t(Msg::ErrGone).into()));
    };
    let (opened, closed) = (f[E::Opened].date_value(), f[E::Closed].date_value());
    if let (Some(o), Some(c)) = (opened, closed)
        && c <= o
    {
        return Err(E::Closed.refused(ctx.lang.t(Msg::ErrEndsBeforeStart)));
    }
    let mut changes = Vec::new();
    let mut changed = e.clone();
    changed.opened = opened;
    changed.closed = closed;
    // A decision on coverage, from the date given (or the day viewed), replacing one of the
    // same date; the earlier ones stay, for views of the past.
    let covered = f[E::Covered].chosen_values().first().map(|v| v == YES);
    if let Some(covered) = covered
        && covered != e.covered_on(ctx.as_of)
    {
        let from = f[E::CoveredFrom].date_value().unwrap_or(ctx.as_of);
        changed.coverage.retain(|c| c.from != from);
        changed.coverage.push(Coverage { from, covered });
        changed.coverage.sort_by_key(|c| c.from);
    }
    // Brussels: the side the coordinators decided, kept once chosen (even the default).
    if let Some(side) = f.get(E::Coordinator.at()).and_then(|c| c.chosen_values().first().cloned())
        && side != e.coordinator_side().code()
    {
        changed.coordinator = LanguageRegime::from_code(&side);
    }
    if &changed != e {
        changes.push(Change::Put(Record::Establishment(changed)));
    }
    let (created, dissolved) = (f[E::GroupCreated].date_value(), f[E::GroupDissolved].date_value());
    if let (Some(c), Some(d)) = (created, dissolved)
        && d <= c
    {
        return Err(E::GroupDissolved.refused(ctx.lang.t(Msg::ErrEndsBeforeStart)));
    }
    // A group's creation and its dissolution are recorded once they happened, as a meeting is
    // (a date already stored is left as it is).
    let stored = ctx.data.local_group(est, ctx.as_of).map(|g| (g.created, g.dissolved)).unwrap_or_default();
    for (field, date, was) in [(E::GroupCreated, created, stored.0), (E::GroupDissolved, dissolved, stored.1)]
    {
        if let Some(date) = date
            && was != Some(date)
        {
            ctx.not_future(field.at(), date)?;
        }
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

/// A meeting of a group: new (of the group given, or one to choose), or one recorded.
pub(super) struct MeetingForm {
    pub existing: Option<MeetingId>,
    pub group: Option<GroupId>,
}

impl super::FormKind for MeetingForm {
    fn open(&self, purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
        meeting_form(purpose, self.existing, self.group, ctx)
    }
    fn save(&self, form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
        save_meeting(form, self.existing, ctx)
    }
    fn is_new(&self) -> bool {
        self.existing.is_none()
    }
    fn refresh(&self, form: &mut EditForm, ctx: &FormSource) {
        refresh_meeting(form, ctx);
    }
    /// A meeting with nobody recorded as present asks first.
    fn confirmation(&self, form: &EditForm, ctx: &FormSource) -> Option<String> {
        nobody_attended(form).then(|| ctx.lang.t(Msg::ConfirmNoAttendee).to_string())
    }
    /// A person created from the attendees is no member of the group: everyone is listed.
    fn took_created(&self, form: &mut EditForm) {
        list_everyone(form);
    }
}

plain_form!(
    /// An establishment's dates, and its local group's creation and dissolution.
    EstablishmentForm(ref String),
    establishment_form,
    save_establishment
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::forms::{self, FormSource, Purpose};
    use crate::i18n::Lang;

    /// A group's dissolution (or creation) dated after today is refused beside its field, as a
    /// meeting's date is; today's is kept.
    #[test]
    fn a_group_is_not_dissolved_in_the_future() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let data = crate::demo::demo_dataset(today);
        let ctx = FormSource { data: &data, as_of: today, today, lang: Lang::En };
        let est = data.groups.values().find_map(|g| g.establishment.clone()).unwrap();
        let mut form = forms::open(Purpose::Establishment(est.clone()), &ctx).unwrap();
        form.fields[E::GroupDissolved].input = tui_input::Input::new("24/11/2026".into());
        assert!(forms::save(&mut form, &ctx).is_none(), "tomorrow is refused");
        let said = form.fields[E::GroupDissolved].error.clone().unwrap_or_default();
        assert!(said.starts_with("Cannot be after today"), "{said}");
        form.fields[E::GroupDissolved].input = tui_input::Input::new("23/11/2026".into());
        form.fields[E::GroupDissolved].error = None;
        let changes = forms::save(&mut form, &ctx).expect("today is kept");
        assert!(
            changes.iter().any(|c| matches!(c, Change::Put(Record::Group(g)) if g.dissolved == Some(today)))
        );
    }
}

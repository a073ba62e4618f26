use super::{EditForm, FormSource, Purpose, Refusal, plain_form};
use crate::app::form::{Field, Form, Opt, field_names};
use crate::domain::{Change, NeedId, Priority, Record, SessionId, StaffGroup, TrainingNeed, TrainingSession};
use crate::i18n::{self, Msg};

field_names! {
    /// A training need.
    enum N { Prison, Staff, Topic, Headcount, Priority, Raised }
}

pub fn need_form(purpose: Purpose, existing: Option<NeedId>, ctx: &FormSource) -> Option<EditForm> {
    let n = match existing {
        Some(id) => Some(ctx.data.needs.get(&id)?),
        None => None,
    };
    let lang = ctx.lang;
    let staff: Vec<Opt> =
        StaffGroup::ALL.iter().map(|g| Opt::new(g.code(), i18n::staff_group(lang, *g))).collect();
    let priorities: Vec<Opt> =
        Priority::ALL.iter().map(|p| Opt::new(p.code(), i18n::priority(lang, *p))).collect();
    let fields = N::build(|name| match name {
        N::Prison => {
            Field::choice(Msg::ColPrison, ctx.establishments(), n.map(|n| n.establishment.as_str()), true)
        }
        N::Staff => Field::choice(Msg::ColStaff, staff.clone(), n.map(|n| n.staff_group.code()), true),
        N::Topic => Field::text(Msg::ColTopic, n.map_or("", |n| &n.topic), 300, true),
        N::Headcount => Field::number(Msg::ColPeople, n.map_or(1, |n| n.headcount), 1, 100_000),
        N::Priority => Field::choice(
            Msg::ColPriority,
            priorities.clone(),
            Some(n.map_or("medium", |n| n.priority.code())),
            true,
        ),
        N::Raised => Field::date(Msg::FieldRaisedOn, Some(n.map_or(ctx.as_of, |n| n.raised_on)), true),
    });
    let title = lang.t(if n.is_some() { Msg::FormEditNeed } else { Msg::FormNewNeed }).to_string();
    Some(Form::new(purpose, title, fields))
}

pub fn save_need(
    form: &EditForm,
    existing: Option<NeedId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let need = TrainingNeed {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        establishment: f[N::Prison].chosen_value().unwrap_or_default().to_string(),
        staff_group: f[N::Staff].chosen_value().and_then(StaffGroup::from_code).unwrap_or(StaffGroup::Other),
        topic: f[N::Topic].value().to_string(),
        headcount: f[N::Headcount].number_value(),
        priority: f[N::Priority].chosen_value().and_then(Priority::from_code).unwrap_or(Priority::Medium),
        raised_on: f[N::Raised].date_value().ok_or(N::Raised.refused(ctx.lang.t(Msg::ErrRequired)))?,
    };
    Ok(vec![Change::Put(Record::Need(need))])
}

field_names! {
    /// A training session, and the needs it covers.
    enum S { Prison, Topic, Date, Trainer, Participants, Covers }
}

fn need_options(ctx: &FormSource, establishment: Option<&str>) -> Vec<Opt> {
    ctx.data
        .needs
        .values()
        .filter(|n| Some(n.establishment.as_str()) == establishment)
        .map(|n| {
            Opt::new(
                n.id.to_string(),
                format!("{} ({})", n.topic, i18n::staff_group(ctx.lang, n.staff_group)),
            )
        })
        .collect()
}

pub fn session_form(
    purpose: Purpose,
    existing: Option<SessionId>,
    need: Option<NeedId>,
    ctx: &FormSource,
) -> Option<EditForm> {
    let s = match existing {
        Some(id) => Some(ctx.data.sessions.get(&id)?),
        None => None,
    };
    let need = need.and_then(|n| ctx.data.needs.get(&n));
    let establishment = s.map(|s| s.establishment.as_str()).or(need.map(|n| n.establishment.as_str()));
    let covers: Vec<String> = match (s, need) {
        (Some(s), _) => s.covers.iter().map(u64::to_string).collect(),
        (None, Some(n)) => vec![n.id.to_string()],
        _ => Vec::new(),
    };
    let fields = S::build(|name| match name {
        S::Prison => Field::choice(Msg::ColPrison, ctx.establishments(), establishment, true),
        S::Topic => Field::text(
            Msg::ColTopic,
            s.map(|s| s.topic.as_str()).or(need.map(|n| n.topic.as_str())).unwrap_or(""),
            300,
            true,
        ),
        S::Date => Field::date(Msg::FieldDate, Some(s.map_or(ctx.as_of, |s| s.date)), true),
        S::Trainer => Field::text(Msg::FieldTrainer, s.map_or("", |s| &s.trainer), 200, false),
        S::Participants => Field::number(Msg::FieldParticipants, s.map_or(1, |s| s.participants), 0, 100_000),
        S::Covers => Field::multi(Msg::FieldCovers, need_options(ctx, establishment), &covers),
    });
    let title = ctx.lang.t(if s.is_some() { Msg::FormEditSession } else { Msg::FormNewSession }).to_string();
    let mut form = Form::new(purpose, title, fields);
    form.focus = if establishment.is_some() { S::Date } else { S::Prison }.at();
    Some(form)
}

/// After the prison changed: the needs offered are that prison's.
pub fn refresh_session(form: &mut EditForm, ctx: &FormSource) {
    let options = need_options(ctx, form.fields[S::Prison].chosen_value());
    if options.as_slice() != form.fields[S::Covers].options() {
        let keep = form.fields[S::Covers].chosen_values();
        form.fields[S::Covers] = Field::multi(Msg::FieldCovers, options, &keep);
    }
}

pub fn save_session(
    form: &EditForm,
    existing: Option<SessionId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let establishment = f[S::Prison].chosen_value().unwrap_or_default().to_string();
    let covers: Vec<u64> = f[S::Covers].chosen_values().iter().filter_map(|v| v.parse().ok()).collect();
    if covers.iter().any(|n| ctx.data.needs.get(n).is_none_or(|n| n.establishment != establishment)) {
        return Err(S::Covers.refused(ctx.lang.t(Msg::ErrNeedElsewhere)));
    }
    let session = TrainingSession {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        establishment,
        topic: f[S::Topic].value().to_string(),
        date: f[S::Date].date_value().ok_or(S::Date.refused(ctx.lang.t(Msg::ErrRequired)))?,
        trainer: f[S::Trainer].value().to_string(),
        participants: f[S::Participants].number_value(),
        covers,
    };
    Ok(vec![Change::Put(Record::Session(session))])
}

plain_form!(
    /// A training need: new, or one that exists.
    NeedForm(new Option<NeedId>),
    need_form,
    save_need
);

/// A training session: new (answering the need given, if one), or one that exists.
pub(super) struct SessionForm {
    pub existing: Option<SessionId>,
    pub need: Option<NeedId>,
}

impl super::FormKind for SessionForm {
    fn open(&self, purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
        session_form(purpose, self.existing, self.need, ctx)
    }
    fn save(&self, form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
        save_session(form, self.existing, ctx)
    }
    fn is_new(&self) -> bool {
        self.existing.is_none()
    }
    fn refresh(&self, form: &mut EditForm, ctx: &FormSource) {
        refresh_session(form, ctx);
    }
}

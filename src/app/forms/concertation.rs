//! The concertation's forms: a member service and who represents it, a meeting (its
//! attendance and proxies are then taken on the roll call), a motion (then voted member by
//! member), a production and the decision that lets it out.

use chrono::NaiveDate;

use super::{EditForm, FormSource, Purpose, Refusal, id, plain_form};
use crate::app::form::{Field, Form, Opt, field_names};
use crate::domain::concertation::{
    ActionField, CapbMeeting, CapbMeetingId, Dissemination, Motion, MotionId, Production, ProductionId,
    ProductionKind, Recipients, Release, Released, Representative, Service, ServiceId,
};
use crate::domain::rules::consent;
use crate::domain::{Change, Record};
use crate::i18n::names::Names;
use crate::i18n::{self, Msg};

field_names! {
    /// A member service, and who represents it from when.
    enum S { Name, Fields, Joined, Left, Representative, RepresentsFrom }
}

pub fn service_form(purpose: Purpose, existing: Option<ServiceId>, ctx: &FormSource) -> Option<EditForm> {
    let s = match existing {
        Some(id) => Some(ctx.data.services.get(&id)?),
        None => None,
    };
    let lang = ctx.lang;
    let action_fields: Vec<Opt> =
        ActionField::ALL.iter().map(|f| Opt::new(f.code(), i18n::action_field(lang, *f))).collect();
    let chosen: Vec<String> =
        s.map(|s| s.fields.iter().map(|f| f.code().to_string()).collect()).unwrap_or_default();
    let current =
        s.and_then(|s| s.representatives.iter().filter(|r| r.active_on(ctx.as_of)).max_by_key(|r| r.from));
    let person = current.map(|r| r.person.to_string());
    let fields = S::build(|name| match name {
        S::Name => Field::text(Msg::FieldName, s.map_or("", |s| &s.name), 200, true),
        S::Fields => Field::multi(Msg::FieldActionFields, action_fields.clone(), &chosen),
        S::Joined => Field::date(Msg::FieldJoined, Some(s.map_or(ctx.as_of, |s| s.joined)), true),
        S::Left => Field::date(Msg::FieldLeft, s.and_then(|s| s.left), false),
        S::Representative => Field::choice(Msg::FieldRepresentative, ctx.people(), person.as_deref(), false)
            .creating(Msg::NewPersonEntry),
        S::RepresentsFrom => {
            Field::date(Msg::FieldRepresentativeFrom, Some(current.map_or(ctx.as_of, |r| r.from)), false)
        }
    });
    let title = lang.t(if s.is_some() { Msg::FormEditService } else { Msg::FormNewService }).to_string();
    Some(Form::new(purpose, title, fields))
}

pub fn save_service(
    form: &EditForm,
    existing: Option<ServiceId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let lang = ctx.lang;
    let required = |name: S| f[name].date_value().ok_or_else(|| name.refused(lang.t(Msg::ErrRequired)));
    let joined = required(S::Joined)?;
    let left = f[S::Left].date_value();
    if left.is_some_and(|l| l < joined) {
        return Err(S::Left.refused(lang.t(Msg::ErrEndsBeforeStart)));
    }
    let old = existing.and_then(|id| ctx.data.services.get(&id));
    let mut representatives = old.map(|s| s.representatives.clone()).unwrap_or_default();
    let chosen = id(f[S::Representative].chosen_value());
    let from = f[S::RepresentsFrom].date_value().unwrap_or(ctx.as_of);
    let current = representatives.iter().position(|r| r.active_on(ctx.as_of));
    match (current, chosen) {
        // The same person: only when they started may have been corrected.
        (Some(i), Some(p)) if representatives[i].person == p => representatives[i].from = from,
        (current, chosen) => {
            if let Some(i) = current {
                let r = &mut representatives[i];
                if from <= r.from {
                    return Err(S::RepresentsFrom.refused(lang.t(Msg::ErrEndsBeforeStart)));
                }
                r.until = from.pred_opt();
            }
            if let Some(person) = chosen {
                representatives.push(Representative { person, from, until: None });
            }
        }
    }
    let service = Service {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        name: f[S::Name].value().to_string(),
        fields: f[S::Fields].chosen_values().iter().filter_map(|c| ActionField::from_code(c)).collect(),
        joined,
        left,
        representatives,
    };
    Ok(vec![Change::Put(Record::Service(service))])
}

field_names! {
    /// A meeting of the concertation (its attendance and proxies are taken on the roll call).
    enum M { Date, Agenda, Minutes, Release }
}

/// The motions a decision can be: each named by its meeting's date, its result and its text.
fn motion_options(ctx: &FormSource) -> Vec<Opt> {
    let names = Names::new(ctx.data, ctx.lang, ctx.as_of);
    let mut motions: Vec<&Motion> = ctx.data.motions.values().collect();
    let date = |m: &Motion| ctx.data.capb_meetings.get(&m.meeting).map(|m| m.date);
    motions.sort_by_key(|m| std::cmp::Reverse((date(m), m.id)));
    motions
        .into_iter()
        .map(|m| {
            // The result before the text: what one chooses by, never the part a narrow list cuts.
            let label = match crate::domain::rules::motion_result(ctx.data, m) {
                Some((_, o)) => format!(
                    "{} — {} — {}",
                    names.motion_date(m.id),
                    i18n::outcome(ctx.lang, o),
                    names.motion(m.id)
                ),
                None => format!("{} — {}", names.motion_date(m.id), names.motion(m.id)),
            };
            Opt::new(m.id.to_string(), label)
        })
        .collect()
}

pub fn meeting_form(purpose: Purpose, existing: Option<CapbMeetingId>, ctx: &FormSource) -> Option<EditForm> {
    let m = match existing {
        Some(id) => Some(ctx.data.capb_meetings.get(&id)?),
        None => None,
    };
    let release = m.and_then(|m| m.minutes_released_by).map(|r| r.to_string());
    let fields = M::build(|name| match name {
        M::Date => Field::date(Msg::FieldDate, Some(m.map_or(ctx.as_of, |m| m.date)), true),
        M::Agenda => Field::notes(Msg::FieldAgenda, m.map_or("", |m| &m.agenda), 5_000).free_text(ctx.lang),
        M::Minutes => {
            Field::notes(Msg::FieldMinutes, m.map_or("", |m| &m.minutes), 20_000).free_text(ctx.lang)
        }
        M::Release => Field::choice(Msg::FieldMinutesRelease, motion_options(ctx), release.as_deref(), false),
    });
    let title = ctx.lang.t(if m.is_some() { Msg::FormEditCapbMeeting } else { Msg::FormNewCapbMeeting });
    Some(Form::new(purpose, title.to_string(), fields))
}

/// The meeting as the form has it; its attendance and proxies are kept (a new one has none)
/// until the roll call that follows sets them.
pub fn save_meeting(
    form: &EditForm,
    existing: Option<CapbMeetingId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let lang = ctx.lang;
    let date = f[M::Date].date_value().ok_or(M::Date.refused(lang.t(Msg::ErrRequired).to_string()))?;
    ctx.not_future(M::Date.at(), date)?;
    let release = id(f[M::Release].chosen_value());
    let meeting_id = existing.unwrap_or_else(|| ctx.next_id());
    if release.is_some() {
        let object = Released::Minutes(meeting_id);
        refuse_without_consent(
            ctx,
            object,
            release,
            None,
            ctx.today,
            M::Release.at(),
            Msg::ErrMinutesRelease,
        )?;
    }
    let old = existing.and_then(|id| ctx.data.capb_meetings.get(&id));
    let meeting = CapbMeeting {
        id: meeting_id,
        date,
        agenda: f[M::Agenda].value().to_string(),
        minutes: f[M::Minutes].value().to_string(),
        attendance: old.map(|m| m.attendance.clone()).unwrap_or_default(),
        proxies: old.map(|m| m.proxies.clone()).unwrap_or_default(),
        minutes_released_by: release,
    };
    Ok(vec![Change::Put(Record::CapbMeeting(meeting))])
}

field_names! {
    /// A motion (then voted member by member).
    enum V { Meeting, Text, Releases, To }
}

/// What a decision can release: each production by its title, each meeting's minutes by its
/// date (`p:ID`, `m:ID`).
fn release_options(ctx: &FormSource) -> Vec<Opt> {
    let names = Names::new(ctx.data, ctx.lang, ctx.as_of);
    let productions = ctx.data.productions.values().map(|p| Opt::new(format!("p:{}", p.id), p.title.clone()));
    let mut meetings: Vec<&CapbMeeting> = ctx.data.capb_meetings.values().collect();
    meetings.sort_by_key(|m| std::cmp::Reverse((m.date, m.id)));
    let minutes = meetings
        .into_iter()
        .map(|m| Opt::new(format!("m:{}", m.id), ctx.lang.f(Msg::ReleasedMinutes, &[&names.date(m.date)])));
    productions.chain(minutes).collect()
}

fn release_code(r: &Release) -> String {
    match r.object {
        Released::Production(p) => format!("p:{p}"),
        Released::Minutes(m) => format!("m:{m}"),
    }
}

fn released(code: &str) -> Option<Released> {
    let (kind, id) = code.split_once(':')?;
    let id = id.parse().ok()?;
    match kind {
        "p" => Some(Released::Production(id)),
        "m" => Some(Released::Minutes(id)),
        _ => None,
    }
}

fn meeting_options(ctx: &FormSource) -> Vec<Opt> {
    let names = Names::new(ctx.data, ctx.lang, ctx.as_of);
    let mut meetings: Vec<&CapbMeeting> = ctx.data.capb_meetings.values().collect();
    meetings.sort_by_key(|m| std::cmp::Reverse((m.date, m.id)));
    meetings.into_iter().map(|m| Opt::new(m.id.to_string(), names.date(m.date))).collect()
}

pub fn motion_form(
    purpose: Purpose,
    existing: Option<MotionId>,
    meeting: Option<CapbMeetingId>,
    ctx: &FormSource,
) -> Option<EditForm> {
    let m = match existing {
        Some(id) => Some(ctx.data.motions.get(&id)?),
        None => None,
    };
    let meeting = m.map(|m| m.meeting).or(meeting).map(|m| m.to_string());
    let chosen: Vec<String> = m.map(|m| m.releases.iter().map(release_code).collect()).unwrap_or_default();
    let to = m
        .and_then(|m| m.releases.first())
        .map(|r| match &r.to {
            Recipients::Public => ctx.lang.t(Msg::ReleasesPublicWord).to_string(),
            Recipients::Named(names) => names.join(", "),
        })
        .unwrap_or_default();
    let fields = V::build(|name| match name {
        V::Meeting => Field::choice(Msg::FieldMeeting, meeting_options(ctx), meeting.as_deref(), true),
        V::Text => Field::notes(Msg::FieldMotion, m.map_or("", |m| &m.text), 2_000).free_text(ctx.lang),
        V::Releases => Field::multi(Msg::FieldReleases, release_options(ctx), &chosen),
        V::To => Field::text(Msg::FieldReleasesTo, &to, 300, false),
    });
    let title = ctx.lang.t(if m.is_some() { Msg::FormEditMotion } else { Msg::FormNewMotion });
    let mut form = Form::new(purpose, title.to_string(), fields);
    form.focus = if meeting.is_some() { V::Text } else { V::Meeting }.at();
    Some(form)
}

/// The motion as the form has it, its ballots kept until the vote that follows sets them.
pub fn save_motion(
    form: &EditForm,
    existing: Option<MotionId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let lang = ctx.lang;
    let meeting =
        id(f[V::Meeting].chosen_value()).ok_or(V::Meeting.refused(lang.t(Msg::ErrRequired).to_string()))?;
    if f[V::Text].value().trim().is_empty() {
        return Err(V::Text.refused(lang.t(Msg::ErrRequired)));
    }
    let old = existing.and_then(|id| ctx.data.motions.get(&id));
    // Ballots cast at another meeting mean nothing at this one.
    let ballots = old.filter(|m| m.meeting == meeting).map(|m| m.ballots.clone()).unwrap_or_default();
    // What it releases, and to whom: names separated by commas, or the word for the public,
    // said on purpose (an empty field is not a release to everyone).
    let names: Vec<String> =
        f[V::To].value().split([',', ';']).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    let objects: Vec<Released> = f[V::Releases].chosen_values().iter().filter_map(|c| released(c)).collect();
    let to = match names.as_slice() {
        [] if objects.is_empty() => Recipients::Public,
        [] => return Err(V::To.refused(lang.t(Msg::ErrReleasesTo))),
        [one] if crate::i18n::means_public(one) => Recipients::Public,
        _ => Recipients::Named(names),
    };
    let releases = objects.into_iter().map(|object| Release { object, to: to.clone() }).collect();
    let motion = Motion {
        id: existing.unwrap_or_else(|| ctx.next_id()),
        meeting,
        text: f[V::Text].value().to_string(),
        ballots,
        releases,
    };
    Ok(vec![Change::Put(Record::Motion(motion))])
}

field_names! {
    /// A production, the decision that lets it out, and when and to whom it went.
    enum P { Title, Kind, Drafted, Decision, OutOn, OutTo }
}

pub fn production_form(
    purpose: Purpose,
    existing: Option<ProductionId>,
    ctx: &FormSource,
) -> Option<EditForm> {
    let p = match existing {
        Some(id) => Some(ctx.data.productions.get(&id)?),
        None => None,
    };
    let lang = ctx.lang;
    let kinds: Vec<Opt> =
        ProductionKind::ALL.iter().map(|k| Opt::new(k.code(), i18n::production_kind(lang, *k))).collect();
    let decision = p.and_then(|p| p.decision).map(|d| d.to_string());
    let out = p.and_then(|p| p.disseminated.as_ref());
    let fields = P::build(|name| match name {
        P::Title => Field::text(Msg::FieldTitle, p.map_or("", |p| &p.title), 300, true),
        P::Kind => {
            Field::choice(Msg::FieldKind, kinds.clone(), Some(p.map_or("text", |p| p.kind.code())), true)
        }
        P::Drafted => Field::date(Msg::FieldDrafted, Some(p.map_or(ctx.as_of, |p| p.drafted)), true),
        P::Decision => Field::choice(Msg::FieldDecision, motion_options(ctx), decision.as_deref(), false),
        P::OutOn => Field::date(Msg::FieldDisseminatedOn, out.map(|d| d.date), false),
        P::OutTo => Field::text(Msg::FieldDisseminatedTo, out.map_or("", |d| &d.to), 300, false),
    });
    let title = lang.t(if p.is_some() { Msg::FormEditProduction } else { Msg::FormNewProduction });
    Some(Form::new(purpose, title.to_string(), fields))
}

/// Refuses a decision that does not let `object` out on `on` (to `to`, if it went out),
/// saying why beside `field`.
fn refuse_without_consent(
    ctx: &FormSource,
    object: Released,
    decision: Option<MotionId>,
    out: Option<(NaiveDate, &str)>,
    on: NaiveDate,
    field: usize,
    msg: Msg,
) -> Result<(), Refusal> {
    let c = consent(ctx.data, object, decision, out, on);
    if c.allowed() {
        return Ok(());
    }
    let names = Names::new(ctx.data, ctx.lang, ctx.as_of);
    let why = i18n::consent(ctx.lang, c, ctx.data.sealed, |m| names.motion(m), |m| names.motion_date(m));
    Err((Some(field), ctx.lang.f(msg, &[&why])))
}

pub fn save_production(
    form: &EditForm,
    existing: Option<ProductionId>,
    ctx: &FormSource,
) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let lang = ctx.lang;
    let drafted =
        f[P::Drafted].date_value().ok_or(P::Drafted.refused(lang.t(Msg::ErrRequired).to_string()))?;
    // A motion the members did not adopt may be named (the vote took place); it only
    // lets nothing out.
    let decision = id(f[P::Decision].chosen_value());
    let production_id = existing.unwrap_or_else(|| ctx.next_id());
    let disseminated = match f[P::OutOn].date_value() {
        Some(date) => {
            ctx.not_future(P::OutOn.at(), date)?;
            // Nothing leaves without the members' agreement, given by then, naming it and to
            // whom it went.
            let to = f[P::OutTo].value();
            let object = Released::Production(production_id);
            refuse_without_consent(
                ctx,
                object,
                decision,
                Some((date, to)),
                date,
                P::OutOn.at(),
                Msg::ErrNoDecisionToDisseminate,
            )?;
            Some(Dissemination { date, to: to.to_string() })
        }
        None => None,
    };
    let production = Production {
        id: production_id,
        title: f[P::Title].value().to_string(),
        kind: f[P::Kind].chosen_value().and_then(ProductionKind::from_code).unwrap_or(ProductionKind::Text),
        drafted,
        decision,
        disseminated,
    };
    Ok(vec![Change::Put(Record::Production(production))])
}

plain_form!(
    /// A member service and who represents it: new, or one that exists.
    ServiceForm(new Option<ServiceId>),
    service_form,
    save_service
);

plain_form!(
    /// A meeting of the concertation (then its roll call): new, or one that exists.
    MeetingForm(new Option<CapbMeetingId>),
    meeting_form,
    save_meeting
);

/// A motion (then its vote): new (at the meeting given), or one that exists.
pub(super) struct MotionForm {
    pub existing: Option<MotionId>,
    pub meeting: Option<CapbMeetingId>,
}

impl super::FormKind for MotionForm {
    fn open(&self, purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
        motion_form(purpose, self.existing, self.meeting, ctx)
    }
    fn save(&self, form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
        save_motion(form, self.existing, ctx)
    }
    fn is_new(&self) -> bool {
        self.existing.is_none()
    }
}

plain_form!(
    /// A production and the decision that lets it out: new, or one that exists.
    ProductionForm(new Option<ProductionId>),
    production_form,
    save_production
);

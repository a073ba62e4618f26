//! The coordinator's thresholds from a date on. The versions in force before stay, so views of
//! the past keep the thresholds that applied then; a version on a date that has one already
//! replaces it.

use super::{EditForm, FormSource, Purpose, Refusal, plain_form};
use crate::app::form::{Field, Form, field_names};
use crate::domain::{Change, Record, Settings, Thresholds};
use crate::i18n::Msg;

field_names! {
    /// The coordinator's thresholds.
    enum T { From, Months, Days, Seats, Note }
}

/// Filled with the thresholds in force on the day viewed, from that day.
pub fn settings_form(purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
    let t = ctx.data.thresholds_on(ctx.as_of);
    let fields = T::build(|name| match name {
        T::From => Field::date(Msg::FieldEffectiveFrom, Some(ctx.as_of), true),
        T::Months => Field::number(
            Msg::FieldDormantMonths,
            t.dormant_after_months,
            Thresholds::MONTHS.0,
            Thresholds::MONTHS.1,
        ),
        T::Days => {
            Field::number(Msg::FieldOverdueDays, t.overdue_after_days, Thresholds::DAYS.0, Thresholds::DAYS.1)
        }
        T::Seats => {
            Field::number(Msg::FieldSeatLimit, t.seat_limit, Thresholds::SEATS.0, Thresholds::SEATS.1)
        }
        T::Note => Field::notes(Msg::FieldWhy, "", 2000).free_text(ctx.lang),
    });
    Some(Form::new(purpose, ctx.lang.t(Msg::FormThresholds).to_string(), fields))
}

pub fn save_settings(form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let from = f[T::From].date_value().ok_or(T::From.refused(ctx.lang.t(Msg::ErrRequired)))?;
    let thresholds = Thresholds {
        dormant_after_months: f[T::Months].number_value(),
        overdue_after_days: f[T::Days].number_value(),
        seat_limit: f[T::Seats].number_value(),
    };
    // Each number was held within its bounds, and the note checked, by the fields themselves.
    debug_assert!(thresholds.within_bounds());
    // A version already starting that day is changed rather than doubled.
    let id =
        ctx.data.settings.values().find(|s| s.effective_from == from).map_or_else(|| ctx.next_id(), |s| s.id);
    let settings = Settings { id, effective_from: from, thresholds, note: f[T::Note].value().to_string() };
    Ok(vec![Change::Put(Record::Settings(settings))])
}

field_names! {
    /// The concertation's own rules.
    enum R { From, Cap, Quorum, Majority, Note }
}

/// The concertation's members' own rules from a date on: what the charter leaves to them. Each
/// left at "default" keeps the default in force (one proxy per holder, no quorum, a majority
/// of the votes cast); the form opens on the rules in force on the day viewed.
pub fn capb_rules_form(purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
    use crate::app::form::Opt;
    use crate::domain::concertation::MajorityBase;
    let lang = ctx.lang;
    let r = crate::domain::rules::rules_on(ctx.data, ctx.as_of);
    let default = || Opt::new("", lang.t(Msg::OptDefault));
    let numbers = |range: std::ops::RangeInclusive<u32>| -> Vec<Opt> {
        std::iter::once(default()).chain(range.map(|n| Opt::new(n.to_string(), n.to_string()))).collect()
    };
    let set = |since: Option<chrono::NaiveDate>, value: String| since.map(|_| value);
    let majorities: Vec<Opt> = std::iter::once(default())
        .chain(MajorityBase::ALL.iter().map(|b| Opt::new(b.code(), crate::i18n::majority(lang, *b))))
        .collect();
    let fields = R::build(|name| match name {
        R::From => Field::date(Msg::FieldEffectiveFrom, Some(ctx.as_of), true),
        R::Cap => Field::choice(
            Msg::FieldProxyCap,
            numbers(1..=10),
            set(r.proxy_cap.since, r.proxy_cap.value.to_string()).as_deref(),
            false,
        ),
        R::Quorum => Field::choice(
            Msg::FieldQuorum,
            numbers(0..=100),
            set(r.quorum_percent.since, r.quorum_percent.value.to_string()).as_deref(),
            false,
        ),
        R::Majority => Field::choice(
            Msg::FieldMajority,
            majorities.clone(),
            set(r.majority.since, r.majority.value.code().to_string()).as_deref(),
            false,
        ),
        R::Note => Field::notes(Msg::FieldMembersDecision, "", 2000).free_text(lang),
    });
    Some(Form::new(purpose, lang.t(Msg::FormCapbRules).to_string(), fields))
}

pub fn save_capb_rules(form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    use crate::domain::concertation::{CapbRules, MajorityBase};
    let f = &form.fields;
    let from = f[R::From].date_value().ok_or(R::From.refused(ctx.lang.t(Msg::ErrRequired)))?;
    let number = |name: R| f[name].chosen_value().filter(|v| !v.is_empty()).and_then(|v| v.parse().ok());
    let id = ctx.data.capb_rules.values().find(|r| r.from == from).map_or_else(|| ctx.next_id(), |r| r.id);
    let rules = CapbRules {
        id,
        from,
        proxy_cap: number(R::Cap),
        quorum_percent: number(R::Quorum),
        majority: f[R::Majority].chosen_value().and_then(MajorityBase::from_code),
        note: f[R::Note].value().to_string(),
    };
    Ok(vec![Change::Put(Record::CapbRules(rules))])
}

plain_form!(
    /// The coordinator's thresholds from a date on.
    SettingsForm,
    settings_form,
    save_settings
);

plain_form!(
    /// The concertation's members' own rules from a date on.
    RulesForm,
    capb_rules_form,
    save_capb_rules
);

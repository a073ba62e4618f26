//! The coordinator's thresholds from a date on. The versions in force before stay, so views of
//! the past keep the thresholds that applied then; a version on a date that has one already
//! replaces it.

use super::{EditForm, FormSource, Purpose, Refusal};
use crate::app::form::{Field, Form};
use crate::domain::{Change, Record, Settings, Thresholds};
use crate::i18n::Msg;

const FROM: usize = 0;
const MONTHS: usize = 1;
const DAYS: usize = 2;
const SEATS: usize = 3;
const PROXIES: usize = 4;
const QUORUM: usize = 5;
const NOTE: usize = 6;

/// Filled with the thresholds in force on the day viewed, from that day.
pub fn settings_form(purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
    let t = ctx.data.thresholds_on(ctx.as_of);
    let fields = vec![
        Field::date(Msg::FieldEffectiveFrom, Some(ctx.as_of), true),
        Field::number(
            Msg::FieldDormantMonths,
            t.dormant_after_months,
            Thresholds::MONTHS.0,
            Thresholds::MONTHS.1,
        ),
        Field::number(Msg::FieldOverdueDays, t.overdue_after_days, Thresholds::DAYS.0, Thresholds::DAYS.1),
        Field::number(Msg::FieldSeatLimit, t.seat_limit, Thresholds::SEATS.0, Thresholds::SEATS.1),
        Field::number(Msg::FieldProxyCap, t.proxy_cap, Thresholds::PROXIES.0, Thresholds::PROXIES.1),
        Field::number(Msg::FieldQuorum, t.quorum_percent, Thresholds::QUORUM.0, Thresholds::QUORUM.1),
        Field::notes(Msg::FieldWhy, "", 2000).free_text(ctx.lang),
    ];
    Some(Form::new(purpose, ctx.lang.t(Msg::FormThresholds).to_string(), fields))
}

pub fn save_settings(form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let from = f[FROM].date_value().ok_or((Some(FROM), ctx.lang.t(Msg::ErrRequired).into()))?;
    let thresholds = Thresholds {
        dormant_after_months: f[MONTHS].number_value(),
        overdue_after_days: f[DAYS].number_value(),
        seat_limit: f[SEATS].number_value(),
        proxy_cap: f[PROXIES].number_value(),
        quorum_percent: f[QUORUM].number_value(),
    };
    // Each number was held within its bounds, and the note checked, by the fields themselves.
    debug_assert!(thresholds.within_bounds());
    // A version already starting that day is changed rather than doubled.
    let id =
        ctx.data.settings.values().find(|s| s.effective_from == from).map_or_else(|| ctx.next_id(), |s| s.id);
    let settings = Settings { id, effective_from: from, thresholds, note: f[NOTE].value().to_string() };
    Ok(vec![Change::Put(Record::Settings(settings))])
}

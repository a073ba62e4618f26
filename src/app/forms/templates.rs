//! A new version of a kind of group's seats. The template in force is never changed: a new
//! one starts on a later date, so views of the past keep the seats that were required then.

use super::{EditForm, FormSource, Purpose, Refusal, plain_form};
use crate::app::form::{Field, Form, field_names};
use crate::domain::group::template_on;
use crate::domain::{Change, GroupKind, Record, SeatRequirement, SeatTemplate};
use crate::i18n::{self, Msg};

field_names! {
    /// A new version of the seats: its date and source, then (not named: as many as there are)
    /// one number per seat of the template in force, then the new seat's name and number.
    enum T { From, Source }
}

pub fn template_form(purpose: Purpose, kind: GroupKind, ctx: &FormSource) -> Option<EditForm> {
    let current = template_on(ctx.data.templates.values(), kind, ctx.as_of)?;
    let mut fields = T::build(|name| match name {
        T::From => Field::date(Msg::FieldEffectiveFrom, None, true),
        T::Source => Field::text(Msg::FieldSource, "", 200, true),
    });
    for seat in &current.seats {
        let name = i18n::seat(ctx.lang, &seat.key, Some(seat));
        let name = if seat.at_least { format!("{name} ({})", ctx.lang.t(Msg::AtLeast)) } else { name };
        fields.push(Field::number(Msg::ColSeat, u32::from(seat.min), 0, 20).with_label(name));
    }
    fields.push(Field::text(Msg::FieldNewSeat, "", 100, false));
    fields.push(Field::number(Msg::FieldNewSeatCount, 0, 0, 20));
    let title = format!("{} — {}", ctx.lang.t(Msg::FormTemplate), i18n::group_kind(ctx.lang, kind));
    Some(Form::new(purpose, title, fields))
}

/// A stable key for a seat named by the user: lower case ASCII letters and underscores.
fn key_of(label: &str) -> String {
    let folded = crate::app::table::fold(label);
    let key: String = folded.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    key.trim_matches('_').to_string()
}

pub fn save_template(form: &EditForm, kind: GroupKind, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let Some(current) = template_on(ctx.data.templates.values(), kind, ctx.as_of) else {
        return Err((None, ctx.lang.t(Msg::ErrGone).into()));
    };
    let from = f[T::From].date_value().ok_or(T::From.refused(ctx.lang.t(Msg::ErrRequired)))?;
    let latest = ctx.data.templates.values().filter(|t| t.kind == kind).map(|t| t.effective_from).max();
    if latest.is_some_and(|l| from <= l) {
        let l = latest.map(crate::domain::date::format_be).unwrap_or_default();
        return Err(T::From.refused(ctx.lang.f(Msg::ErrTemplateDate, &[&l])));
    }
    let mut seats: Vec<SeatRequirement> = Vec::new();
    for (i, seat) in current.seats.iter().enumerate() {
        let min = f[T::ALL.len() + i].number_value();
        if min > 0 {
            seats.push(SeatRequirement { min: min as u8, ..seat.clone() });
        }
    }
    let (name_at, count_at) = (f.len() - 2, f.len() - 1);
    let new_name = f[name_at].value();
    let new_count = f[count_at].number_value();
    if !new_name.is_empty() {
        let key = key_of(new_name);
        if key.is_empty() || seats.iter().any(|s| s.key == key) {
            return Err((Some(name_at), ctx.lang.t(Msg::ErrSeatExists).into()));
        }
        if new_count == 0 {
            return Err((Some(count_at), ctx.lang.f(Msg::ErrNumber, &["1", "20"])));
        }
        let seat = SeatRequirement {
            key,
            label: new_name.to_string(),
            min: new_count as u8,
            at_least: false,
            qualification: None,
            heavy: false,
        };
        seats.push(seat);
    }
    if seats.is_empty() {
        return Err((None, ctx.lang.t(Msg::ErrNoSeats).into()));
    }
    let template = SeatTemplate {
        id: ctx.next_id(),
        kind,
        effective_from: from,
        source: f[T::Source].value().to_string(),
        seats,
    };
    Ok(vec![Change::Put(Record::Template(template))])
}

plain_form!(
    /// A new version of a kind of group's seats.
    TemplateForm(GroupKind),
    template_form,
    save_template
);

#[cfg(test)]
mod tests {
    use super::key_of;

    #[test]
    fn seat_keys_are_plain() {
        assert_eq!(key_of("Infirmier·ère référent(e)"), "infirmier_ere_referent_e");
        assert_eq!(key_of("  Nurse  "), "nurse");
        assert_eq!(key_of("—"), "");
    }
}

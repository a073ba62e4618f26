//! Who may use a shared store, and as what: the coordinator grants an OS account a role from a
//! date, as `pilotage users grant` does. The grant it had ends the day before; nothing is
//! erased.

use super::{EditForm, FormSource, Purpose, Refusal, plain_form};
use crate::app::form::{Field, Form, Opt, field_names};
use crate::domain::Change;
use crate::domain::access::Role;
use crate::i18n::Msg;

field_names! {
    enum A { Account, Role, Establishments, Person, From }
}

pub fn account_form(purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
    let roles = vec![
        Opt::new("coordinator", ctx.lang.t(Msg::RoleCoordinator)),
        Opt::new("staff", ctx.lang.t(Msg::RoleStaffChoice)),
        Opt::new("observer", ctx.lang.t(Msg::RoleObserver)),
    ];
    let fields = A::build(|name| match name {
        A::Account => Field::text(Msg::FieldAccount, "", 64, true),
        A::Role => Field::choice(Msg::FieldRole, roles.clone(), Some("staff"), true),
        A::Establishments => Field::multi(Msg::FieldEstablishments, ctx.establishments(), &[]),
        A::Person => Field::choice(Msg::FieldPerson, ctx.people(), None, false),
        A::From => Field::date(Msg::FieldFrom, Some(ctx.as_of), true),
    });
    Some(Form::new(purpose, ctx.lang.t(Msg::FormAccount).to_string(), fields))
}

pub fn save_account(form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let lang = ctx.lang;
    let typed = f[A::Account].value().trim();
    let uid = crate::system::uid_of_account(typed)
        .ok_or_else(|| A::Account.refused(lang.f(Msg::ErrNoAccount, &[typed])))?;
    let role = match f[A::Role].chosen_value() {
        Some("coordinator") => Role::Coordinator,
        Some("observer") => Role::Observer,
        _ => {
            let list = f[A::Establishments].chosen_values();
            if list.is_empty() {
                return Err(A::Establishments.refused(lang.t(Msg::ErrStaffNeedsPrison)));
            }
            Role::PrisonStaff(list)
        }
    };
    let person = f[A::Person].chosen_value().and_then(|v| v.parse().ok());
    let from = f[A::From].date_value().ok_or_else(|| A::From.refused(lang.t(Msg::ErrRequired)))?;
    let name = crate::system::account_name(uid);
    crate::domain::rules::access::grant(
        ctx.data,
        crate::system::this_account(),
        uid,
        name,
        role,
        person,
        from,
    )
    .map_err(|why| (None, why))
}

plain_form!(
    /// Access to a shared store: an OS account's role from a date.
    AccountForm,
    account_form,
    save_account
);

//! Who may use a shared store, and as what: the coordinator grants an OS account a role from a
//! date, as `pilotage users grant` does. The grant it had ends the day before; nothing is
//! erased.

use super::{EditForm, FormSource, Purpose, Refusal};
use crate::app::form::{Field, Form, Opt};
use crate::domain::Change;
use crate::domain::access::Role;
use crate::i18n::Msg;

const ACCOUNT: usize = 0;
const ROLE: usize = 1;
const ESTABLISHMENTS: usize = 2;
const PERSON: usize = 3;
const FROM: usize = 4;

pub fn account_form(purpose: Purpose, ctx: &FormSource) -> Option<EditForm> {
    let roles = vec![
        Opt::new("coordinator", ctx.lang.t(Msg::RoleCoordinator)),
        Opt::new("staff", ctx.lang.t(Msg::RoleStaffChoice)),
        Opt::new("observer", ctx.lang.t(Msg::RoleObserver)),
    ];
    let fields = vec![
        Field::text(Msg::FieldAccount, "", 64, true),
        Field::choice(Msg::FieldRole, roles, Some("staff"), true),
        Field::multi(Msg::FieldEstablishments, ctx.establishments(), &[]),
        Field::choice(Msg::FieldPerson, ctx.people(), None, false),
        Field::date(Msg::FieldFrom, Some(ctx.as_of), true),
    ];
    Some(Form::new(purpose, ctx.lang.t(Msg::FormAccount).to_string(), fields))
}

pub fn save_account(form: &EditForm, ctx: &FormSource) -> Result<Vec<Change>, Refusal> {
    let f = &form.fields;
    let lang = ctx.lang;
    let typed = f[ACCOUNT].value().trim();
    let uid = crate::system::uid_of_account(typed)
        .ok_or_else(|| (Some(ACCOUNT), lang.f(Msg::ErrNoAccount, &[typed])))?;
    let role = match f[ROLE].chosen_value() {
        Some("coordinator") => Role::Coordinator,
        Some("observer") => Role::Observer,
        _ => {
            let list = f[ESTABLISHMENTS].chosen_values();
            if list.is_empty() {
                return Err((Some(ESTABLISHMENTS), lang.t(Msg::ErrStaffNeedsPrison).into()));
            }
            Role::PrisonStaff(list)
        }
    };
    let person = f[PERSON].chosen_value().and_then(|v| v.parse().ok());
    let from = f[FROM].date_value().ok_or((Some(FROM), lang.t(Msg::ErrRequired).into()))?;
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

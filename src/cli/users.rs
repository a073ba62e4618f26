//! `pilotage users`: who may use a shared store, and as what. A grant is a new account record
//! from a date; a revocation ends the grant in force; nothing is erased, so the list keeps its
//! history and the audit trail says who granted what.

use chrono::NaiveDate;

use crate::domain::access::{Account, Role};
use crate::domain::{Change, Dataset, Record};

/// A role as typed on the command line.
pub fn parse_role(role: &str, establishments: &[String], data: &Dataset) -> Result<Role, String> {
    match role {
        "coordinator" => Ok(Role::Coordinator),
        "observer" => Ok(Role::Observer),
        "staff" => {
            if establishments.is_empty() {
                return Err("--role staff needs --establishment ID (one or more)".into());
            }
            if let Some(e) = establishments.iter().find(|e| !data.establishments.contains_key(*e)) {
                return Err(format!(
                    "no establishment {e} (the ids are those of `pilotage export`'s establishments file)"
                ));
            }
            Ok(Role::PrisonStaff(establishments.to_vec()))
        }
        other => Err(format!("no role {other}: coordinator, staff or observer")),
    }
}

/// The changes a grant makes: the account, and the first time any is granted, the store's
/// owner as its first coordinator, so that nobody is locked out by the list becoming the rule.
pub fn grant(
    data: &Dataset,
    owner: (u32, String),
    uid: u32,
    name: String,
    role: Role,
    person: Option<u64>,
    from: NaiveDate,
) -> Result<Vec<Change>, String> {
    if let Some(p) = person.filter(|p| !data.people.contains_key(p)) {
        return Err(format!("no person {p}"));
    }
    let mut changes = Vec::new();
    let mut next = data.next_id();
    if data.accounts.is_empty() && uid != owner.0 {
        let first = Account {
            id: next,
            uid: owner.0,
            name: owner.1,
            person: None,
            role: Role::Coordinator,
            from,
            until: None,
        };
        next += 1;
        changes.push(Change::Put(Record::Account(first)));
    }
    // The grant in force for that account ends the day before the new one begins.
    if let Some(day_before) = from.pred_opt() {
        for a in data.accounts.values().filter(|a| a.uid == uid && a.until.is_none_or(|u| u >= from)) {
            if a.from < from {
                changes.push(Change::Put(Record::Account(Account { until: Some(day_before), ..a.clone() })));
            } else {
                changes.push(Change::Delete(Record::Account(a.clone()).key()));
            }
        }
    }
    changes.push(Change::Put(Record::Account(Account {
        id: next,
        uid,
        name,
        person,
        role,
        from,
        until: None,
    })));
    check_a_coordinator_remains(data, &changes, from)?;
    Ok(changes)
}

/// Ends an account's access: its grant in force ends the day before `from`.
pub fn revoke(data: &Dataset, uid: u32, from: NaiveDate) -> Result<Vec<Change>, String> {
    let day_before = from.pred_opt().ok_or("no day before that date")?;
    let changes: Vec<Change> = data
        .accounts
        .values()
        .filter(|a| a.uid == uid && a.until.is_none_or(|u| u >= from))
        .map(|a| {
            if a.from < from {
                Change::Put(Record::Account(Account { until: Some(day_before), ..a.clone() }))
            } else {
                Change::Delete(Record::Account(a.clone()).key())
            }
        })
        .collect();
    if changes.is_empty() {
        return Err(format!("uid {uid} has no access from that date"));
    }
    check_a_coordinator_remains(data, &changes, from)?;
    Ok(changes)
}

/// A store whose list has no coordinator left could never be administered again.
fn check_a_coordinator_remains(data: &Dataset, changes: &[Change], from: NaiveDate) -> Result<(), String> {
    let mut after = data.clone();
    for c in changes {
        after.apply(c.clone());
    }
    let any = after
        .accounts
        .values()
        .any(|a| a.role == Role::Coordinator && a.active_on(from) && a.until.is_none());
    if after.accounts.is_empty() || any {
        Ok(())
    } else {
        Err("this would leave the store without a coordinator: grant another first".into())
    }
}

/// The list, as `pilotage users` prints it: one account a line, tab-separated.
pub fn list(data: &Dataset) -> Vec<String> {
    let mut accounts: Vec<&Account> = data.accounts.values().collect();
    accounts.sort_by_key(|a| (a.uid, a.from));
    accounts
        .iter()
        .map(|a| {
            let role = match &a.role {
                Role::PrisonStaff(list) => format!("staff: {}", list.join(", ")),
                other => other.code().to_string(),
            };
            let until = a.until.map_or_else(String::new, |u| u.to_string());
            format!("{}\t{}\t{role}\t{}\t{until}", a.uid, a.name, a.from)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn apply(data: &mut Dataset, changes: Vec<Change>) {
        assert!(data.violations_after(&changes).is_empty());
        for c in changes {
            data.apply(c);
        }
    }

    #[test]
    fn the_first_grant_makes_the_owner_coordinator_and_a_revocation_keeps_the_history() {
        let mut data = crate::demo::demo_dataset(day(2026, 11, 23));
        let mons = data.establishments.keys().find(|e| e.contains("mons")).cloned().unwrap();
        let role = parse_role("staff", std::slice::from_ref(&mons), &data).unwrap();
        let changes =
            grant(&data, (0, "root".into()), 1001, "ann".into(), role, None, day(2026, 12, 1)).unwrap();
        assert_eq!(changes.len(), 2, "the owner first, then the grant");
        apply(&mut data, changes);
        assert_eq!(list(&data).len(), 2);
        let revoked = revoke(&data, 1001, day(2027, 1, 1)).unwrap();
        apply(&mut data, revoked);
        let ann = data.accounts.values().find(|a| a.uid == 1001).unwrap();
        assert_eq!(ann.until, Some(day(2026, 12, 31)), "ended, not erased");
        assert!(revoke(&data, 0, day(2027, 1, 1)).unwrap_err().contains("without a coordinator"));
        assert!(parse_role("staff", &[], &data).is_err());
        assert!(parse_role("staff", &["nowhere".into()], &data).is_err());
        assert!(parse_role("king", &[], &data).is_err());
    }
}

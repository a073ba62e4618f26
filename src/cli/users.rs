//! `pilotage users`: who may use a shared store, and as what. A grant is a new account record
//! from a date; a revocation ends the grant in force; nothing is erased, so the list keeps its
//! history and the audit trail says who granted what.

use crate::domain::Dataset;
use crate::domain::access::{Account, Admission, Role, Seat};
pub use crate::domain::rules::access::{admit, grant, revoke, unadmit};

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
                let near = nearest(e, data.establishments.keys().map(String::as_str));
                let near =
                    if near.is_empty() { String::new() } else { format!("; nearest: {}", near.join(", ")) };
                return Err(format!(
                    "no establishment {e}{near} (the ids are those of `pilotage export`'s establishments file)"
                ));
            }
            Ok(Role::PrisonStaff(establishments.to_vec()))
        }
        other => Err(format!("no role {other}: coordinator, staff or observer")),
    }
}

/// The known ids nearest to a mistyped one, closest first (at most three, and only near ones).
fn nearest<'a>(typed: &str, known: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> =
        known.map(|k| (strsim::jaro_winkler(typed, k), k)).filter(|(score, _)| *score >= 0.8).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, k)| k).collect()
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

/// Who the concertation admitted to its debates, one admission a line: uid, name, seat
/// (`keeper`, or `represents: SERVICE`), from, until.
pub fn admissions(data: &Dataset) -> Vec<String> {
    let mut list: Vec<&Admission> = data.admissions.values().collect();
    list.sort_by_key(|a| (a.uid, a.from));
    list.iter()
        .map(|a| {
            let seat = match a.seat {
                Seat::Keeper => "keeper".to_string(),
                Seat::Represents(s) => {
                    let name = data.services.get(&s).map_or_else(|| format!("#{s}"), |x| x.name.clone());
                    format!("represents: {name} ({s})")
                }
            };
            let until = a.until.map_or_else(String::new, |u| u.to_string());
            format!("{}\t{}\t{seat}\t{}\t{until}", a.uid, a.name, a.from)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Change;
    use chrono::NaiveDate;

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
        assert_eq!(changes.len(), 3, "the owner as coordinator and as keeper first, then the grant");
        apply(&mut data, changes);
        assert_eq!(admissions(&data), vec![format!("0\troot\tkeeper\t2026-12-01\t")]);
        assert_eq!(list(&data).len(), 2);
        let revoked = revoke(&data, 1001, day(2027, 1, 1)).unwrap();
        apply(&mut data, revoked);
        let ann = data.accounts.values().find(|a| a.uid == 1001).unwrap();
        assert_eq!(ann.until, Some(day(2026, 12, 31)), "ended, not erased");
        assert!(revoke(&data, 0, day(2027, 1, 1)).unwrap_err().contains("without a coordinator"));
        assert!(parse_role("staff", &[], &data).is_err());
        assert!(parse_role("staff", &["nowhere".into()], &data).is_err());
        // A typo is answered with the ids it is nearest to.
        let said = parse_role("staff", &["lantinn".into()], &data).unwrap_err();
        assert!(said.contains("nearest: lantin"), "{said}");
        assert!(parse_role("king", &[], &data).is_err());
    }
}

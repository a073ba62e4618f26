//! The commands, written once against a [`Backend`]: the same words and exit codes whether
//! this process holds the store or a server does.

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::{exit, local, report, transfer, users};
use crate::backend::Backend;
use crate::domain::access::Seat;
use crate::domain::admission::printable;
use crate::domain::rules::Situation;
use crate::domain::{Change, Dataset, RecordKey};
use crate::i18n::{Lang, Msg};
use crate::store::codec::{AuditEntry, revision};

/// What every command is given: where the data is kept, the data, and how to say things.
pub struct Context<'a> {
    pub backend: &'a Backend,
    pub data: Dataset,
    pub lang: Lang,
    pub today: NaiveDate,
    pub as_of: NaiveDate,
    /// The OS account, for the audit trail of a store this process holds.
    pub user: String,
}

/// `report`: the five views in Markdown.
pub fn report(ctx: &Context, internal: bool) -> i32 {
    let situation = Situation::compute(&ctx.data, ctx.as_of);
    print!("{}", report::report(&ctx.data, &situation, ctx.lang, internal));
    exit::OK
}

/// `check`: one line an item that needs attention; exit 1 when there is any.
pub fn check(ctx: &Context) -> i32 {
    let situation = Situation::compute(&ctx.data, ctx.as_of);
    let lines = report::check(&ctx.data, &situation, ctx.lang);
    let mut out = io::stdout().lock();
    // Marked as the report and the exports are: a line a program skips as a comment.
    let _ = writeln!(out, "# {}", ctx.lang.t(Msg::Confidential));
    for l in &lines {
        let _ = writeln!(out, "{l}");
    }
    if lines.is_empty() {
        let _ = writeln!(out, "{}", ctx.lang.t(Msg::CheckAllClear));
        exit::OK
    } else {
        exit::ATTENTION
    }
}

/// `export`: every record kind to `dir`, one file each.
pub fn export(ctx: &Context, dir: &Path, format: transfer::Format, internal: bool) -> i32 {
    let lang = ctx.lang;
    let audience =
        if internal { transfer::Audience::Internal } else { transfer::Audience::Outside(ctx.as_of) };
    match transfer::export(&ctx.data, dir, format, audience) {
        Ok(exported) => {
            for w in &exported.withheld {
                let said = if w.released_to_others() {
                    Msg::ReportCapbWithheldToThem
                } else {
                    Msg::ReportCapbWithheld
                };
                eprintln!("{}", lang.f(said, &[&w.describe(&ctx.data, lang, ctx.as_of)]));
            }
            eprintln!("{} ({} files in {})", lang.t(Msg::Confidential), exported.files.len(), dir.display());
            exit::OK
        }
        Err(e) => {
            eprintln!("pilotage: {}", e.in_lang(lang));
            exit::BAD_INPUT
        }
    }
}

/// `backup FILE`: never over the store's own files, wherever the store is.
pub fn backup(ctx: &Context, file: &Path) -> i32 {
    let lang = ctx.lang;
    let store = ctx.backend.store_path();
    if local::inside(file, &store) {
        let (file, store) = (file.display().to_string(), store.display().to_string());
        eprintln!("pilotage: {}", lang.f(Msg::ErrBackupInsideStore, &[&file, &store]));
        return exit::USAGE;
    }
    match ctx.backend.backup(file) {
        Ok(n) => {
            eprintln!("{}", lang.f(Msg::DoneBackup, &[&n.to_string(), &file.display().to_string()]));
            exit::OK
        }
        Err(e) => {
            eprintln!("pilotage: {}", e.words(lang));
            exit::STORE
        }
    }
}

/// `log`: the audit trail, or one record's lines (a lookup), as the account may read them.
pub fn log(ctx: &Context, record: Option<&str>, since: Option<NaiveDate>) -> i32 {
    let one = record.and_then(RecordKey::parse);
    let lines = match &one {
        Some(key) => ctx.backend.history(key),
        None => ctx.backend.trail(),
    };
    match lines {
        Ok(trail) => {
            print_log(&trail, record, since, ctx.lang);
            exit::OK
        }
        Err(e) => {
            eprintln!("pilotage: {}", e.words(ctx.lang));
            exit::STORE
        }
    }
}

/// The audit trail as `log` prints it: text that came from a store or a server is printed
/// without its control characters (an escape sequence in a name reaches no terminal).
fn print_log(trail: &[AuditEntry], record: Option<&str>, since: Option<NaiveDate>, lang: Lang) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "# {}", lang.t(Msg::Confidential));
    for e in super::filter_log(trail, record, since) {
        let at = crate::domain::date::local_rfc3339(&e.at);
        let (user, action, record, summary) =
            (printable(&e.user), printable(&e.action), printable(&e.record), printable(&e.summary));
        let _ = writeln!(out, "{at}\t{user}\t{action}\t{record}\t{summary}");
    }
}

/// What `users` is asked to do (the arguments, parsed in the binary).
pub enum UsersAction<'a> {
    Grant {
        account: &'a str,
        role: &'a str,
        establishments: &'a [String],
        person: Option<u64>,
        from: Option<NaiveDate>,
    },
    Revoke {
        account: &'a str,
        from: Option<NaiveDate>,
    },
    Admit {
        account: &'a str,
        seat: Seat,
        from: Option<NaiveDate>,
    },
    Unadmit {
        account: &'a str,
        from: Option<NaiveDate>,
    },
}

/// A uid, or an account name the system knows.
fn uid_of(account: &str) -> Result<u32, String> {
    crate::system::uid_of_account(account).ok_or_else(|| format!("no account {account} on this system"))
}

/// `users`: the list, or a grant or revocation, written as any change is.
pub fn users(ctx: &Context, action: Option<UsersAction>) -> i32 {
    let data = &ctx.data;
    let me = crate::system::this_account();
    let Some(action) = action else {
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "# uid\tname\trole\tfrom\tuntil");
        for line in users::list(data) {
            let _ = writeln!(out, "{}", printable(&line));
        }
        let _ = writeln!(out, "# admitted to the concertation's debates: uid\tname\tseat\tfrom\tuntil");
        for line in users::admissions(data) {
            let _ = writeln!(out, "{}", printable(&line));
        }
        return exit::OK;
    };
    let changes = match action {
        UsersAction::Grant { account, role, establishments, person, from } => uid_of(account)
            .and_then(|uid| Ok((uid, users::parse_role(role, establishments, data)?)))
            .and_then(|(uid, role)| {
                let name = crate::system::account_name(uid);
                users::grant(data, me, uid, name, role, person, from.unwrap_or(ctx.today))
            }),
        UsersAction::Revoke { account, from } => {
            uid_of(account).and_then(|uid| users::revoke(data, uid, from.unwrap_or(ctx.today)))
        }
        UsersAction::Admit { account, seat, from } => uid_of(account).and_then(|uid| {
            let name = crate::system::account_name(uid);
            users::admit(data, me, uid, name, seat, from.unwrap_or(ctx.today))
        }),
        UsersAction::Unadmit { account, from } => {
            uid_of(account).and_then(|uid| users::unadmit(data, uid, from.unwrap_or(ctx.today)))
        }
    };
    let changes = match changes {
        Ok(changes) => changes,
        Err(why) => {
            eprintln!("pilotage: {why}");
            return exit::USAGE;
        }
    };
    match commit(ctx, &changes) {
        Ok(()) => exit::OK,
        Err(why) => {
            eprintln!("pilotage: {why}");
            exit::BAD_INPUT
        }
    }
}

/// Writes changes as the UI does: through the door and the rules, then the backend (a server
/// checks the revisions they started from).
fn commit(ctx: &Context, changes: &[Change]) -> Result<(), String> {
    use crate::domain::dataset::NotKept;
    let mut data = ctx.data.clone();
    let bases = changes.iter().map(|c| revision(data.get(&c.key()).as_ref())).collect();
    let written =
        data.apply_checked(changes, |reach| ctx.backend.commit(changes, Some(bases), reach, &ctx.user));
    written.map(|_| ()).map_err(|e| match e {
        NotKept::Inadmissible(i) => {
            crate::i18n::refusal(ctx.lang, &crate::domain::access::Refusal::Inadmissible(i))
        }
        NotKept::Rule(v) => crate::i18n::violation(ctx.lang, &v),
        NotKept::Write(e) => e.words(ctx.lang),
    })
}

/// How an import meets the store's content.
pub struct ImportMode {
    /// The store holds exactly the import afterwards.
    pub replace: bool,
    /// Say what would change, change nothing.
    pub dry_run: bool,
}

/// What reading an import into the data did.
struct Merged {
    count: usize,
    changed: Vec<RecordKey>,
    added: usize,
    same: usize,
}

/// The import's records read into `merged` (over `old` for a replacing import), then checked:
/// each at the door, all of them against the rules between records. None, said on stderr,
/// when the import cannot be read or is refused.
fn merge(lang: Lang, from: &Path, merged: &mut Dataset, old: Option<&Dataset>) -> Option<Merged> {
    let mut changed: Vec<RecordKey> = Vec::new();
    let (mut added, mut same) = (0usize, 0usize);
    let mut refused = None;
    let read = transfer::import(from, &mut |record| {
        if refused.is_none()
            && let Err(i) = crate::domain::admission::admit(&record)
        {
            refused = Some(i);
        }
        let key = record.key();
        let before = match old {
            Some(old) => old.get(&key),
            None => merged.get(&key),
        };
        match &before {
            None => added += 1,
            Some(b) if *b == record => same += 1,
            Some(_) => {}
        }
        if before.as_ref() != Some(&record) {
            changed.push(key);
        }
        merged.put(record);
    });
    let count = match read {
        Ok(count) => count,
        Err(e) => {
            eprintln!("pilotage: {}", e.in_lang(lang));
            return None;
        }
    };
    if let Some(i) = refused {
        let why = crate::i18n::refusal(lang, &crate::domain::access::Refusal::Inadmissible(i));
        eprintln!("pilotage: {}: {why}", from.display());
        return None;
    }
    let violations = merged.violations();
    if !violations.is_empty() {
        for v in violations.iter().take(20) {
            eprintln!("pilotage: {}: {}", from.display(), crate::i18n::violation(lang, v));
        }
        return None;
    }
    Some(Merged { count, changed, added, same })
}

/// `import`: the records of an export directory or file, checked whole (the door, the rules
/// between records) before anything is written, and in a dry run too: a dry run says what
/// the import would do, or why it would be refused.
pub fn import(ctx: Context, from: &Path, mode: ImportMode) -> i32 {
    let lang = ctx.lang;
    let data = ctx.data;
    // The records go straight into the data they join, as they are read: nothing is copied
    // whole (100,000 records took 1 GiB when they were).
    let had = data.record_count();
    // Who may use the store is the deployment's, not the data's: an export has no accounts,
    // and a replacing import keeps them.
    let (mut merged, old) = if mode.replace {
        (
            Dataset {
                accounts: data.accounts.clone(),
                admissions: data.admissions.clone(),
                ..Dataset::default()
            },
            Some(data),
        )
    } else {
        (data, None)
    };
    let Some(Merged { count, mut changed, added, same }) = merge(lang, from, &mut merged, old.as_ref())
    else {
        eprintln!("pilotage: {}", lang.t(Msg::ImpNothingImported));
        return exit::BAD_INPUT;
    };
    let mut removed = 0;
    if let Some(old) = &old {
        let gone: Vec<RecordKey> =
            old.records().map(|r| r.key()).filter(|k| merged.get(k).is_none()).collect();
        removed = gone.len();
        changed.extend(gone);
    }
    // Said first: what the import adds, changes, removes, and leaves as it was.
    let modified = changed.len() - added - removed;
    let left = had - modified - same - removed;
    let summary = lang.f(
        Msg::ImportSummary,
        &[&added.to_string(), &modified.to_string(), &removed.to_string(), &(left + same).to_string()],
    );
    eprintln!("{summary}");
    if mode.dry_run {
        eprintln!("{}", lang.t(Msg::ImportDryRun));
        return exit::OK;
    }
    drop(old);
    match ctx.backend.commit_keys(&merged, &changed, &ctx.user) {
        Ok(()) => {
            eprintln!("{}", lang.f(Msg::DoneImport, &[&count.to_string(), &changed.len().to_string()]));
            exit::OK
        }
        Err(e) => {
            eprintln!("pilotage: {}", e.words(lang));
            exit::STORE
        }
    }
}

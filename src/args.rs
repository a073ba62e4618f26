//! The command line: one clap definition, from which parsing, `--help` and the man page come.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use pilotage::domain::date::parse_date;
use pilotage::i18n::Lang;

/// What `--help` says after the options: the environment, the exit codes, two examples.
const AFTER_HELP: &str = "\
Without a command, the full-screen UI (a terminal is needed on both sides; `report` and
`check` print for scripts). The global options go before the command:
`pilotage --db DIR report`.

Environment:
  PILOTAGE_DB          the store directory (as --db)
  PILOTAGE_SOCKET      a server's socket (as --socket); a socket named must answer
  PILOTAGE_NO_SERVER   1: the UI opens its store itself instead of starting a server
  NO_COLOR             any value: no colours (as --no-color)
  LANGUAGE, LC_ALL, LC_MESSAGES, LANG
                       the language (en, fr, nl) and, for LC_ALL/LC_CTYPE/LANG, whether the
                       terminal takes UTF-8 (else ASCII borders, as --ascii)

Exit codes:
  0  done (check: nothing needs attention)     1  check found items
  2  bad arguments                             3  store busy, or no server on a named socket
  4  the store cannot be opened or read        5  an import or backup file was refused
  6  no terminal for the UI                    129/130/143  hang-up/interrupt/terminate, saved

Examples:
  pilotage --demo                         try it on fictitious data, nothing is kept
  pilotage --db /srv/pilotage/store init  make a store, then `serve` it for several people";

#[derive(Parser, Debug)]
#[command(
    name = "pilotage",
    version,
    about = "Drug-policy steering groups in Belgian prisons: gaps, authorisations, training needs",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// The store directory (default: the platform's data directory, e.g. ~/.local/share/pilotage/store).
    #[arg(long, global = true, value_name = "DIR", env = "PILOTAGE_DB")]
    pub db: Option<PathBuf>,
    /// Use a throwaway store filled with fictitious demo data.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Pretend today is this date (dd/mm/yyyy or yyyy-mm-dd), everywhere.
    #[arg(long, global = true, value_name = "DATE", value_parser = date_arg)]
    pub today: Option<NaiveDate>,
    /// Show the situation as of this date (default: today).
    #[arg(long, global = true, value_name = "DATE", value_parser = date_arg)]
    pub as_of: Option<NaiveDate>,
    /// Language of the screens and reports (default: from LC_ALL / LC_MESSAGES / LANG, else English).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Change nothing, whatever the command: the UI shows, a command that writes refuses, a
    /// server refuses every write.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// ASCII borders and symbols (automatic for TERM=linux and vt100).
    #[arg(long, global = true)]
    pub ascii: bool,
    /// No colours (automatic when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// The socket of a pilotage server that holds the store. Named (here or in
    /// PILOTAGE_SOCKET), a server must answer there; not named, the store's own socket
    /// (pilotage.sock inside its directory) is used when a server answers on it. `serve`
    /// listens there.
    #[arg(long, global = true, value_name = "PATH", env = "PILOTAGE_SOCKET")]
    pub socket: Option<PathBuf>,
    /// How many daily automatic backups to keep (0 turns them off).
    #[arg(long, global = true, value_name = "N", default_value_t = 7)]
    pub keep_backups: usize,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    En,
    Fr,
    Nl,
}

impl LangArg {
    pub fn lang(self) -> Lang {
        match self {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
            LangArg::Nl => Lang::Nl,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
}

/// The most records `generate` makes: a hundred times Belgium, and a few gigabytes of disk.
pub const GENERATE_MAX: u64 = 2_000_000;

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Print a Markdown report of the five views (confidential).
    Report {
        /// For the concertation's members only: also its minutes, its votes and the
        /// productions its members have not agreed to disseminate. Its debates are secret, and
        /// nothing it produces leaves without a decision of its members; without this flag
        /// the report holds only what they agreed to.
        #[arg(long)]
        internal: bool,
    },
    /// One line per item that needs attention; exit 1 when there is any.
    Check,
    /// Write every record kind to DIR, one file each.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatArg,
        dir: PathBuf,
        /// A copy for the concertation's members and the coordinator only (a move to another
        /// store): also its secret minutes and the productions its members have not agreed to
        /// disseminate. Without it, those are left out, and each is named with the decision it
        /// lacks.
        #[arg(long)]
        internal: bool,
    },
    /// Read records back from an export directory or one file; all or nothing.
    Import {
        /// An export directory (`pilotage export`'s), or one of its files (CSV or JSON).
        path: PathBuf,
        /// Make the store hold exactly the imported records (the current content is backed up first).
        /// A store that holds only what a new store is made with is always replaced.
        #[arg(long)]
        replace: bool,
        /// Say what the import would add, change, remove and leave, and store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a backup of the whole store to FILE.
    Backup { file: PathBuf },
    /// Replace the store's content with a backup FILE (a damaged store is moved aside first).
    Restore { file: PathBuf },
    /// Make a new store at --db (seeded with the establishments and the circular's seats, as a
    /// first start does), for scripts and deployments; nothing happens where one is already.
    Init,
    /// Fill a new, empty store with N generated fictitious records (for benchmarks; at most
    /// 2,000,000).
    Generate {
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=GENERATE_MAX))]
        records: u64,
    },
    /// Who may use the store through a server, and as what: without an action, the list (a
    /// coordinator's; the store's owner is its first coordinator).
    Users {
        #[command(subcommand)]
        action: Option<UsersAction>,
    },
    /// Own the store and serve it to every other pilotage over a Unix socket, so that several
    /// people work on it at once; each client's account comes from the kernel.
    Serve {
        /// Stop this many seconds after the last client leaves (default: serve until stopped).
        #[arg(long, value_name = "SECONDS")]
        idle_exit: Option<u64>,
    },
    /// Print the manual page (roff), as the package installs it.
    Man,
    /// Print the completions for a shell: bash, zsh, fish, elvish or powershell.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the audit trail: who changed what, when.
    Log {
        /// A record kind (`person`) or one record (`person:12`).
        #[arg(long)]
        record: Option<String>,
        /// Only changes on or after this date.
        #[arg(long, value_parser = date_arg)]
        since: Option<NaiveDate>,
    },
}

impl Command {
    /// Whether the command changes the store (refused with `--read-only`).
    pub fn writes(&self) -> bool {
        match self {
            Command::Import { dry_run, .. } => !dry_run,
            Command::Users { action } => action.is_some(),
            Command::Restore { .. } | Command::Init | Command::Generate { .. } => true,
            Command::Report { .. }
            | Command::Check
            | Command::Export { .. }
            | Command::Backup { .. }
            | Command::Serve { .. }
            | Command::Man
            | Command::Completions { .. }
            | Command::Log { .. } => false,
        }
    }
}

#[derive(Subcommand, Debug, Clone)]
pub enum UsersAction {
    /// Give an OS account (a uid or a user name) a role from a date (default: today); the
    /// grant it had ends the day before.
    Grant {
        account: String,
        /// coordinator (everything), staff (their establishments only) or observer (reads).
        #[arg(long)]
        role: String,
        /// For staff: an establishment's id (as in the export's establishments file); again for more.
        #[arg(long = "establishment", value_name = "ID")]
        establishments: Vec<String>,
        /// The person this account is (a person's id).
        #[arg(long)]
        person: Option<u64>,
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
    /// End an account's access from a date (default: today); its history stays.
    Revoke {
        account: String,
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
    /// Admit an OS account to the concertation's debates from a date (default: today), as the
    /// keeper of its records or as a member service's representative. The members see who is
    /// admitted; every other account reads only what their decisions released.
    #[command(group = clap::ArgGroup::new("seat").required(true))]
    Admit {
        account: String,
        /// Keeps the concertation's records: meetings, votes, minutes, productions, its rules.
        #[arg(long, group = "seat")]
        keeper: bool,
        /// Represents this member service (its id, as in the export's capb_services file).
        #[arg(long, group = "seat", value_name = "SERVICE")]
        represents: Option<u64>,
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
    /// End an account's admission to the debates from a date (default: today); its history stays.
    Unadmit {
        account: String,
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
}

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s)
        .ok_or_else(|| format!("not a date: {s} (use dd/mm/yyyy or yyyy-mm-dd, a year from 1800 to 2200)"))
}

/// The command line as clap builds it: `--version` naming what a program reads and speaks, and
/// the global options said once, in `pilotage --help`, not again under every command.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let records: Vec<String> = pilotage::store::codec::record_versions()
        .into_iter()
        .map(|(kind, version)| format!("{kind} {version}"))
        .collect();
    let version = format!(
        "{}\nprotocol {} (a client and a server must speak the same)\nstored records, each kind's newest version (older ones are read and migrated): {}",
        env!("CARGO_PKG_VERSION"),
        pilotage::wire::PROTOCOL,
        records.join(", ")
    );
    // Built once a process: clap keeps a &'static str.
    // Built once a process: clap keeps a &'static str. `-V` and the man page say the number.
    let cli = Cli::command().long_version(&*Box::leak(version.into_boxed_str()));
    // A global option is put, hidden, into every command before clap would copy it there
    // shown (it copies only what a command lacks): parsed everywhere, said once.
    let globals: Vec<clap::Arg> = cli.get_arguments().filter(|a| a.is_global_set()).cloned().collect();
    fn hide_in(command: clap::Command, globals: &[clap::Arg]) -> clap::Command {
        let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_string()).collect();
        let mut command = command;
        for name in names {
            command = command.mut_subcommand(name, |mut sub| {
                for arg in globals {
                    sub = sub.arg(arg.clone().hide(true));
                }
                hide_in(sub, globals)
            });
        }
        command
    }
    hide_in(cli, &globals)
}

/// The arguments of this process.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

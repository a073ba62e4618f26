//! What each file of an export holds: one table of columns per record kind, read by the
//! header, by export, by import and by the format's documentation, so that a column is named
//! in one place only (as ripgrep keeps its flags in one table).

use crate::domain::concertation::{CapbMeeting, CapbRules, Motion, Production, Service};
use crate::domain::{
    Establishment, EstablishmentKind, Group, Meeting, Membership, Person, Priority, Project, ProjectStep,
    Qualification, SeatRequirement, SeatTemplate, Settings, StaffGroup, TrainingNeed, TrainingSession,
};

use super::FileKind;
use super::cells::{Cell, GROUP_KINDS, STEP_CODES, element_code, group_kind_code, join_items, step_code};

/// One column: its name in the header (and as a JSON key), what it holds, and its cell for a
/// value of `T` when exported.
pub struct Column<T: 'static> {
    pub name: &'static str,
    pub about: &'static str,
    pub cell: fn(&T) -> Cell,
}

/// One seat of a template, a row of `template_seats`.
pub struct SeatRow {
    pub template: u64,
    /// From 1, the seat's place in the template.
    pub position: u64,
    pub seat: SeatRequirement,
}

/// One step of a project's history, a row of `project_events`.
pub struct EventRow {
    pub project: u64,
    /// From 1, the step's place in the history.
    pub position: u64,
    pub date: chrono::NaiveDate,
    pub step: ProjectStep,
}

macro_rules! table {
    ($kind:ident: $t:ty { $($col:ident $name:literal $about:literal => $cell:expr;)* }) => {
        #[allow(non_snake_case, dead_code)]
        pub mod $kind {
            use super::*;
            $(pub const $col: Column<$t> = Column { name: $name, about: $about, cell: $cell };)*
            pub const ALL: &[Column<$t>] = &[$($col),*];
        }
    };
}

table!(establishments: Establishment {
    ID "id" "the establishment's identifier (a short name such as `lantin`)" => |e| Cell::text(&e.id);
    NAME_FR "name_fr" "its name in French" => |e| Cell::text(&e.name_fr);
    NAME_NL "name_nl" "its name in Dutch" => |e| Cell::text(&e.name_nl);
    TOWN "town" "the town" => |e| Cell::text(&e.town);
    REGION "region" "`brussels`, `flanders` or `wallonia`" => |e| Cell::code(e.region.code());
    LANGUAGE "language" "the language regime: `fr`, `nl` or `bilingual`" => |e| Cell::code(e.language.code());
    KIND "kind" "the kind of establishment (its code)" => |e| Cell::code(e.kind.code());
    OPENED "opened" "the date it opened, if known" => |e| Cell::opt_date(e.opened);
    CLOSED "closed" "the date it closed, if it has" => |e| Cell::opt_date(e.closed);
    NOTE "note" "free text" => |e| Cell::text(&e.note);
    COVERAGE "coverage" "the coordinator's decisions on whether circular 1785 covers it, each from a date: a list of `yyyy-mm-dd:yes` or `yyyy-mm-dd:no` (empty: its kind decides)" => |e| {
        Cell::Code(join_items(e.coverage.iter().map(|c| {
            format!("{}:{}", c.from.format("%Y-%m-%d"), if c.covered { "yes" } else { "no" })
        })))
    };
    COORDINATOR "coordinator" "for a Brussels establishment, the drug-policy coordinator the coordinators decided serves it: `fr` or `nl` (empty: the French-speaking one)" => |e| {
        e.coordinator.map_or(Cell::Null, |c| Cell::code(c.code()))
    };
});

table!(people: Person {
    ID "id" "the person's number" => |p| Cell::Num(p.id);
    NAME "name" "the name" => |p| Cell::text(&p.name);
    FUNCTION "function" "the function" => |p| Cell::text(&p.function);
    ORGANISATION "organisation" "the organisation" => |p| Cell::text(&p.organisation);
    QUALIFICATIONS "qualifications" "a list of qualification codes" => |p| {
        Cell::Code(join_items(p.qualifications.iter().map(|q| q.code().to_string())))
    };
    CONTACT "contact" "how to reach them" => |p| Cell::text(&p.contact);
});

table!(groups: Group {
    ID "id" "the group's number" => |g| Cell::Num(g.id);
    KIND "kind" "`central` or `local`" => |g| Cell::code(group_kind_code(g.kind));
    ESTABLISHMENT "establishment" "a local group's establishment (its id)" => |g| {
        Cell::opt_text(g.establishment.as_deref())
    };
    CREATED "created" "the date it was set up" => |g| Cell::opt_date(g.created);
    DISSOLVED "dissolved" "the date it was dissolved" => |g| Cell::opt_date(g.dissolved);
});

table!(templates: SeatTemplate {
    ID "id" "the template's number" => |t| Cell::Num(t.id);
    KIND "kind" "the kind of group it is for: `central` or `local`" => |t| Cell::code(group_kind_code(t.kind));
    EFFECTIVE_FROM "effective_from" "the date from which it applies" => |t| Cell::date(t.effective_from);
    SOURCE "source" "the text it comes from" => |t| Cell::text(&t.source);
});

table!(template_seats: SeatRow {
    TEMPLATE "template" "the template's number" => |s| Cell::Num(s.template);
    POSITION "position" "the seat's place in the template, from 1" => |s| Cell::Num(s.position);
    KEY "key" "the seat's identifier within the template" => |s| Cell::text(&s.seat.key);
    LABEL "label" "what the seat is" => |s| Cell::text(&s.seat.label);
    MIN "min" "how many people it takes" => |s| Cell::Num(u64::from(s.seat.min));
    AT_LEAST "at_least" "true when `min` is a floor, false when exact" => |s| Cell::Bool(s.seat.at_least);
    QUALIFICATION "qualification" "the qualification a holder needs (its code), if any" => |s| {
        s.seat.qualification.map_or(Cell::Null, |q| Cell::code(q.code()))
    };
    HEAVY "heavy" "true for a seat that weighs on its holder (a chair)" => |s| Cell::Bool(s.seat.heavy);
});

table!(memberships: Membership {
    ID "id" "the membership's number" => |m| Cell::Num(m.id);
    PERSON "person" "the person's number" => |m| Cell::Num(m.person);
    GROUP "group" "the group's number" => |m| Cell::Num(m.group);
    SEAT "seat" "the seat's key in the group's template" => |m| Cell::text(&m.seat);
    FROM "from" "the first day" => |m| Cell::date(m.from);
    UNTIL "until" "the last day, if it has ended" => |m| Cell::opt_date(m.until);
    DELEGATE_OF "delegate_of" "the membership this one stands in for, if a delegate" => |m| {
        Cell::opt_num(m.delegate_of)
    };
});

table!(meetings: Meeting {
    ID "id" "the meeting's number" => |m| Cell::Num(m.id);
    GROUP "group" "the group's number" => |m| Cell::Num(m.group);
    DATE "date" "the day it was held" => |m| Cell::date(m.date);
    ATTENDEES "attendees" "a list of people's numbers" => |m| {
        Cell::Code(join_items(m.attendees.iter().map(u64::to_string)))
    };
    NOTES "notes" "free text" => |m| Cell::text(&m.notes);
});

table!(projects: Project {
    ID "id" "the project's number" => |p| Cell::Num(p.id);
    ESTABLISHMENT "establishment" "the establishment (its id)" => |p| Cell::text(&p.establishment);
    TITLE "title" "the title" => |p| Cell::text(&p.title);
    PROMOTER "promoter" "who carries it" => |p| Cell::text(&p.promoter);
    ELEMENTS "elements" "a list of fundamental elements: `drug_free_wing`, `urine_tests`, `other:<text>`" => |p| {
        Cell::Code(join_items(p.elements.iter().map(element_code)))
    };
});

table!(project_events: EventRow {
    PROJECT "project" "the project's number" => |e| Cell::Num(e.project);
    POSITION "position" "the step's place in the project's history, from 1" => |e| Cell::Num(e.position);
    DATE "date" "the day of the step" => |e| Cell::date(e.date);
    STEP "step" "the step (its code, below)" => |e| Cell::code(step_code(&e.step).0);
    CONDITIONS_OR_REASON "conditions_or_reason" "an authorisation's conditions or a refusal's reason" => |e| {
        Cell::text(step_code(&e.step).1)
    };
});

table!(training_needs: TrainingNeed {
    ID "id" "the need's number" => |n| Cell::Num(n.id);
    ESTABLISHMENT "establishment" "the establishment (its id)" => |n| Cell::text(&n.establishment);
    STAFF_GROUP "staff_group" "the staff group (its code)" => |n| Cell::code(n.staff_group.code());
    TOPIC "topic" "what the training is about" => |n| Cell::text(&n.topic);
    HEADCOUNT "headcount" "how many people need it" => |n| Cell::Num(u64::from(n.headcount));
    PRIORITY "priority" "the priority (its code)" => |n| Cell::code(n.priority.code());
    RAISED_ON "raised_on" "the day the need was raised" => |n| Cell::date(n.raised_on);
});

table!(training_sessions: TrainingSession {
    ID "id" "the session's number" => |s| Cell::Num(s.id);
    ESTABLISHMENT "establishment" "the establishment (its id)" => |s| Cell::text(&s.establishment);
    TOPIC "topic" "what it was about" => |s| Cell::text(&s.topic);
    DATE "date" "the day it was held" => |s| Cell::date(s.date);
    TRAINER "trainer" "who gave it" => |s| Cell::text(&s.trainer);
    PARTICIPANTS "participants" "how many took part" => |s| Cell::Num(u64::from(s.participants));
    COVERS "covers" "a list of the training needs' numbers it meets" => |s| {
        Cell::Code(join_items(s.covers.iter().map(u64::to_string)))
    };
});

table!(settings: Settings {
    ID "id" "the version's number" => |s| Cell::Num(s.id);
    EFFECTIVE_FROM "effective_from" "the date from which these thresholds apply (until the next version's)" => |s| Cell::date(s.effective_from);
    DORMANT_AFTER_MONTHS "dormant_after_months" "a group that has not met for this many months is dormant (1 to 60)" => |s| Cell::Num(u64::from(s.thresholds.dormant_after_months));
    OVERDUE_AFTER_DAYS "overdue_after_days" "a wait for the central group longer than this many days is overdue (1 to 3650)" => |s| Cell::Num(u64::from(s.thresholds.overdue_after_days));
    SEAT_LIMIT "seat_limit" "more seats than this is too many for one person (1 to 50)" => |s| Cell::Num(u64::from(s.thresholds.seat_limit));
    NOTE "note" "why they were set" => |s| Cell::text(&s.note);
});

table!(capb_services: Service {
    ID "id" "the member service's number" => |s| Cell::Num(s.id);
    NAME "name" "its name" => |s| Cell::text(&s.name);
    FIELDS "fields" "a list of its fields of action (codes)" => |s| {
        Cell::Code(join_items(s.fields.iter().map(|f| f.code().to_string())))
    };
    JOINED "joined" "the first day it is a member of the concertation" => |s| Cell::date(s.joined);
    LEFT "left" "its last day as a member, if it has left" => |s| Cell::opt_date(s.left);
    REPRESENTATIVES "representatives" "who represented it: a list of `person:from:until` (a person's number, then dates; `until` empty while it lasts)" => |s| {
        Cell::Code(join_items(s.representatives.iter().map(|r| {
            let until = r.until.map(|u| u.format("%Y-%m-%d").to_string()).unwrap_or_default();
            format!("{}:{}:{until}", r.person, r.from.format("%Y-%m-%d"))
        })))
    };
});

table!(capb_meetings: CapbMeeting {
    ID "id" "the meeting's number" => |m| Cell::Num(m.id);
    DATE "date" "the day it was held" => |m| Cell::date(m.date);
    AGENDA "agenda" "the agenda" => |m| Cell::text(&m.agenda);
    MINUTES "minutes" "the minutes, confidential: written only when a decision of the members released them, or with `export --internal`" => |m| Cell::text(&m.minutes);
    ATTENDANCE "attendance" "the member services present: a list of `service:person` (the person who came for it; `service` alone when not recorded)" => |m| {
        Cell::Code(join_items(m.attendance.iter().map(|a| match a.person {
            Some(p) => format!("{}:{p}", a.service),
            None => a.service.to_string(),
        })))
    };
    PROXIES "proxies" "the proxies given: a list of `giver:holder` (services' numbers)" => |m| {
        Cell::Code(join_items(m.proxies.iter().map(|p| format!("{}:{}", p.giver, p.holder))))
    };
    MINUTES_RELEASED_BY "minutes_released_by" "the motion whose adoption lets the minutes out of the concertation" => |m| Cell::opt_num(m.minutes_released_by);
});

table!(capb_motions: Motion {
    ID "id" "the motion's number" => |m| Cell::Num(m.id);
    MEETING "meeting" "the concertation meeting that voted it" => |m| Cell::Num(m.meeting);
    TEXT "text" "what was put to the vote" => |m| Cell::text(&m.text);
    BALLOTS "ballots" "each member's vote: a list of `service:vote`, the vote `for`, `against`, `abstain` or `absent` (a member absent without a proxy has no vote)" => |m| {
        Cell::Code(join_items(m.ballots.iter().map(|b| format!("{}:{}", b.service, b.vote.code()))))
    };
    RELEASES "releases" "what the motion, if adopted, lets out of the concertation and to whom: a list of `production:number:to` or `minutes:meeting:to`, `to` being `public` or the recipients' names joined by ` + `; empty for a motion that decides something else" => |m| {
        Cell::Code(join_items(m.releases.iter().map(crate::cli::transfer::cells::release_code)))
    };
});

table!(capb_rules: CapbRules {
    ID "id" "the version's number" => |r| Cell::Num(r.id);
    FROM "from" "the day from which the members' rules apply (until the next version's)" => |r| Cell::date(r.from);
    PROXY_CAP "proxy_cap" "how many absent members' proxies one member present may hold (1 to 10; empty: the default, one)" => |r| Cell::opt_num(r.proxy_cap.map(u64::from));
    QUORUM_PERCENT "quorum_percent" "the share of the members, present or represented, a vote needs, in percent (0 to 100; empty: the default, none)" => |r| Cell::opt_num(r.quorum_percent.map(u64::from));
    MAJORITY "majority" "what a majority is of: `votes_cast`, `members_present` or `all_members` (empty: the default, the votes cast)" => |r| Cell::Code(r.majority.map(|m| m.code().to_string()).unwrap_or_default());
    NOTE "note" "the members' decision, in their words" => |r| Cell::text(&r.note);
});

table!(capb_productions: Production {
    ID "id" "the production's number" => |p| Cell::Num(p.id);
    TITLE "title" "its title" => |p| Cell::text(&p.title);
    KIND "kind" "`text`, `article`, `publication`, `intervention` or `interpellation`" => |p| Cell::code(p.kind.code());
    DRAFTED "drafted" "the day it was drafted" => |p| Cell::date(p.drafted);
    DECISION "decision" "the motion whose adoption decided its dissemination" => |p| Cell::opt_num(p.decision);
    DISSEMINATED_ON "disseminated_on" "the day it went out, if it has" => |p| Cell::opt_date(p.disseminated.as_ref().map(|d| d.date));
    DISSEMINATED_TO "disseminated_to" "to whom" => |p| Cell::text(p.disseminated.as_ref().map_or("", |d| d.to.as_str()));
});

/// Columns added after files were first written: a file without one still imports, the
/// column read as empty.
pub fn added_later(kind: FileKind, column: &str) -> bool {
    let later: [(FileKind, &str); 3] = [
        (FileKind::Establishments, establishments::COVERAGE.name),
        (FileKind::Establishments, establishments::COORDINATOR.name),
        (FileKind::CapbMotions, capb_motions::RELEASES.name),
    ];
    later.contains(&(kind, column))
}

/// A file's columns, by name and with what they hold, in their order.
pub fn of(kind: FileKind) -> Vec<(&'static str, &'static str)> {
    fn pairs<T>(columns: &[Column<T>]) -> Vec<(&'static str, &'static str)> {
        columns.iter().map(|c| (c.name, c.about)).collect()
    }
    match kind {
        FileKind::Establishments => pairs(establishments::ALL),
        FileKind::People => pairs(people::ALL),
        FileKind::Groups => pairs(groups::ALL),
        FileKind::Templates => pairs(templates::ALL),
        FileKind::TemplateSeats => pairs(template_seats::ALL),
        FileKind::Memberships => pairs(memberships::ALL),
        FileKind::Meetings => pairs(meetings::ALL),
        FileKind::Projects => pairs(projects::ALL),
        FileKind::ProjectEvents => pairs(project_events::ALL),
        FileKind::TrainingNeeds => pairs(training_needs::ALL),
        FileKind::TrainingSessions => pairs(training_sessions::ALL),
        FileKind::Settings => pairs(settings::ALL),
        FileKind::CapbServices => pairs(capb_services::ALL),
        FileKind::CapbMeetings => pairs(capb_meetings::ALL),
        FileKind::CapbMotions => pairs(capb_motions::ALL),
        FileKind::CapbProductions => pairs(capb_productions::ALL),
        FileKind::CapbRules => pairs(capb_rules::ALL),
    }
}

/// A file's column names, in their order.
pub fn names(kind: FileKind) -> Vec<&'static str> {
    of(kind).into_iter().map(|(name, _)| name).collect()
}

/// The format's documentation, as `docs/export-format.md` holds it: every file, every column.
pub fn documentation() -> String {
    let mut out = String::from(
        "# The files of an export\n\n\
         Written by `pilotage export DIR` and read by `pilotage import DIR`, one file per record \
         kind, as CSV (`;`, UTF-8 with a BOM, a first line `# CONFIDENTIAL …` that import skips, then \
         the header; dates as `yyyy-mm-dd`, lists joined with `|`) or \
         JSON (`{\"confidential\": …, \"schema\": 1, \"records\": [{column: value, …}]}`). \
         Import also takes `,` or tabs, `dd/mm/yyyy` dates and the columns in any order.\n\n\
         This page is made from the program's own table of columns \
         (`src/cli/transfer/columns.rs`); a test keeps the two the same.\n",
    );
    for kind in FileKind::ALL {
        out.push_str(&format!("\n## `{}`\n\n| column | holds |\n|---|---|\n", kind.stem()));
        for (name, about) in of(kind) {
            out.push_str(&format!("| `{name}` | {about} |\n"));
        }
    }
    out.push_str("\n## Codes\n\nWhat a column of codes takes (in any case):\n\n");
    use crate::domain::concertation::{ActionField, ProductionKind, Vote};
    let codes: [(&str, Vec<&str>); 9] = [
        ("kind of establishment", EstablishmentKind::ALL.iter().map(|k| k.code()).collect()),
        ("qualification", Qualification::ALL.iter().map(|q| q.code()).collect()),
        ("staff group", StaffGroup::ALL.iter().map(|g| g.code()).collect()),
        ("priority", Priority::ALL.iter().map(|p| p.code()).collect()),
        ("group kind", GROUP_KINDS.iter().map(|k| group_kind_code(*k)).collect()),
        ("project step", STEP_CODES.to_vec()),
        ("field of action (concertation)", ActionField::ALL.iter().map(|f| f.code()).collect()),
        ("vote", Vote::ALL.iter().map(|v| v.code()).collect()),
        ("kind of production", ProductionKind::ALL.iter().map(|k| k.code()).collect()),
    ];
    for (what, codes) in codes {
        let codes: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
        out.push_str(&format!("- {what}: {}\n", codes.join(", ")));
    }
    out
}

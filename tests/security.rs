//! The server attacked as a member of the socket's group would attack it (issue 23): a raw
//! client written against `src/wire.rs`, not the app, connecting under other uids, asking
//! every kind of request as each role, naming ids it should not know, sending sizes it should
//! not, and handshakes that never end. And a lying server, against the client.
//!
//! Connecting as another uid needs root (CI runs as root): a thread takes the uid for itself
//! alone (`setresuid` through the raw system call, which changes only the calling thread),
//! connects, and the socket keeps the credentials it connected with. Without root, each test
//! says SKIPPED and returns.

// A test that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]
// An attack reads as one story, step after step through every way in, and stays whole.
#![allow(clippy::too_many_lines)]

mod common;

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use pilotage::domain::access::Refusal;
use pilotage::domain::project::{ProjectEvent, ProjectStep};
use pilotage::domain::{
    Change, Dataset, Group, GroupKind, Meeting, Membership, Person, Problem, Project, Record, RecordKey,
    RecordKind,
};
use pilotage::wire::{self, Answer, Hello, Op, Reply, Status, ToClient, ToServer};

const BIN: &str = env!("CARGO_BIN_EXE_pilotage");
const ARLON_STAFF: u32 = 4242;
const LANTIN_STAFF: u32 = 4343;
const OBSERVER: u32 = 4444;
/// The group every test account is in: the socket's group, as `pilotage-users` is in a
/// deployment.
const GROUP: u32 = 4200;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `None`, said, when the test cannot run here.
fn need_root(test: &str) -> Option<()> {
    if common::is_root() {
        Some(())
    } else {
        eprintln!("SKIPPED: {test} connects under other uids, which needs root; it did not run");
        None
    }
}

/// A server on a store holding the demo data, with three accounts granted: staff of Arlon,
/// staff of Lantin, an observer. Killed when dropped.
struct Served {
    child: Child,
    db: PathBuf,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Served {
    fn start(extra: &[&str], env: &[(&str, &str)]) -> Served {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
        let db = dir.path().join("store");
        let store =
            pilotage::store::Store::open(&db, || pilotage::demo::demo_dataset(day(2026, 11, 23))).unwrap();
        drop(store);
        let socket = dir.path().join("s.sock");
        let mut command = Command::new(BIN);
        command.args([
            "--db",
            db.to_str().unwrap(),
            "--socket",
            socket.to_str().unwrap(),
            "--keep-backups",
            "0",
        ]);
        command.args(extra).arg("serve");
        command.envs(env.iter().copied()).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        let child = command.spawn().unwrap();
        let served = Served { child, db, socket, _dir: dir };
        let start = Instant::now();
        while UnixStream::connect(&served.socket).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "the server never listened");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::os::unix::fs::chown(&served.socket, None, Some(GROUP)).unwrap();
        for (uid, role) in [
            (ARLON_STAFF, &["--role", "staff", "--establishment", "arlon"][..]),
            (LANTIN_STAFF, &["--role", "staff", "--establishment", "lantin"][..]),
            (OBSERVER, &["--role", "observer"][..]),
        ] {
            let out = served.command(&[&["users", "grant", &uid.to_string()][..], role].concat());
            assert!(out.status.success(), "grant {uid}: {out:?}");
        }
        served
    }

    /// `pilotage --socket S ARGS`, as root (the store's owner, its first coordinator).
    fn command(&self, args: &[&str]) -> std::process::Output {
        Command::new(BIN)
            .args(["--socket", self.socket.to_str().unwrap(), "--keep-backups", "0"])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("PILOTAGE_DB")
            .output()
            .unwrap()
    }
}

impl Served {
    /// `pilotage --socket S ARGS` run as `uid` (in the tests' group), as that person would.
    fn command_as(&self, uid: u32, args: &[&str]) -> std::process::Output {
        use std::os::unix::process::CommandExt;
        Command::new(BIN)
            .args(["--socket", self.socket.to_str().unwrap(), "--keep-backups", "0"])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("HOME", "/nonexistent")
            .env_remove("LC_ALL")
            .env_remove("PILOTAGE_DB")
            .uid(uid)
            .gid(GROUP)
            .output()
            .unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A connection made by a thread running as `uid` (and the tests' group) for itself alone.
fn connect_as(socket: &Path, uid: u32) -> std::io::Result<UnixStream> {
    common::connect_as(socket, uid, GROUP)
}

/// A client written against the wire module only.
struct Raw {
    stream: UnixStream,
    next: u64,
}

impl Raw {
    fn hello(mut stream: UnixStream, session: u64) -> (UnixStream, Answer) {
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        wire::write_frame(&mut stream, &Hello::new(session).encode()).unwrap();
        let answer =
            Answer::decode(&wire::read_frame(&mut stream, wire::MAX_HELLO).unwrap().unwrap()).unwrap();
        (stream, answer)
    }

    /// Connected as `uid` (0: root, the coordinator) and welcomed.
    fn as_uid(socket: &Path, uid: u32, session: u64) -> Raw {
        let stream =
            if uid == 0 { UnixStream::connect(socket).unwrap() } else { connect_as(socket, uid).unwrap() };
        let (stream, answer) = Raw::hello(stream, session);
        assert_eq!(answer.status, Status::Welcome, "uid {uid}: {}", answer.text);
        Raw { stream, next: 1 }
    }

    fn send(&mut self, id: u64, op: Op) {
        wire::write_frame(&mut self.stream, &ToServer::Request { id, op }.encode()).unwrap();
    }

    /// The reply to request `id`, what was pushed meanwhile set aside; a load's snapshot with it.
    fn reply(&mut self, id: u64) -> (Reply, Option<Vec<u8>>) {
        loop {
            let frame = wire::read_frame(&mut self.stream, wire::MAX_ANSWER).unwrap().expect("an answer");
            match ToClient::decode(&frame).unwrap() {
                ToClient::Reply { id: got, reply } if got == id => {
                    let snapshot = matches!(reply, Reply::Loaded { .. })
                        .then(|| wire::read_frame(&mut self.stream, wire::MAX_ANSWER).unwrap().unwrap());
                    return (reply, snapshot);
                }
                _ => {}
            }
        }
    }

    fn ask_id(&mut self, id: u64, op: Op) -> Reply {
        self.send(id, op);
        self.reply(id).0
    }

    fn ask(&mut self, op: Op) -> Reply {
        let id = self.next;
        self.next += 1;
        self.ask_id(id, op)
    }

    fn load(&mut self) -> (Dataset, u64) {
        let id = self.next;
        self.next += 1;
        self.send(id, Op::Load);
        match self.reply(id) {
            (Reply::Loaded { next_id }, Some(snapshot)) => {
                (pilotage::store::codec::decode_dataset(&snapshot).unwrap(), next_id)
            }
            other => panic!("{:?}", other.0),
        }
    }

    fn commit(&mut self, changes: &[Change]) -> Reply {
        self.ask(Op::Commit { changes: wire::wire_changes(changes), bases: None })
    }

    fn history(&mut self, key: &RecordKey) -> Reply {
        self.ask(Op::History { record: key.to_string() })
    }

    /// What is pushed within `wait`.
    fn pushed(&mut self, wait: Duration) -> Vec<Change> {
        self.stream.set_read_timeout(Some(wait)).unwrap();
        let mut changes = Vec::new();
        while let Ok(Some(frame)) = wire::read_frame(&mut self.stream, wire::MAX_ANSWER) {
            if let Ok(ToClient::Pushed { changes: c, .. }) = ToClient::decode(&frame) {
                changes.extend(wire::changes_of(&c).unwrap());
            }
        }
        self.stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        changes
    }
}

fn refusal(reply: Reply) -> Refusal {
    match reply {
        Reply::Refused { refusal } => refusal,
        other => panic!("not refused: {other:?}"),
    }
}

fn local_group(data: &Dataset, establishment: &str) -> u64 {
    data.groups.values().find(|g| g.establishment.as_deref() == Some(establishment)).unwrap().id
}

/// Issue 23, 1: a replayed answer is its own account's, and only a write's.
#[test]
fn a_retry_is_answered_for_its_own_account_and_only_for_a_write() {
    let Some(()) = need_root("a_retry_is_answered_for_its_own_account_and_only_for_a_write") else { return };
    let served = Served::start(&[], &[]);
    // The coordinator's backup, under session 77, request 5.
    let mut coordinator = Raw::as_uid(&served.socket, 0, 77);
    assert!(matches!(coordinator.ask_id(5, Op::Backup), Reply::Backup { .. }));
    // Staff naming the same session and id get their own answer: a refusal.
    let mut staff = Raw::as_uid(&served.socket, ARLON_STAFF, 77);
    assert_eq!(refusal(staff.ask_id(5, Op::Backup)), Refusal::NotYoursToRead);
    // A write answered to the coordinator is not another account's answer either.
    let (seen, next) = Raw::as_uid(&served.socket, ARLON_STAFF, 78).load();
    let mut coordinator = Raw::as_uid(&served.socket, 0, 78);
    let change = |id, name| vec![Change::Put(Record::Person(common::person(id, name)))];
    assert_eq!(
        coordinator.ask_id(
            1,
            Op::Commit { changes: wire::wire_changes(&change(next, "Coordinator's")), bases: None }
        ),
        Reply::Committed
    );
    let mut staff = Raw::as_uid(&served.socket, ARLON_STAFF, 78);
    let theirs = Op::Commit { changes: wire::wire_changes(&change(next + 1, "Staff's own")), bases: None };
    assert_eq!(staff.ask_id(1, theirs), Reply::Committed);
    let (all, _) = coordinator.load();
    assert_eq!(
        all.people[&(next + 1)].name,
        "Staff's own",
        "the staff's write was done, not answered from the cache"
    );
    drop(seen);
    // A read is answered afresh: the same id asks again and sees what changed since.
    let mut reader = Raw::as_uid(&served.socket, 0, 79);
    let Reply::History { entries: before } = reader.ask_id(3, Op::Trail) else { panic!() };
    coordinator.commit(&change(next + 2, "Later"));
    let Reply::History { entries: after } = reader.ask_id(3, Op::Trail) else { panic!() };
    assert_eq!(after.len(), before.len() + 1, "a read is never replayed");
}

/// Issue 23, 2: a reference to a record staff do not see is refused exactly as one to a
/// record that does not exist, naming no id; nothing becomes visible because staff pointed at
/// it; and no number staff do not see can be sieved.
#[test]
fn a_record_staff_do_not_see_is_refused_as_one_that_does_not_exist() {
    let Some(()) = need_root("a_record_staff_do_not_see_is_refused_as_one_that_does_not_exist") else {
        return;
    };
    let served = Served::start(&[], &[]);
    let (all, _) = Raw::as_uid(&served.socket, 0, 1).load();
    let mut staff = Raw::as_uid(&served.socket, ARLON_STAFF, 2);
    let (seen, next) = staff.load();
    let group = local_group(&seen, "arlon");
    let hidden = *all.people.keys().find(|p| !seen.people.contains_key(p)).unwrap();
    let missing = next + 1_000_000;
    let meeting = |id, attendee| Meeting {
        id,
        group,
        date: day(2026, 11, 20),
        attendees: vec![attendee],
        notes: String::new(),
    };
    let with_hidden = refusal(staff.commit(&[Change::Put(Record::Meeting(meeting(next, hidden)))]));
    let with_missing = refusal(staff.commit(&[Change::Put(Record::Meeting(meeting(next, missing)))]));
    assert_eq!(with_hidden, with_missing, "the same refusal for a person unseen and one that does not exist");
    let Refusal::Rule(v) = &with_hidden else { panic!("{with_hidden:?}") };
    assert_eq!(v.problem, Problem::Missing { kind: RecordKind::Person, key: None }, "no id named");
    let words = pilotage::i18n::refusal(pilotage::i18n::Lang::En, &with_hidden);
    assert!(!words.contains(&hidden.to_string()), "{words}");
    // A sieve through every id learns nothing: every refusal is the same.
    for id in (1..next.min(400)).chain([missing]) {
        if seen.people.contains_key(&id) {
            continue;
        }
        let refused = refusal(staff.commit(&[Change::Put(Record::Meeting(meeting(next, id)))]));
        assert_eq!(refused, with_missing, "attendee {id}");
    }
    // A delegate, likewise.
    let appointed = seen.people.keys().next().copied().unwrap();
    let delegate = Membership {
        id: next,
        person: appointed,
        group,
        seat: "doctor".into(),
        from: day(2026, 1, 1),
        until: None,
        delegate_of: Some(hidden),
    };
    assert_eq!(
        refusal(staff.commit(&[Change::Put(Record::Membership(delegate))])).clone(),
        Refusal::Rule(pilotage::domain::Violation {
            record: RecordKey::Id(RecordKind::Membership, next),
            problem: Problem::Missing { kind: RecordKind::Person, key: None }
        })
    );
    // Nothing became visible by being pointed at.
    assert_eq!(staff.load().0.people.len(), seen.people.len());
    // A number in use by an unseen record and one in use by none are alike, as new records,
    // deletions and histories.
    let gap = (1..next)
        .find(|id| !all.contains(&RecordKey::Id(RecordKind::Person, *id)) && !all.people.contains_key(id))
        .unwrap();
    for id in [hidden, gap] {
        assert_eq!(
            refusal(staff.commit(&[Change::Put(Record::Person(common::person(id, "Mine now")))])),
            Refusal::NumberTaken { next }
        );
        assert_eq!(
            refusal(staff.commit(&[Change::Delete(RecordKey::Id(RecordKind::Person, id))])),
            Refusal::NoSuchRecord
        );
        assert_eq!(refusal(staff.history(&RecordKey::Id(RecordKind::Person, id))), Refusal::NoSuchRecord);
    }
    let andenne_project =
        *all.projects.values().find(|p| p.establishment == "andenne").map(|p| &p.id).unwrap();
    assert_eq!(
        refusal(staff.commit(&[Change::Delete(RecordKey::Id(RecordKind::Project, andenne_project))])),
        Refusal::NoSuchRecord
    );
    assert_eq!(
        refusal(staff.commit(&[Change::Delete(RecordKey::Id(RecordKind::Project, missing))])),
        Refusal::NoSuchRecord
    );
    assert_eq!(all.people[&hidden], Raw::as_uid(&served.socket, 0, 3).load().0.people[&hidden], "unchanged");
}

/// Issue 23, 3: history and the trail are cut to what the role could see; a deleted record's
/// history is the coordinator's; pushes carry only what the role sees.
#[test]
fn history_trail_and_pushes_are_cut_to_the_role() {
    let Some(()) = need_root("history_trail_and_pushes_are_cut_to_the_role") else { return };
    let served = Served::start(&[], &[]);
    let mut coordinator = Raw::as_uid(&served.socket, 0, 1);
    let (all, next) = coordinator.load();
    // Created and deleted by the coordinator: nobody else reads of it.
    let secret = RecordKey::Id(RecordKind::Person, next);
    assert_eq!(
        coordinator.commit(&[Change::Put(Record::Person(common::person(next, "Secret Informant")))]),
        Reply::Committed
    );
    assert_eq!(coordinator.commit(&[Change::Delete(secret.clone())]), Reply::Committed);
    let mut arlon = Raw::as_uid(&served.socket, ARLON_STAFF, 2);
    let mut observer = Raw::as_uid(&served.socket, OBSERVER, 3);
    assert_eq!(refusal(arlon.history(&secret)), Refusal::NoSuchRecord);
    assert_eq!(refusal(observer.history(&secret)), Refusal::NoSuchRecord);
    let Reply::History { entries } = coordinator.history(&secret) else { panic!() };
    assert_eq!(entries.len(), 2);
    // Another prison's project: as if there were none.
    let andenne = all.projects.values().find(|p| p.establishment == "andenne").unwrap().id;
    assert_eq!(refusal(arlon.history(&RecordKey::Id(RecordKind::Project, andenne))), Refusal::NoSuchRecord);
    // Someone of Andenne's group, appointed to Arlon's later: Arlon's staff read the lines
    // from when they could see them, not before.
    let (seen, _) = arlon.load();
    let moved = all
        .memberships
        .values()
        .find(|m| m.group == local_group(&all, "andenne") && !seen.people.contains_key(&m.person))
        .unwrap()
        .person;
    let key = RecordKey::Id(RecordKind::Person, moved);
    let renamed =
        |name: &str| Change::Put(Record::Person(Person { name: name.into(), ..all.people[&moved].clone() }));
    assert_eq!(coordinator.commit(&[renamed("Renamed while at Andenne")]), Reply::Committed);
    let appointment = Membership {
        id: next + 1,
        person: moved,
        group: local_group(&all, "arlon"),
        seat: "doctor".into(),
        from: day(2026, 11, 1),
        until: None,
        delegate_of: None,
    };
    assert_eq!(coordinator.commit(&[Change::Put(Record::Membership(appointment))]), Reply::Committed);
    assert_eq!(coordinator.commit(&[renamed("Renamed at Arlon")]), Reply::Committed);
    let Reply::History { entries } = arlon.history(&key) else { panic!() };
    assert_eq!(
        entries.iter().map(|e| e.summary.as_str()).collect::<Vec<_>>(),
        vec!["Renamed at Arlon"],
        "{entries:?}"
    );
    // The whole trail: not staff's; an observer's has no account in it.
    assert_eq!(refusal(arlon.ask(Op::Trail)), Refusal::NotYoursToRead);
    let Reply::History { entries } = observer.ask(Op::Trail) else { panic!() };
    assert!(entries.iter().all(|e| !e.record.starts_with("account:")), "no account in an observer's trail");
    // Pushes: a grant reaches no observer; a change of Andenne's reaches no Arlon staff.
    let mut observer = Raw::as_uid(&served.socket, OBSERVER, 4);
    let mut arlon = Raw::as_uid(&served.socket, ARLON_STAFF, 5);
    assert!(served.command(&["users", "grant", "4545", "--role", "observer"]).status.success());
    let mut andenne_project = all.projects[&andenne].clone();
    andenne_project.title = "Changed at Andenne".into();
    assert_eq!(coordinator.commit(&[Change::Put(Record::Project(andenne_project))]), Reply::Committed);
    assert!(
        observer.pushed(Duration::from_millis(800)).iter().all(|c| c.key().kind() != RecordKind::Account)
    );
    let to_arlon = arlon.pushed(Duration::from_millis(800));
    assert!(to_arlon.iter().all(|c| c.key() != RecordKey::Id(RecordKind::Project, andenne)), "{to_arlon:?}");
    let (observed, _) = observer.load();
    assert!(observed.accounts.is_empty());
}

/// Issue 23, 4 and 5: past its submission a project is the central group's; staff make only
/// their own establishments' local groups.
#[test]
fn staff_change_only_what_is_theirs() {
    let Some(()) = need_root("staff_change_only_what_is_theirs") else { return };
    let served = Served::start(&[], &[]);
    let mut coordinator = Raw::as_uid(&served.socket, 0, 1);
    let (_, next) = coordinator.load();
    let project = |id, steps: &[ProjectStep]| Project {
        id,
        establishment: "arlon".into(),
        title: format!("Project {id}"),
        promoter: String::new(),
        elements: vec![pilotage::domain::FundamentalElement::UrineTests],
        history: steps
            .iter()
            .enumerate()
            .map(|(i, s)| ProjectEvent { date: day(2025, 1, 1 + i as u32), step: s.clone() })
            .collect(),
    };
    let authorised = project(
        next,
        &[ProjectStep::Draft, ProjectStep::Submitted, ProjectStep::Authorised { conditions: String::new() }],
    );
    let submitted = project(next + 1, &[ProjectStep::Draft, ProjectStep::Submitted]);
    let draft = project(next + 2, &[ProjectStep::Draft]);
    for p in [&authorised, &submitted, &draft] {
        assert_eq!(coordinator.commit(&[Change::Put(Record::Project(p.clone()))]), Reply::Committed);
    }
    let mut staff = Raw::as_uid(&served.socket, ARLON_STAFF, 2);
    let (_, floor) = staff.load();
    let key = |id| RecordKey::Id(RecordKind::Project, id);
    assert_eq!(refusal(staff.commit(&[Change::Delete(key(authorised.id))])), Refusal::CentralDecides);
    assert_eq!(refusal(staff.commit(&[Change::Delete(key(submitted.id))])), Refusal::CentralDecides);
    let back_to_draft = Project {
        history: vec![ProjectEvent { date: day(2025, 1, 1), step: ProjectStep::Draft }],
        ..authorised.clone()
    };
    assert_eq!(
        refusal(staff.commit(&[Change::Put(Record::Project(back_to_draft))])),
        Refusal::CentralDecides
    );
    assert_eq!(staff.commit(&[Change::Delete(key(draft.id))]), Reply::Committed, "a draft is theirs");
    // Groups: their own establishments' local groups only.
    let before = served.command(&["check"]).stdout;
    let group = |id, kind, establishment: &str| {
        Record::Group(Group {
            id,
            kind,
            establishment: Some(establishment.into()),
            created: Some(day(2026, 1, 1)),
            dissolved: None,
        })
    };
    assert_eq!(
        refusal(staff.commit(&[Change::Put(group(floor, GroupKind::Central, "arlon"))])),
        Refusal::NotYours
    );
    assert_eq!(
        refusal(staff.commit(&[Change::Put(group(floor, GroupKind::Local, "andenne"))])),
        Refusal::NotYours
    );
    assert_eq!(
        refusal(staff.commit(&[Change::Put(group(floor, GroupKind::Local, "no-such-prison"))])),
        Refusal::NotYours
    );
    assert_eq!(served.command(&["check"]).stdout, before, "nothing a refused write could change");
    let (all, _) = coordinator.load();
    for record in [
        all.templates.values().next().cloned().map(Record::Template).unwrap(),
        all.establishments.get("arlon").cloned().map(Record::Establishment).unwrap(),
        all.groups.values().find(|g| g.kind == GroupKind::Central).cloned().map(Record::Group).unwrap(),
        all.accounts.values().next().cloned().map(Record::Account).unwrap(),
    ] {
        assert_eq!(
            refusal(staff.commit(&[Change::Put(record.clone())])),
            Refusal::NotYours,
            "{:?}",
            record.key()
        );
    }
    assert_eq!(
        staff.commit(&[Change::Put(group(floor, GroupKind::Local, "arlon"))]),
        Reply::Committed,
        "their own"
    );
    // An observer changes nothing.
    let mut observer = Raw::as_uid(&served.socket, OBSERVER, 3);
    assert_eq!(
        refusal(observer.commit(&[Change::Put(Record::Person(common::person(floor + 5, "X")))])),
        Refusal::ReadOnly
    );
}

/// Issue 23, 6: one door. Every case the import refuses is refused through the server too,
/// and a store that holds one anyway (written before the door) prints none of it raw.
#[test]
fn every_way_in_refuses_what_the_door_refuses() {
    let Some(()) = need_root("every_way_in_refuses_what_the_door_refuses") else { return };
    let served = Served::start(&[], &[]);
    let mut coordinator = Raw::as_uid(&served.socket, 0, 1);
    let (all, next) = coordinator.load();
    let group = local_group(&all, "arlon");
    let cases: Vec<(&str, Record)> = vec![
        ("a window title in a name", Record::Person(common::person(next, "A\u{1b}]0;pwned\u{7}B"))),
        ("a clipboard write in a name", Record::Person(common::person(next, "A\u{1b}]52;c;cHduZWQ=\u{7}"))),
        ("a national register number in a name", Record::Person(common::person(next, "NN 85.07.30-033.28"))),
        ("an id no store can follow", Record::Person(common::person(u64::MAX, "Max"))),
        (
            "a national register number in meeting notes",
            Record::Meeting(Meeting {
                id: next,
                group,
                date: day(2026, 1, 5),
                attendees: vec![],
                notes: "about 85073003328".into(),
            }),
        ),
        (
            "the year 0000",
            Record::Meeting(Meeting {
                id: next,
                group,
                date: day(0, 1, 5),
                attendees: vec![],
                notes: String::new(),
            }),
        ),
    ];
    for (what, record) in &cases {
        // Through the server, as a raw client sends it.
        let refused = refusal(coordinator.commit(&[Change::Put(record.clone())]));
        assert!(matches!(refused, Refusal::Inadmissible(_)), "{what}: {refused:?}");
        // Through import, as a file carries it.
        let dir = tempfile::tempdir().unwrap();
        let mut data = all.clone();
        data.put(record.clone());
        pilotage::cli::transfer::export(
            &data,
            dir.path(),
            pilotage::cli::transfer::Format::Json,
            pilotage::cli::transfer::Audience::Internal,
        )
        .unwrap();
        let file = dir.path().join(if record.kind() == RecordKind::Person {
            "people.json"
        } else {
            "meetings.json"
        });
        let out = served.command(&["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(5), "{what}: {out:?}");
        let dry = served.command(&["import", "--dry-run", file.to_str().unwrap()]);
        assert_eq!(dry.status.code(), Some(5), "{what}, dry run: {dry:?}");
    }
    let (after, _) = coordinator.load();
    assert_eq!(after, all, "nothing got in");
}

/// Issue 23, 6 and 15: what an older store holds raw is printed without its control characters.
#[test]
fn the_log_prints_no_escape_sequence() {
    let (_tmp, db) = common::store_dir();
    {
        let store = pilotage::store::Store::open(&db, Dataset::default).unwrap();
        // Written under the door, as a store of an older version may hold it.
        store
            .commit(
                &[Change::Put(Record::Person(common::person(900_900, "A\u{1b}]52;c;cHduZWQ=\u{7}B")))],
                &[],
                "t",
            )
            .unwrap();
    }
    let out = common::run(&db, &["log", "--record", "person"]);
    assert!(out.status.success(), "{out:?}");
    assert!(!out.stdout.contains(&0x1b), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("A ]52;c;cHduZWQ= B"));
}

/// Issue 23, 7: a handshake that never ends is let go, whole, within its deadline; an account
/// past its connections is told so; frames over the role's size, or stalled, are let go; and
/// a legitimate client is served throughout.
#[test]
fn strangers_are_bounded_and_everyone_else_is_served() {
    let Some(()) = need_root("strangers_are_bounded_and_everyone_else_is_served") else { return };
    let served = Served::start(&[], &[("PILOTAGE_TEST_FRAME_DEADLINE_MS", "1500")]);
    // A byte a second, never a whole hello: let go after the handshake's 5 s, not kept by
    // each byte coming in time.
    let mut slow = connect_as(&served.socket, ARLON_STAFF).unwrap();
    let start = Instant::now();
    let closed = loop {
        if slow.write_all(b"P").is_err() {
            break start.elapsed();
        }
        slow.set_read_timeout(Some(Duration::from_millis(900))).unwrap();
        let mut byte = [0u8; 1];
        if matches!(slow.read(&mut byte), Ok(0)) {
            break start.elapsed();
        }
        assert!(start.elapsed() < Duration::from_secs(15), "the slow handshake is still open");
    };
    assert!(closed < Duration::from_secs(8), "let go after {closed:?}");
    // Past the cap for one account: said at once; another account still gets in.
    let mut held = Vec::new();
    for _ in 0..pilotage::server::MAX_CONNECTIONS_PER_ACCOUNT {
        held.push(Raw::as_uid(&served.socket, LANTIN_STAFF, 9));
    }
    // Said at once, before any hello: the server reads nothing from a connection past its cap.
    let mut over = connect_as(&served.socket, LANTIN_STAFF).unwrap();
    over.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let answer = Answer::decode(&wire::read_frame(&mut over, wire::MAX_HELLO).unwrap().unwrap()).unwrap();
    assert_eq!(answer.status, Status::Busy);
    let mut coordinator = Raw::as_uid(&served.socket, 0, 1);
    assert!(!coordinator.load().0.people.is_empty(), "the coordinator is served");
    drop(held);
    // A frame larger than the role may send: let go before it is read.
    let mut observer = Raw::as_uid(&served.socket, OBSERVER, 2);
    observer.stream.write_all(&(63u32 << 20).to_be_bytes()).unwrap();
    assert!(matches!(wire::read_frame(&mut observer.stream, wire::MAX_ANSWER), Ok(None) | Err(_)), "dropped");
    // A frame begun and stalled: let go at the frame's deadline.
    let mut staff = Raw::as_uid(&served.socket, ARLON_STAFF, 3);
    staff.stream.write_all(&(3u32 << 20).to_be_bytes()).unwrap();
    staff.stream.write_all(&vec![0u8; 100_000]).unwrap();
    let start = Instant::now();
    assert!(matches!(wire::read_frame(&mut staff.stream, wire::MAX_ANSWER), Ok(None) | Err(_)), "dropped");
    assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
    // Clients that ask for loads and never read: the others are served meanwhile.
    let mut loaders = Vec::new();
    for _ in 0..pilotage::server::MAX_CONNECTIONS_PER_ACCOUNT {
        let mut raw = Raw::as_uid(&served.socket, OBSERVER, 4);
        for id in 0..50 {
            raw.send(id, Op::Load);
        }
        loaders.push(raw);
    }
    let start = Instant::now();
    assert!(!coordinator.load().0.people.is_empty());
    let users = served.command(&["users"]);
    assert!(users.status.success(), "{users:?}");
    assert!(start.elapsed() < Duration::from_secs(10), "served in {:?}", start.elapsed());
    drop(loaders);
}

/// Issue 23, 9, 11 and 12: a command says what it touches.
#[test]
fn commands_through_a_server_say_what_they_touch() {
    let Some(()) = need_root("commands_through_a_server_say_what_they_touch") else { return };
    let served = Served::start(&[], &[]);
    let (_other_dir, other) = common::store_dir();
    // --db naming another store than the server's: refused, both paths said.
    let file = tempfile::tempdir().unwrap();
    let people = file.path().join("people.csv");
    std::fs::write(&people, "id;name;function;organisation;qualifications;contact\n990000;Imported;;;;\n")
        .unwrap();
    let out = served.command(&["--db", other.to_str().unwrap(), "import", people.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    let served_at = served.db.canonicalize().unwrap().display().to_string();
    assert!(said.contains(other.to_str().unwrap()) && said.contains(&served_at), "{said}");
    let mut coordinator = Raw::as_uid(&served.socket, 0, 1);
    assert!(!coordinator.load().0.people.contains_key(&990_000), "nothing written to the server's store");
    // Its own store, named: fine.
    let same = served.command(&["--db", served.db.to_str().unwrap(), "report"]);
    assert!(same.status.success(), "{same:?}");
    // A named socket nobody answers on is an error, never a private store of one's own.
    let nowhere = file.path().join("none.sock");
    let out = Command::new(BIN)
        .args(["check"])
        .env("PILOTAGE_SOCKET", &nowhere)
        .env("HOME", file.path())
        .env("XDG_DATA_HOME", file.path())
        .env_remove("PILOTAGE_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no server at"), "{out:?}");
    assert!(!file.path().join("pilotage").exists(), "no store made");
    // An empty PILOTAGE_SOCKET= is no socket: the store named is opened.
    let out = Command::new(BIN)
        .args(["--db", other.to_str().unwrap(), "check"])
        .env("PILOTAGE_SOCKET", "")
        .env_remove("PILOTAGE_DB")
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    // Read-only refuses a grant, directly and through the server.
    let out = served.command(&["--read-only", "users", "grant", "4646", "--role", "observer"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // A backup over the store's own files, through the server: refused, the store intact.
    let target = served.db.join("db");
    let out = served.command(&["backup", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside the store"));
    assert!(!std::fs::read(&target).unwrap().starts_with(b"PILOTAGE-BACKUP"), "the store's file is its own");
    assert!(served.command(&["check"]).status.code().is_some_and(|c| c <= 1), "and the store opens");
    let backup = file.path().join("ok.backup");
    assert!(served.command(&["backup", backup.to_str().unwrap()]).status.success());
    assert!(pilotage::store::codec::decode_backup(&std::fs::read(&backup).unwrap()).is_ok());
}

/// Issue 23, 11: a read-only server refuses every write, whoever asks.
#[test]
fn a_read_only_server_changes_nothing() {
    let Some(()) = need_root("a_read_only_server_changes_nothing") else { return };
    // Grants first, on a server that writes; then the same store served read-only.
    let mut served = Served::start(&[], &[]);
    let _ = served.child.kill();
    let _ = served.child.wait();
    let _ = std::fs::remove_file(&served.socket);
    served.child = Command::new(BIN)
        .args([
            "--db",
            served.db.to_str().unwrap(),
            "--socket",
            served.socket.to_str().unwrap(),
            "--read-only",
            "serve",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while UnixStream::connect(&served.socket).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = served.command(&["users", "grant", "4747", "--role", "observer"]);
    assert!(!out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Read-only"), "{out:?}");
    let mut coordinator = Raw::as_uid(&served.socket, 0, 1);
    let (_, next) = coordinator.load();
    assert_eq!(
        refusal(coordinator.commit(&[Change::Put(Record::Person(common::person(next, "X")))])),
        Refusal::StoreReadOnly
    );
}

/// Issue 23, 14: a server run by another account than the store's refuses it, naming whose.
#[test]
fn a_store_of_another_account_is_refused() {
    let Some(()) = need_root("a_store_of_another_account_is_refused") else { return };
    let (tmp, db) = common::store_dir();
    let chown = Command::new("chown")
        .args(["-R", &format!("{ARLON_STAFF}:{ARLON_STAFF}")])
        .arg(&db)
        .status()
        .unwrap();
    assert!(chown.success());
    let socket = tmp.path().join("s.sock");
    let out = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "--socket", socket.to_str().unwrap(), "serve"])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{said}");
    assert!(said.contains(&format!("uid {ARLON_STAFF}")), "{said}");
    assert!(!socket.exists(), "it did not serve");
    // Nothing of root's was left in it.
    use std::os::unix::fs::MetadataExt;
    for entry in std::fs::read_dir(&db).unwrap() {
        assert_eq!(entry.unwrap().metadata().unwrap().uid(), ARLON_STAFF);
    }
}

/// A fake server that welcomes with `user`, then answers each request with `answer(op)`:
/// raw frames, whatever they say.
fn lying_server(
    socket: &Path,
    user: &str,
    answer: impl Fn(u64, Op) -> Vec<u8> + Send + 'static,
) -> std::thread::JoinHandle<()> {
    let listener = UnixListener::bind(socket).unwrap();
    let user = user.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { continue };
            let Ok(Some(hello)) = wire::read_frame(&mut stream, wire::MAX_HELLO) else { continue };
            let hello = Hello::decode(&hello).unwrap();
            let _ = wire::write_frame(&mut stream, &Answer::to(&hello, Some(&user)).encode());
            while let Ok(Some(frame)) = wire::read_frame(&mut stream, wire::MAX_REQUEST) {
                let ToServer::Request { id, op } = ToServer::decode(&frame).unwrap();
                if stream.write_all(&answer(id, op)).is_err() {
                    break;
                }
            }
        }
    })
}

fn framed(message: &ToClient) -> Vec<u8> {
    let mut out = Vec::new();
    wire::write_frame(&mut out, &message.encode()).unwrap();
    out
}

fn identity(id: u64, user: &str, store: &str) -> Vec<u8> {
    framed(&ToClient::Reply {
        id,
        reply: Reply::Identity {
            user: user.into(),
            uid: 0,
            role: pilotage::domain::access::Role::Coordinator,
            store: store.into(),
            admitted: None,
        },
    })
}

/// Issue 23, 15: a lying server reaches neither the user's terminal nor their disk.
#[test]
fn a_lying_server_reaches_neither_terminal_nor_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store").display().to_string();
    // A backup that is no backup, from a server naming itself with escape sequences.
    let socket = dir.path().join("liar.sock");
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J";
    let store_for = store.clone();
    let _liar = lying_server(&socket, evil, move |id, op| match op {
        Op::WhoAmI => identity(id, evil, &store_for),
        Op::Backup => framed(&ToClient::Reply {
            id,
            reply: Reply::Backup { bytes: b"PILOTAGE-BACKUP 2\nnot really".to_vec(), records: 9 },
        }),
        Op::Load => {
            let mut out = framed(&ToClient::Reply { id, reply: Reply::Loaded { next_id: 1 } });
            wire::write_frame(&mut out, &pilotage::store::codec::encode_snapshot(std::iter::empty()))
                .unwrap();
            out
        }
        _ => framed(&ToClient::Reply {
            id,
            reply: Reply::Refused { refusal: Refusal::NotWritten("\u{1b}]52;c;cHduZWQ=\u{7}".into()) },
        }),
    });
    let file = dir.path().join("copy.backup");
    let out = Command::new(BIN)
        .args(["--socket", socket.to_str().unwrap(), "backup", file.to_str().unwrap()])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    assert!(!file.exists() && !file.with_extension("partial").exists(), "nothing written");
    assert!(!out.stderr.contains(&0x1b) && !out.stdout.contains(&0x1b), "{out:?}");
    let out = Command::new(BIN)
        .args(["--socket", socket.to_str().unwrap(), "users", "grant", "0", "--role", "coordinator"])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(!out.stderr.contains(&0x1b), "{out:?}");
    // The account name it gives is made printable by the client.
    let (connection, _) = pilotage::client::Connection::connect(&socket, 1).unwrap();
    assert!(!connection.user.contains('\u{1b}'), "{:?}", connection.user);
    // An answer far larger than what was asked for (a commit's), or one that stalls: the
    // client lets the connection go, and says so.
    let socket = dir.path().join("huge.sock");
    let _huge = lying_server(&socket, "alice", |id, op| match op {
        Op::WhoAmI => identity(id, "alice", "/nowhere"),
        _ => (1u32 << 30).to_be_bytes().to_vec(),
    });
    let (connection, _) = pilotage::client::Connection::connect(&socket, 1).unwrap();
    let start = Instant::now();
    assert!(connection.commit(&[Change::Put(Record::Person(common::person(1, "A")))], None).is_err());
    assert!(start.elapsed() < Duration::from_secs(5));
    let socket = dir.path().join("stall.sock");
    let _stall = lying_server(&socket, "alice", |id, op| match op {
        Op::WhoAmI => identity(id, "alice", "/nowhere"),
        _ => {
            let mut out = 100u32.to_be_bytes().to_vec();
            out.extend_from_slice(&[0; 10]);
            out
        }
    });
    let out = Command::new(BIN)
        .args(["--socket", socket.to_str().unwrap(), "users", "grant", "0", "--role", "coordinator"])
        .env("PILOTAGE_TEST_FRAME_DEADLINE_MS", "500")
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
}

/// Issue 24, 2: the concertation's debates reach only the accounts it admitted, through every
/// way in: a load, a record's history, the trail, what is pushed, a refusal's words, a backup,
/// the report and the export. Every other account, the coordinator included, reads only what
/// its members released.
/// How many commits the store has seen is asked by a UI that read the store itself before its
/// server opened it. It tells when records changed: only an account that reads all of them (the
/// coordinator the concertation admitted) is answered; staff, an observer, a member, the keeper,
/// a coordinator the concertation no longer admits are refused, and a stranger or a client that
/// never finished its hello is never heard.
#[test]
fn the_stores_generation_is_told_only_to_who_reads_all_of_it() {
    let Some(()) = need_root("the_stores_generation_is_told_only_to_who_reads_all_of_it") else { return };
    const MEMBER: u32 = 4646;
    const KEEPER: u32 = 4747;
    const STRANGER: u32 = 4848;
    let served = Served::start(&[], &[]);
    let mut root = Raw::as_uid(&served.socket, 0, 1);
    let Reply::Generation { generation: before } = root.ask(Op::Generation) else {
        panic!("the coordinator")
    };
    // A commit moves it on, by one, whoever made it.
    let mut arlon = Raw::as_uid(&served.socket, ARLON_STAFF, 2);
    let (seen, next) = arlon.load();
    let group = local_group(&seen, "arlon");
    let meeting =
        Meeting { id: next, group, date: day(2026, 11, 2), attendees: vec![], notes: String::new() };
    assert_eq!(arlon.commit(&[Change::Put(Record::Meeting(meeting))]), Reply::Committed);
    assert_eq!(root.ask(Op::Generation), Reply::Generation { generation: before + 1 });
    let centre = root.load().0.services.values().next().unwrap().id;
    for args in [
        vec!["users", "admit", "4646", "--represents", &centre.to_string()],
        vec!["users", "admit", "4747", "--keeper"],
    ] {
        let out = served.command(&args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    for (who, uid) in [("staff", ARLON_STAFF), ("observer", OBSERVER), ("member", MEMBER), ("keeper", KEEPER)]
    {
        let mut client = Raw::as_uid(&served.socket, uid, 10 + u64::from(uid));
        assert_eq!(refusal(client.ask(Op::Generation)), Refusal::NotYoursToRead, "{who}");
        // Asked again and again, under the same id or others: the same refusal, nothing else.
        for id in [1, 1, u64::MAX] {
            assert_eq!(refusal(client.ask_id(id, Op::Generation)), Refusal::NotYoursToRead, "{who}");
        }
    }
    // The coordinator whose admission ended reads the concertation sealed: refused too.
    let out = served.command(&["users", "unadmit", "root", "--from", "2026-11-01"]);
    assert!(out.status.success(), "{out:?}");
    let mut root = Raw::as_uid(&served.socket, 0, 20);
    assert_eq!(refusal(root.ask(Op::Generation)), Refusal::NotYoursToRead);
    // A stranger is turned away at the hello; a client that sends a request instead of a
    // hello, or never finishes it, is answered nothing and let go.
    let (_, answer) = Raw::hello(connect_as(&served.socket, STRANGER).unwrap(), 30);
    assert_ne!(answer.status, Status::Welcome);
    let mut rude = connect_as(&served.socket, ARLON_STAFF).unwrap();
    rude.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    wire::write_frame(&mut rude, &ToServer::Request { id: 1, op: Op::Generation }.encode()).unwrap();
    let let_go = |e: &std::io::Error| {
        !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
    };
    let heard = wire::read_frame(&mut rude, wire::MAX_HELLO);
    assert!(matches!(heard, Ok(None)) || heard.as_ref().is_err_and(let_go), "answered, or kept: {heard:?}");
    let mut half = connect_as(&served.socket, ARLON_STAFF).unwrap();
    half.write_all(&[0, 0]).unwrap();
    let mut byte = [0u8; 1];
    half.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let ended = half.read(&mut byte);
    assert!(matches!(ended, Ok(0)) || ended.as_ref().is_err_and(let_go), "a hello never finished: {ended:?}");
}

#[test]
fn the_debates_reach_only_whom_the_concertation_admitted() {
    let Some(()) = need_root("the_debates_reach_only_whom_the_concertation_admitted") else { return };
    const MEMBER: u32 = 4646;
    const KEEPER: u32 = 4747;
    let served = Served::start(&[], &[]);
    let mut root = Raw::as_uid(&served.socket, 0, 1);
    let (all, _) = root.load();
    assert!(
        all.motions.values().all(|m| !m.text.is_empty()),
        "the store's first coordinator keeps the records"
    );
    // FEDITO BXL's keeper and a representative admitted; the coordinator's keeping ended.
    let centre = all.services.values().find(|s| s.name == "Centre Exemple").unwrap();
    let representative = centre.representatives[0].person;
    for args in [
        vec!["users", "admit", "4646", "--represents", &centre.id.to_string()],
        vec!["users", "admit", "4747", "--keeper"],
        vec!["users", "unadmit", "root", "--from", "2026-11-01"],
    ] {
        let out = served.command(&args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let interview = all.productions.values().find(|p| p.title.starts_with("Interview")).unwrap().clone();
    let tied = interview.decision.unwrap();
    let mut keeper = Raw::as_uid(&served.socket, KEEPER, 2);
    let mut member = Raw::as_uid(&served.socket, MEMBER, 3);
    let mut coordinator = Raw::as_uid(&served.socket, 0, 4);
    let mut observer = Raw::as_uid(&served.socket, OBSERVER, 5);
    let mut arlon = Raw::as_uid(&served.socket, ARLON_STAFF, 6);
    // What a load gives: the member the debates (and nothing of the prisons); the others
    // what was released, and of it no text, ballot, agenda or attendance.
    let (theirs, _) = member.load();
    assert_eq!(theirs.motions.len(), all.motions.len());
    assert!(theirs.projects.is_empty() && theirs.groups.is_empty(), "a member reads only the concertation");
    assert!(theirs.admissions.values().any(|a| a.uid == 0), "the members see who read the debates");
    for (who, outsider) in
        [("coordinator", &mut coordinator), ("observer", &mut observer), ("staff", &mut arlon)]
    {
        let (seen, _) = outsider.load();
        assert!(!seen.productions.contains_key(&interview.id), "{who}: a production not released");
        assert!(!seen.motions.contains_key(&tied), "{who}: a motion that released nothing");
        assert!(seen.motions.values().all(|m| m.text.is_empty() && m.ballots.is_empty()), "{who}");
        assert!(
            seen.capb_meetings
                .values()
                .all(|m| m.agenda.is_empty() && m.attendance.is_empty() && m.proxies.is_empty()),
            "{who}"
        );
        // The minutes of 2014 went to FEDITO BXL: the fact leaves, not their text.
        assert!(
            seen.capb_meetings.values().all(|m| m.minutes.is_empty()),
            "{who}: minutes for named recipients"
        );
        assert_eq!(
            seen.capb_meetings.values().filter(|m| m.minutes_released_by.is_some()).count(),
            1,
            "{who}"
        );
        assert!(seen.capb_rules.is_empty(), "{who}");
        assert!(seen.services.values().all(|s| s.representatives.is_empty()), "{who}");
        // A record's history.
        for key in
            [RecordKey::Id(RecordKind::Motion, tied), RecordKey::Id(RecordKind::Production, interview.id)]
        {
            assert_eq!(refusal(outsider.history(&key)), Refusal::NoSuchRecord, "{who}: {key}");
        }
    }
    // Who reads the debates is the coordinator's to see, who administers the store.
    assert!(!coordinator.load().0.admissions.is_empty());
    // The trail, a refusal's words, a backup.
    for outsider in [&mut coordinator, &mut observer] {
        let Reply::History { entries } = outsider.ask(Op::Trail) else { panic!() };
        let leaked = entries.iter().find(|e| {
            e.summary.contains("Interview")
                || e.record.starts_with("capb_motion")
                || e.record.starts_with("capb_production")
        });
        assert!(leaked.is_none(), "{leaked:?}");
    }
    assert_eq!(
        refusal(coordinator.commit(&[Change::Delete(RecordKey::Id(RecordKind::Person, representative))])),
        Refusal::ConcertationNamesIt,
        "deleting a member service's representative: said without naming the service"
    );
    assert_eq!(refusal(coordinator.ask(Op::Backup)), Refusal::BackupHoldsTheDebates);
    let Reply::History { entries } = member.history(&RecordKey::Id(RecordKind::Motion, tied)) else {
        panic!()
    };
    assert!(!entries.is_empty(), "a member reads the debates' history");
    // What is pushed: a new motion reaches the member, and nobody else.
    let (_, next) = keeper.load();
    let latest = all.capb_meetings.values().max_by_key(|m| m.date).unwrap().id;
    let motion = pilotage::domain::concertation::Motion {
        id: next,
        meeting: latest,
        text: "Secret motion on naloxone".into(),
        ballots: vec![],
        releases: vec![],
    };
    assert_eq!(keeper.commit(&[Change::Put(Record::Motion(motion))]), Reply::Committed);
    assert!(
        member
            .pushed(Duration::from_millis(800))
            .iter()
            .any(|c| c.key() == RecordKey::Id(RecordKind::Motion, next))
    );
    for outsider in [&mut coordinator, &mut observer, &mut arlon] {
        let pushed = outsider.pushed(Duration::from_millis(800));
        assert!(pushed.iter().all(|c| c.key().kind() != RecordKind::Motion), "{pushed:?}");
    }
    // The members vote the interview again and adopt it: it is released, and reaches the
    // outsiders then, as it leaves (its title; the decision by its date only).
    let mut again = all.motions[&tied].clone();
    for b in &mut again.ballots {
        b.vote = pilotage::domain::concertation::Vote::For;
    }
    assert_eq!(keeper.commit(&[Change::Put(Record::Motion(again))]), Reply::Committed);
    for outsider in [&mut observer, &mut arlon] {
        let pushed = outsider.pushed(Duration::from_millis(800));
        let production = pushed.iter().find_map(|c| match c {
            Change::Put(Record::Production(p)) if p.id == interview.id => Some(p.clone()),
            _ => None,
        });
        assert_eq!(production.map(|p| p.title), Some(interview.title.clone()), "{pushed:?}");
        let decision = pushed.iter().find_map(|c| match c {
            Change::Put(Record::Motion(m)) if m.id == tied => Some(m.clone()),
            _ => None,
        });
        assert!(decision.is_some_and(|m| m.text.is_empty() && m.ballots.is_empty()), "{pushed:?}");
    }
    // What the members voted stays as voted: its text and releases are fixed.
    let mut rewritten = all.motions[&tied].clone();
    rewritten.text = "Something else".into();
    assert!(matches!(
        refusal(keeper.commit(&[Change::Put(Record::Motion(rewritten))])),
        Refusal::Rule(pilotage::domain::Violation { problem: Problem::VotedMotionChanged, .. })
    ));
    // Nor may the member, who does not keep the records, write one; nor the observer; nor
    // is an admission erased.
    let mut forged = all.productions[&interview.id].clone();
    forged.title = "Forged".into();
    for writer in [&mut member, &mut observer, &mut coordinator] {
        assert!(matches!(
            writer.commit(&[Change::Put(Record::Production(forged.clone()))]),
            Reply::Refused { .. }
        ));
    }
    let admission = theirs.admissions.values().find(|a| a.uid == MEMBER).unwrap().clone();
    assert_eq!(
        refusal(coordinator.commit(&[Change::Delete(RecordKey::Id(RecordKind::Admission, admission.id))])),
        Refusal::AdmissionsStay
    );
    // The report and the export, asked for whole by an outsider: what leaves, marked as such.
    for outsider in [OBSERVER, 0] {
        let report = if outsider == 0 {
            served.command(&["report", "--internal"])
        } else {
            served.command_as(outsider, &["report", "--internal"])
        };
        let text = String::from_utf8_lossy(&report.stdout);
        assert!(report.status.success(), "{report:?}");
        for secret in [
            "Opinions were divided",
            "Each service described",
            "Send the letter",
            "CONFIDENTIAL, INTERNAL",
            "Secret motion",
        ] {
            assert!(!text.contains(secret), "{secret} in an outsider's report:\n{text}");
        }
        assert!(
            text.contains("Letter on substitution treatment after release"),
            "what was released is there"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::chown(dir.path(), Some(OBSERVER), Some(GROUP)).unwrap();
    let export = dir.path().join("export");
    let out = served.command_as(OBSERVER, &["export", "--internal", export.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let mut files = String::new();
    for entry in std::fs::read_dir(&export).unwrap() {
        files.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    // What the command says on the terminal (what it left out, and why) is read too.
    files.push_str(&String::from_utf8_lossy(&out.stderr));
    for secret in
        ["Opinions were divided", "Each service described", "Send the letter", "against", "Secret motion"]
    {
        assert!(!files.contains(secret), "{secret} in an outsider's export");
    }
    // The member's report has the debates, marked confidential.
    let report = served.command_as(MEMBER, &["report", "--internal"]);
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(text.contains("CONFIDENTIAL, INTERNAL") && text.contains("Secret motion"), "{report:?}");
}

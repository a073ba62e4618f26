//! Several people on one store: a real `pilotage serve`, and clients on its socket (issue 13).
//! Each server is killed (SIGKILL) and waited for when its test ends, passing or failing, and
//! none inherits the test's output.

// A test that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use pilotage::client::{ClientError, Connection, News};
use pilotage::domain::{Change, Membership, Record};
use pilotage::wire::{self, Answer, Hello, Status};

const BIN: &str = env!("CARGO_BIN_EXE_pilotage");

/// A server on a store of its own; killed when dropped.
struct Server {
    child: Child,
    socket: PathBuf,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

/// `pilotage serve` on `db` and `socket`, its output nowhere (it never holds the test's).
fn spawn_server(db: &std::path::Path, socket: &std::path::Path) -> Child {
    Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "--socket", socket.to_str().unwrap(), "serve"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store");
        let socket = dir.path().join("s.sock");
        let child = spawn_server(&db, &socket);
        let server = Server { child, socket, db, _dir: dir };
        server.wait_for_socket();
        server
    }

    /// Another server on the same store and socket, once this one is dead.
    fn start_again(&mut self) {
        let _ = self.child.wait();
        self.child = spawn_server(&self.db, &self.socket);
        self.wait_for_socket();
    }

    fn wait_for_socket(&self) {
        let start = Instant::now();
        while UnixStream::connect(&self.socket).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "the server never listened");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn connect(&self) -> (Connection, Receiver<News>) {
        Connection::connect(&self.socket, rand_session()).unwrap()
    }

    fn command(&self, args: &[&str]) -> std::process::Output {
        Command::new(BIN)
            .args(["--db", self.db.to_str().unwrap(), "--socket", self.socket.to_str().unwrap()])
            .args(["--keep-backups", "0"])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rand_session() -> u64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    nanos as u64 ^ u64::from(std::process::id())
}

fn person(id: u64, name: &str) -> Change {
    Change::Put(Record::Person(common::person(id, name)))
}

fn next_push(news: &Receiver<News>) -> News {
    news.recv_timeout(Duration::from_secs(10)).expect("news from the server")
}

#[test]
fn a_save_by_one_client_reaches_the_others_and_the_store() {
    let server = Server::start();
    let (alice, _alice_news) = server.connect();
    let (bob, bob_news) = server.connect();
    let (carol, carol_news) = server.connect();
    assert!(!alice.user.is_empty(), "the server names the account it saw");
    let before = bob.load().unwrap().people.len();
    alice.commit(&[person(900_001, "Zoë Live")], None).unwrap();
    for news in [&bob_news, &carol_news] {
        match next_push(news) {
            News::Pushed { by, changes, .. } => {
                assert_eq!(by, alice.user);
                assert_eq!(changes, vec![person(900_001, "Zoë Live")]);
            }
            other => panic!("{other:?}"),
        }
    }
    // The sender is answered, not pushed to; the data is the server's for everyone.
    assert_eq!(carol.load().unwrap().people.len(), before + 1);
    let history = bob.history("person:900001").unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].user, alice.user, "the audit trail names the account the server saw");
    // A command while clients are connected: a client too.
    let report = server.command(&["report"]);
    assert!(report.status.success(), "{report:?}");
    let check = server.command(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{check:?}");
    // The audit trail and a backup, through the server too.
    let log = server.command(&["log", "--record", "person:900001"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains("Zoë Live"), "{log:?}");
    let file = server.db.with_file_name("copy.backup");
    let backup = server.command(&["backup", file.to_str().unwrap()]);
    assert!(backup.status.success() && file.exists(), "{backup:?}");
}

/// Idle is silent on the socket too: a connected client is sent nothing while nothing happens.
#[test]
fn an_idle_client_is_sent_nothing() {
    let server = Server::start();
    let mut stream = UnixStream::connect(&server.socket).unwrap();
    wire::write_frame(&mut stream, &Hello::new(9).encode()).unwrap();
    wire::read_frame(&mut stream, wire::MAX_HELLO).unwrap().unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut byte = [0u8; 1];
    let read = stream.read(&mut byte);
    assert!(
        matches!(&read, Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)),
        "2 s idle, and the server wrote: {read:?}"
    );
}

#[test]
fn a_change_that_breaks_a_rule_is_refused_and_pushed_to_nobody() {
    let server = Server::start();
    let (alice, _) = server.connect();
    let (_bob, bob_news) = server.connect();
    // A membership of a person and a group that do not exist.
    let data = alice.load().unwrap();
    let group = *data.groups.keys().next().unwrap();
    let m = Membership {
        id: 900_002,
        person: 999_999_999,
        group,
        seat: "chair".into(),
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        until: None,
        delegate_of: None,
    };
    let refused = alice.commit(&[Change::Put(Record::Membership(m))], None);
    assert!(matches!(refused, Err(ClientError::Denied(_))), "{refused:?}");
    // A change that holds goes to Bob next: the first news he gets is that one, so the refused
    // one was pushed to nobody (whatever the time either took).
    alice.commit(&[person(900_003, "After the refusal")], None).unwrap();
    match next_push(&bob_news) {
        News::Pushed { changes, .. } => assert_eq!(changes, vec![person(900_003, "After the refusal")]),
        other => panic!("{other:?}"),
    }
}

/// The handshake's first bytes name the versions, so mismatched sides tell which to upgrade.
#[test]
fn a_client_of_another_protocol_is_told_which_side_to_upgrade() {
    let server = Server::start();
    for (protocol, status, words) in [
        (wire::PROTOCOL + 1, Status::UpgradeServer, "upgrade the server"),
        (wire::PROTOCOL - 1, Status::UpgradeClient, "upgrade the client"),
    ] {
        let mut stream = UnixStream::connect(&server.socket).unwrap();
        let hello = Hello { protocol, session: 1, program: "9.9.9".into() };
        wire::write_frame(&mut stream, &hello.encode()).unwrap();
        let answer =
            Answer::decode(&wire::read_frame(&mut stream, wire::MAX_HELLO).unwrap().unwrap()).unwrap();
        assert_eq!(answer.status, status);
        assert!(answer.text.contains(words) && answer.text.contains("9.9.9"), "{}", answer.text);
    }
}

/// Garbage, a huge length, a hello that never comes: each ends that connection only.
#[test]
fn garbage_and_huge_frames_are_refused_and_the_server_keeps_serving() {
    let server = Server::start();
    let (alice, _) = server.connect();
    let hostile: [&[u8]; 4] = [
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        &[0xff, 0xff, 0xff, 0xff, 1, 2, 3],
        &[0, 0, 0, 3, b'a', b'b', b'c'],
        &[],
    ];
    for bytes in hostile {
        let mut stream = UnixStream::connect(&server.socket).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(bytes).unwrap();
        stream.shutdown(std::net::Shutdown::Write).unwrap();
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest);
    }
    // After a welcome, a request that is not one.
    let mut stream = UnixStream::connect(&server.socket).unwrap();
    wire::write_frame(&mut stream, &Hello::new(7).encode()).unwrap();
    let answer = Answer::decode(&wire::read_frame(&mut stream, wire::MAX_HELLO).unwrap().unwrap()).unwrap();
    assert_eq!(answer.status, Status::Welcome);
    wire::write_frame(&mut stream, &[9, 9, 9, 9]).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    assert!(matches!(wire::read_frame(&mut stream, wire::MAX_ANSWER), Ok(None) | Err(_)), "dropped");
    // A frame over the request limit is refused before it is read.
    let mut stream = UnixStream::connect(&server.socket).unwrap();
    wire::write_frame(&mut stream, &Hello::new(8).encode()).unwrap();
    wire::read_frame(&mut stream, wire::MAX_HELLO).unwrap();
    stream.write_all(&(wire::MAX_REQUEST as u32 + 1).to_be_bytes()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    assert!(matches!(wire::read_frame(&mut stream, wire::MAX_ANSWER), Ok(None) | Err(_)), "dropped");
    // Everyone else is still served.
    alice.commit(&[person(900_003, "Still Here")], None).unwrap();
    assert!(alice.load().unwrap().people.contains_key(&900_003));
}

/// A client that stops reading (a frozen SSH session) blocks nobody: past its queue it is
/// dropped, and the others go on at full speed.
#[test]
fn a_frozen_client_is_dropped_and_blocks_nobody() {
    let server = Server::start();
    let (alice, _alice_news) = server.connect();
    // Frozen: connected and welcomed, never reads again.
    let mut frozen = UnixStream::connect(&server.socket).unwrap();
    wire::write_frame(&mut frozen, &Hello::new(99).encode()).unwrap();
    wire::read_frame(&mut frozen, wire::MAX_HELLO).unwrap();
    let (bob, bob_news) = server.connect();
    // Enough pushes of a large record to fill the frozen client's socket buffer and queue.
    let long = "x".repeat(480);
    let start = Instant::now();
    for i in 0..(pilotage::server::QUEUE as u64 + 200) {
        let Change::Put(Record::Person(mut p)) = person(910_000 + i % 10, &format!("{long}{i}")) else {
            unreachable!()
        };
        (p.function, p.organisation, p.contact) = (long.clone(), long.clone(), long.clone());
        alice.commit(&[Change::Put(Record::Person(p))], None).unwrap();
    }
    assert!(start.elapsed() < Duration::from_secs(120), "saves went on: {:?}", start.elapsed());
    // Bob, reading, got every one.
    let mut got = 0;
    while let Ok(News::Pushed { .. }) = bob_news.recv_timeout(Duration::from_secs(5)) {
        got += 1;
        if got == pilotage::server::QUEUE + 200 {
            break;
        }
    }
    assert_eq!(got, pilotage::server::QUEUE + 200);
    // The frozen one was let go: its socket ends once its buffered bytes are read.
    frozen.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut sink = vec![0u8; 1 << 20];
    let ended = loop {
        match frozen.read(&mut sink) {
            Ok(0) => break true,
            Ok(_) => {}
            Err(_) => break false,
        }
    };
    assert!(ended, "the server closed the frozen client's connection");
    drop(bob);
}

/// kill -9 of the server at any moment: every save a client was told of is on disk.
#[test]
fn sigkill_of_the_server_loses_no_confirmed_save() {
    for round in 0..3u64 {
        let mut server = Server::start();
        let (alice, news) = server.connect();
        let confirmed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let saving = {
            let confirmed = std::sync::Arc::clone(&confirmed);
            std::thread::spawn(move || {
                for i in 0..10_000u64 {
                    let id = 920_000 + i;
                    match alice.commit(&[person(id, &format!("Saved {i}"))], None) {
                        Ok(()) => confirmed.lock().unwrap().push(id),
                        Err(_) => break,
                    }
                }
            })
        };
        std::thread::sleep(Duration::from_millis(300 + 200 * round));
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        saving.join().unwrap();
        let told = news.recv_timeout(Duration::from_secs(10));
        assert!(
            matches!(told, Err(std::sync::mpsc::RecvTimeoutError::Disconnected)),
            "the news end: {told:?}"
        );
        let confirmed = confirmed.lock().unwrap().clone();
        assert!(!confirmed.is_empty(), "some saves were confirmed before the kill");
        // Opened directly, the store holds every confirmed save.
        let store = pilotage::store::Store::open(&server.db, || unreachable!()).unwrap();
        let data = store.load().unwrap();
        for id in &confirmed {
            assert!(data.people.contains_key(id), "round {round}: confirmed person {id} lost");
        }
        drop(store);
        // The socket a killed server left is claimed by the next one.
        server.start_again();
        let (again, _) = server.connect();
        assert!(again.load().unwrap().people.contains_key(confirmed.last().unwrap()));
    }
}

/// A second server on a served store, or on a socket in use, says so and leaves.
#[test]
fn a_second_server_is_refused() {
    let server = Server::start();
    let out = server.command(&["serve"]);
    assert_eq!(out.status.code(), Some(pilotage::cli::exit::BUSY), "{out:?}");
}

/// A child of the test running under another uid (root can start one; CI runs as root).
fn as_uid(server: &Server, uid: u32, args: &[&str]) -> Option<std::process::Output> {
    use std::os::unix::process::CommandExt;
    if !nix_is_root() {
        return None;
    }
    let out = Command::new(BIN)
        .args(["--db", server.db.to_str().unwrap(), "--socket", server.socket.to_str().unwrap()])
        .args(["--keep-backups", "0"])
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env("HOME", "/tmp")
        .uid(uid)
        .gid(uid)
        .output()
        .unwrap();
    Some(out)
}

fn nix_is_root() -> bool {
    // SAFETY-free: geteuid has no preconditions; read through the std-visible /proc.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

/// Lets another uid reach the server: the socket's group is its own, the directory above is
/// crossable, as a deployment's `pilotage` group and runtime directory make them.
fn open_to(server: &Server, uid: u32) {
    use std::os::unix::fs::PermissionsExt;
    let dir = server.socket.parent().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o711)).unwrap();
    std::os::unix::fs::chown(&server.socket, None, Some(uid)).unwrap();
}

/// Identity comes from the kernel: an account the store does not know is refused, with the
/// command a coordinator runs; once granted a prison, it sees that prison only, and what is
/// not its own to change is refused in words.
#[test]
fn another_account_is_refused_until_granted_and_then_sees_its_prison_only() {
    const STAFF: u32 = 4242;
    const OBSERVER: u32 = 4343;
    let server = Server::start();
    let Some(refused) = as_uid(&server, STAFF, &["report"]) else {
        eprintln!("SKIPPED: starting a child under another uid needs root; this test did not run");
        return;
    };
    // The socket is the owner's only at first: not even a hello gets through.
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("may not use the server's socket"),
        "{refused:?}"
    );
    open_to(&server, STAFF);
    let unknown = as_uid(&server, STAFF, &["report"]).unwrap();
    assert_eq!(unknown.status.code(), Some(pilotage::cli::exit::BUSY), "{unknown:?}");
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.contains("uid 4242") && said.contains("pilotage users grant 4242"), "{said}");

    let grant = server.command(&["users", "grant", "4242", "--role", "staff", "--establishment", "lantin"]);
    assert!(grant.status.success(), "{grant:?}");
    let list = String::from_utf8_lossy(&server.command(&["users"]).stdout).into_owned();
    assert!(list.contains("4242") && list.contains("staff: lantin"), "{list}");
    assert!(
        list.lines().any(|l| l.contains("coordinator")),
        "the owner became the first coordinator: {list}"
    );

    let report = as_uid(&server, STAFF, &["report"]).unwrap();
    assert!(report.status.success(), "{report:?}");
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(text.contains("| Lantin |"), "{text}");
    assert!(!text.contains("Andenne") && !text.contains("Antwerpen"), "another prison: {text}");
    // The coordinator's business is refused, in words.
    let grab = as_uid(&server, STAFF, &["users", "grant", "4242", "--role", "coordinator"]).unwrap();
    assert!(!grab.status.success());
    assert!(String::from_utf8_lossy(&grab.stderr).contains("not your establishment's"), "{grab:?}");
    let log = as_uid(&server, STAFF, &["log"]).unwrap();
    assert!(!log.status.success(), "the whole audit trail is not staff's: {log:?}");

    // An observer reads everything and changes nothing.
    let observe = server.command(&["users", "grant", "4343", "--role", "observer"]);
    assert!(observe.status.success(), "{observe:?}");
    std::os::unix::fs::chown(&server.socket, None, Some(OBSERVER)).unwrap();
    let read = as_uid(&server, OBSERVER, &["report"]).unwrap();
    assert!(String::from_utf8_lossy(&read.stdout).contains("Andenne"), "{read:?}");
    let change = as_uid(&server, OBSERVER, &["users", "grant", "4343", "--role", "coordinator"]).unwrap();
    assert!(
        String::from_utf8_lossy(&change.stderr).contains("observer reads and changes nothing"),
        "{change:?}"
    );
}

/// Two people change one record: the second is told who changed it and when, and saves over
/// it only by choosing to.
#[test]
fn a_change_made_meanwhile_is_a_conflict_never_a_silent_overwrite() {
    use pilotage::store::codec::revision;
    let server = Server::start();
    let (alice, _) = server.connect();
    let (bob, _) = server.connect();
    let start = bob.load().unwrap();
    let base = revision(start.people.get(&900_020).map(|p| Record::Person(p.clone())).as_ref());
    alice.commit(&[person(900_020, "Alice's version")], Some(vec![base])).unwrap();
    // Bob began from the same state, before Alice's save.
    match bob.commit(&[person(900_020, "Bob's version")], Some(vec![base])) {
        Err(ClientError::Conflict { record, by, at }) => {
            assert_eq!(record, "person:900020");
            assert_eq!(by, alice.user);
            assert!(at.starts_with("20"), "{at}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(bob.load().unwrap().people[&900_020].name, "Alice's version", "nothing overwritten");
    // Bob chooses to save over it.
    bob.commit(&[person(900_020, "Bob's version")], None).unwrap();
    assert_eq!(alice.load().unwrap().people[&900_020].name, "Bob's version");
}

/// Two real UIs in pseudo-terminals on one store: a save in one is on the other's screen with
/// no key pressed there, and then both are quiet; a command meanwhile is a client too; a
/// third UI killed outright disturbs nobody.
#[test]
fn two_uis_see_each_others_saves_without_a_key() {
    let server = Server::start();
    let (db, socket) = (server.db.to_str().unwrap(), server.socket.to_str().unwrap());
    let args = ["--db", db, "--socket", socket, "--keep-backups", "0"];
    let mut a = common::Session::spawn(&args, "C.UTF-8");
    let b = common::Session::spawn(&args, "C.UTF-8");
    a.wait_first_frame();
    b.wait_first_frame();
    a.wait_for_text("[coordinator]");
    b.wait_quiet(Duration::from_millis(300));
    a.send("p");
    a.wait_for_text("New person");
    a.send("Zoé Directe\x13");
    a.wait_for_text("Saved");
    // On B's screen, with no key pressed there.
    b.wait_for_text("saved Zoé Directe");
    // A command while both are open goes through the server too.
    let report = server.command(&["report"]);
    assert!(report.status.success(), "{report:?}");
    // Then nothing more: no redraw, no byte, while nobody does anything.
    b.wait_quiet(Duration::from_millis(300));
    let quiet = b.bytes_read();
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(b.bytes_read(), quiet, "an idle client writes nothing");
    // kill -9 of a client harms neither the server nor the others: B still hears A.
    let c = common::Session::spawn(&args, "C.UTF-8");
    c.wait_first_frame();
    c.signal("KILL");
    a.send("p");
    a.wait_for_text("New person");
    a.send("Après Kill\x13");
    a.wait_for_text("Saved");
    b.wait_for_text("saved Après Kill");
    assert!(a.quit());
    let mut b = b;
    b.send("2");
    b.wait_for_text("Gaps");
    assert!(b.quit());
}

/// A server writes the day's backup as the UI's first start of a day does: beside the store,
/// checksummed, one a day.
#[test]
fn a_server_writes_the_days_backup() {
    // A new store has nothing to back up yet: the second start of the day does it.
    let mut server = Server::start();
    server.child.kill().unwrap();
    server.start_again();
    let backups = server.db.with_file_name("store-backups");
    let start = Instant::now();
    let written = loop {
        let found = std::fs::read_dir(&backups)
            .map(|d| d.filter_map(Result::ok).any(|e| e.file_name().to_string_lossy().ends_with(".backup")))
            .unwrap_or(false);
        if found || start.elapsed() > Duration::from_secs(10) {
            break found;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(written, "no backup in {}", backups.display());
}

/// A client told the server is gone hears it once, then comes back by itself when a server is
/// there again, and works on the store as that server holds it.
#[test]
fn a_client_comes_back_when_the_server_does() {
    let mut server = Server::start();
    let (alice, first) = server.connect();
    let (tx, news) = std::sync::mpsc::channel();
    let socket = server.socket.clone();
    std::thread::spawn(move || pilotage::client::follow(socket, 77, first, tx));
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    assert!(matches!(news.recv_timeout(Duration::from_secs(10)), Ok(News::Lost)), "told once");
    assert!(alice.commit(&[person(900_030, "Lost")], None).is_err(), "nothing saved while lost");
    server.start_again();
    let (bob, _) = server.connect();
    bob.commit(&[person(900_031, "Saved meanwhile")], None).unwrap();
    match news.recv_timeout(Duration::from_secs(20)) {
        Ok(News::Reconnected(back)) => {
            let (connection, _) = *back;
            // Bob's save was confirmed before this was heard: the server that is back has it.
            assert!(connection.load().unwrap().people.contains_key(&900_031));
            connection.commit(&[person(900_032, "Back")], None).unwrap();
        }
        other => panic!("{other:?}"),
    }
}

/// The UI on a store no server holds starts one in the background, as tmux does, and is its
/// client; a second UI joins it; the server ends a while after its last client left, and the
/// store is then free for a process that opens it directly.
#[test]
fn a_ui_starts_a_server_that_ends_after_its_last_client() {
    let (_dir, db) = common::store_dir();
    let db_arg = db.to_str().unwrap();
    let env = [("PILOTAGE_NO_SERVER", "0"), ("PILOTAGE_IDLE_EXIT", "1")];
    let args = ["--db", db_arg, "--keep-backups", "0"];
    let mut a = common::Session::spawn_with_env(&args, "C.UTF-8", &env);
    a.wait_first_frame();
    a.wait_for_text("[coordinator]");
    // The first frame comes from the store as this UI read it; its server listens a moment later.
    let socket = pilotage::server::default_socket(&db);
    let start = Instant::now();
    while !socket.exists() {
        assert!(start.elapsed() < Duration::from_secs(15), "the server never listened on the store's socket");
        std::thread::sleep(Duration::from_millis(10));
    }
    let b = common::Session::spawn_with_env(&args, "C.UTF-8", &env);
    b.wait_first_frame();
    b.wait_for_text("[coordinator]");
    a.send("p");
    a.wait_for_text("New person");
    a.send("Zoé Partagée\x13");
    a.wait_for_text("Saved");
    b.wait_for_text("saved Zoé Partagée");
    assert!(a.quit());
    assert!(b.quit());
    // A second after the last client left, the server is gone, its socket with it.
    let start = Instant::now();
    while socket.exists() {
        assert!(start.elapsed() < Duration::from_secs(15), "the server did not end");
        std::thread::sleep(Duration::from_millis(50));
    }
    let store = pilotage::store::Store::open(&db, || unreachable!()).unwrap();
    assert!(store.load().unwrap().people.values().any(|p| p.name == "Zoé Partagée"));
}

/// A UI that read the store itself before its server opened it loads nothing more when no
/// commit came in between, and the store as the server holds it when one did.
#[test]
fn a_store_read_before_its_server_is_loaded_again_only_after_a_commit() {
    let server = Server::start();
    let (alice, _) = server.connect();
    let (bob, _) = server.connect();
    let read = alice.generation().unwrap();
    assert_eq!(alice.load_unless(Some(read)).unwrap(), None, "nothing new: nothing sent");
    bob.commit(&[person(900_050, "Between The Reads")], None).unwrap();
    assert_eq!(alice.generation().unwrap(), read + 1, "a commit moves the generation on");
    let data = alice.load_unless(Some(read)).unwrap().expect("a commit since: the store again");
    assert_eq!(data.people[&900_050].name, "Between The Reads");
    assert!(alice.load_unless(None).unwrap().is_some(), "no generation read: the store again");
}

/// A save made in the moment between a UI's first frame and its server's listening waits for
/// the server, said as a slow server is, and is sent once the connection comes; one made
/// when no server ever came is answered as lost, the form kept.
#[test]
fn a_save_made_while_the_server_starts_waits_for_it() {
    use pilotage::app::{App, Options, Overlay};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let server = Server::start();
    let (reader, _) = server.connect();
    let data = reader.load().unwrap();
    let starting = || {
        let options = Options {
            lang: pilotage::i18n::Lang::En,
            today: chrono::Local::now().date_naive(),
            as_of: None,
            read_only: false,
            ascii: false,
            color: true,
            store_label: "test".into(),
        };
        App::new(data.clone(), options)
            .with_server_to_come("me".into(), (pilotage::domain::access::Role::Coordinator, None))
    };
    let type_a_person = |app: &mut App| {
        let key = |code, mods| Event::Key(KeyEvent::new(code, mods));
        for c in "pWaits For The Server".chars() {
            pilotage::input::handle_event(app, &key(KeyCode::Char(c), KeyModifiers::NONE));
        }
        pilotage::input::handle_event(app, &key(KeyCode::Char('s'), KeyModifiers::CONTROL));
    };
    let typed = |app: &App| {
        app.session.layers.iter().any(
            |l| matches!(l, Overlay::Form(f) if f.fields.iter().any(|f| f.value() == "Waits For The Server")),
        )
    };
    let mut app = starting();
    type_a_person(&mut app);
    assert!(app.waiting(), "the save waits");
    assert!(app.take_effect().is_none(), "nothing is sent before the server listens");
    let said = app.session.message.clone().unwrap_or_default();
    assert!(said.starts_with("Waiting for the server"), "{said}");
    let (connection, _) = server.connect();
    assert!(app.hear(News::Connected(Box::new((connection, None)))));
    app.settle();
    assert!(!app.waiting());
    let said = app.session.message.clone().unwrap_or_default();
    assert!(said.starts_with("Saved"), "{said}");
    assert!(!typed(&app), "the form closed once saved");
    assert!(reader.load().unwrap().people.values().any(|p| p.name == "Waits For The Server"));
    // No server ever came: the save is answered as lost, and the form keeps what was typed.
    let mut app = starting();
    type_a_person(&mut app);
    app.hear(News::Lost);
    assert!(!app.waiting());
    assert!(typed(&app), "the form keeps what was typed");
    // No server could start, and the store was opened here instead: the save goes to it.
    let mut app = starting();
    type_a_person(&mut app);
    let other = tempfile::tempdir().unwrap();
    let store = pilotage::store::Store::open(&other.path().join("store"), || data.clone());
    assert!(app.hear(News::NoServer(Box::new(store))));
    app.settle();
    let said = app.session.message.clone().unwrap_or_default();
    assert!(said.starts_with("Saved"), "{said}");
    assert!(app.data.people.values().any(|p| p.name == "Waits For The Server"));
}

/// What a UI reads itself before its server opens the store is what the server would send
/// this account: everything on a store of one's own; on a shared store where the owner's uid
/// is only an observer not admitted to the concertation, no account and the concertation as it
/// leaves (sealed), and no generation (the server's load replaces it).
#[test]
fn a_store_read_before_its_server_shows_only_what_the_server_would() {
    use pilotage::cli::local;
    use pilotage::domain::access::{Account, Role};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let me = nix::unistd::getuid().as_raw();
    let lang = pilotage::i18n::Lang::En;
    let dir = tempfile::tempdir().unwrap();
    let (own, shared) = (dir.path().join("own"), dir.path().join("shared"));
    let peeked = local::peek(&own, me, || pilotage::demo::demo_dataset(today), lang).unwrap().unwrap();
    assert_eq!(peeked.role, Role::Coordinator);
    assert!(peeked.generation.is_some(), "the whole store: its generation is kept");
    assert!(!peeked.data.sealed && !peeked.data.capb_meetings.values().all(|m| m.agenda.is_empty()));
    let with_observer = || {
        let mut data = pilotage::demo::demo_dataset(today);
        let account = Account {
            id: 990_001,
            uid: me,
            name: "me".into(),
            person: None,
            role: Role::Observer,
            from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            until: None,
        };
        data.accounts.insert(account.id, account);
        data
    };
    let peeked = local::peek(&shared, me, with_observer, lang).unwrap().unwrap();
    assert_eq!(peeked.role, Role::Observer);
    assert_eq!(peeked.generation, None, "a part: the server sends it again");
    assert!(peeked.data.accounts.is_empty(), "an observer reads no account");
    assert!(peeked.data.sealed, "not admitted: the concertation as it leaves");
    assert!(peeked.data.capb_meetings.values().all(|m| m.agenda.is_empty()), "no agenda leaves");
    assert!(!peeked.data.establishments.is_empty(), "the prisons, whole");
}

/// A store whose server cannot start (its socket's path would be longer than a socket's can
/// be) was shown read by the UI, which then holds it itself, as a direct start does: it says
/// so, and a save is written.
#[test]
fn a_ui_whose_server_cannot_start_holds_the_store_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d".repeat(110)).join("store");
    let made = common::run(&db, &["--keep-backups", "0", "init"]);
    assert!(made.status.success(), "{made:?}");
    let env = [("PILOTAGE_NO_SERVER", "0"), ("PILOTAGE_IDLE_EXIT", "1")];
    let mut a = common::Session::spawn_with_env(
        &["--db", db.to_str().unwrap(), "--keep-backups", "0"],
        "C.UTF-8",
        &env,
    );
    a.wait_first_frame();
    a.wait_for_text("no server could start: this window holds the store itself");
    a.send("p");
    a.wait_for_text("New person");
    a.send("Alone In The Store\x13");
    a.wait_for_text("Saved");
    assert!(a.quit());
    let store = pilotage::store::Store::open(&db, || unreachable!()).unwrap();
    assert!(store.load().unwrap().people.values().any(|p| p.name == "Alone In The Store"));
}

/// A request retried after a reconnection (same session, same id) is answered with its first
/// answer and never applied twice.
#[test]
fn a_retried_request_is_never_applied_twice() {
    use pilotage::wire::{Op, ToClient, ToServer, wire_changes};
    let server = Server::start();
    let send = |name: &str| {
        let mut stream = UnixStream::connect(&server.socket).unwrap();
        wire::write_frame(&mut stream, &Hello::new(4242_4242).encode()).unwrap();
        wire::read_frame(&mut stream, wire::MAX_HELLO).unwrap().unwrap();
        let op = Op::Commit { changes: wire_changes(&[person(900_040, name)]), bases: None };
        wire::write_frame(&mut stream, &ToServer::Request { id: 5, op }.encode()).unwrap();
        ToClient::decode(&wire::read_frame(&mut stream, wire::MAX_ANSWER).unwrap().unwrap()).unwrap()
    };
    let first = send("First try");
    // The same request again, as a client whose connection broke before the answer came.
    let retried = send("Second try");
    assert_eq!(first, retried, "the first answer again");
    let (alice, _) = server.connect();
    assert_eq!(alice.load().unwrap().people[&900_040].name, "First try", "applied once");
}

/// Waits until every thread of `pid` is stopped: `kill` returns before a busy machine has
/// stopped them all, and a thread still running would answer what the test means to leave
/// unanswered.
fn stopped(pid: u32) {
    let start = Instant::now();
    let all_stopped = || {
        let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).unwrap();
        tasks.flatten().all(|task| {
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
            // The state follows the command's closing parenthesis: T, stopped.
            stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next()) == Some("T")
        })
    };
    while !all_stopped() {
        assert!(start.elapsed() < Duration::from_secs(10), "the server never stopped");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A server that stops answering (SIGSTOP) in the middle of a save froze the screen: the save
/// waited on the socket with no time limit, and Ctrl-C in raw mode is only a key. The save runs
/// off the key path now: keys are answered, the screen says it waits after a second, and the
/// user quits cleanly with what the form held printed, since the save is not known to be made.
#[test]
fn a_stopped_server_never_freezes_the_screen() {
    use nix::sys::signal::{Signal, kill};
    let server = Server::start();
    let (db, socket) = (server.db.to_str().unwrap(), server.socket.to_str().unwrap());
    let args = ["--db", db, "--socket", socket, "--keep-backups", "0"];
    let mut a = common::Session::spawn(&args, "C.UTF-8");
    a.wait_first_frame();
    a.wait_for_text("[coordinator]");
    let pid = nix::unistd::Pid::from_raw(server.child.id() as i32);
    kill(pid, Signal::SIGSTOP).unwrap();
    stopped(server.child.id());
    a.send("p");
    a.wait_for_text("New person");
    a.send("Dr. Stopped Server\x13");
    a.wait_for_text("Waiting for the server");
    // A key while the save waits: answered at once (the question), whatever the server does.
    let asked = Instant::now();
    a.send("\x03");
    a.wait_for_text("Quit and lose what is not saved?");
    let answered = asked.elapsed();
    println!(
        "a key answered in {answered:?} while the server is stopped (the pseudo-terminal's round trip included)"
    );
    assert!(answered < Duration::from_secs(2), "{answered:?}");
    a.send("y");
    assert!(a.exit_status(common::secs(5.0)).success(), "quits cleanly");
    let said = a.text();
    assert!(said.contains("did not confirm the save"), "{said}");
    assert!(said.contains("Dr. Stopped Server"), "what the form held is printed\n{said}");
    a.assert_restored();
    kill(pid, Signal::SIGCONT).unwrap();
}

/// A record's history through a server that stops answering: the request went out from inside
/// the key's handling and held the screen until its time limit. It goes off the key path now:
/// the history says it is asking, the keys are answered, and its lines come when the server
/// answers again.
#[test]
fn a_history_asked_of_a_stopped_server_leaves_the_keys_answered() {
    use nix::sys::signal::{Signal, kill};
    let server = Server::start();
    let (db, socket) = (server.db.to_str().unwrap(), server.socket.to_str().unwrap());
    let args = ["--db", db, "--socket", socket, "--keep-backups", "0"];
    let mut a = common::Session::spawn(&args, "C.UTF-8");
    a.wait_first_frame();
    a.wait_for_text("[coordinator]");
    let pid = nix::unistd::Pid::from_raw(server.child.id() as i32);
    kill(pid, Signal::SIGSTOP).unwrap();
    stopped(server.child.id());
    a.send("h");
    a.wait_for_text("Asking for its history");
    // Closed while the answer is out: the key is answered at once.
    let asked = Instant::now();
    a.send("\x1b");
    a.wait_for("the history closed", |s| !s.contents().contains("Asking for its history"), common::secs(5.0));
    let answered = asked.elapsed();
    println!("a key answered in {answered:?} while the server is stopped (the pty's round trip included)");
    assert!(answered < Duration::from_secs(2), "{answered:?}");
    kill(pid, Signal::SIGCONT).unwrap();
    // The late answer goes nowhere (its history is closed); a new one is answered.
    a.send("h");
    a.wait_for_text("saved  central group");
    a.send("\x1bq");
    assert!(a.exit_status(common::secs(5.0)).success(), "quits cleanly");
    a.assert_restored();
}

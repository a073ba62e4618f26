//! The store: round trips, reopening, a busy or damaged store, backups, and the golden bytes
//! of every record version.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pilotage::domain::concertation as capb;
use pilotage::domain::establishment::reference_establishments;
use pilotage::domain::*;
use pilotage::store::codec::{self, AuditEntry};
use pilotage::store::{Store, StoreError, daily_backup_due, diff, prune_backups};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn initial() -> Dataset {
    Dataset::initial(reference_establishments())
}

/// The store's database opened with sled itself, to damage it. A store dropped a moment ago
/// keeps its lock until sled's threads let go, as `Store::open` knows.
/// What pilotage does at a day's first start: writes today's backup if it is due (the
/// records as loaded, then the rest), then keeps the newest `keep`.
fn daily_backup(
    store: &Store,
    dir: &Path,
    today: NaiveDate,
    keep: usize,
) -> Result<Option<PathBuf>, StoreError> {
    let Some(file) = daily_backup_due(dir, today)? else { return Ok(None) };
    let (_, pending) = store.load_backing_up(&file, false)?;
    pending?.finish()?;
    prune_backups(dir, keep);
    Ok(Some(file))
}

fn raw_sled(path: &std::path::Path) -> sled::Db {
    for _ in 0..100 {
        match sled::open(path) {
            Ok(db) => return db,
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
        }
    }
    sled::open(path).unwrap()
}

#[test]
fn a_new_store_is_seeded_and_reopens_with_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = Store::open(&path, initial).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded, initial());
    store.commit(&[Change::Put(Record::Person(common::doctor(500, "Dr. Example")))], &[], "tester").unwrap();
    drop(store);
    let again = Store::open(&path, || panic!("an existing store is not seeded again"))
        .map_err(|e| e.to_string())
        .unwrap();
    let data = again.load().unwrap();
    assert_eq!(data.people[&500].name, "Dr. Example");
    assert_eq!(data.establishments.len(), initial().establishments.len());
}

#[test]
fn every_change_is_in_the_audit_trail_and_deletes_stick() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), Dataset::default).unwrap();
    store.commit(&[Change::Put(Record::Person(common::doctor(1, "A")))], &[], "alice").unwrap();
    store.commit(&[Change::Delete(RecordKey::Id(RecordKind::Person, 1))], &[], "bob").unwrap();
    assert!(store.load().unwrap().people.is_empty());
    let trail = store.audit_trail().unwrap();
    let last_two: Vec<_> = trail.iter().rev().take(2).map(|e| (e.user.as_str(), e.action.as_str())).collect();
    assert_eq!(last_two, vec![("bob", "delete"), ("alice", "put")]);
    assert_eq!(trail.last().unwrap().record, "person:1");
}

#[test]
fn a_second_open_of_the_same_store_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path(), Dataset::default).unwrap();
    match Store::open(dir.path(), Dataset::default) {
        Err(StoreError::Busy { path }) => assert_eq!(path, dir.path()),
        Err(other) => panic!("expected busy, got {other}"),
        Ok(_) => panic!("a second open succeeded"),
    }
}

#[test]
fn a_directory_of_other_files_or_a_file_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    assert!(matches!(Store::open(dir.path(), Dataset::default), Err(StoreError::NotAStore { .. })));
    let file = dir.path().join("notes.txt");
    assert!(matches!(Store::open(&file, Dataset::default), Err(StoreError::NotAStore { .. })));
}

#[test]
fn a_record_that_does_not_decode_fails_the_whole_load() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path(), initial).unwrap();
        // Write a bad value under a valid key through sled directly, as a damaged disk would.
        drop(store);
        let db = raw_sled(dir.path());
        let tree = db.open_tree("records").unwrap();
        let key = pilotage::store::key_bytes(&RecordKey::Id(RecordKind::Person, 7));
        tree.insert(key, &[1u8, 0xff, 0xff, 0xff][..]).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(dir.path(), Dataset::default).unwrap();
    match store.load() {
        Err(StoreError::Damaged { detail, .. }) => assert!(detail.to_string().contains("person"), "{detail}"),
        other => panic!("expected damaged, got {other:?}"),
    }
}

#[test]
fn backup_and_restore_bring_back_the_data_and_refuse_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s"), initial).unwrap();
    store.commit(&[Change::Put(Record::Person(common::doctor(900, "Kept")))], &[], "t").unwrap();
    let file = dir.path().join("b.backup");
    store.backup_to(&file).unwrap();
    store.commit(&[Change::Delete(RecordKey::Id(RecordKind::Person, 900))], &[], "t").unwrap();
    store.commit(&[Change::Put(Record::Person(common::doctor(901, "Later")))], &[], "t").unwrap();
    let before = store.generation().unwrap();
    store.restore_from(&file).unwrap();
    // A restore is a change: what read the store before it never takes it as unchanged.
    assert!(store.generation().unwrap() > before, "the generation moves on past the store's");
    let data = store.load().unwrap();
    assert!(data.people.contains_key(&900));
    assert!(!data.people.contains_key(&901));

    let mut bytes = std::fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    assert!(matches!(store.restore_from(&file), Err(StoreError::BadBackup { .. })));
    assert!(store.load().unwrap().people.contains_key(&900), "a refused restore changes nothing");
}

/// The daily backup is begun at the load and finished while the app already takes changes:
/// it holds the store as it was loaded, audit trail included, and nothing after.
#[test]
fn a_backup_finished_after_a_commit_holds_the_store_as_it_was_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s"), initial).unwrap();
    store.commit(&[Change::Put(Record::Person(common::doctor(900, "Kept")))], &[], "t").unwrap();
    let lines = store.audit_trail().unwrap().len();
    for from_snapshot in [false, true] {
        if from_snapshot {
            store.save_snapshot(&store.load().unwrap()).unwrap();
        }
        let file = dir.path().join(format!("b-{from_snapshot}.backup"));
        let (data, pending) = store.load_backing_up(&file, false).unwrap();
        store.commit(&[Change::Put(Record::Person(common::doctor(901, "Later")))], &[], "t").unwrap();
        assert!(!file.exists(), "a backup appears whole or not at all");
        let count = pending.unwrap().finish().unwrap();
        store.restore_from(&file).unwrap();
        let restored = store.load_records().unwrap();
        assert_eq!(restored, data, "from the snapshot: {from_snapshot}");
        assert!(!restored.people.contains_key(&901));
        assert_eq!(store.audit_trail().unwrap().len(), lines);
        assert_eq!(count, data.records().count() + lines + 2, "records, audit lines, two meta values");
    }
    // A backup abandoned half-way leaves nothing, and the partial file of one a killed
    // process left is cleared by the next rotation.
    let file = dir.path().join("abandoned.backup");
    let (_, pending) = store.load_backing_up(&file, false).unwrap();
    assert!(file.with_extension("partial").exists());
    drop(pending);
    assert!(!file.with_extension("partial").exists() && !file.exists());
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    std::fs::write(backups.join("pilotage-2026-01-01.partial"), "half").unwrap();
    daily_backup(&store, &backups, d(2026, 1, 2), 3).unwrap();
    let names: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["pilotage-2026-01-02.backup"]);
}

/// What the golden backups hold: a person, an audit line and the meta values.
fn backup_sample() -> Vec<codec::BackupEntry> {
    let p = common::doctor(7, "Golden Sample");
    let record = Record::Person(p.clone());
    let audit = AuditEntry::for_change(
        &Change::Put(record.clone()),
        "2026-11-23T10:00:00Z".into(),
        "golden",
        "person 7".into(),
    );
    vec![
        ("records".into(), pilotage::store::key_bytes(&record.key()), codec::encode(&p)),
        ("audit".into(), 1u64.to_be_bytes().to_vec(), codec::encode(&audit)),
        ("meta".into(), b"generation".to_vec(), 1u64.to_be_bytes().to_vec()),
        ("meta".into(), b"initialised".to_vec(), vec![1]),
    ]
}

/// Backups of every format still read, to the same values: version 1 as pilotage wrote them
/// until November 2026, and version 2, whose bytes are also pinned (set
/// PILOTAGE_BLESS_GOLDEN=1 to write a missing file).
#[test]
fn golden_backups_of_every_version_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/backup");
    let sample = backup_sample();
    let (records, others) = sample.split_at(1);
    let person = codec::decode_record(RecordKind::Person, &records[0].2).unwrap();
    let mut writer =
        codec::BackupWriter::new(Vec::new(), &codec::encode_snapshot([person].into_iter())).unwrap();
    for (tree, key, value) in others {
        writer.entry(tree, key, value).unwrap();
    }
    let today = writer.finish().unwrap();
    let v2 = dir.join("v2.backup");
    if std::env::var_os("PILOTAGE_BLESS_GOLDEN").is_some() && !v2.exists() {
        std::fs::write(&v2, &today).unwrap();
    }
    for version in ["v1", "v2"] {
        let bytes = std::fs::read(dir.join(format!("{version}.backup"))).unwrap();
        assert_eq!(codec::decode_backup(&bytes).unwrap(), sample, "{version}");
    }
    assert_eq!(std::fs::read(&v2).unwrap(), today, "the backup format changed: add a version");
}

#[cfg(unix)]
#[test]
fn store_and_backups_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = Store::open(&path, Dataset::default).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    let backups = dir.path().join("backups");
    let file = daily_backup(&store, &backups, d(2026, 1, 1), 3).unwrap().unwrap();
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(&backups).unwrap().permissions().mode() & 0o777, 0o700);
}

#[test]
fn automatic_backups_keep_one_a_day_and_the_newest_few() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s"), Dataset::default).unwrap();
    let backups = dir.path().join("backups");
    assert!(daily_backup(&store, &backups, d(2026, 1, 1), 3).unwrap().is_some());
    assert!(daily_backup(&store, &backups, d(2026, 1, 1), 3).unwrap().is_none(), "one a day");
    for day in 2..=5 {
        daily_backup(&store, &backups, d(2026, 1, day), 3).unwrap();
    }
    let mut names: Vec<_> =
        std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        ["pilotage-2026-01-03.backup", "pilotage-2026-01-04.backup", "pilotage-2026-01-05.backup"]
    );
}

#[test]
fn diff_turns_one_dataset_into_another() {
    let mut a = initial();
    let mut b = a.clone();
    b.people.insert(1, common::doctor(1, "New"));
    b.groups.pop_first();
    for change in diff(&a, &b) {
        a.apply(change);
    }
    assert_eq!(a, b);
}

/// A golden sample: its file name, its bytes today, and a check that bytes decode to it.
type Sample = (&'static str, Vec<u8>, Box<dyn Fn(&[u8]) -> bool>);

/// One sample of every record kind, exactly as a golden file of version 1 holds it.
// A list of records, one of every kind.
#[allow(clippy::too_many_lines)]
fn samples() -> Vec<Sample> {
    fn entry<T: codec::Versioned + PartialEq + 'static>(name: &'static str, value: T) -> Sample {
        let bytes = codec::encode(&value);
        (name, bytes, Box::new(move |b: &[u8]| codec::decode::<T>(b).as_ref() == Ok(&value)))
    }
    let mut est = reference_establishments().into_iter().find(|e| e.id == "forest").unwrap();
    est.coverage = vec![pilotage::domain::establishment::Coverage { from: d(2022, 11, 18), covered: false }];
    est.coordinator = Some(pilotage::domain::LanguageRegime::Dutch);
    let mut project = Project {
        id: 40,
        establishment: "lantin".into(),
        title: "Drug-free wing with urine tests".into(),
        promoter: "SAT Liège".into(),
        elements: vec![
            FundamentalElement::DrugFreeWing,
            FundamentalElement::UrineTests,
            FundamentalElement::Other("peer support".into()),
        ],
        history: vec![],
    };
    project.record(ProjectStep::Draft, d(2012, 1, 5)).unwrap();
    project.record(ProjectStep::Submitted, d(2012, 2, 29)).unwrap();
    project.record(ProjectStep::Authorised { conditions: "yearly review".into() }, d(2013, 1, 1)).unwrap();
    project.record(ProjectStep::Running, d(2013, 3, 1)).unwrap();
    vec![
        entry("establishment", est),
        entry("person", common::doctor(10, "Dr. Édith Exemple")),
        entry(
            "group",
            Group {
                id: 20,
                kind: GroupKind::Local,
                establishment: Some("lantin".into()),
                created: Some(d(2007, 3, 1)),
                dissolved: Some(d(2017, 1, 1)),
            },
        ),
        entry("template", pilotage::domain::group::circular_local_template(2)),
        entry(
            "membership",
            Membership {
                id: 30,
                person: 10,
                group: 20,
                seat: "doctor".into(),
                from: d(2008, 1, 1),
                until: Some(d(2011, 6, 30)),
                delegate_of: Some(11),
            },
        ),
        entry(
            "meeting",
            Meeting {
                id: 31,
                group: 20,
                date: d(2010, 10, 4),
                attendees: vec![10, 11],
                notes: "Naloxone training agreed.".into(),
            },
        ),
        entry("project", project),
        entry(
            "training_need",
            TrainingNeed {
                id: 50,
                establishment: "mons".into(),
                staff_group: StaffGroup::PrisonOfficers,
                topic: "Overdose first aid".into(),
                headcount: 25,
                priority: Priority::High,
                raised_on: d(2024, 2, 29),
            },
        ),
        entry(
            "training_session",
            TrainingSession {
                id: 51,
                establishment: "mons".into(),
                topic: "Overdose first aid".into(),
                date: d(2024, 5, 2),
                trainer: "Fictitious SAT".into(),
                participants: 12,
                covers: vec![50],
            },
        ),
        entry(
            "settings",
            pilotage::domain::Settings {
                id: 60,
                effective_from: d(2018, 1, 1),
                thresholds: pilotage::domain::Thresholds {
                    dormant_after_months: 12,
                    overdue_after_days: 120,
                    seat_limit: 4,
                },
                note: "Groups meet twice a year at most since 2018.".into(),
            },
        ),
        entry(
            "capb_service",
            capb::Service {
                id: 70,
                name: "Centre Exemple".into(),
                fields: vec![capb::ActionField::Health, capb::ActionField::HarmReduction],
                joined: d(2012, 1, 1),
                left: Some(d(2020, 12, 31)),
                representatives: vec![capb::Representative { person: 10, from: d(2012, 1, 1), until: None }],
            },
        ),
        entry(
            "capb_meeting",
            capb::CapbMeeting {
                id: 71,
                date: d(2015, 6, 9),
                agenda: "Substitution treatment".into(),
                minutes: "Discussed point by point.".into(),
                attendance: vec![capb::Attendance { service: 70, person: Some(10) }],
                proxies: vec![capb::Proxy { giver: 75, holder: 70 }],
                minutes_released_by: Some(72),
            },
        ),
        entry(
            "capb_motion",
            capb::Motion {
                id: 72,
                meeting: 71,
                text: "Send the letter".into(),
                ballots: vec![
                    capb::Ballot { service: 70, vote: capb::Vote::For },
                    capb::Ballot { service: 75, vote: capb::Vote::Abstain },
                ],
                releases: vec![
                    capb::Release {
                        object: capb::Released::Production(73),
                        to: capb::Recipients::Named(vec!["the ministers".into()]),
                    },
                    capb::Release { object: capb::Released::Minutes(71), to: capb::Recipients::Public },
                ],
            },
        ),
        entry(
            "capb_rules",
            capb::CapbRules {
                id: 74,
                from: d(2016, 3, 1),
                proxy_cap: Some(2),
                quorum_percent: None,
                majority: Some(capb::MajorityBase::MembersPresent),
                note: "Decided at the meeting of 1 March 2016.".into(),
            },
        ),
        entry(
            "capb_admission",
            pilotage::domain::access::Admission {
                id: 81,
                uid: 1002,
                name: "capb-keeper".into(),
                seat: pilotage::domain::access::Seat::Keeper,
                from: d(2026, 12, 1),
                until: None,
            },
        ),
        entry(
            "capb_production",
            capb::Production {
                id: 73,
                title: "Letter on substitution treatment".into(),
                kind: capb::ProductionKind::Interpellation,
                drafted: d(2015, 5, 4),
                decision: Some(72),
                disseminated: Some(capb::Dissemination { date: d(2015, 7, 1), to: "the ministers".into() }),
            },
        ),
        entry(
            "account",
            pilotage::domain::access::Account {
                id: 80,
                uid: 1001,
                name: "staff-mons".into(),
                person: Some(10),
                role: pilotage::domain::access::Role::PrisonStaff(vec!["mons".into()]),
                from: d(2026, 12, 1),
                until: Some(d(2027, 11, 30)),
            },
        ),
        entry("reach", pilotage::domain::access::Reach::Establishments(vec!["lantin".into(), "mons".into()])),
        entry(
            "audit",
            AuditEntry {
                at: "2026-11-23T10:00:00Z".into(),
                user: "coordinator".into(),
                action: "put".into(),
                record: "person:10".into(),
                summary: "Dr. Édith Exemple".into(),
            },
        ),
    ]
}

/// Golden files pin the bytes of each schema version. A change of a record's shape breaks
/// this test on purpose: bump the version, migrate the old shape, add the new files, and
/// keep the old ones (set PILOTAGE_BLESS_GOLDEN=1 to write missing files).
#[test]
fn golden_bytes_of_every_record_version() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("PILOTAGE_BLESS_GOLDEN").is_some();
    for (name, bytes, decodes_to_sample) in samples() {
        // Each kind's file of the version written today.
        let version = bytes[0];
        let dir = root.join(format!("v{version}"));
        let file = dir.join(format!("{name}.bin"));
        if bless && !file.exists() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &bytes).unwrap();
        }
        let golden = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(golden[0], version, "{name}: version byte");
        assert!(
            decodes_to_sample(&golden),
            "{name}: the v{version} golden file no longer decodes to the sample"
        );
        assert_eq!(bytes, golden, "{name}: encoding changed; bump the version and add a migration");
    }
    // The older versions still read, migrated: an establishment of version 1 had no coverage
    // decisions (its kind decides).
    let v1 = std::fs::read(root.join("v1/establishment.bin")).unwrap();
    let forest = reference_establishments().into_iter().find(|e| e.id == "forest").unwrap();
    assert_eq!(codec::decode::<Establishment>(&v1).unwrap(), forest);
    // Version 2 had coverage decisions but no coordinator's side.
    let v2 = std::fs::read(root.join("v2/establishment.bin")).unwrap();
    let v2 = codec::decode::<Establishment>(&v2).unwrap();
    assert_eq!((v2.coverage.len(), v2.coordinator), (1, None));
    // Settings of version 1 had no proxy cap nor quorum; version 2 had the coordinator's,
    // which version 3 leaves to the concertation's members: both read as the thresholds alone.
    for version in ["v1", "v2"] {
        let old = std::fs::read(root.join(version).join("settings.bin")).unwrap();
        let s = codec::decode::<pilotage::domain::Settings>(&old).unwrap();
        assert_eq!(
            (s.id, s.thresholds.seat_limit, s.thresholds.dormant_after_months),
            (60, 4, 12),
            "{version}"
        );
    }
    // A motion of version 1 named nothing it releases: it releases nothing.
    let v1 = std::fs::read(root.join("v1/capb_motion.bin")).unwrap();
    let motion = codec::decode::<capb::Motion>(&v1).unwrap();
    assert_eq!((motion.ballots.len(), motion.releases.len()), (2, 0));
    // A project of version 1 knew no running step: the sample without it.
    let v1 = std::fs::read(root.join("v1/project.bin")).unwrap();
    let project = codec::decode::<Project>(&v1).unwrap();
    assert_eq!(project.history.len(), 3);
    assert!(matches!(project.history[2].step, ProjectStep::Authorised { .. }));
}

#[test]
fn a_snapshot_is_read_only_while_no_commit_came_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    {
        let store = Store::open(&path, initial).unwrap();
        store.commit(&[Change::Put(Record::Person(common::doctor(1, "Before")))], &[], "t").unwrap();
        let data = store.load().unwrap();
        store.save_snapshot(&data).unwrap();
        // A commit after the snapshot makes it stale: the next load must see this person.
        store.commit(&[Change::Put(Record::Person(common::doctor(2, "After")))], &[], "t").unwrap();
    }
    let store = Store::open(&path, || panic!("exists")).unwrap();
    let data = store.load().unwrap();
    assert!(data.people.contains_key(&1) && data.people.contains_key(&2), "a stale snapshot was used");
    store.save_snapshot(&data).unwrap();
    drop(store);
    // With a fresh snapshot, the load comes from it: a record slipped into the records tree
    // behind the store's back (no commit, no generation) is not seen, which shows the path taken.
    {
        let db = raw_sled(&path);
        let tree = db.open_tree("records").unwrap();
        let p = common::doctor(3, "Behind");
        tree.insert(pilotage::store::key_bytes(&Record::Person(p.clone()).key()), codec::encode(&p)).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path, || panic!("exists")).unwrap();
    let from_snapshot = store.load().unwrap();
    assert_eq!(from_snapshot, data);
    // And the snapshot holds exactly what the records held when it was taken.
    store.commit(&[Change::Delete(RecordKey::Id(RecordKind::Person, 3))], &[], "t").unwrap();
    assert_eq!(store.load().unwrap(), data);
}

#[test]
fn reading_the_records_ignores_a_current_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let data = {
        let store = Store::open(&path, initial).unwrap();
        let data = store.load().unwrap();
        store.save_snapshot(&data).unwrap();
        data
    };
    {
        let db = raw_sled(&path);
        let tree = db.open_tree("records").unwrap();
        let key = pilotage::store::key_bytes(&RecordKey::Id(RecordKind::Person, 7));
        tree.insert(key, &[1u8, 0xff, 0xff, 0xff][..]).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path, || panic!("exists")).unwrap();
    assert_eq!(store.load().unwrap(), data, "start-up reads the current snapshot");
    assert!(matches!(store.load_records(), Err(StoreError::Damaged { .. })), "check sees the damage");
}

#[test]
fn a_snapshot_left_in_the_meta_tree_by_an_older_pilotage_is_not_read_and_goes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let data = {
        let store = Store::open(&path, initial).unwrap();
        store.load().unwrap()
    };
    // Where stores made before 2026-11 kept it: a current generation stamp, other content.
    let generation = {
        let db = raw_sled(&path);
        let meta = db.open_tree("meta").unwrap();
        let generation = meta.get("generation").unwrap().unwrap().to_vec();
        let mut other = data.clone();
        other.people.insert(99, common::doctor(99, "Only in the old snapshot"));
        let mut value = generation.clone();
        value.extend(codec::encode_snapshot(other.records()));
        meta.insert("snapshot", value).unwrap();
        db.flush().unwrap();
        generation
    };
    let store = Store::open(&path, || panic!("exists")).unwrap();
    assert_eq!(store.load().unwrap(), data, "the records are read, not the old snapshot");
    store.save_snapshot(&data).unwrap();
    drop(store);
    let db = raw_sled(&path);
    assert!(db.open_tree("meta").unwrap().get("snapshot").unwrap().is_none(), "the old snapshot is gone");
    let new = db.open_tree("snapshot").unwrap().get("snapshot").unwrap().unwrap();
    assert_eq!(&new[..8], &generation[..]);
}

/// A backup restored into a new store (the way out of a damaged one) keeps its whole audit
/// trail when the restored store takes new changes.
#[test]
fn a_restored_audit_trail_is_not_overwritten_by_new_changes() {
    let dir = tempfile::tempdir().unwrap();
    let old = Store::open(&dir.path().join("old"), initial).unwrap();
    for id in 900..905 {
        old.commit(&[Change::Put(Record::Person(common::doctor(id, "Before")))], &[], "t").unwrap();
    }
    let file = dir.path().join("b.backup");
    old.backup_to(&file).unwrap();
    let lines = old.audit_trail().unwrap();
    drop(old);
    let new = Store::open(&dir.path().join("new"), Dataset::default).unwrap();
    new.restore_from(&file).unwrap();
    assert_eq!(new.audit_trail().unwrap(), lines);
    for id in 910..915 {
        new.commit(&[Change::Put(Record::Person(common::doctor(id, "After")))], &[], "t").unwrap();
    }
    let trail = new.audit_trail().unwrap();
    assert_eq!(trail.len(), lines.len() + 5, "restored lines were overwritten");
    assert_eq!(trail[..lines.len()], lines[..], "the restored lines come first, in their order");
}

/// A restore is not one transaction (sled's took 1 GiB at 100,000 records): a store left
/// half-restored by a crash says so, and restoring again brings it back whole.
#[test]
fn a_restore_cut_short_reads_as_damaged_and_can_be_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let file = dir.path().join("b.backup");
    {
        let store = Store::open(&path, initial).unwrap();
        store.commit(&[Change::Put(Record::Person(common::doctor(900, "Kept")))], &[], "t").unwrap();
        store.backup_to(&file).unwrap();
    }
    {
        // What a crash leaves between the marker and its removal.
        let db = raw_sled(&path);
        db.open_tree("meta").unwrap().insert("restoring", file.to_str().unwrap()).unwrap();
        db.open_tree("records").unwrap().clear().unwrap();
        db.flush().unwrap();
    }
    match Store::open(&path, || panic!("exists")).err() {
        Some(StoreError::Damaged { detail, .. }) => {
            assert!(detail.to_string().contains("restore"), "{detail}")
        }
        other => panic!("expected damaged, got {other:?}"),
    }
    std::fs::remove_dir_all(&path).unwrap();
    let store = Store::open(&path, Dataset::default).unwrap();
    store.restore_from(&file).unwrap();
    drop(store);
    let store = Store::open(&path, || panic!("exists")).unwrap();
    assert!(store.load().unwrap().people.contains_key(&900));
}

/// A meeting of 200,000 attendees was written, and from then on the store did not open (the
/// record was over the codec's limit once encoded). What is written must read back: such a
/// commit is refused before anything is written, and the store opens as it was.
#[test]
fn a_record_the_store_could_not_read_back_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let store = Store::open(&path, || Dataset::initial(reference_establishments())).unwrap();
    let data = store.load().unwrap();
    let group = data.groups.keys().next().copied().unwrap();
    let huge =
        Meeting { id: 9_999, group, date: today, attendees: (1..=200_000).collect(), notes: String::new() };
    let result = store.commit(&[Change::Put(Record::Meeting(huge))], &[], "t");
    assert!(matches!(result, Err(StoreError::Refused { .. })), "{result:?}");
    drop(store);
    let reopened = Store::open(&path, || panic!("the store exists")).unwrap();
    assert_eq!(reopened.load_records().unwrap(), data, "nothing was written");
}

/// A dataset of the reference establishments and `count` people, ids from 1.
fn with_people(count: u64) -> Dataset {
    let mut data = initial();
    for id in 1..=count {
        data.put(Record::Person(common::doctor(id, &format!("Person {id}"))));
    }
    data
}

#[test]
fn a_commit_of_many_changes_is_written_in_parts_and_reads_back_whole() {
    use pilotage::store::PART;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = Store::open(&path, || with_people(10)).unwrap();
    let before = store.audit_trail().unwrap().len();
    // Over two parts' worth: new people, one changed, one deleted.
    let mut data = with_people(2 * PART as u64 + 7);
    data.put(Record::Person(common::doctor(3, "Renamed")));
    let gone = RecordKey::Id(RecordKind::Person, 5);
    data.apply(Change::Delete(gone.clone()));
    let mut keys: Vec<RecordKey> =
        (11..=2 * PART as u64 + 7).map(|id| RecordKey::Id(RecordKind::Person, id)).collect();
    keys.push(RecordKey::Id(RecordKind::Person, 3));
    keys.push(gone);
    store.commit_keys(&data, &keys, "importer").unwrap();
    drop(store);
    let store = Store::open(&path, || panic!("not seeded again")).unwrap();
    assert_eq!(store.undone_on_open(), None);
    assert_eq!(store.load_records().unwrap(), data);
    assert_eq!(store.load().unwrap(), data);
    assert_eq!(store.audit_trail().unwrap().len(), before + keys.len());
    // The journal is gone once the commit is through.
    drop(store);
    let raw = raw_sled(&path);
    assert!(raw.open_tree("journal").unwrap().is_empty());
    assert!(raw.open_tree("meta").unwrap().get("importing").unwrap().is_none());
}

/// A commit in parts stopped dead after its second part (as by a kill or a power cut) is
/// undone at the next open: the records it added are gone, the one it changed is as before,
/// its audit lines are gone, and the user is told.
#[test]
fn a_commit_in_parts_cut_half_way_is_undone_at_the_next_open() {
    use pilotage::store::PART;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = Store::open(&path, || with_people(10)).unwrap();
    let before = store.load_records().unwrap();
    let trail = store.audit_trail().unwrap().len();
    drop(store);
    // An import of 3 parts: person 1 changed, then people from 11 on.
    let file = dir.path().join("people.csv");
    let mut csv = String::from("id;name;function;organisation;qualifications;contact\n");
    csv.push_str("1;Changed;;;;\n");
    for id in 11..11 + 3 * PART as u64 {
        csv.push_str(&format!("{id};Person {id};;;;\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let bin = env!("CARGO_BIN_EXE_pilotage");
    let db = path.to_str().unwrap();
    let cut = std::process::Command::new(bin)
        .args(["--db", db, "import", file.to_str().unwrap()])
        .env("PILOTAGE_TEST_STOP_AFTER_PART", "1")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(!cut.status.success(), "the import was to stop half-way: {cut:?}");
    // What the cut left on disk: two parts written, the marker still there.
    {
        let raw = raw_sled(&path);
        assert!(raw.open_tree("meta").unwrap().get("importing").unwrap().is_some());
        let records = raw.open_tree("records").unwrap();
        assert!(records.len() >= before.record_count() + 2 * PART - 1, "{} records", records.len());
        assert!(records.len() < before.record_count() + 3 * PART);
    }
    let out =
        std::process::Command::new(bin).args(["--db", db, "log"]).env("LANG", "C.UTF-8").output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("stopped half-way") && said.contains("undone"), "{said}");
    let store = Store::open(&path, || panic!("not seeded again")).unwrap();
    assert_eq!(store.undone_on_open(), None, "undone once, not again");
    assert_eq!(store.load_records().unwrap(), before);
    assert_eq!(store.load().unwrap(), before);
    assert_eq!(store.audit_trail().unwrap().len(), trail);
    drop(store);
    // Run again, it goes through.
    let again = std::process::Command::new(bin)
        .args(["--db", db, "import", file.to_str().unwrap()])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(again.status.success(), "{again:?}");
    let store = Store::open(&path, || panic!("not seeded again")).unwrap();
    let data = store.load_records().unwrap();
    assert_eq!(data.people.len(), 10 + 3 * PART);
    assert_eq!(data.people[&1].name, "Changed");
}

/// `log --since` and the times it prints are the user's local days and hours: a change at
/// 00:30 in Brussels (23:30 UTC the day before) is on the Brussels day.
#[test]
fn the_log_speaks_local_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut sample = backup_sample();
    let p = common::doctor(7, "Golden Sample");
    let audit = AuditEntry::for_change(
        &Change::Put(Record::Person(p.clone())),
        "2026-11-23T23:30:00Z".into(),
        "night",
        "person 7".into(),
    );
    sample[1].2 = codec::encode(&audit);
    let (records, others) = sample.split_at(1);
    let person = codec::decode_record(RecordKind::Person, &records[0].2).unwrap();
    let mut writer =
        codec::BackupWriter::new(Vec::new(), &codec::encode_snapshot([person].into_iter())).unwrap();
    for (tree, key, value) in others {
        writer.entry(tree, key, value).unwrap();
    }
    let file = dir.path().join("night.backup");
    std::fs::write(&file, writer.finish().unwrap()).unwrap();
    let db = dir.path().join("store");
    let db = db.to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_pilotage");
    // Brussels' rule written out, so that the test needs no time zone database.
    let brussels = "CET-1CEST,M3.5.0,M10.5.0/3";
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(["--db", db])
            .args(args)
            .env("TZ", brussels)
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["restore", file.to_str().unwrap()]);
    let lines =
        |text: String| text.lines().filter(|l| !l.starts_with("# ")).map(String::from).collect::<Vec<_>>();
    let on_the_day = lines(run(&["log", "--since", "24/11/2026"]));
    assert!(on_the_day[0].starts_with("2026-11-24T00:30:00+01:00\tnight\t"), "{on_the_day:?}");
    assert!(lines(run(&["log", "--since", "25/11/2026"])).is_empty());
}

//! What a commit writes, measured by the bytes this process writes (/proc/self/io). In a
//! test binary of its own: the tests of another binary, run in threads of the same process,
//! would write at the same time and be counted too.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod common;

use pilotage::domain::{Change, Record};
use pilotage::store::Store;

/// Bytes this process has written so far (Linux).
#[cfg(target_os = "linux")]
fn written() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap();
    io.lines().find_map(|l| l.strip_prefix("wchar: ")).unwrap().trim().parse().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_commit_does_not_rewrite_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let data = pilotage::demo::generated_dataset(20_000);
    let store = Store::open(&dir.path().join("s"), || data.clone()).unwrap();
    store.save_snapshot(&data).unwrap();
    let snapshot = pilotage::store::codec::encode_snapshot(data.records()).len() as u64;
    let before = written();
    for i in 0..10 {
        store
            .commit(&[Change::Put(Record::Person(common::doctor(900_000 + i, "Dr. Example")))], &[], "t")
            .unwrap();
    }
    let wrote = written() - before;
    // Ten commits of one small record each write kilobytes (12 KB when measured). With the
    // snapshot beside the generation they wrote it again: 1.19 MB here.
    assert!(wrote < snapshot / 4, "10 commits wrote {wrote} bytes; the snapshot is {snapshot}");
    assert_eq!(store.load().unwrap().people.len(), data.people.len() + 10);
}

//! A build that runs out of disk space: it fails with a message naming the index folder and
//! saying the disk is full, removes its unfinished generation, and the previous index still
//! answers searches.
//!
//! The disk is a 4 MB tmpfs mounted for the test, which needs root (or CAP_SYS_ADMIN). Where
//! mounting is not allowed the test is skipped with a note on stderr, except under CI (`CI` set),
//! where it fails.

mod common;

use std::path::Path;
use std::process::Command;

/// Unmounts the tmpfs when dropped, whatever the test did.
struct Mounted<'a>(&'a Path);

impl Drop for Mounted<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).status();
    }
}

#[test]
fn a_full_disk_fails_clearly_and_keeps_the_previous_index() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let disk = tmp.path().join("disk");
    std::fs::create_dir_all(&disk).expect("mount point");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(&disk)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
        assert!(!ci, "cannot mount a tmpfs for the full-disk test (needs root)");
        eprintln!("full_disk: skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)");
        return;
    }
    let _unmount = Mounted(&disk);
    let index = disk.join("index");
    let index_str = index.display().to_string();

    // The seeds fit (about 0.2 MB of index).
    let seeds = tmp.path().join("seeds");
    common::copy_seeds(&seeds);
    common::run_ok(&["index", &seeds.display().to_string(), "--index", &index_str]);
    let before = common::run_ok(&["search", "无废城市", "--json", "--index", &index_str]);
    let before: serde_json::Value = serde_json::from_str(&before).expect("search --json prints JSON");
    assert!(before["total"].as_u64().unwrap_or(0) > 0, "{before}");

    // Two hundred copies of the seeds need about 11 MB of index: more than the disk holds.
    let big = tmp.path().join("big");
    std::fs::create_dir_all(&big).expect("big corpus folder");
    for entry in std::fs::read_dir(&seeds).expect("seeds copy") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("a seed text");
            for i in 0..200 {
                let name = format!("{i:03}-{}", path.file_name().expect("name").to_string_lossy());
                std::fs::write(big.join(name), &text).expect("write a copy");
            }
        }
    }
    let out = common::run(&["index", &big.display().to_string(), "--index", &index_str]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build must fail on a full disk: {stderr}");
    assert!(stderr.contains(&index_str), "the message names the index folder: {stderr}");
    assert!(stderr.contains("disk is full"), "the message says the disk is full: {stderr}");
    assert!(!stderr.contains("panicked at"), "no panic: {stderr}");

    // The unfinished generation is gone and the previous index answers as before.
    let generations = std::fs::read_dir(&index)
        .expect("index folder")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("gen-")))
        .count();
    assert_eq!(generations, 1, "only the previous generation is left");
    let after = common::run_ok(&["search", "无废城市", "--json", "--index", &index_str]);
    let after: serde_json::Value = serde_json::from_str(&after).expect("search --json prints JSON");
    assert_eq!(after["total"], before["total"]);
    assert_eq!(after["hits"][0]["passage"]["id"], before["hits"][0]["passage"]["id"]);
}

//! Reliability end to end: an index build killed with SIGKILL at any moment leaves the previous
//! index searchable with the same results, and concurrent builds of one index are refused.

mod common;

use common::*;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Queries whose answers must survive every crash.
const PROBES: [&str; 6] = ["无废城市", "未来社区", "高质量发展", "养老", "\"十四五期间\"", "5G"];

/// The probes' totals and top ids, read in-process (a fresh engine each time, as a new process
/// would open the index).
fn answers(index: &TempIndex) -> Vec<(u64, Vec<String>)> {
    let engine = plansearch_index::Engine::open(&index.path()).expect("the index opens after a kill");
    PROBES
        .iter()
        .map(|q| {
            let req = plansearch_index::api::SearchRequest { q: q.to_string(), limit: Some(5), ..Default::default() };
            let r = engine.search(&req).expect("search");
            (r.total, r.hits.into_iter().map(|h| h.passage.id).collect())
        })
        .collect()
}

/// Seeds plus a slice of the national reports when they are available, so a build takes long
/// enough to be killed in the middle of every phase.
fn corpus(tmp: &std::path::Path) -> std::path::PathBuf {
    let dir = tmp.join("corpus");
    copy_seeds(&dir);
    let national = root().join("../shared/corpus/national-work-reports");
    if let Ok(entries) = std::fs::read_dir(&national) {
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.iter().rev().take(8) {
            std::fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
        }
    } else {
        // Without the shared corpus, make the seeds bigger so builds still take a while.
        let text = std::fs::read_to_string(seeds().join("000_1a100416ab643aa2.txt")).unwrap();
        for i in 0..40 {
            std::fs::write(dir.join(format!("copy-{i:02}.md")), &text).unwrap();
        }
    }
    dir
}

#[test]
fn sigkill_during_a_build_never_loses_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    let index = TempIndex::build(&[&corpus]);
    let baseline = answers(&index);
    assert!(baseline[0].0 > 0);

    // How long a full build takes, to spread the kills across it.
    let started = Instant::now();
    run_ok(&["index", corpus.to_str().unwrap(), "--index", &index.path_str(), "--full"]);
    let full = started.elapsed().as_millis() as u64;

    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut killed_mid_build = 0;
    for round in 0..28 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Spread over the first 90% of a build, so that nearly every kill lands during one
        // (builds vary in length; a kill after the end is harmless but proves nothing).
        let delay = Duration::from_millis(seed % (full * 9 / 10 + 1));
        let mut child = bin()
            // --full: an unchanged corpus would otherwise be a no-op update.
            .args(["index", corpus.to_str().unwrap(), "--index", &index.path_str(), "--full"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_mid_build += 1;
        }
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        assert_eq!(answers(&index), baseline, "round {round}: results changed after a kill at {delay:?}");
    }
    assert!(killed_mid_build >= 20, "only {killed_mid_build} kills landed during a build");
    // Leftover generations of killed builds are cleaned by the next build.
    run_ok(&["index", corpus.to_str().unwrap(), "--index", &index.path_str(), "--full"]);
    let gens = std::fs::read_dir(index.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(gens, 1);
}

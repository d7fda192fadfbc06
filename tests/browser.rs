//! Browser end-to-end test harness: indexes the seeds plus a hostile document with the real
//! binary, serves the index with `plansearch serve` on a free port, and runs the Playwright script
//! `tests/browser/e2e.mjs` against it (Debian's Chromium, driven by `playwright-core`).
//!
//! Needs `node`, a Chromium (`/usr/bin/chromium` or `$CHROMIUM`) and `npm ci` in `tests/browser`.
//! Without them the test is skipped with a note on stderr, except under CI (`CI` set), where it
//! fails: `.ci/run` installs them. Screenshots go to `target/screenshots`.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A document whose text is markup: the page must show it as text and never run it.
const HOSTILE_DOC: &str = "# 测试文档\n\n## 安全篇\n\nHOSTILE_MARKER 段落：<script>window.__pwned=1</script> 以及 \
<img src=x onerror=\"window.__pwned=1\"> 都必须按原样显示。\n";

/// Longest run of the browser script.
const BROWSER_RUN: Duration = Duration::from_secs(300);

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// What the browser test needs and is missing.
fn missing_requirements() -> Vec<String> {
    let mut missing = Vec::new();
    if !Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()) {
        missing.push("`node` (Node.js 20 or newer)".to_string());
    }
    let browser = chromium();
    if !browser.is_file() {
        missing.push(format!("Chromium at {} (apt-get install chromium, or set CHROMIUM)", browser.display()));
    }
    let playwright = common::root().join("tests/browser/node_modules/playwright-core");
    if !playwright.is_dir() {
        missing.push(format!("{} (run `npm ci` in tests/browser)", playwright.display()));
    }
    missing
}

/// The seeds (text files and catalog) plus `hostile.md`, copied into `dir`.
fn make_corpus(dir: &Path) {
    common::copy_seeds(dir);
    std::fs::write(dir.join("hostile.md"), HOSTILE_DOC).expect("write hostile.md");
}

/// Reads a child's output in the background, echoing nothing; returns everything at the end.
fn collect(mut r: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

#[test]
fn browser_end_to_end() {
    let missing = missing_requirements();
    if !missing.is_empty() {
        let what = missing.join("; ");
        if ci() {
            panic!("browser test cannot run under CI, missing: {what}. `.ci/run` must install them.");
        }
        eprintln!("skipped: browser end-to-end test (missing: {what})");
        return;
    }

    let root = common::root();
    let corpus_tmp = tempfile::tempdir().expect("temp dir");
    let corpus = corpus_tmp.path().join("corpus");
    make_corpus(&corpus);
    let index = common::TempIndex::build(&[&corpus]);
    // Declared after the index, so dropped (killed) before the index folder is removed.
    let (_server, url) = common::start_server(&index.path_str());
    let health: serde_json::Value = serde_json::from_str(&common::wait_healthy(&url)).expect("healthz is JSON");
    assert_eq!(health["documents"], 3, "the seeds and hostile.md are indexed: {health}");

    let screenshots = root.join("target/screenshots");
    let node = Command::new("node")
        .arg("tests/browser/e2e.mjs")
        .current_dir(&root)
        .env("BASE_URL", &url)
        .env("SCREENSHOT_DIR", &screenshots)
        .env("CHROMIUM", chromium())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    let mut node = common::KillOnDrop(node);
    let out = collect(node.0.stdout.take().expect("node stdout"));
    let err = collect(node.0.stderr.take().expect("node stderr"));
    let deadline = Instant::now() + BROWSER_RUN;
    let status = loop {
        if let Some(status) = node.0.try_wait().expect("wait for node") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = node.0.kill();
            let _ = node.0.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    println!("{stdout}");
    if !stderr.trim().is_empty() {
        println!("node stderr:\n{stderr}");
    }
    let status = status.unwrap_or_else(|| panic!("the browser test ran longer than {BROWSER_RUN:?}:\n{stdout}"));
    assert!(status.success(), "the browser test failed ({status}):\n{stdout}\n{stderr}");
    let passed = stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("browser e2e: "))
        .find_map(|rest| rest.strip_suffix(" passed, 0 failed").and_then(|n| n.parse::<u32>().ok()));
    assert!(
        passed.is_some_and(|n| n > 0),
        "the browser test did not print `browser e2e: N passed, 0 failed`:\n{stdout}"
    );
    eprintln!("browser e2e: {} checks passed; screenshots in {}", passed.unwrap_or(0), screenshots.display());
}

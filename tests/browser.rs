//! Browser end-to-end test harness: indexes the seeds plus a hostile document with the real
//! binary, serves the index with `plansearch serve` on a free port, and runs the Playwright script
//! `tests/browser/e2e.mjs` against it (Debian's Chromium, driven by `playwright-core`).
//!
//! Needs `node`, a Chromium (`/usr/bin/chromium` or `$CHROMIUM`) and `npm ci` in `tests/browser`.
//! Without them the test is skipped with a note on stderr, except under CI (`CI` set), where it
//! fails: `.ci/run` installs them. Screenshots go to `target/screenshots`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A document whose text is markup: the page must show it as text and never run it.
const HOSTILE_DOC: &str = "# 测试文档\n\n## 安全篇\n\nHOSTILE_MARKER 段落：<script>window.__pwned=1</script> 以及 \
<img src=x onerror=\"window.__pwned=1\"> 都必须按原样显示。\n";

/// Longest wait for the server to print its address and answer `/healthz`.
const SERVER_START: Duration = Duration::from_secs(60);
/// Longest run of the browser script.
const BROWSER_RUN: Duration = Duration::from_secs(300);

/// A child process killed (and reaped) when dropped, so no server outlives a failing test.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

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
    std::fs::create_dir_all(dir).expect("corpus folder");
    let mut copied = 0;
    for entry in std::fs::read_dir(common::seeds()).expect("the seeds folder") {
        let path = entry.expect("a seeds entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if name.ends_with(".txt") || name == "catalog.toml" {
            std::fs::copy(&path, dir.join(&name)).expect("copy a seed");
            copied += 1;
        }
    }
    assert!(copied >= 3, "the seeds folder holds the documents and catalog.toml");
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

/// One HTTP GET with the standard library; returns the status code and body.
fn http_get(host_port: &str, path: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(host_port)?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host_port}\r\nConnection: close\r\n\r\n")?;
    let mut reply = String::new();
    s.read_to_string(&mut reply)?;
    let status = reply.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = reply.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Ok((status, body))
}

/// Starts `plansearch serve` on a free loopback port; returns the guard and the base URL.
fn start_server(index: &str) -> (KillOnDrop, String) {
    let child = common::bin()
        .args(["serve", "--addr", "127.0.0.1:0", "--index", index])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start plansearch serve");
    let mut server = KillOnDrop(child);
    let stdout = server.0.stdout.take().expect("server stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                // Nobody listens any more; keep draining so the server never blocks on a full pipe.
                continue;
            }
        }
    });
    let deadline = Instant::now() + SERVER_START;
    let url = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(start) = line.find("http://") {
                    let url: String = line[start..].chars().take_while(|c| !c.is_whitespace()).collect();
                    break url.trim_end_matches('/').to_string();
                }
            }
            Err(e) => {
                let status = server.0.try_wait().ok().flatten();
                panic!("plansearch serve printed no address within {SERVER_START:?} ({e}; exit status {status:?})");
            }
        }
    };
    (server, url)
}

/// Waits until `/healthz` answers 200; returns its body.
fn wait_healthy(url: &str) -> String {
    let host_port = url.trim_start_matches("http://").to_string();
    let deadline = Instant::now() + SERVER_START;
    loop {
        match http_get(&host_port, "/healthz") {
            Ok((200, body)) => return body,
            other if Instant::now() > deadline => panic!("{url}/healthz is not healthy: {other:?}"),
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
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
    let (_server, url) = start_server(&index.path_str());
    let health: serde_json::Value = serde_json::from_str(&wait_healthy(&url)).expect("healthz is JSON");
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
    let mut node = KillOnDrop(node);
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

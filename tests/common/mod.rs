//! Helpers shared by the end-to-end tests: run the real `plansearch` binary on temporary indexes.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Longest wait for the server to print its address and answer `/healthz`.
pub const SERVER_START: Duration = Duration::from_secs(60);

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed documents shipped in the repo.
pub fn seeds() -> PathBuf {
    root().join("seeds")
}

/// The 52 national government work reports beside the repository (`../shared/corpus/…`), or
/// `None` after printing `skipped` when they are missing; in CI (`CI` set) a missing corpus fails.
pub fn national_dir() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus/national-work-reports");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: CI runs with shared/ beside the repository",
        dir.display()
    );
    println!("skipped: {} not found", dir.display());
    None
}

/// Letters and digits of `text`, folded as the index folds them (simplified, half-width, lower
/// case), so that a literal match can be checked on the text itself.
pub fn letters(text: &str) -> String {
    plansearch_text::normalize::fold_str(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A command running the built binary, from the repository root.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plansearch"));
    c.current_dir(root());
    c.env("NO_COLOR", "1");
    c
}

/// Runs the binary with `args`, returning its output (whatever the exit status).
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the plansearch binary runs")
}

/// Runs the binary and insists on success; returns stdout.
pub fn run_ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "plansearch {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Copies every seed file (documents and catalog) into `dir`, creating it.
pub fn copy_seeds(dir: &Path) {
    std::fs::create_dir_all(dir).expect("corpus folder");
    for entry in std::fs::read_dir(seeds()).expect("the seeds folder") {
        let path = entry.expect("a seeds entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("a file name"))).expect("copy a seed");
    }
}

/// A temporary index folder, removed when dropped.
pub struct TempIndex {
    pub tmp: tempfile::TempDir,
}

impl TempIndex {
    /// Builds an index of `inputs` with the real binary.
    pub fn build(inputs: &[&Path]) -> TempIndex {
        let tmp = tempfile::tempdir().expect("temp dir");
        let index = tmp.path().join("index");
        let mut args: Vec<String> = vec!["index".into()];
        args.extend(inputs.iter().map(|p| p.display().to_string()));
        args.push("--index".into());
        args.push(index.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_ok(&args);
        TempIndex { tmp }
    }

    pub fn path(&self) -> PathBuf {
        self.tmp.path().join("index")
    }

    pub fn path_str(&self) -> String {
        self.path().display().to_string()
    }

    /// `plansearch search … --json` on this index.
    pub fn search(&self, args: &[&str]) -> serde_json::Value {
        let index = self.path_str();
        let mut all = vec!["search", "--json", "--index", index.as_str()];
        all.extend_from_slice(args);
        serde_json::from_str(&run_ok(&all)).expect("search --json prints JSON")
    }

    /// `plansearch export` on this index, one JSON value per passage.
    pub fn export(&self) -> Vec<serde_json::Value> {
        let index = self.path_str();
        run_ok(&["export", "--index", &index])
            .lines()
            .map(|l| serde_json::from_str(l).expect("export prints JSON lines"))
            .collect()
    }
}

/// A string field of a JSON object.
pub fn s<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("`{key}` is a string in {v}"))
}

/// Removes all whitespace and applies NFKC, as the judged-query scoring rule does.
pub fn squash(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// A child process killed (and reaped) when dropped, so no server outlives a failing test.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP GET with the standard library; returns the status code and body.
pub fn http_get(host_port: &str, path: &str) -> std::io::Result<(u16, String)> {
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
pub fn start_server(index: &str) -> (KillOnDrop, String) {
    let child = bin()
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
pub fn wait_healthy(url: &str) -> String {
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

/// An index of the seeds and the national reports of `years` (copied into a temporary folder
/// kept with the index), or `None` when the corpus is missing (see [`national_dir`]).
pub fn seeds_with_reports(years: &[i32]) -> Option<(tempfile::TempDir, TempIndex)> {
    let dir = national_dir()?;
    let tmp = tempfile::tempdir().expect("temp dir");
    let reports = tmp.path().join("reports");
    std::fs::create_dir_all(&reports).expect("reports folder");
    for y in years {
        let name = format!("{y}-国务院政府工作报告.txt");
        std::fs::copy(dir.join(&name), reports.join(&name)).expect("copy a report");
    }
    let index = TempIndex::build(&[&seeds(), &reports]);
    Some((tmp, index))
}

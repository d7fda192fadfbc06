//! Live reload under load: `plansearch serve` answers every request while its index is rebuilt
//! six times by the real binary (in place and as new generations), and switches to each new state.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Client threads sending requests for the whole test.
const CLIENTS: usize = 8;
/// Pause between two requests of one client: a steady load that still leaves the builds some of
/// the two cores, so the test stays short.
const PAUSE: Duration = Duration::from_millis(2);
/// Longest wait for one answer; longer counts as a failure (the server's own timeout is 10 s).
const IO_TIMEOUT: Duration = Duration::from_secs(20);
/// Longest wait for the server to answer with a rebuilt index. The reloader looks every second;
/// the rest is slack for a loaded machine.
const SWITCH_DEADLINE: Duration = Duration::from_secs(15);
/// Made-up phrases, one per added document, found nowhere else.
const PHRASES: [&str; 3] = ["琥珀鲸甲号试验田", "琥珀鲸乙号试验田", "琥珀鲸丙号试验田"];

/// An HTTP/1.1 client on one connection, kept alive as a browser keeps it, or (`fresh`) a new
/// connection per request, so that both kinds meet a swap.
struct Client {
    host_port: String,
    fresh: bool,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(host_port: &str, fresh: bool) -> Client {
        Client { host_port: host_port.to_string(), fresh, conn: None }
    }

    /// Status and body of `GET path`.
    fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        let mut conn = match self.conn.take() {
            Some(c) => c,
            None => {
                let s = TcpStream::connect(&self.host_port).map_err(|e| format!("connect: {e}"))?;
                s.set_read_timeout(Some(IO_TIMEOUT)).map_err(|e| e.to_string())?;
                s.set_write_timeout(Some(IO_TIMEOUT)).map_err(|e| e.to_string())?;
                s.set_nodelay(true).map_err(|e| e.to_string())?;
                BufReader::new(s)
            }
        };
        let (status, body, keep) = self.exchange(&mut conn, path).map_err(|e| format!("{path}: {e}"))?;
        if keep && !self.fresh {
            self.conn = Some(conn);
        }
        Ok((status, body))
    }

    fn exchange(&self, conn: &mut BufReader<TcpStream>, path: &str) -> Result<(u16, Vec<u8>, bool), String> {
        let close = if self.fresh { "Connection: close\r\n" } else { "" };
        write!(conn.get_mut(), "GET {path} HTTP/1.1\r\nHost: {}\r\n{close}\r\n", self.host_port)
            .map_err(|e| format!("write: {e}"))?;
        let mut line = String::new();
        if conn.read_line(&mut line).map_err(|e| format!("read: {e}"))? == 0 {
            return Err("connection closed before an answer".into());
        }
        let status =
            line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or(format!("status line {line:?}"))?;
        let (mut length, mut keep) = (None, true);
        loop {
            line.clear();
            if conn.read_line(&mut line).map_err(|e| format!("read: {e}"))? == 0 {
                return Err("connection closed inside the headers".into());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').ok_or(format!("header {header:?}"))?;
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse::<usize>().ok(),
                "connection" => keep = !value.trim().eq_ignore_ascii_case("close"),
                // Every answer has a known length; anything else would be a change to notice.
                "transfer-encoding" => return Err(format!("unexpected transfer-encoding {value}")),
                _ => {}
            }
        }
        let mut body = vec![0; length.ok_or("no Content-Length")?];
        conn.read_exact(&mut body).map_err(|e| format!("body: {e}"))?;
        Ok((status, body, keep))
    }

    /// `GET path` as JSON, insisting on 200.
    fn json(&mut self, path: &str) -> Result<serde_json::Value, String> {
        let (status, body) = self.get(path)?;
        if status != 200 {
            return Err(format!("{path}: status {status}: {}", String::from_utf8_lossy(&body)));
        }
        serde_json::from_slice(&body).map_err(|e| format!("{path}: not JSON ({e})"))
    }
}

/// Percent-encodes a query-string value.
fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The requests of the mix and what a good answer holds, whichever index state answers.
#[derive(Clone)]
enum Probe {
    Search(String),
    Health { base_docs: u64 },
    Commitments,
    Passage(String),
    Suggest,
}

impl Probe {
    fn path(&self) -> String {
        match self {
            Probe::Search(path) => path.clone(),
            Probe::Health { .. } => "/healthz".into(),
            Probe::Commitments => "/api/commitments".into(),
            Probe::Passage(id) => format!("/api/passages/{}", enc(id)),
            Probe::Suggest => format!("/api/suggest?q={}", enc("无废")),
        }
    }

    fn check(&self, v: &serde_json::Value) -> Result<(), String> {
        let ok = match self {
            Probe::Search(_) => {
                v["total"].as_u64().is_some_and(|t| t > 0)
                    && v["hits"].as_array().is_some_and(|h| !h.is_empty())
                    && v["facets"]["sector"].as_array().is_some_and(|f| !f.is_empty())
            }
            // An added document is the only change: one more document or none.
            Probe::Health { base_docs } => {
                v["documents"].as_u64().is_some_and(|d| d == *base_docs || d == base_docs + 1)
                    && v["passages"].as_u64().is_some_and(|p| p > 0)
            }
            Probe::Commitments => v.as_array().is_some_and(|c| !c.is_empty()),
            Probe::Passage(id) => v["passage"]["id"].as_str() == Some(id.as_str()),
            Probe::Suggest => v.is_array(),
        };
        if ok {
            Ok(())
        } else {
            Err(format!("{}: unexpected answer {}", self.path(), v.to_string().chars().take(300).collect::<String>()))
        }
    }
}

/// What one client saw.
#[derive(Default)]
struct Tally {
    requests: u64,
    failures: u64,
    errors: Vec<String>,
}

impl Tally {
    fn record(&mut self, result: Result<(), String>) {
        self.requests += 1;
        if let Err(e) = result {
            self.failures += 1;
            if self.errors.len() < 5 {
                self.errors.push(e);
            }
        }
    }
}

fn run_client(host_port: String, fresh: bool, mix: Vec<Probe>, first: usize, stop: Arc<AtomicBool>) -> Tally {
    let mut client = Client::new(&host_port, fresh);
    let mut tally = Tally::default();
    let mut n = first;
    while !stop.load(Ordering::Relaxed) {
        let probe = &mix[n % mix.len()];
        n += 1;
        tally.record(client.json(&probe.path()).and_then(|v| probe.check(&v)));
        std::thread::sleep(PAUSE);
    }
    tally
}

fn generation(index: &Path) -> String {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(index.join("manifest.json")).expect("manifest")).expect("JSON");
    s(&m, "generation").to_string()
}

fn gen_folders(index: &Path) -> Vec<String> {
    let mut gens: Vec<String> = std::fs::read_dir(index)
        .expect("index folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gen-"))
        .collect();
    gens.sort();
    gens
}

/// Polls until the server answers with the state a rebuild made: `phrase` found (and one more
/// document) or not found (and the base count). Returns how long it took.
fn wait_for_switch(observer: &mut Client, tally: &mut Tally, phrase: &str, present: bool, base_docs: u64) -> Duration {
    let since = Instant::now();
    let search = format!("/api/search?limit=1&q={}", enc(&format!("\"{phrase}\"")));
    let want_docs = base_docs + u64::from(present);
    let mut last = String::new();
    while since.elapsed() < SWITCH_DEADLINE {
        let seen = observer.json(&search).and_then(|r| Ok((r, observer.json("/healthz")?)));
        match seen {
            Ok((r, h)) => {
                tally.record(Ok(()));
                tally.record(Ok(()));
                let found = r["total"].as_u64().is_some_and(|t| t > 0);
                if found == present && h["documents"].as_u64() == Some(want_docs) {
                    return since.elapsed();
                }
                last = format!("total {}, documents {}", r["total"], h["documents"]);
            }
            Err(e) => tally.record(Err(e)),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "no switch within {SWITCH_DEADLINE:?}: `{phrase}` should be {}; last seen {last}",
        if present { "found" } else { "gone" }
    );
}

#[test]
fn the_server_answers_every_request_while_the_index_is_rebuilt() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = tmp.path().join("corpus");
    copy_seeds(&corpus);
    let index = TempIndex::build(&[&corpus]);
    let (c, i) = (corpus.to_str().expect("UTF-8 path"), index.path_str());
    // Declared after the index, so killed before the index folder is removed.
    let (_server, url) = start_server(&i);
    let health: serde_json::Value = serde_json::from_str(&wait_healthy(&url)).expect("healthz is JSON");
    let base_docs = health["documents"].as_u64().expect("a document count");
    let host_port = url.trim_start_matches("http://").to_string();

    let mut observer = Client::new(&host_port, false);
    let first = observer.json(&format!("/api/search?limit=1&q={}", enc("无废城市"))).expect("a first search");
    // A seed passage: seeds never change, so its id stays valid across every rebuild.
    let passage_id = s(&first["hits"][0], "id").to_string();
    let mix = vec![
        Probe::Search(format!("/api/search?q={}", enc("无废城市"))),
        Probe::Health { base_docs },
        Probe::Search(format!("/api/search?q={}&doc=yk-2021-work-report", enc("发展"))),
        Probe::Commitments,
        Probe::Passage(passage_id),
        Probe::Suggest,
    ];
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let (host_port, mix, stop) = (host_port.clone(), mix.clone(), stop.clone());
            std::thread::spawn(move || run_client(host_port, n % 2 == 1, mix, n, stop))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));

    let mut observed = Tally::default();
    let mut delays = Vec::new();
    let mut new_generations = 0;
    let rounds = 6;
    for round in 0..rounds {
        let k = round / 2;
        let (phrase, present) = (PHRASES[k], round % 2 == 0);
        let file = corpus.join(format!("live-{k}.md"));
        let f = file.to_str().expect("UTF-8 path");
        if present {
            let text = format!("# 临时文档{k}\n\n## 一、总则\n\n推进{phrase}建设，开展示范。\n");
            std::fs::write(&file, text).expect("write the added document");
        }
        let before = generation(&index.path());
        // Each way the CLI changes an index: in place (a new revision) or as a new generation.
        match round {
            0 => {
                run_ok(&["index", c, "--index", &i]);
            }
            1 | 2 | 5 => {
                if !present {
                    std::fs::remove_file(&file).expect("remove the added document");
                }
                run_ok(&["index", c, "--index", &i, "--full"]);
            }
            3 => {
                run_ok(&["remove", &format!("live-{k}"), "--index", &i]);
                std::fs::remove_file(&file).expect("remove the added document");
            }
            _ => {
                run_ok(&["add", f, "--index", &i]);
            }
        }
        let switched_generation = generation(&index.path()) != before;
        assert_eq!(
            switched_generation,
            matches!(round, 1 | 2 | 5),
            "round {round}: generation {before} kept or replaced as planned"
        );
        new_generations += usize::from(switched_generation);
        let delay = wait_for_switch(&mut observer, &mut observed, phrase, present, base_docs);
        eprintln!(
            "round {round}: {} switched after {} ms",
            if switched_generation { "new generation" } else { "in-place update" },
            delay.as_millis()
        );
        delays.push(delay);
    }
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::Relaxed);
    let tallies: Vec<Tally> = clients.into_iter().map(|h| h.join().expect("a client thread")).collect();

    let requests: u64 = tallies.iter().map(|t| t.requests).sum::<u64>() + observed.requests;
    let failures: u64 = tallies.iter().map(|t| t.failures).sum::<u64>() + observed.failures;
    let per_client: Vec<u64> = tallies.iter().map(|t| t.requests).collect();
    let max_delay = delays.iter().max().copied().unwrap_or_default();
    let gens = gen_folders(&index.path());
    eprintln!(
        "live reload: {rounds} rebuilds ({new_generations} new generations, {} in place); {requests} requests \
         ({CLIENTS} clients: {per_client:?}, observer {}), {failures} failed; switch delays {:?} ms, max {} ms; \
         {} generation folder(s) left; {:.1} s",
        rounds - new_generations,
        observed.requests,
        delays.iter().map(Duration::as_millis).collect::<Vec<_>>(),
        max_delay.as_millis(),
        gens.len(),
        started.elapsed().as_secs_f64()
    );
    let errors: Vec<&String> = tallies.iter().chain([&observed]).flat_map(|t| &t.errors).collect();
    assert_eq!(failures, 0, "failed requests, first ones: {errors:#?}");
    assert!(per_client.iter().all(|&n| n > 0), "every client got answers: {per_client:?}");
    assert_eq!(gens, vec![generation(&index.path())], "only the current generation is left");
}

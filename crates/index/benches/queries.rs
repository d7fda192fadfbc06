//! In-process query benchmark (`harness = false`): opens an index with [`Engine::open`] and runs a
//! fixed query mix (written by `bench/mix.py`) for several rounds after a warm-up, timing each
//! `Engine::search` call — query parsing, counting, top 10 with snippets and highlights, and the
//! facet counts over the whole result set, i.e. everything `/api/search` does but HTTP and JSON.
//!
//! ```sh
//! cargo bench -p plansearch-index --bench queries -- --index DIR --mix mix.tsv [--rounds 5] [--warmup 1]
//! cargo bench -p plansearch-index --bench queries -- --index DIR --cold   # where a fresh process spends its time
//! ```
//!
//! The mix file has one query per line: `class<TAB>q<TAB>sector<TAB>department<TAB>year`, the
//! last three possibly empty. Prints a human summary to stderr and one JSON object to stdout.
//! With `--cold` it times, in a fresh process, `Engine::open`, the first searches (cut without the
//! full word dictionary) and then the full dictionary load, then exits (run it many times and take
//! medians). With `--space` it prints the
//! index's bytes per component (postings, positions, term dictionary, store, …) and per field.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use plansearch_index::api::SearchRequest;
use plansearch_index::Engine;

struct Args {
    index: PathBuf,
    mix: Option<PathBuf>,
    rounds: usize,
    warmup: usize,
    cold: bool,
    space: bool,
    dump: bool,
    query: String,
}

fn parse_args() -> Args {
    let mut args = Args {
        index: PathBuf::from("index"),
        mix: None,
        rounds: 5,
        warmup: 1,
        cold: false,
        space: false,
        dump: false,
        query: "无废城市".to_string(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--index" => args.index = it.next().expect("--index DIR").into(),
            "--mix" => args.mix = Some(it.next().expect("--mix FILE").into()),
            "--rounds" => args.rounds = it.next().expect("--rounds N").parse().expect("a number"),
            "--warmup" => args.warmup = it.next().expect("--warmup N").parse().expect("a number"),
            "--cold" => args.cold = true,
            "--space" => args.space = true,
            "--dump" => args.dump = true,
            "--query" => args.query = it.next().expect("--query Q"),
            // `cargo bench` passes `--bench`; ignore it and anything else of libtest's.
            _ => {}
        }
    }
    args
}

struct Query {
    class: String,
    req: SearchRequest,
}

fn load_mix(path: &PathBuf) -> Vec<Query> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).map(|s| s.trim()).unwrap_or("");
        let list = |s: &str| if s.is_empty() { Vec::new() } else { vec![s.to_string()] };
        out.push(Query {
            class: col(0).to_string(),
            req: SearchRequest {
                q: col(1).to_string(),
                sector: list(col(2)),
                department: list(col(3)),
                year: list(col(4)),
                limit: Some(10),
                ..Default::default()
            },
        });
    }
    out
}

/// Nearest-rank percentile of sorted values.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn stats(mut v: Vec<f64>) -> serde_json::Value {
    v.sort_by(|a, b| a.total_cmp(b));
    let mean = if v.is_empty() { f64::NAN } else { v.iter().sum::<f64>() / v.len() as f64 };
    serde_json::json!({
        "n": v.len(),
        "p50_ms": pct(&v, 50.0),
        "p90_ms": pct(&v, 90.0),
        "p99_ms": pct(&v, 99.0),
        "max_ms": v.last().copied().unwrap_or(f64::NAN),
        "mean_ms": mean,
    })
}

/// CPU time this thread has run, in ms (clock_gettime(CLOCK_THREAD_CPUTIME_ID), exact to the
/// nanosecond on Linux). Unlike wall time it does not grow when other processes take the core,
/// so on a shared machine it shows what a query costs.
#[cfg(target_os = "linux")]
fn thread_cpu_ms() -> f64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the valid, exclusively borrowed `t`.
    if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return f64::NAN;
    }
    t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_ms() -> f64 {
    f64::NAN
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn cold(args: &Args) {
    let t0 = Instant::now();
    let engine = Engine::open(&args.index).unwrap_or_else(|e| panic!("{}: {e}", args.index.display()));
    let open_ms = ms(t0);
    let search = || {
        let t = Instant::now();
        let resp = engine.search(&SearchRequest { q: args.query.clone(), ..Default::default() }).expect("search");
        (ms(t), resp.total)
    };
    // The query is cut with a dictionary of its own words (crate::dictionary) ...
    let (first_ms, total_hits) = search();
    let (second_ms, _) = search();
    let total_ms = ms(t0);
    // ... which a process that indexes builds in full; timed here for comparison.
    let t1 = Instant::now();
    let _ = plansearch_index::analysis::dictionary::Dictionaries::shared(None).full();
    let full_dictionary_ms = ms(t1);
    let (after_full_ms, _) = search();
    println!(
        "{}",
        serde_json::json!({
            "mode": "cold",
            "engine_open_ms": open_ms,
            "first_search_ms": first_ms,
            "second_search_ms": second_ms,
            "total_ms": total_ms,
            "total_hits": total_hits,
            "full_dictionary_load_ms": full_dictionary_ms,
            "search_with_full_dictionary_ms": after_full_ms,
        })
    );
}

/// Bytes per component and field, summed over segments (tantivy's space usage report).
fn space(args: &Args) {
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(args.index.join("manifest.json")).expect("manifest.json in the index folder"),
    )
    .expect("manifest.json is JSON");
    let generation = manifest["generation"].as_str().expect("manifest has a generation");
    let index = tantivy::Index::open_in_dir(args.index.join(generation)).expect("tantivy index");
    let searcher = index.reader().expect("reader").searcher();
    let usage = searcher.space_usage().expect("space usage");
    let mut by: BTreeMap<String, u64> = BTreeMap::new();
    let mut add = |key: String, bytes: u64| *by.entry(key).or_default() += bytes;
    for seg in usage.segments() {
        for (component, per_field) in [
            ("termdict", seg.termdict()),
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("fast_fields", seg.fast_fields()),
            ("fieldnorms", seg.fieldnorms()),
        ] {
            for f in per_field.fields() {
                add(format!("{component}/{}", f.field_name()), f.total().get_bytes());
            }
            add(format!("{component}/*"), per_field.total().get_bytes());
        }
        add("store/*".into(), seg.store().total().get_bytes());
    }
    println!(
        "{}",
        serde_json::json!({
            "mode": "space",
            "segments": usage.segments().len(),
            "total_bytes": usage.total().get_bytes(),
            "bytes": by,
        })
    );
}

fn main() {
    let args = parse_args();
    if args.space {
        space(&args);
        return;
    }
    if args.cold {
        cold(&args);
        return;
    }
    let mix_path = args.mix.clone().expect("--mix FILE (see bench/mix.py)");
    let mix = load_mix(&mix_path);
    assert!(!mix.is_empty(), "{}: no queries", mix_path.display());

    let t = Instant::now();
    let engine = Engine::open(&args.index).unwrap_or_else(|e| panic!("{}: {e}", args.index.display()));
    let open_ms = ms(t);

    if args.dump {
        // Every response of the mix with timings and scores removed, to compare two builds.
        for q in &mix {
            match engine.search(&q.req) {
                Ok(r) => {
                    let mut v = serde_json::to_value(&r).expect("response is JSON");
                    v["took_ms"] = serde_json::Value::Null;
                    println!("{v}");
                }
                Err(e) => println!("{}", serde_json::json!({"q": q.req.q, "error": e.to_string()})),
            }
        }
        return;
    }
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    let mut totals: Vec<u64> = vec![0; mix.len()];
    for _ in 0..args.warmup {
        for (i, q) in mix.iter().enumerate() {
            match engine.search(&q.req) {
                Ok(r) => totals[i] = r.total,
                Err(e) => {
                    errors.insert(
                        format!("{} {:?}", q.req.q, (&q.req.sector, &q.req.department, &q.req.year)),
                        e.to_string(),
                    );
                }
            }
        }
    }

    let mut all = Vec::with_capacity(mix.len() * args.rounds);
    let mut all_cpu = Vec::with_capacity(mix.len() * args.rounds);
    let mut by_class: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut by_class_cpu: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut per_query: Vec<Vec<f64>> = vec![Vec::new(); mix.len()];
    let run = Instant::now();
    for _ in 0..args.rounds {
        for (i, q) in mix.iter().enumerate() {
            let c = thread_cpu_ms();
            let t = Instant::now();
            let r = engine.search(&q.req);
            let took = ms(t);
            let cpu = thread_cpu_ms() - c;
            if let Err(e) = r {
                errors.insert(
                    format!("{} {:?}", q.req.q, (&q.req.sector, &q.req.department, &q.req.year)),
                    e.to_string(),
                );
                continue;
            }
            all.push(took);
            all_cpu.push(cpu);
            by_class.entry(q.class.clone()).or_default().push(took);
            by_class_cpu.entry(q.class.clone()).or_default().push(cpu);
            per_query[i].push(took);
        }
    }
    let run_s = run.elapsed().as_secs_f64();

    // The slowest queries (by median over rounds), to point the profile at.
    let mut slow: Vec<(f64, usize)> = per_query
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, v)| {
            let mut v = v.clone();
            v.sort_by(|a, b| a.total_cmp(b));
            (pct(&v, 50.0), i)
        })
        .collect();
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<serde_json::Value> = slow
        .iter()
        .take(8)
        .map(|&(p50, i)| {
            let q = &mix[i];
            serde_json::json!({"class": q.class, "q": q.req.q, "sector": q.req.sector, "department": q.req.department,
                "year": q.req.year, "total": totals[i], "p50_ms": p50})
        })
        .collect();

    let classes: serde_json::Map<String, serde_json::Value> =
        by_class.into_iter().map(|(k, v)| (k, stats(v))).collect();
    let classes_cpu: serde_json::Map<String, serde_json::Value> =
        by_class_cpu.into_iter().map(|(k, v)| (k, stats(v))).collect();
    let n = all.len();
    let out = serde_json::json!({
        "mode": "queries",
        "index": args.index.display().to_string(),
        "queries": mix.len(),
        "rounds": args.rounds,
        "warmup_rounds": args.warmup,
        "open_ms": open_ms,
        "passages": engine.stats().passages,
        "qps_single_thread": n as f64 / run_s,
        "all": stats(all),
        "all_cpu": stats(all_cpu),
        "classes": classes,
        "classes_cpu": classes_cpu,
        "slowest": slowest,
        "errors": errors,
    });
    eprintln!(
        "{} queries x {} rounds on {}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (thread CPU: p50 {:.3} ms, p99 {:.3} ms), {:.0} q/s on one thread, {} errors",
        mix.len(),
        args.rounds,
        args.index.display(),
        out["all"]["p50_ms"].as_f64().unwrap_or(f64::NAN),
        out["all"]["p99_ms"].as_f64().unwrap_or(f64::NAN),
        out["all"]["max_ms"].as_f64().unwrap_or(f64::NAN),
        out["all_cpu"]["p50_ms"].as_f64().unwrap_or(f64::NAN),
        out["all_cpu"]["p99_ms"].as_f64().unwrap_or(f64::NAN),
        out["qps_single_thread"].as_f64().unwrap_or(0.0),
        out["errors"].as_object().map_or(0, |e| e.len()),
    );
    println!("{out}");
}

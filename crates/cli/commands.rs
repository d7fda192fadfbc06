//! What each subcommand does: resolve the index (building the default one when needed), call
//! the index crate, and print for people or as JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use plansearch_index::api::{CommitmentRecord, CommitmentRequest, PassageRecord, SearchRequest, SearchResponse};
use plansearch_index::build::manifest::Manifest;
use plansearch_index::build::{build, BuildOptions, BuildReport, Progress};
use plansearch_index::Engine;

use crate::output::{place, snippet_for_terminal, DIM, TAG, TITLE, WARN};
use crate::{Command, ExportFormat, IndexArg};
use plansearch_index::build::update;
use plansearch_index::export;

/// The default index folder.
pub const DEFAULT_INDEX: &str = "index";
/// The default input folder.
pub const DEFAULT_SEEDS: &str = "seeds";

/// `seeds/` in the working folder, else the one shipped beside the sources.
pub fn default_seeds() -> PathBuf {
    let here = PathBuf::from(DEFAULT_SEEDS);
    if here.is_dir() {
        here
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_SEEDS)
    }
}

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Index { inputs, index, lexicon, dictionary, threads, full, json } => {
            let inputs = if inputs.is_empty() { vec![default_seeds()] } else { inputs };
            let mut opts = BuildOptions::new(inputs, index_dir(&index));
            opts.lexicon = lexicon;
            opts.dictionary = dictionary;
            if let Some(t) = threads {
                opts.threads = t;
            }
            let report = with_progress(|p| update::index(&opts, full, p))?;
            print_index_report(&report, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Add { files, index, json } => {
            let dir = index_dir(&index);
            ensure_ready(&dir, index.index.is_none())?;
            let report = with_progress(|p| update::add(&dir, &files, p))?;
            print_index_report(&report, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove { docs, index, json } => {
            let dir = index_dir(&index);
            ensure_ready(&dir, index.index.is_none())?;
            let report = update::remove(&dir, &docs)?;
            print_index_report(&report, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { query, index, limit, offset, filters, json } => {
            let engine = open_ready(&index)?;
            let req = filters.into_request(query.join(" "), limit, offset);
            let resp = engine.search(&req)?;
            if json {
                println!("{}", serde_json::to_string(&resp)?);
            } else {
                print_search(&resp);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Similar { id, index, limit, json } => {
            let engine = open_ready(&index)?;
            let resp = engine.similar(&id, limit)?;
            if json {
                println!("{}", serde_json::to_string(&resp)?);
            } else {
                crate::research::print_similar(&resp);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Reuse { from, to, min_share, index, json, csv } => {
            let engine = open_ready(&index)?;
            let resp = engine.reuse(&from, &to, min_share)?;
            if json {
                println!("{}", serde_json::to_string(&resp)?);
            } else if csv {
                print!("{}", crate::research::reuse_csv(&resp));
            } else {
                crate::research::print_reuse(&resp);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, index, json } => {
            let engine = open_ready(&index)?;
            let view = engine.passage(&id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&view)?);
            } else {
                for r in &view.before {
                    print_context(r);
                }
                print_passage(&view.passage);
                for r in &view.after {
                    print_context(r);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { index, format, mapping, config, index_name } => {
            if (mapping.is_some() && format != ExportFormat::Opensearch)
                || (config.is_some() && format != ExportFormat::Quickwit)
            {
                anyhow::bail!(plansearch_index::Error::BadParameter {
                    name: "format".into(),
                    message: "--mapping goes with --format opensearch, --config with --format quickwit".into(),
                });
            }
            let engine = open_ready(&index)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            if format == ExportFormat::CslJson {
                export::write_csl_json(&engine.manifest().docs, &mut out)?;
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            engine.for_each_passage(|r, _| -> anyhow::Result<()> {
                match format {
                    ExportFormat::CslJson => {} // written above, from the manifest
                    ExportFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &r)?;
                        out.write_all(b"\n")?;
                    }
                    ExportFormat::Opensearch => export::write_opensearch_bulk(&r, &index_name, &mut out)?,
                    ExportFormat::Quickwit => export::write_quickwit_ndjson(&r, &mut out)?,
                }
                Ok(())
            })?;
            if let (ExportFormat::Opensearch, Some(path)) = (format, &mapping) {
                let body = serde_json::to_string_pretty(&export::opensearch_mapping())?;
                std::fs::write(path, body).with_context(|| format!("writing {}", path.display()))?;
            }
            if let (ExportFormat::Quickwit, Some(path)) = (format, &config) {
                std::fs::write(path, export::quickwit_config(&index_name))
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Facets { field, index, json } => {
            let engine = open_ready(&index)?;
            let facets = engine.facets();
            let all = [
                ("sector", &facets.sector),
                ("keyword", &facets.keyword),
                ("doc", &facets.doc),
                ("department", &facets.department),
                ("year", &facets.year),
                ("region", &facets.region),
                ("level", &facets.level),
                ("kind", &facets.kind),
                ("issuer", &facets.issuer),
                ("period", &facets.period),
            ];
            if let Some(f) = &field {
                if !all.iter().any(|(n, _)| n == f) {
                    let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
                    anyhow::bail!(plansearch_index::Error::BadParameter {
                        name: "field".into(),
                        message: format!("`{f}` is not a facet; use {}", names.join(", ")),
                    });
                }
            }
            let chosen: Vec<_> = all.iter().filter(|(n, _)| field.as_deref().is_none_or(|f| f == *n)).collect();
            if json {
                let map: serde_json::Map<String, serde_json::Value> =
                    chosen.iter().map(|(n, v)| (n.to_string(), serde_json::to_value(v).unwrap_or_default())).collect();
                println!("{}", serde_json::Value::Object(map));
            } else {
                for (name, values) in chosen {
                    anstream::println!("{}{name}{}", TITLE.render(), TITLE.render_reset());
                    for v in values.iter() {
                        println!("  {:>5}  {}", v.count, v.value);
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Commitments { index, department, sector, year, kind, doc, status, json, csv } => {
            let engine = open_ready(&index)?;
            let request = CommitmentRequest { department, sector, year, kind, doc, status: Some(status) };
            let rows = engine.commitments(&request)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if csv {
                print!("{}", commitments_csv(&rows));
            } else {
                print_commitments(&rows);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Trend { query, index, by, json } => {
            let engine = open_ready(&index)?;
            let req = SearchRequest { q: query.join(" "), ..Default::default() };
            let trend = if by.is_some() { engine.trend_by_region(&req)? } else { engine.trend(&req)? };
            if json {
                println!("{}", serde_json::to_string(&trend)?);
            } else {
                crate::output::print_trend(&trend);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { file, index, config, no_synonyms, json } => {
            let mut ranking = match &config {
                Some(name) => plansearch_index::RankingConfig::parse(name)?,
                None => plansearch_index::RankingConfig::default(),
            };
            if no_synonyms {
                ranking.synonyms = false;
            }
            let engine = open_ready(&index)?.with_ranking(ranking);
            let set = plansearch_index::eval::load(&file)?;
            let report = plansearch_index::eval::evaluate(&engine, &set)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("{:<24} {:>9} {:>6} {:>8}", "query", "recall@10", "RR", "nDCG@10");
                for q in &report.queries {
                    println!("{:<24} {:>9.3} {:>6.3} {:>8.3}", q.q, q.recall, q.reciprocal_rank, q.ndcg);
                    for m in &q.missed {
                        anstream::println!("    {}missed: {m}{}", WARN.render(), WARN.render_reset());
                    }
                }
                println!(
                    "{:<24} {:>9.3} {:>6.3} {:>8.3}   ({} queries)",
                    "mean",
                    report.mean_recall,
                    report.mean_reciprocal_rank,
                    report.mean_ndcg,
                    report.queries.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { addr, index } => {
            let dir = index_dir(&index);
            ensure_ready(&dir, index.index.is_none())?;
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            runtime.block_on(plansearch_server::serve(&addr, dir))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn index_dir(arg: &IndexArg) -> PathBuf {
    arg.index.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// Opens the index, first building it when it is the default one and missing, or rebuilding it
/// from its recorded inputs when it is stale.
fn open_ready(arg: &IndexArg) -> Result<Engine> {
    let dir = index_dir(arg);
    ensure_ready(&dir, arg.index.is_none())?;
    Ok(Engine::open(&dir)?)
}

pub fn ensure_ready(dir: &Path, is_default: bool) -> Result<()> {
    let loaded = match Manifest::load(dir) {
        Err(plansearch_index::Error::Stale { reason, .. }) => {
            let inputs =
                plansearch_index::build::manifest::recorded_inputs(dir).unwrap_or_else(|| vec![default_seeds()]);
            anstream::eprintln!("{}index {reason}; rebuilding …{}", WARN.render(), WARN.render_reset());
            let report = build_with_progress(&BuildOptions::new(inputs, dir.to_path_buf()))?;
            print_report_to_stderr(&report);
            return Ok(());
        }
        other => other?,
    };
    match loaded {
        None if is_default => {
            anstream::eprintln!(
                "{}building the default index from {} …{}",
                DIM.render(),
                default_seeds().display(),
                DIM.render_reset()
            );
            let report = build_with_progress(&BuildOptions::new(vec![default_seeds()], dir.to_path_buf()))?;
            print_report_to_stderr(&report);
        }
        None => return Err(plansearch_index::Error::Missing { path: dir.display().to_string() }.into()),
        Some(m) => {
            if let Some(reason) = m.staleness() {
                anstream::eprintln!("{}index is stale ({reason}); rebuilding …{}", WARN.render(), WARN.render_reset());
                let opts = BuildOptions::from_manifest(&m, dir.to_path_buf());
                let report = with_progress(|p| update::index(&opts, false, p)).context("updating the stale index")?;
                print_report_to_stderr(&report.build);
            }
        }
    }
    Ok(())
}

fn with_progress<T>(run: impl FnOnce(&mut dyn FnMut(Progress)) -> plansearch_index::Result<T>) -> Result<T> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {pos_files} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("pos_files", |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str("");
            }),
    );
    let mut files_done = 0u64;
    let mut files_total = 0u64;
    let report = run(&mut |p| match p {
        Progress::Scanned { files, bytes } => {
            files_total = files;
            bar.set_length(bytes);
        }
        Progress::File { bytes, .. } => {
            files_done += 1;
            bar.inc(bytes);
            bar.set_message(format!("{files_done}/{files_total} files"));
        }
        Progress::Committing => bar.set_message("committing"),
    });
    bar.finish_and_clear();
    Ok(report?)
}

fn build_with_progress(opts: &BuildOptions) -> Result<BuildReport> {
    with_progress(|p| build(opts, p))
}

fn print_index_report(r: &update::IndexReport, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(r)?);
        return Ok(());
    }
    print_report(&r.build);
    let list = |ids: &[String]| if ids.len() <= 6 { ids.join(", ") } else { format!("{}, …", ids[..6].join(", ")) };
    match r.mode {
        "full" => {
            if let Some(reason) = &r.reason {
                anstream::println!("{}full build: {reason}{}", DIM.render(), DIM.render_reset());
            }
        }
        _ => {
            anstream::println!(
                "{}incremental: {} added, {} updated, {} removed, {} unchanged{}",
                DIM.render(),
                r.added.len(),
                r.updated.len(),
                r.removed.len(),
                r.unchanged,
                DIM.render_reset()
            );
            for (what, ids) in [("added", &r.added), ("updated", &r.updated), ("removed", &r.removed)] {
                if !ids.is_empty() {
                    println!("  {what}: {}", list(ids));
                }
            }
        }
    }
    Ok(())
}

fn print_report(r: &BuildReport) {
    anstream::println!(
        "{}indexed {} documents, {} passages ({:.1} MB) in {:.2} s{} → {}",
        TITLE.render(),
        r.documents,
        r.passages,
        r.bytes as f64 / 1e6,
        r.seconds,
        TITLE.render_reset(),
        r.index_dir
    );
    print_skipped(r);
}

fn print_report_to_stderr(r: &BuildReport) {
    anstream::eprintln!(
        "{}indexed {} documents, {} passages in {:.2} s → {}{}",
        DIM.render(),
        r.documents,
        r.passages,
        r.seconds,
        r.index_dir,
        DIM.render_reset()
    );
    print_skipped(r);
}

fn print_skipped(r: &BuildReport) {
    for s in &r.skipped {
        anstream::eprintln!("{}skipped {}: {}{}", WARN.render(), s.file, s.reason, WARN.render_reset());
    }
}

fn print_search(resp: &SearchResponse) {
    let how = if resp.matched == "any" { "（任一词语）" } else { "" };
    anstream::println!(
        "{}{} 条结果{how}{}  {}用时 {:.1} 毫秒{}",
        TITLE.render(),
        resp.total,
        TITLE.render_reset(),
        DIM.render(),
        resp.took_ms,
        DIM.render_reset()
    );
    for n in &resp.notices {
        anstream::println!("{}{n}{}", crate::output::WARN.render(), crate::output::WARN.render_reset());
    }
    println!();
    for (i, hit) in resp.hits.iter().enumerate() {
        let p = &hit.passage;
        anstream::println!(
            "{:>3}. {}{}{}  {}{}{}",
            resp.offset + i + 1,
            TITLE.render(),
            p.title,
            TITLE.render_reset(),
            TAG.render(),
            place(&p.sector, &p.keyword),
            TAG.render_reset()
        );
        anstream::println!("     {}", snippet_for_terminal(&hit.snippet));
        let deps: Vec<&str> = p.departments.iter().map(|d| d.name.as_str()).collect();
        anstream::println!(
            "     {}{} · {}:{}-{}{}{}",
            DIM.render(),
            p.id,
            p.source.file,
            p.source.line_start,
            p.source.line_end,
            if deps.is_empty() { String::new() } else { format!(" · {}", deps.join("、")) },
            DIM.render_reset()
        );
    }
    if resp.total > 0 {
        println!();
        for (name, values) in [
            ("篇章", &resp.facets.sector),
            ("文档", &resp.facets.doc),
            ("部门", &resp.facets.department),
            ("年份", &resp.facets.year),
            ("地区", &resp.facets.region),
            ("文种", &resp.facets.kind),
            ("时期", &resp.facets.period),
        ] {
            if values.is_empty() {
                continue;
            }
            let list: Vec<String> = values.iter().take(8).map(|v| format!("{} ({})", v.value, v.count)).collect();
            anstream::println!("{}{name}:{} {}", DIM.render(), DIM.render_reset(), list.join(" · "));
        }
    }
}

fn print_passage(p: &PassageRecord) {
    anstream::println!(
        "{}{}{}  {}{}{}",
        TITLE.render(),
        p.title,
        TITLE.render_reset(),
        TAG.render(),
        p.section.join(" › "),
        TAG.render_reset()
    );
    println!("{}", p.text);
    anstream::println!(
        "{}id {} · {} 第 {}–{} 行{}",
        DIM.render(),
        p.id,
        p.source.file,
        p.source.line_start,
        p.source.line_end,
        DIM.render_reset()
    );
    for d in &p.departments {
        anstream::println!("{}部门 {}（依据：{}）{}", DIM.render(), d.name, d.terms.join("、"), DIM.render_reset());
    }
    let about: Vec<String> = [
        p.region.as_ref().map(|r| format!("地区 {r}")),
        p.level.map(|l| format!("层级 {l}")),
        p.doc_kind.as_ref().map(|k| format!("文种 {k}")),
        p.issuer.as_ref().map(|i| format!("发布 {i}")),
        p.period.as_ref().map(|t| format!("时期 {t}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !about.is_empty() {
        anstream::println!("{}{}{}", DIM.render(), about.join(" · "), DIM.render_reset());
    }
    if !p.citation.is_empty() {
        anstream::println!("{}引用 {}{}", DIM.render(), p.citation, DIM.render_reset());
    }
    println!();
}

fn print_context(p: &PassageRecord) {
    anstream::println!("{}[{}] {}{}\n", DIM.render(), p.id, p.text, DIM.render_reset());
}

/// Commitments as CSV, with a BOM so spreadsheet programs read the Chinese text as UTF-8.
fn commitments_csv(rows: &[CommitmentRecord]) -> String {
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
    let mut out = String::from(
        "\u{feff}id,passage_id,kind,status,text,metric,value,unit,comparator,year,note,doc,title,region,level,\
         sector,keyword,departments,source\r\n",
    );
    for r in rows {
        let cells = [
            r.id.clone(),
            r.passage_id.clone(),
            r.kind.clone(),
            r.status.clone(),
            r.text.clone(),
            r.metric.clone().unwrap_or_default(),
            r.value.map(|v| v.to_string()).unwrap_or_default(),
            r.unit.clone().unwrap_or_default(),
            r.comparator.clone().unwrap_or_default(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.note.clone().unwrap_or_default(),
            r.doc.clone(),
            r.title.clone(),
            r.region.clone().unwrap_or_default(),
            r.level.clone().unwrap_or_default(),
            r.sector.clone(),
            r.keyword.clone(),
            r.departments.join("、"),
            format!("{}:{}-{}", r.source.file, r.source.line_start, r.source.line_end),
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn print_commitments(rows: &[CommitmentRecord]) {
    anstream::println!("{}{} 项目标与承诺{}", TITLE.render(), rows.len(), TITLE.render_reset());
    for r in rows {
        let value = match (r.value, &r.unit) {
            (Some(v), Some(u)) => format!("{v}{u}"),
            (Some(v), None) => v.to_string(),
            _ => String::new(),
        };
        let year = r.year.map(|y| format!("{y}年")).unwrap_or_else(|| "—".into());
        let what = match (r.kind.as_str(), r.status.as_str()) {
            ("target", "reported") => "实绩",
            ("target", _) => "目标",
            (_, "reported") => "已建",
            _ => "项目",
        };
        anstream::println!(
            "{}{} {}{} {} {}{}{}  {}",
            TAG.render(),
            year,
            what,
            TAG.render_reset(),
            r.metric.as_deref().unwrap_or(""),
            r.comparator.as_deref().map(|c| format!("{c} ")).unwrap_or_default(),
            value,
            if r.departments.is_empty() { String::new() } else { format!(" [{}]", r.departments.join("、")) },
            r.text
        );
        let region = r.region.as_deref().map(|g| format!("{g} · ")).unwrap_or_default();
        anstream::println!(
            "      {}{}{} · {} · {}{}",
            DIM.render(),
            region,
            r.title,
            r.passage_id,
            place(&r.sector, &r.keyword),
            DIM.render_reset()
        );
    }
}

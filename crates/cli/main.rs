//! The `plansearch` command line: build an index from plan documents, search it, read passages,
//! export them, list facets and commitments, evaluate ranking, and serve the web page.

mod commands;
mod output;
mod research;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Full-text search for Chinese government planning documents.
#[derive(Parser, Debug)]
#[command(name = "plansearch", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by every command that reads an index.
#[derive(clap::Args, Debug, Clone)]
pub struct IndexArg {
    /// Index folder. Default: `index/`; it is built from `seeds/` when missing or stale.
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<PathBuf>,
}

/// The filters of `search` (every one repeatable; values as in the HTTP API's `/api/search`).
#[derive(clap::Args, Debug, Clone)]
pub struct SearchFilters {
    /// Keep only these sectors (repeatable).
    #[arg(long)]
    pub sector: Vec<String>,
    /// Keep only these keywords (repeatable).
    #[arg(long)]
    pub keyword: Vec<String>,
    /// Keep only these documents (repeatable).
    #[arg(long)]
    pub doc: Vec<String>,
    /// Keep only passages of these departments, by name or short form (repeatable).
    #[arg(long)]
    pub department: Vec<String>,
    /// Keep only these years; 2016..2025 is a range (repeatable).
    #[arg(long)]
    pub year: Vec<String>,
    /// Keep only documents of this region and the places under it, e.g. 广东省, 浙江省/金华市 (repeatable).
    #[arg(long)]
    pub region: Vec<String>,
    /// Keep only documents issued at this level: national, provincial, city, county (repeatable).
    #[arg(long)]
    pub level: Vec<String>,
    /// Keep only documents of this kind, e.g. 政府工作报告 (repeatable).
    #[arg(long)]
    pub kind: Vec<String>,
    /// Keep only documents of this issuer, e.g. 国务院 (repeatable).
    #[arg(long)]
    pub issuer: Vec<String>,
    /// Keep only passages speaking of this period: plan, review, plan/2025, review/2024,
    /// plan/2021-2025 (计划/规划, 回顾 also accepted; repeatable).
    #[arg(long)]
    pub period: Vec<String>,
}

impl SearchFilters {
    /// The request these filters ask for, with its query and page.
    fn into_request(
        self,
        q: String,
        limit: Option<usize>,
        offset: Option<usize>,
    ) -> plansearch_index::api::SearchRequest {
        plansearch_index::api::SearchRequest {
            q,
            sector: self.sector,
            keyword: self.keyword,
            doc: self.doc,
            department: self.department,
            year: self.year,
            region: self.region,
            level: self.level,
            kind: self.kind,
            issuer: self.issuer,
            period: self.period,
            limit,
            offset,
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the index from documents (.txt, .md in UTF-8 or GBK). Default input: seeds/.
    Index {
        /// Files or folders to index.
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        index: IndexArg,
        /// Department lexicon (TOML) to use instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        lexicon: Option<PathBuf>,
        /// A jieba dictionary of your own terms (`word freq tag` per line), used with the shipped one.
        #[arg(long, value_name = "FILE")]
        dictionary: Option<PathBuf>,
        /// Indexing threads. Default: number of cores.
        #[arg(long)]
        threads: Option<usize>,
        /// Rebuild everything instead of re-indexing only changed documents.
        #[arg(long)]
        full: bool,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add (or refresh) single documents in an existing index.
    Add {
        /// Files to add: .txt, .md, .html, .docx, .pdf.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        index: IndexArg,
        #[arg(long)]
        json: bool,
    },
    /// Remove documents from the index by id (they stay out of later runs).
    Remove {
        /// Document ids, as listed by `plansearch facets --field doc`.
        #[arg(required = true)]
        docs: Vec<String>,
        #[command(flatten)]
        index: IndexArg,
        #[arg(long)]
        json: bool,
    },
    /// Search passages: words (all required), "phrases", -exclusions, OR, sector:/keyword:/doc:/department:/year: filters.
    Search {
        /// The query, e.g. 无废城市 or "十四五期间" -养老.
        query: Vec<String>,
        #[command(flatten)]
        index: IndexArg,
        /// Hits per page (default 10, at most 100).
        #[arg(long)]
        limit: Option<usize>,
        /// Hits to skip (default 0).
        #[arg(long)]
        offset: Option<usize>,
        #[command(flatten)]
        filters: SearchFilters,
        /// Print the result as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Passages of other documents that say the same or nearly the same as one passage (text reuse).
    Similar {
        /// Passage id, e.g. 2025-国务院政府工作报告-024.
        id: String,
        #[command(flatten)]
        index: IndexArg,
        /// How many passages (default 10, at most 100).
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Which passages of later documents repeat an earlier one, and how much of each document.
    Reuse {
        /// The earlier document (id, as `plansearch facets --field doc` lists them).
        #[arg(long, value_name = "DOC")]
        from: String,
        /// The later documents (one or more).
        #[arg(long, value_name = "DOC", num_args = 1.., required = true)]
        to: Vec<String>,
        /// List passages at least this share of which repeats the earlier document (0 to 1, default 0.5).
        #[arg(long, value_name = "SHARE")]
        min_share: Option<f32>,
        #[command(flatten)]
        index: IndexArg,
        /// Print one JSON object.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV, one row per listed passage (UTF-8 with BOM, for spreadsheets).
        #[arg(long)]
        csv: bool,
    },
    /// Show one passage with its tags, source location and neighbours.
    Show {
        /// Passage id, e.g. 000_1a100416ab643aa2-025.
        id: String,
        #[command(flatten)]
        index: IndexArg,
        #[arg(long)]
        json: bool,
    },
    /// Print every passage in document order, one JSON object per line, or as bulk NDJSON for
    /// OpenSearch or Quickwit; or the documents as CSL-JSON for reference managers.
    Export {
        #[command(flatten)]
        index: IndexArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// With `--format opensearch`: also write the index mapping (settings and mappings) here.
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// With `--format quickwit`: also write the index config (YAML) here.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Name of the exported index.
        #[arg(long, default_value = "plansearch")]
        index_name: String,
    },
    /// Value counts over the whole corpus.
    Facets {
        /// Only this facet: sector, keyword, doc, department, year, region, level, kind, issuer or period.
        #[arg(long)]
        field: Option<String>,
        #[command(flatten)]
        index: IndexArg,
        #[arg(long)]
        json: bool,
    },
    /// List commitments: quantitative targets and named projects, with due year and departments.
    Commitments {
        #[command(flatten)]
        index: IndexArg,
        /// Only these departments, by name or short form (repeatable).
        #[arg(long)]
        department: Vec<String>,
        /// Only these sectors (repeatable).
        #[arg(long)]
        sector: Vec<String>,
        /// Only these due years; 2021..2025 is a range (repeatable).
        #[arg(long)]
        year: Vec<String>,
        /// Only targets or only projects.
        #[arg(long, value_parser = ["target", "project"])]
        kind: Option<String>,
        /// Only these documents (repeatable).
        #[arg(long)]
        doc: Vec<String>,
        /// Planned targets and projects (default), results reported for a past period, or all.
        #[arg(long, value_parser = ["planned", "reported", "all"], default_value = "planned")]
        status: String,
        /// Print a JSON array.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (UTF-8 with BOM, for spreadsheets).
        #[arg(long)]
        csv: bool,
    },
    /// How often a query matches, year by year, as a text bar chart.
    Trend {
        /// The query, as for `search` (filters such as region:浙江省 included).
        query: Vec<String>,
        #[command(flatten)]
        index: IndexArg,
        /// Also one series per region: provinces and 全国, or one level below a region: filter.
        #[arg(long, value_parser = ["region"])]
        by: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Score ranking against judged queries (recall@10, reciprocal rank, nDCG@10).
    Eval {
        /// A judged query file in the format of tests/fixtures/queries.toml.
        file: PathBuf,
        #[command(flatten)]
        index: IndexArg,
        /// Ranking configuration to score: words, chars, both or both+synonyms (default: the shipped one).
        #[arg(long, value_name = "NAME")]
        config: Option<String>,
        /// Do not expand synonyms and abbreviations (same as the default configuration without `+synonyms`).
        #[arg(long)]
        no_synonyms: bool,
        #[arg(long)]
        json: bool,
    },
    /// Serve the web page and HTTP API.
    Serve {
        /// Address to listen on. Default: loopback only.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        index: IndexArg,
    },
}

/// Formats of `plansearch export`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Passage records as this tool stores them, one per line.
    Jsonl,
    /// OpenSearch/Elasticsearch bulk API lines (action + document).
    Opensearch,
    /// Quickwit ingest NDJSON.
    Quickwit,
    /// The documents (not passages) as one CSL-JSON array, for reference managers (Zotero, …).
    #[value(name = "csl-json")]
    CslJson,
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        die_quietly_on_closed_output();
    }
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            anstream::eprintln!("{}error:{} {e:#}", output::ERROR.render(), output::ERROR.render_reset());
            std::process::ExitCode::from(if is_user_error(&e) { 2 } else { 1 })
        }
    }
}

/// `plansearch search … | head` must end quietly when `head` exits, as Unix tools do, instead of
/// panicking in `println!` (Rust ignores SIGPIPE by default). Not for `serve`, where a client
/// closing its socket must not kill the server.
fn die_quietly_on_closed_output() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread is spawned; only restores the default
    // disposition of one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn is_user_error(e: &anyhow::Error) -> bool {
    e.downcast_ref::<plansearch_index::Error>().is_some_and(|e| e.is_user_error())
}

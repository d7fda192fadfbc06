//! End-to-end tests of departments and commitments on the seeds: every quantitative target read
//! from the two documents is listed with the right value, unit and due year; department tags are
//! right on clear cases and absent where they do not belong; short forms resolve everywhere.
//!
//! And the national development set (tests/fixtures/national_commitments.toml and
//! national_departments.toml, judged by reading the 52 national work reports): precision and
//! recall per field, printed (`cargo test --release --test commitments national -- --nocapture`)
//! and held above floors.

mod common;

use common::*;
use std::sync::OnceLock;

fn seeds_index() -> &'static TempIndex {
    static INDEX: OnceLock<TempIndex> = OnceLock::new();
    INDEX.get_or_init(|| TempIndex::build(&[&seeds()]))
}

fn commitments(args: &[&str]) -> Vec<serde_json::Value> {
    let index = seeds_index().path_str();
    let mut all = vec!["commitments", "--json", "--index", index.as_str()];
    all.extend_from_slice(args);
    serde_json::from_str(&run_ok(&all)).expect("commitments --json prints a JSON array")
}

/// Every quantitative target of the seeds, written by reading both documents:
/// (a fragment of the clause, value, unit, due year).
const TARGETS: &[(&str, f64, &str, i32)] = &[
    // 000: the 十四五 plan interpretation, all due 2025 (力争在2025年 for the GDP target).
    ("力争在2025年实现地区生产总值突破850亿元", 850.0, "亿元", 2025),
    ("启动2个未来乡村试点村", 2.0, "个", 2025),
    ("1条乡村振兴示范带", 1.0, "条", 2025),
    ("力争消除60%以上集体经济相对薄弱村", 60.0, "%", 2025),
    ("低收入农户年人均收入增幅10%以上", 10.0, "%", 2025),
    // 001: the 十四五 main goals, due 2025.
    ("全市地区生产总值突破850亿元", 850.0, "亿元", 2025),
    ("数字经济增加值占地区生产总值比重达到 20%", 20.0, "%", 2025),
    ("研发经费占比达到3%以上", 3.0, "%", 2025),
    ("城市化率达到 72％左右", 72.0, "%", 2025),
    ("人均预期寿命超过80岁", 80.0, "岁", 2025),
    // 001: the seven things of the 十四五 period.
    ("做精做强 10 条标志性产业链", 10.0, "条", 2025),
    ("10 大应用场景", 10.0, "大", 2025),
    ("三甲综合（专科）医院2家", 2.0, "家", 2025),
    ("三乙专科医院 1 家以上", 1.0, "家", 2025),
    // 001: the 2021 work plan (十四五开局), due 2021.
    ("地区生产总值增长 7.5%左右", 7.5, "%", 2021),
    ("一般公共预算收入增长 7.5%", 7.5, "%", 2021),
    ("研发经费占比达到 2.4%", 2.4, "%", 2021),
    ("新增“品字标”企业 8 家", 8.0, "家", 2021),
    ("“浙江制造”标准 6 项", 6.0, "项", 2021),
    ("新增国家高新企业 40 家", 40.0, "家", 2021),
    ("省科技型中小企业 100 家", 100.0, "家", 2021),
    ("省企业研发机构 6 家", 6.0, "家", 2021),
    ("培育引进高层次人才 30 名", 30.0, "名", 2021),
    ("高技能人才 1400 名", 1400.0, "名", 2021),
];

#[test]
fn every_target_is_listed_with_value_unit_and_year() {
    let rows = commitments(&["--kind", "target"]);
    for (fragment, value, unit, year) in TARGETS {
        let row = rows
            .iter()
            .find(|r| s(r, "text").contains(fragment) || fragment.contains(s(r, "text")))
            .unwrap_or_else(|| panic!("target {fragment:?} not listed"));
        assert_eq!(row["value"].as_f64(), Some(*value), "{fragment}");
        assert_eq!(s(row, "unit"), *unit, "{fragment}");
        assert_eq!(row["year"].as_i64(), Some(*year as i64), "{fragment}");
        // Each row links to its passage and carries its tags.
        let view = run_ok(&["show", s(row, "passage_id"), "--json", "--index", &seeds_index().path_str()]);
        let view: serde_json::Value = serde_json::from_str(&view).unwrap();
        assert!(squash(s(&view["passage"], "text")).contains(&squash(s(row, "text"))));
        assert_eq!(s(row, "sector"), s(&view["passage"], "sector"));
    }
    // Nothing else is listed as a target: no years, ordinals, version numbers or labels.
    assert_eq!(
        rows.len(),
        TARGETS.len(),
        "unexpected targets: {:#?}",
        rows.iter().map(|r| s(r, "text")).collect::<Vec<_>>()
    );
}

#[test]
fn named_projects_are_a_second_kind() {
    let rows = commitments(&["--kind", "project"]);
    let texts: Vec<&str> = rows.iter().map(|r| s(r, "text")).collect();
    for project in ["建成五金技师学院", "建设中国（永康）五金物流港", "启动永康通用机场建设", "建成历山国家森林公园"]
    {
        assert!(texts.iter().any(|t| squash(t).contains(&squash(project))), "{project} missing from {texts:?}");
    }
    assert!(rows.iter().all(|r| s(r, "kind") == "project" && r["value"].is_null()));
}

#[test]
fn a_department_lists_its_targets_for_a_year_in_one_command() {
    let rows = commitments(&["--department", "科技局", "--year", "2021", "--kind", "target"]);
    let texts: Vec<&str> = rows.iter().map(|r| s(r, "text")).collect();
    assert!(texts.iter().any(|t| t.contains("新增国家高新企业 40 家")), "{texts:?}");
    for r in &rows {
        assert_eq!(r["year"], 2021);
        assert!(r["departments"].as_array().unwrap().iter().any(|d| d == "科学技术局"));
    }
    // Year ranges and the canonical name give the same rows as the short form.
    let canonical = commitments(&["--department", "科学技术局", "--year", "2021..2021", "--kind", "target"]);
    assert_eq!(canonical, rows);
}

#[test]
fn commitments_export_as_csv_with_a_bom() {
    let index = seeds_index().path_str();
    let csv = run_ok(&["commitments", "--csv", "--index", &index]);
    assert!(csv.starts_with('\u{feff}'));
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.contains("id,passage_id,kind,status,text,metric,value,unit"), "{header}");
    assert!(header.contains(",doc,title,region,level,"), "{header}");
    assert_eq!(lines.count(), commitments(&[]).len());
}

#[test]
fn rows_say_status_and_where_they_come_from() {
    // The default lists planned rows only; `all` adds the reported ones, `reported` is the rest.
    let planned = commitments(&[]);
    let reported = commitments(&["--status", "reported"]);
    let all = commitments(&["--status", "all"]);
    assert_eq!(planned.len() + reported.len(), all.len());
    assert!(planned.iter().all(|r| s(r, "status") == "planned"));
    assert!(reported.iter().all(|r| s(r, "status") == "reported"));
    for r in &all {
        assert!(!s(r, "doc").is_empty() && !s(r, "title").is_empty(), "{r}");
        assert!(r.get("region").is_some() && r.get("level").is_some(), "{r}");
    }
    // A bad status is a clear error naming the parameter.
    let index = seeds_index().path_str();
    let out = run(&["commitments", "--status", "done", "--index", &index]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("--status") && message.contains("done"), "{message}");
}

fn departments_of(keyword: &str) -> Vec<String> {
    let p = seeds_index()
        .export()
        .into_iter()
        .find(|p| s(p, "keyword") == keyword)
        .unwrap_or_else(|| panic!("no passage under {keyword}"));
    p["departments"].as_array().unwrap().iter().map(|d| s(d, "name").to_string()).collect()
}

#[test]
fn departments_on_clear_cases_in_every_sector() {
    let clear = [
        ("加快制造业高质量发展", "经济和信息化局"),               // 产业形态篇
        ("提升高效生态农业发展水平", "农业农村局"),               // 产业形态篇
        ("打造浙中交通枢纽副中心", "交通运输局"),                 // 基础设施篇
        ("优化安全美丽水网", "水务局"),                           // 基础设施篇
        ("加快实现教育现代化", "教育局"),                         // 民生实事篇
        ("打造永武缙区域医疗中心", "卫生健康局"),                 // 民生实事篇
        ("打造天蓝地绿水清美丽生态", "生态环境局"),               // 生态环境篇
        ("千方百计提高就业质量", "人力资源和社会保障局"),         // 生态环境篇
        ("推进公共文化服务设施提标提质", "文化和广电旅游体育局"), // 文化建设篇
        ("打造县域社会治理新高地", "司法局"),                     // 文化建设篇
        ("建设现代美丽城镇", "住房和城乡建设局"),                 // 城乡面貌篇
        ("升级活力多彩乡村", "农业农村局"),                       // 城乡面貌篇
    ];
    for (keyword, department) in clear {
        let deps = departments_of(keyword);
        assert!(deps.contains(&department.to_string()), "{keyword}: {deps:?} lacks {department}");
        assert!(deps.len() <= 4, "{keyword}: too many guesses {deps:?}");
    }
}

#[test]
fn departments_are_not_guessed_where_they_do_not_belong() {
    let not = [
        ("布局新型信息基础设施", "教育局"), // 5G base stations; 智慧教育 is one scene among many
        ("布局新型信息基础设施", "卫生健康局"),
        ("擦亮“永康文化”金名片", "公安局"),
        ("加快实现教育现代化", "交通运输局"),
        ("优化安全美丽水网", "生态环境局"),
        ("打造浙中交通枢纽副中心", "住房和城乡建设局"),
    ];
    for (keyword, department) in not {
        let deps = departments_of(keyword);
        assert!(!deps.contains(&department.to_string()), "{keyword} wrongly tagged {department}: {deps:?}");
    }
    // Each department carries the terms that matched, so an official can see why.
    let p = seeds_index().export().into_iter().find(|p| s(p, "keyword") == "加快实现教育现代化").unwrap();
    let edu = p["departments"].as_array().unwrap().iter().find(|d| s(d, "name") == "教育局").unwrap();
    assert!(edu["terms"].as_array().unwrap().iter().any(|t| t == "学前教育"));
}

#[test]
fn short_forms_resolve_and_the_department_filter_narrows_search() {
    let all = seeds_index().search(&["建设"]);
    let short = seeds_index().search(&["建设", "--department", "卫健局"]);
    let long = seeds_index().search(&["建设", "--department", "卫生健康局"]);
    let in_query = seeds_index().search(&["建设 department:卫健局"]);
    assert_eq!(short["total"], long["total"]);
    assert_eq!(in_query["total"], long["total"]);
    assert!(short["total"].as_u64().unwrap() < all["total"].as_u64().unwrap());
    assert!(short["total"].as_u64().unwrap() > 0);
    for hit in short["hits"].as_array().unwrap() {
        assert!(hit["departments"].as_array().unwrap().iter().any(|d| s(d, "name") == "卫生健康局"));
    }
    // Every short form of the brief resolves.
    for alias in [
        "发改局",
        "经信局",
        "科技局",
        "人社局",
        "资规局",
        "环保局",
        "住建局",
        "交通局",
        "水利局",
        "农业局",
        "文广旅体局",
        "卫健局",
        "应急局",
        "市场监管局",
        "综合执法局",
        "医保局",
        "数据局",
    ] {
        let out = run(&["search", "建设", "--department", alias, "--index", &seeds_index().path_str()]);
        assert!(out.status.success(), "{alias}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let unknown = run(&["search", "建设", "--department", "外星局", "--index", &seeds_index().path_str()]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown department"));
    // The department facet counts over the result set.
    let facet = all["facets"]["department"].as_array().unwrap();
    let health = facet.iter().find(|f| s(f, "value") == "卫生健康局").unwrap();
    assert_eq!(health["count"], long["total"]);
}

// ---------------------------------------------------------------------------------------------
// The national development set

use plansearch_text::commitments::{context_year, extract_with, CommitmentKind, Context, Status};
use plansearch_text::departments::{DepartmentLexicon, Level};

#[derive(serde::Deserialize)]
struct Excerpts {
    excerpt: Vec<Excerpt>,
}

#[derive(serde::Deserialize)]
struct Excerpt {
    doc: String,
    year: i32,
    section: Vec<String>,
    text: String,
    targets: Vec<Judged>,
}

#[derive(serde::Deserialize)]
struct Judged {
    value: f64,
    unit: String,
    year: i32,
    status: String,
    metric: String,
    /// The upper bound of a range (6.5%－7%): a row with this value is not counted as wrong.
    #[serde(default)]
    upper: Option<f64>,
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn national_development_set_targets() {
    let set: Excerpts = toml::from_str(&fixture("national_commitments.toml")).expect("fixture parses");
    let jieba = jieba_rs::Jieba::new();
    let (mut judged, mut found, mut matched) = (0, 0, 0);
    let (mut unit_ok, mut year_ok, mut status_ok, mut metric_ok) = (0, 0, 0, 0);
    let mut reported_as_planned = Vec::new();
    let mut errors = Vec::new();
    for e in &set.excerpt {
        let outer: Vec<&str> = e.section.iter().map(String::as_str).collect();
        let inner: Vec<&str> = outer.iter().rev().copied().collect();
        let title = format!("{}年国务院政府工作报告", e.year);
        let context = Context {
            year: context_year(&inner, &title, Some(e.year)),
            doc_year: Some(e.year),
            period: plansearch_text::period::of_section(&outer, Some(e.year)),
            mixed: plansearch_text::period::mixed_review(&outer, Some(e.year)),
            jieba: Some(&jieba),
        };
        let rows: Vec<_> =
            extract_with(&e.text, &context).into_iter().filter(|c| c.kind == CommitmentKind::Target).collect();
        let mut used = vec![false; rows.len()];
        judged += e.targets.len();
        for t in &e.targets {
            let hit = rows.iter().enumerate().position(|(i, r)| !used[i] && r.value == Some(t.value));
            let Some(i) = hit else {
                errors.push(format!("{}: missed {} {} ({})", e.doc, t.value, t.unit, t.metric));
                continue;
            };
            used[i] = true;
            matched += 1;
            let r = &rows[i];
            unit_ok += usize::from(r.unit.as_deref() == Some(t.unit.as_str()));
            year_ok += usize::from(r.year == Some(t.year));
            status_ok += usize::from(r.status.as_str() == t.status);
            if t.status == "reported" && r.status == Status::Planned {
                reported_as_planned.push(format!("{}: {}", e.doc, r.text));
            }
            if r.metric.as_deref() == Some(t.metric.as_str()) {
                metric_ok += 1;
            } else {
                errors.push(format!("{}: metric {:?}, judged {}", e.doc, r.metric, t.metric));
            }
            if r.year != Some(t.year) || r.status.as_str() != t.status || r.unit.as_deref() != Some(t.unit.as_str()) {
                errors.push(format!(
                    "{}: {} read as {:?} {:?} {:?}, judged {} {} {}",
                    e.doc, r.text, r.unit, r.year, r.status, t.unit, t.year, t.status
                ));
            }
        }
        for (i, r) in rows.iter().enumerate() {
            let range_end = e.targets.iter().any(|t| t.upper.is_some() && t.upper == r.value);
            if !used[i] && !range_end {
                found += 1;
                errors.push(format!("{}: extra row {:?} {:?} from {}", e.doc, r.value, r.unit, r.text));
            }
        }
    }
    found += matched;
    let value_precision = ratio(matched, found);
    let value_recall = ratio(matched, judged);
    println!("national targets: {judged} judged, {found} rows, {matched} matched by value");
    println!("  value   precision {value_precision:.3} recall {value_recall:.3}");
    for (name, ok) in [("unit", unit_ok), ("year", year_ok), ("status", status_ok), ("metric", metric_ok)] {
        // Per field: right among matched rows (precision), right among judged targets (recall).
        println!("  {name:<7} precision {:.3} recall {:.3}", ratio(ok, found), ratio(ok, judged));
    }
    for e in &errors {
        println!("  - {e}");
    }
    assert!(reported_as_planned.is_empty(), "reported results listed as planned: {reported_as_planned:#?}");
    assert!(
        value_recall >= 0.95 && value_precision >= 0.95,
        "value recall {value_recall}, precision {value_precision}"
    );
    for (name, ok, floor) in
        [("unit", unit_ok, 0.95), ("year", year_ok, 0.95), ("status", status_ok, 0.95), ("metric", metric_ok, 0.75)]
    {
        assert!(ratio(ok, judged) >= floor, "{name}: {ok} of {judged} right");
    }
}

#[derive(serde::Deserialize)]
struct Checks {
    check: Vec<Check>,
}

#[derive(serde::Deserialize)]
struct Check {
    doc: String,
    text: String,
    #[serde(default)]
    must: Vec<String>,
    #[serde(default)]
    must_not: Vec<String>,
}

#[test]
fn national_development_set_departments() {
    let set: Checks = toml::from_str(&fixture("national_departments.toml")).expect("fixture parses");
    let lexicon = DepartmentLexicon::builtin();
    let jieba = jieba_rs::Jieba::new();
    let (mut must, mut must_hit, mut must_not, mut must_not_kept) = (0, 0, 0, 0);
    let (mut tags, mut right_tags) = (0, 0);
    let mut errors = Vec::new();
    for c in &set.check {
        for key in c.must.iter().chain(&c.must_not) {
            assert!(lexicon.key_of(key).is_some(), "{}: unknown key {key}", c.doc);
        }
        let found = lexicon.tag_with(&c.text, Level::National, Some(&jieba));
        let keys: Vec<&str> = found.iter().map(|t| t.key.as_str()).collect();
        tags += keys.len();
        // `must` is every department the sentence makes responsible: any other tag is wrong.
        right_tags += keys.iter().filter(|k| c.must.iter().any(|m| m == *k)).count();
        for key in &c.must {
            must += 1;
            if keys.contains(&key.as_str()) {
                must_hit += 1;
            } else {
                errors.push(format!("{}: missed {key} in {}", c.doc, c.text));
            }
        }
        for key in &c.must_not {
            must_not += 1;
            if keys.contains(&key.as_str()) {
                errors.push(format!("{}: wrongly {key} in {}", c.doc, c.text));
            } else {
                must_not_kept += 1;
            }
        }
        for t in found.iter().filter(|t| !c.must.contains(&t.key) && !c.must_not.contains(&t.key)) {
            errors.push(format!("{}: unjudged {} ({}) in {}", c.doc, t.name, t.terms.join(","), c.text));
        }
    }
    let precision = ratio(right_tags, tags);
    let recall = ratio(must_hit, must);
    println!("national departments: {} sentences, {must} must + {must_not} must-not checks", set.check.len());
    println!("  precision {precision:.3} ({right_tags} of {tags} tags), recall {recall:.3} ({must_hit} of {must})");
    println!("  must-not kept {must_not_kept} of {must_not}; {:.2} tags per sentence", ratio(tags, set.check.len()));
    for e in &errors {
        println!("  - {e}");
    }
    assert!(must >= 30 && must_not >= 30, "the set needs at least 30 checks of each kind");
    assert!(precision >= 0.9, "precision {precision}");
    assert!(recall >= 0.8, "recall {recall}");
    assert!(ratio(must_not_kept, must_not) >= 0.9, "must-not kept {must_not_kept} of {must_not}");
}

/// Section facet values are normalized: two reports writing the same heading with a space and with
/// full-width digits give one value, and a filter by either spelling finds both; a review part's
/// figures are reported rows for the year before, its plan part's planned rows for the year.
#[test]
fn section_values_are_normalized_and_parts_give_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = "2025年某省政府工作报告\n\n一、2024 年工作回顾\n\n地区生产总值增长5.7%，城镇新增就业62万人。\n\n\
             二、2025年主要目标\n\n地区生产总值增长5.5%以上，城镇新增就业60万人。\n";
    let b = "2025年某市政府工作报告\n\n一、２０２４年工作回顾\n\n地区生产总值增长6.1%。\n";
    std::fs::write(dir.path().join("2025-a.txt"), a).unwrap();
    std::fs::write(dir.path().join("2025-b.txt"), b).unwrap();
    let index = TempIndex::build(&[dir.path()]);
    let facets: serde_json::Value =
        serde_json::from_str(&run_ok(&["facets", "--json", "--index", &index.path_str()])).unwrap();
    let sectors: Vec<&str> = facets["sector"].as_array().unwrap().iter().map(|f| s(f, "value")).collect();
    assert!(sectors.contains(&"一、2024年工作回顾"), "{sectors:?}");
    assert!(!sectors.iter().any(|v| v.contains(' ') || v.contains('２')), "{sectors:?}");
    for spelling in ["一、2024 年工作回顾", "一、２０２４年工作回顾"] {
        let found = index.search(&["地区生产总值", "--sector", spelling]);
        assert_eq!(found["total"], 2, "{spelling}");
    }
    let path = index.path_str();
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&run_ok(&["commitments", "--json", "--status", "all", "--index", &path])).unwrap();
    let row =
        |text: &str| rows.iter().find(|r| s(r, "text").contains(text)).unwrap_or_else(|| panic!("{text}: {rows:#?}"));
    assert_eq!((s(row("增长5.7%"), "status"), row("增长5.7%")["year"].as_i64()), ("reported", Some(2024)));
    assert_eq!((s(row("增长6.1%"), "status"), row("增长6.1%")["year"].as_i64()), ("reported", Some(2024)));
    assert_eq!((s(row("增长5.5%以上"), "status"), row("增长5.5%以上")["year"].as_i64()), ("planned", Some(2025)));
    assert_eq!(s(row("60万人"), "status"), "planned");
}

//! End-to-end checks of the research features with the real binary on temporary indexes: document
//! metadata (region, level, kind, issuer) as fields, facets and filters; citations (GB/T 7714 and
//! CSL-JSON) on the seeds; similar passages and reuse between consecutive national reports
//! (../shared/corpus/national-work-reports, as CI provides it); the HTTP routes.

mod common;

use std::sync::OnceLock;

use common::{http_get, run, run_ok, s, seeds, seeds_with_reports, start_server, wait_healthy, TempIndex};
use serde_json::Value;

const YONGKANG: &str = "浙江省/金华市/永康市";

fn seeds_index() -> &'static TempIndex {
    static INDEX: OnceLock<TempIndex> = OnceLock::new();
    INDEX.get_or_init(|| TempIndex::build(&[&seeds()]))
}

/// The seeds with the 2023, 2024 and 2025 national reports.
fn mixed_index() -> Option<&'static TempIndex> {
    static INDEX: OnceLock<Option<(tempfile::TempDir, TempIndex)>> = OnceLock::new();
    INDEX.get_or_init(|| seeds_with_reports(&[2023, 2024, 2025])).as_ref().map(|(_, index)| index)
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run_ok(args)).expect("the command prints JSON")
}

fn values(facet: &Value) -> Vec<(String, u64)> {
    facet
        .as_array()
        .expect("a facet is a list")
        .iter()
        .map(|v| (s(v, "value").to_string(), v["count"].as_u64().expect("a count")))
        .collect()
}

#[test]
fn seed_passages_carry_region_kind_issuer_and_a_gbt7714_citation() {
    let index = seeds_index().path_str();
    let hits = seeds_index().search(&["无废城市"]);
    let hits = hits["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(s(h, "region"), YONGKANG, "{h}");
        assert_eq!(s(h, "level"), "county");
        let paragraph = h["ordinal"].as_u64().expect("ordinal") + 1;
        let citation = s(h, "citation");
        assert!(citation.contains(&format!("第{paragraph}段")), "{citation}");
    }
    let view = json(&["show", "yk-2021-work-report-005", "--json", "--index", &index]);
    let p = &view["passage"];
    assert_eq!((s(p, "doc_kind"), s(p, "issuer")), ("政府工作报告", "永康市人民政府"));
    let citation = s(p, "citation");
    let head = "永康市人民政府. 2021年永康市政府工作报告（节选）[R]. 永康: 永康市人民政府, 2021: ";
    assert!(citation.starts_with(head), "{citation}");
    let section: Vec<&str> = p["section"].as_array().expect("section").iter().map(|v| v.as_str().unwrap()).collect();
    assert!(citation.contains(&format!("{}, 第6段. 永康日报，", section.join("/"))), "{citation}");
    assert!(citation.ends_with("（报纸版面节选，下转4版）."), "{citation}");

    let view = json(&["show", "yk-14fyp-interpretation-003", "--json", "--index", &index]);
    let citation = s(&view["passage"], "citation");
    let head = "永康日报（融媒记者 王靖宇）. 永康市“十四五”规划和二〇三五远景目标纲要解读[N]. 永康日报, 2021: ";
    assert!(citation.starts_with(head), "{citation}");
}

#[test]
fn csl_json_export_lists_each_document() {
    let index = seeds_index().path_str();
    let items = json(&["export", "--format", "csl-json", "--index", &index]);
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    let by_id = |id: &str| items.iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("{id} in {items:?}"));
    let report = by_id("yk-2021-work-report");
    assert_eq!(s(report, "type"), "report");
    assert_eq!(report["issued"]["date-parts"][0][0], 2021);
    assert_eq!(report["author"][0]["literal"], "永康市人民政府");
    assert_eq!(s(report, "publisher-place"), "永康");
    let article = by_id("yk-14fyp-interpretation");
    assert_eq!((s(article, "type"), s(article, "container-title")), ("article-newspaper", "永康日报"));
}

#[test]
fn region_facet_counts_every_ancestor_and_filters_the_subtree() {
    let index = seeds_index().path_str();
    let facets = json(&["facets", "--json", "--index", &index]);
    let total: u64 = values(&facets["doc"]).iter().map(|(_, c)| c).sum();
    let region = values(&facets["region"]);
    for path in ["浙江省", "浙江省/金华市", YONGKANG] {
        assert!(region.contains(&(path.to_string(), total)), "{path} with {total} in {region:?}");
    }
    let kinds: Vec<String> = values(&facets["kind"]).into_iter().map(|(v, _)| v).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(kinds.contains(&"政府工作报告".to_string()) && kinds.contains(&"规划纲要解读".to_string()));

    let all = seeds_index().search(&["发展"])["total"].as_u64().unwrap();
    assert!(all > 0);
    for region in ["浙江省", "浙江省金华市", "永康市", "浙江省/金华市/永康市"] {
        let got = seeds_index().search(&["发展", "--region", region])["total"].as_u64().unwrap();
        assert_eq!(got, all, "--region {region}");
    }
    assert_eq!(seeds_index().search(&["发展", "--region", "广东省"])["total"], 0);
    let report = seeds_index().search(&["发展", "--kind", "政府工作报告"]);
    assert!(report["total"].as_u64().unwrap() < all);
    assert!(report["hits"].as_array().unwrap().iter().all(|h| h["doc"] == "yk-2021-work-report"));
    let in_query = seeds_index().search(&["发展 kind:政府工作报告 level:县级"]);
    assert_eq!(in_query["total"], report["total"]);

    let out = run(&["search", "发展", "--level", "town", "--index", &index]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("level"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_catalog_with_an_unknown_level_is_refused_with_its_file_named() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "一、总体要求\n\n坚持稳中求进工作总基调。\n").unwrap();
    std::fs::write(dir.join("catalog.toml"), "[[document]]\nfile = \"a.txt\"\nlevel = \"乡镇\"\n").unwrap();
    let index = tmp.path().join("index");
    let out = run(&["index", dir.to_str().unwrap(), "--index", index.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("catalog.toml") && err.contains("乡镇"), "{err}");
}

/// The id of the passage of `doc` that holds `text`.
fn passage_with(index: &TempIndex, doc: &str, text: &str) -> String {
    let found = index.search(&[&format!("\"{text}\""), "--doc", doc]);
    s(&found["hits"][0], "id").to_string()
}

#[test]
fn similar_finds_last_years_wording_first_with_exact_spans() {
    let Some(index) = mixed_index() else { return };
    let id = passage_with(index, "2025-国务院政府工作报告", "今年发展主要预期目标是");
    let resp = json(&["similar", &id, "--json", "--index", &index.path_str()]);
    let query = s(&resp["passage"], "text").to_string();
    let hits = resp["hits"].as_array().expect("hits");
    assert_eq!(s(&hits[0], "doc"), "2024-国务院政府工作报告", "{hits:?}");
    assert!(hits[0]["share"].as_f64().unwrap() > 0.7, "{}", hits[0]);
    let mut last = f64::MAX;
    for h in hits {
        assert_ne!(s(h, "doc"), "2025-国务院政府工作报告", "never the passage's own document");
        let share = h["share"].as_f64().unwrap();
        assert!(share <= last, "ranked by share");
        last = share;
        // Every span is a stretch of the hit's text that the passage also says.
        let text = s(h, "text");
        for span in h["spans"].as_array().unwrap() {
            let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
            let shared = text.get(a..b).unwrap_or_else(|| panic!("span {a}..{b} on char boundaries"));
            let letters = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
            assert!(letters(&query).contains(&letters(shared)), "{shared}");
        }
    }
    let out = run(&["similar", "no-such-passage", "--index", &index.path_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-passage"));
    let out = run(&["similar", &id, "--limit", "0", "--index", &index.path_str()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn reuse_measures_how_much_of_later_reports_repeats_an_earlier_one() {
    let Some(index) = mixed_index() else { return };
    let i = index.path_str();
    let args = ["reuse", "--from", "2024-国务院政府工作报告", "--to", "2025-国务院政府工作报告", "yk-2021-work-report"];
    let resp = json(&[&args[..], &["--json", "--index", &i]].concat());
    let docs = resp["docs"].as_array().expect("docs");
    let national = &docs[0];
    let share = national["share"].as_f64().unwrap();
    // Measured: 19.4 % (docs/research.md); consecutive years repeat each other, but far from all.
    assert!((0.1..0.4).contains(&share), "2025 repeats {share} of 2024");
    let rows = national["rows"].as_array().unwrap();
    assert!(rows.len() >= 5, "{rows:?}");
    assert!(rows.iter().all(|r| r["share"].as_f64().unwrap() >= 0.5));
    assert!(rows.iter().any(|r| s(r, "text").contains("今年发展主要预期目标是")));
    assert!(rows.iter().all(|r| s(r, "source").starts_with("2024-国务院政府工作报告-")));
    // A county report of 2021 does not repeat the State Council's 2024 report.
    let county = &docs[1];
    assert!(county["share"].as_f64().unwrap() < 0.05, "{county}");
    assert_eq!(county["reused_passages"], 0);

    let csv = run_ok(&[&args[..], &["--csv", "--index", &i]].concat());
    assert!(csv.starts_with("\u{feff}from,doc,title,region,year,doc_share"), "{csv}");
    assert_eq!(csv.lines().count(), rows.len() + 1);

    let out = run(&["reuse", "--from", "nope", "--to", "2025-国务院政府工作报告", "--index", &i]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    let out = run(&[&args[..], &["--min-share", "2", "--index", &i]].concat());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn national_and_county_documents_split_by_region() {
    let Some(index) = mixed_index() else { return };
    let i = index.path_str();
    let facets = json(&["facets", "--json", "--index", &i]);
    let region: Vec<String> = values(&facets["region"]).into_iter().map(|(v, _)| v).collect();
    assert!(region.contains(&"全国".to_string()) && region.contains(&"浙江省".to_string()), "{region:?}");
    let national = index.search(&["就业", "--region", "全国"]);
    assert!(national["hits"].as_array().unwrap().iter().all(|h| h["level"] == "national" && h["issuer"] == "国务院"));
    let trend = json(&["trend", "就业", "--by", "region", "--json", "--index", &i]);
    let groups: Vec<&str> = trend["groups"].as_array().unwrap().iter().map(|g| s(g, "region")).collect();
    assert_eq!(groups[0], "全国", "{groups:?}");
    assert!(groups.contains(&"浙江省"), "{groups:?}");
    let total: u64 = trend["groups"].as_array().unwrap().iter().map(|g| g["total"].as_u64().unwrap()).sum();
    assert_eq!(total, trend["total"].as_u64().unwrap());
}

/// Over county and national documents a department is named at each document's level (教育局,
/// 教育部); the facet counts it once, under one name with every level's name as its label, and a
/// filter by that name finds exactly the counted passages.
#[test]
fn department_facet_counts_a_department_across_levels_as_its_filter_does() {
    let Some(index) = mixed_index() else { return };
    let found = index.search(&["发展", "--limit", "1"]);
    let departments = found["facets"]["department"].as_array().unwrap();
    let merged: Vec<&Value> = departments.iter().filter(|d| d["label"].is_string()).collect();
    assert!(!merged.is_empty(), "no department named at two levels: {departments:?}");
    for d in departments.iter().take(8) {
        let filtered = index.search(&["发展", "--department", s(d, "value"), "--limit", "1"]);
        assert_eq!(filtered["total"], d["count"], "{d}");
    }
    for d in merged {
        let names: Vec<&str> = s(d, "label").split(" · ").collect();
        assert!(names.len() >= 2 && names[0] == s(d, "value"), "{d}");
        // Each name on its own filters the same passages.
        for name in names {
            assert_eq!(index.search(&["发展", "--department", name, "--limit", "1"])["total"], d["count"], "{name}");
        }
    }
}

#[test]
fn http_routes_for_similar_reuse_and_region_filters() {
    let Some(index) = mixed_index() else { return };
    let id = passage_with(index, "2025-国务院政府工作报告", "今年发展主要预期目标是");
    let (_server, url) = start_server(&index.path_str());
    wait_healthy(&url);
    let host = url.trim_start_matches("http://");
    let enc = |t: &str| t.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let (status, body) = http_get(host, &format!("/api/passages/{}/similar?limit=3", enc(&id))).unwrap();
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 3);
    assert_eq!(s(&v["hits"][0], "doc"), "2024-国务院政府工作报告");
    let (status, _) = http_get(host, "/api/passages/nope/similar").unwrap();
    assert_eq!(status, 404);
    let (status, _) = http_get(host, &format!("/api/passages/{}/similar?limit=x", enc(&id))).unwrap();
    assert_eq!(status, 400);

    let (status, body) = http_get(host, &format!("/api/search?q={}&region={}", enc("就业"), enc("浙江省"))).unwrap();
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v["total"].as_u64().unwrap() > 0);
    assert!(v["hits"].as_array().unwrap().iter().all(|h| s(h, "region") == YONGKANG));
    let (status, _) = http_get(host, &format!("/api/search?q={}&level=town", enc("就业"))).unwrap();
    assert_eq!(status, 400);
    let (status, body) = http_get(
        host,
        &format!(
            "/api/reuse?from={}&to={}&min_share=0.5",
            enc("2024-国务院政府工作报告"),
            enc("2025-国务院政府工作报告")
        ),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v["docs"][0]["reused_passages"].as_u64().unwrap() >= 5);
    let (status, body) = http_get(host, &format!("/api/trend?q={}&by=region", enc("就业"))).unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("\"groups\""));
    let (status, _) = http_get(host, &format!("/api/trend?q={}&by=city", enc("就业"))).unwrap();
    assert_eq!(status, 400);
}

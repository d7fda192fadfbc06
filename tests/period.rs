//! End-to-end checks of the passage `period` facet and filter and of departments named at the
//! document's level, with the real binary on an index of the seeds (a county) and three national
//! reports (2014, 2021, 2025 from ../shared/corpus/national-work-reports), CLI and HTTP.

mod common;

use std::sync::OnceLock;

use common::{http_get, run, s, seeds_with_reports, start_server, wait_healthy, TempIndex};
use serde_json::Value;

const R2025: &str = "2025-国务院政府工作报告";
const R2014: &str = "2014-国务院政府工作报告";

/// The seeds with the 2014, 2021 and 2025 national reports.
fn index() -> Option<&'static TempIndex> {
    static INDEX: OnceLock<Option<(tempfile::TempDir, TempIndex)>> = OnceLock::new();
    INDEX.get_or_init(|| seeds_with_reports(&[2014, 2021, 2025])).as_ref().map(|(_, index)| index)
}

fn period(p: &Value) -> Option<&str> {
    p.get("period").and_then(Value::as_str)
}

fn ids(resp: &Value) -> Vec<String> {
    resp["hits"].as_array().expect("hits").iter().map(|h| s(h, "id").to_string()).collect()
}

fn facet<'a>(resp: &'a Value, name: &str) -> Vec<(&'a str, u64)> {
    resp["facets"][name]
        .as_array()
        .expect("a facet list")
        .iter()
        .map(|v| (s(v, "value"), v["count"].as_u64().expect("a count")))
        .collect()
}

#[test]
fn review_and_plan_parts_of_the_2025_report_get_their_periods_and_filters_keep_only_them() {
    let Some(index) = index() else { return };
    let all = index.export();
    let of = |doc: &str, part: &str| -> Vec<&Value> {
        all.iter()
            .filter(|p| s(p, "doc") == doc && p["section"][0].as_str().is_some_and(|h| h.starts_with(part)))
            .collect()
    };
    let review = of(R2025, "一、2024年工作回顾");
    let tasks = of(R2025, "三、2025年政府工作任务");
    assert!(review.len() >= 10 && tasks.len() >= 30, "{} review, {} task passages", review.len(), tasks.len());
    assert!(review.iter().all(|p| period(p) == Some("review/2024")), "review part");
    assert!(tasks.iter().all(|p| period(p) == Some("plan/2025")), "task part");
    // A task whose heading says 取得 (a review word) is a plan: its part decides.
    let reform = of(R2014, "三、2014年重点工作");
    assert!(reform.iter().any(|p| p["section"][1].as_str().is_some_and(|h| h.contains("取得新突破"))));
    assert!(reform.iter().all(|p| period(p) == Some("plan/2014")), "2014 tasks");

    // The filter keeps exactly the passages of that period, by any spelling.
    let want: Vec<String> = {
        let mut v: Vec<String> = all
            .iter()
            .filter(|p| s(p, "doc") == R2025 && period(p) == Some("review/2024"))
            .map(|p| s(p, "id").to_string())
            .collect();
        v.sort();
        v
    };
    for spelling in ["review/2024", "回顾 2024", "review:２０２４"] {
        let resp = index.search(&["发展", "--doc", R2025, "--period", spelling, "--limit", "100"]);
        let mut got = ids(&resp);
        got.sort();
        assert!(!got.is_empty() && got.iter().all(|id| want.contains(id)), "{spelling}: {got:?}");
        assert_eq!(facet(&resp, "period"), vec![("review", got.len() as u64), ("review/2024", got.len() as u64)]);
    }
    // The kind alone matches every year of it; inside the query too.
    let plans = index.search(&["就业", "period:plan", "--limit", "100"]);
    let hits = plans["hits"].as_array().unwrap();
    assert!(hits.iter().any(|h| period(h) == Some("plan/2025")) && hits.iter().any(|h| period(h) == Some("plan/2014")));
    assert!(hits.iter().all(|h| period(h).is_some_and(|p| p.starts_with("plan/"))), "only plans");
    let counts = facet(&plans, "period");
    let total: u64 = counts.iter().filter(|(v, _)| v.starts_with("plan/")).map(|(_, n)| n).sum();
    assert_eq!(counts[0], ("plan", total), "{counts:?}");
    assert_eq!(plans["total"].as_u64(), Some(total));
    // Without a filter both kinds are counted.
    let unfiltered = index.search(&["就业"]);
    let both = facet(&unfiltered, "period");
    assert!(both.iter().any(|(v, _)| *v == "review") && both.iter().any(|(v, _)| *v == "plan/2025"), "{both:?}");

    let bad = run(&["search", "就业", "--period", "目标", "--index", &index.path_str()]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("period"), "{}", String::from_utf8_lossy(&bad.stderr));
}

#[test]
fn passage_departments_are_named_at_their_documents_level_and_filters_take_any_name() {
    let Some(index) = index() else { return };
    let all = index.export();
    let names = |doc_prefix: &str| -> Vec<String> {
        all.iter()
            .filter(|p| s(p, "doc").starts_with(doc_prefix))
            .flat_map(|p| p["departments"].as_array().unwrap().iter().map(|d| s(d, "name").to_string()))
            .collect()
    };
    let national = names(R2025);
    assert!(
        national.iter().any(|n| n == "商务部") && national.iter().any(|n| n == "国家市场监督管理总局"),
        "{national:?}"
    );
    assert!(!national.iter().any(|n| n == "商务局" || n == "市场监督管理局" || n == "教育局"), "{national:?}");
    // The seeds are a county's documents: county names.
    let county: Vec<String> = all
        .iter()
        .filter(|p| s(p, "region") == "浙江省/金华市/永康市")
        .flat_map(|p| p["departments"].as_array().unwrap().iter().map(|d| s(d, "name").to_string()))
        .collect();
    assert!(county.iter().any(|n| n == "教育局") && !county.iter().any(|n| n == "教育部"), "{county:?}");

    // One filter by any level's name finds both levels, each named as its document names it.
    let named = |h: &Value, n: &str| h["departments"].as_array().unwrap().iter().any(|d| s(d, "name") == n);
    for name in ["人力资源和社会保障局", "人力资源和社会保障部", "人力资源和社会保障厅"] {
        for (level, shown) in [("national", "人力资源和社会保障部"), ("county", "人力资源和社会保障局")]
        {
            let resp = index.search(&["就业", "--department", name, "--level", level, "--limit", "100"]);
            let hits = resp["hits"].as_array().unwrap();
            assert!(!hits.is_empty() && hits.iter().all(|h| named(h, shown)), "{name} at {level}");
            let values = facet(&resp, "department");
            assert_eq!(values.iter().find(|(v, _)| *v == shown).map(|(_, n)| *n), resp["total"].as_u64(), "{values:?}");
        }
    }
    let unknown = run(&["search", "就业", "--department", "宣传部门", "--index", &index.path_str()]);
    assert!(!unknown.status.success());
    let shown = run(&["show", &format!("{R2025}-002"), "--index", &index.path_str()]);
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("部门 商务部") && shown.contains("时期 review/2024"), "{shown}");
}

#[test]
fn http_search_takes_period_and_lists_its_facet() {
    let Some(index) = index() else { return };
    let (_server, url) = start_server(&index.path_str());
    wait_healthy(&url);
    let host = url.trim_start_matches("http://");
    let enc = |t: &str| t.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let (status, body) =
        http_get(host, &format!("/api/search?q={}&period={}&limit=100", enc("就业"), enc("plan/2025"))).unwrap();
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| period(h) == Some("plan/2025") && s(h, "doc") == R2025));
    assert_eq!(facet(&v, "period")[0], ("plan", v["total"].as_u64().unwrap()));
    let (status, body) = http_get(host, &format!("/api/search?q={}&period={}", enc("就业"), enc("明年"))).unwrap();
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("period"), "{body}");
    let (status, body) = http_get(host, "/api/facets").unwrap();
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v["period"].as_array().unwrap().iter().any(|p| s(p, "value") == "review/2024"), "{body}");
}

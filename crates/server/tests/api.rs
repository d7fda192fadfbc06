//! In-process tests of the HTTP API: one index of the repository's seeds is built once per test
//! binary, and every request goes through the real router (`app`) with `tower::ServiceExt::oneshot`,
//! middleware included. Every response is also checked for the security headers.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use plansearch_index::build::{build, BuildOptions};
use plansearch_server::{app, AppState};
use serde_json::Value;
use tower::ServiceExt;

struct Fixture {
    _tmp: tempfile::TempDir,
    state: AppState,
}

/// The seeds, indexed once per test binary.
fn state() -> AppState {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let seeds: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
            let tmp = tempfile::tempdir().expect("temp dir");
            let index = tmp.path().join("index");
            build(&BuildOptions::new(vec![seeds], index.clone()), &mut |_| {}).expect("the seeds index");
            let state = AppState::open(index).expect("the index opens");
            Fixture { _tmp: tmp, state }
        })
        .state
        .clone()
}

/// Percent-encodes a query-string value (everything but unreserved ASCII).
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("body is not JSON ({e}), status {}: {}", self.status, String::from_utf8_lossy(&self.body))
        })
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("body is UTF-8")
    }
    fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// Sends one request through the whole app and checks the headers every response must carry.
async fn request(method: Method, uri: &str) -> Reply {
    let req = Request::builder().method(method).uri(uri).body(Body::empty()).expect("a valid request");
    let res = app(state()).oneshot(req).await.expect("the router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.expect("the body is read").to_bytes().to_vec();
    let csp = headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(csp.contains("script-src 'self'"), "{uri}: Content-Security-Policy is `{csp}`");
    assert_eq!(
        headers.get(header::X_CONTENT_TYPE_OPTIONS).and_then(|v| v.to_str().ok()),
        Some("nosniff"),
        "{uri}: X-Content-Type-Options"
    );
    Reply { status, headers, body }
}

async fn get(uri: &str) -> Reply {
    request(Method::GET, uri).await
}

/// GET that must answer 200 with JSON.
async fn ok_json(uri: &str) -> Value {
    let r = get(uri).await;
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
    assert!(r.content_type().starts_with("application/json"), "{uri}: content type {}", r.content_type());
    r.json()
}

/// GET that must fail with `status` and the JSON error body; returns (code, message).
async fn error(uri: &str, status: StatusCode) -> (String, String) {
    let r = get(uri).await;
    assert_eq!(r.status, status, "{uri}: {}", String::from_utf8_lossy(&r.body));
    error_body(uri, &r)
}

fn error_body(uri: &str, r: &Reply) -> (String, String) {
    assert!(r.content_type().starts_with("application/json"), "{uri}: error content type `{}`", r.content_type());
    let v = r.json();
    let code = v["error"]["code"].as_str().unwrap_or_else(|| panic!("{uri}: no error.code in {v}"));
    let message = v["error"]["message"].as_str().unwrap_or_else(|| panic!("{uri}: no error.message in {v}"));
    assert!(!code.is_empty() && !message.is_empty(), "{uri}: empty error fields in {v}");
    (code.to_string(), message.to_string())
}

fn total(v: &Value) -> u64 {
    v["total"].as_u64().unwrap_or_else(|| panic!("total is a number in {v}"))
}

fn hits(v: &Value) -> &Vec<Value> {
    v["hits"].as_array().unwrap_or_else(|| panic!("hits is an array in {v}"))
}

fn ids(v: &Value) -> Vec<String> {
    hits(v).iter().map(|h| h["id"].as_str().expect("hit id").to_string()).collect()
}

/// The count a facet lists for a value, or 0.
fn facet_count(facets: &Value, facet: &str, value: &str) -> u64 {
    facets[facet]
        .as_array()
        .unwrap_or_else(|| panic!("facet {facet} is an array in {facets}"))
        .iter()
        .find(|f| f["value"] == value)
        .map_or(0, |f| f["count"].as_u64().expect("count"))
}

const QUERY: &str = "无废城市";

#[tokio::test]
async fn search_finds_highlighted_hits_with_facets_and_total() {
    let v = ok_json(&format!("/api/search?q={}", enc(QUERY))).await;
    assert_eq!(v["query"], QUERY);
    assert_eq!(v["matched"], "all");
    let hits = hits(&v);
    assert!(hits.len() >= 2, "at least two hits for {QUERY}: {v}");
    assert!(total(&v) >= hits.len() as u64);
    assert_eq!(v["limit"], 10);
    assert_eq!(v["offset"], 0);
    for h in hits {
        for key in ["id", "doc", "title", "sector", "text", "snippet"] {
            assert!(h[key].is_string(), "hit has `{key}`: {h}");
        }
        assert!(h["source"]["file"].is_string() && h["source"]["line_start"].is_u64(), "hit has a source: {h}");
        let snippet = h["snippet"].as_str().unwrap();
        assert!(snippet.contains("<mark>"), "snippet marks the match: {snippet}");
        // Everything but the marks is escaped.
        let bare = snippet.replace("<mark>", "").replace("</mark>", "");
        assert!(!bare.contains('<') && !bare.contains('>'), "snippet has stray markup: {snippet}");
    }
    let marked = hits.iter().filter(|h| h["snippet"].as_str().unwrap().contains(&format!("<mark>{QUERY}</mark>")));
    assert!(marked.count() >= 2, "the whole query is marked in at least two snippets");
    // Highlights are byte ranges of the text covering the match.
    let h = &hits[0];
    let text = h["text"].as_str().unwrap();
    let ranges = h["highlights"].as_array().expect("highlights");
    assert!(!ranges.is_empty());
    for r in ranges {
        let (a, b) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
        assert!(text.get(a..b).is_some(), "highlight {a}..{b} is a char boundary range of the text");
    }
    let facets = &v["facets"];
    for f in ["sector", "keyword", "doc", "department", "year"] {
        assert!(facets[f].is_array(), "facet `{f}` present in {facets}");
    }
    let sector_sum: u64 = facets["sector"].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).sum();
    assert_eq!(sector_sum, total(&v), "every matching passage has one sector");
    assert!(facets["doc"].as_array().unwrap().iter().all(|d| d["label"].is_string()), "doc facet has titles");
}

#[tokio::test]
async fn sector_filter_narrows_to_the_facet_count_and_repeats_mean_either() {
    let base = ok_json(&format!("/api/search?q={}", enc(QUERY))).await;
    let sectors: Vec<(String, u64)> = base["facets"]["sector"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_str().unwrap().to_string(), f["count"].as_u64().unwrap()))
        .collect();
    assert!(sectors.len() >= 2, "{QUERY} spans at least two sectors: {sectors:?}");
    for (sector, count) in &sectors {
        let v = ok_json(&format!("/api/search?q={}&sector={}&limit=100", enc(QUERY), enc(sector))).await;
        assert_eq!(total(&v), *count, "sector={sector}");
        assert!(hits(&v).iter().all(|h| h["sector"] == sector.as_str()), "every hit is in {sector}");
        assert!(total(&v) < total(&base));
    }
    let (a, b) = (&sectors[0], &sectors[1]);
    let v = ok_json(&format!("/api/search?q={}&sector={}&sector={}", enc(QUERY), enc(&a.0), enc(&b.0))).await;
    assert_eq!(total(&v), a.1 + b.1, "two sector values mean either");
    // The same filters written in the query (quoted: sector names may hold quotes and spaces).
    for (sector, count) in &sectors {
        let v = ok_json(&format!("/api/search?q={}", enc(&format!("{QUERY} sector:\"{sector}\"")))).await;
        assert_eq!(total(&v), *count, "sector:\"{sector}\" in the query");
    }
    // An unknown sector is no error, just nothing.
    let v = ok_json(&format!("/api/search?q={}&sector=nope", enc(QUERY))).await;
    assert_eq!(total(&v), 0);
    // An empty value is ignored.
    let v = ok_json(&format!("/api/search?q={}&sector=", enc(QUERY))).await;
    assert_eq!(total(&v), total(&base));
}

#[tokio::test]
async fn department_filter_takes_names_and_short_forms() {
    let corpus = ok_json("/api/facets").await;
    let edu = facet_count(&corpus, "department", "教育局");
    assert!(edu > 0, "some passage is tagged 教育局: {}", corpus["department"]);
    let v = ok_json(&format!("/api/search?department={}&limit=100", enc("教育局"))).await;
    assert_eq!(total(&v), edu);
    for h in hits(&v) {
        let names: Vec<&str> =
            h["departments"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
        assert!(names.contains(&"教育局"), "hit {} is tagged 教育局: {names:?}", h["id"]);
    }

    let health = facet_count(&corpus, "department", "卫生健康局");
    assert!(health > 0, "some passage is tagged 卫生健康局");
    let full = ok_json(&format!("/api/search?department={}", enc("卫生健康局"))).await;
    let short = ok_json(&format!("/api/search?department={}", enc("卫健局"))).await;
    assert_eq!(total(&full), health);
    assert_eq!(total(&short), health, "卫健局 resolves to 卫生健康局");
    assert_eq!(ids(&full), ids(&short));
    // Surrounding white space does not matter; in the query works too.
    let spaced = ok_json(&format!("/api/search?department={}", enc(" 卫健局 "))).await;
    assert_eq!(total(&spaced), health);
    let inq = ok_json(&format!("/api/search?q={}", enc("department:卫健局"))).await;
    assert_eq!(total(&inq), health);
    // Either of two departments.
    let both = ok_json(&format!("/api/search?department={}&department={}", enc("教育局"), enc("卫健局"))).await;
    assert!(total(&both) >= edu.max(health) && total(&both) <= edu + health);
    // Unknown department: a clear 400.
    let (code, message) = error(&format!("/api/search?department={}", enc("宇宙局")), StatusCode::BAD_REQUEST).await;
    assert_eq!(code, "bad_parameter");
    assert!(message.contains("department") && message.contains("宇宙局"), "{message}");
}

#[tokio::test]
async fn doc_and_year_filters() {
    let corpus = ok_json("/api/facets").await;
    let docs = corpus["doc"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "two seed documents");
    for d in docs {
        let id = d["value"].as_str().unwrap();
        let v = ok_json(&format!("/api/search?doc={}&limit=100", enc(id))).await;
        assert_eq!(total(&v), d["count"].as_u64().unwrap(), "doc={id}");
        assert!(hits(&v).iter().all(|h| h["doc"] == id));
        // Browsing a document lists it in order.
        let ordinals: Vec<u64> = hits(&v).iter().map(|h| h["ordinal"].as_u64().unwrap()).collect();
        assert!(ordinals.windows(2).all(|w| w[0] < w[1]), "document order: {ordinals:?}");
    }
    let v = ok_json("/api/search?doc=no-such-doc").await;
    assert_eq!(total(&v), 0);
    let all = ok_json("/api/search").await;
    let v = ok_json("/api/search?year=2021").await;
    assert_eq!(total(&v), total(&all), "both seeds are from 2021");
    let v = ok_json("/api/search?year=2016..2020").await;
    assert_eq!(total(&v), 0);
    let v = ok_json(&format!("/api/search?year={}", enc("2020..2022"))).await;
    assert_eq!(total(&v), total(&all));
}

#[tokio::test]
async fn paging_with_limit_and_offset() {
    // Browsing (no query) is in document order, so pages are deterministic.
    let all = ok_json("/api/search?limit=6").await;
    let all_ids = ids(&all);
    assert_eq!(all_ids.len(), 6);
    let p1 = ok_json("/api/search?limit=3&offset=0").await;
    let p2 = ok_json("/api/search?limit=3&offset=3").await;
    assert_eq!(ids(&p1), all_ids[..3]);
    assert_eq!(ids(&p2), all_ids[3..]);
    assert_eq!(p2["limit"], 3);
    assert_eq!(p2["offset"], 3);
    assert_eq!(total(&p1), total(&p2));

    let q = enc(QUERY);
    let four = ok_json(&format!("/api/search?q={q}&limit=4")).await;
    let a = ok_json(&format!("/api/search?q={q}&limit=2")).await;
    let b = ok_json(&format!("/api/search?q={q}&limit=2&offset=2")).await;
    let joined: Vec<String> = ids(&a).into_iter().chain(ids(&b)).collect();
    assert_eq!(joined, ids(&four));

    // limit=0 counts without hits; the last page may be short; beyond the end is empty.
    let none = ok_json(&format!("/api/search?q={q}&limit=0")).await;
    assert!(hits(&none).is_empty());
    assert_eq!(total(&none), total(&four));
    let n = total(&none);
    let tail = ok_json(&format!("/api/search?q={q}&offset={}", n - 1)).await;
    assert_eq!(hits(&tail).len(), 1);
    let past = ok_json(&format!("/api/search?q={q}&offset={}", n + 5)).await;
    assert!(hits(&past).is_empty());
    assert_eq!(total(&past), n);
    let max = ok_json("/api/search?limit=100&offset=10000").await;
    assert!(hits(&max).is_empty());
}

#[tokio::test]
async fn user_mistakes_are_clear_4xx_errors() {
    let (code, message) = error("/api/search?q=%22abc", StatusCode::BAD_REQUEST).await;
    assert_eq!(code, "bad_query");
    assert!(message.contains("quote"), "{message}");

    for bad in ["1000", "101", "abc", "-1", "1.5", ""] {
        let (code, message) = error(&format!("/api/search?limit={bad}"), StatusCode::BAD_REQUEST).await;
        assert_eq!(code, "bad_parameter", "limit={bad}");
        assert!(message.contains("`limit`"), "limit={bad}: {message}");
    }
    for bad in ["10001", "99999999999999999999999", "x"] {
        let (code, message) = error(&format!("/api/search?offset={bad}"), StatusCode::BAD_REQUEST).await;
        assert_eq!(code, "bad_parameter", "offset={bad}");
        assert!(message.contains("`offset`"), "offset={bad}: {message}");
    }

    let long = enc(&"规".repeat(300));
    let (code, message) = error(&format!("/api/search?q={long}"), StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(code, "query_too_long");
    assert!(message.contains("300"), "{message}");
    let (code, _) = error(&format!("/api/suggest?q={long}"), StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(code, "query_too_long");
    // Exactly the maximum is fine.
    ok_json(&format!("/api/search?q={}", enc(&"规".repeat(256)))).await;
    // A query string beyond the byte limit.
    let (code, _) = error(&format!("/api/search?q=a&x={}", "y".repeat(9000)), StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(code, "query_too_long");

    for bad in ["abc", "20211", "2025..2016", "..", "1..x"] {
        let (code, message) = error(&format!("/api/search?year={}", enc(bad)), StatusCode::BAD_REQUEST).await;
        assert_eq!(code, "bad_parameter", "year={bad}");
        assert!(message.contains("`year`"), "year={bad}: {message}");
    }
    let (code, _) = error(&format!("/api/search?q={}", enc("无废 year:abc")), StatusCode::BAD_REQUEST).await;
    assert_eq!(code, "bad_parameter");

    for q in ["OR", "无废 OR", "OR 无废", "无废 OR OR 城市", "sector:", "-sector:x", "sector:\"abc"] {
        let (code, _) = error(&format!("/api/search?q={}", enc(q)), StatusCode::BAD_REQUEST).await;
        assert_eq!(code, "bad_query", "q={q}");
    }
    let (code, message) = error("/api/suggest?q=a&limit=x", StatusCode::BAD_REQUEST).await;
    assert_eq!(code, "bad_parameter");
    assert!(message.contains("`limit`"), "{message}");
}

#[tokio::test]
async fn passages_with_neighbours_and_404s() {
    let v = ok_json(&format!("/api/search?q={}", enc(QUERY))).await;
    let id = hits(&v)[0]["id"].as_str().unwrap().to_string();
    let p = ok_json(&format!("/api/passages/{}", enc(&id))).await;
    assert_eq!(p["passage"]["id"], id.as_str());
    assert_eq!(p["passage"]["text"], hits(&v)[0]["text"]);
    let before = p["before"].as_array().expect("before");
    let after = p["after"].as_array().expect("after");
    assert!(before.len() <= 2 && after.len() <= 2);
    assert!(!before.is_empty() || !after.is_empty(), "a passage has neighbours");
    let ord = p["passage"]["ordinal"].as_u64().unwrap();
    for n in before {
        assert!(n["ordinal"].as_u64().unwrap() < ord && n["doc"] == p["passage"]["doc"]);
    }
    for n in after {
        assert!(n["ordinal"].as_u64().unwrap() > ord && n["doc"] == p["passage"]["doc"]);
    }

    // A middle passage of a document has two on each side.
    let browse = ok_json("/api/search?doc=yk-14fyp-interpretation&limit=10").await;
    let mid = hits(&browse)[5]["id"].as_str().unwrap().to_string();
    let p = ok_json(&format!("/api/passages/{mid}")).await;
    assert_eq!(p["before"].as_array().unwrap().len(), 2);
    assert_eq!(p["after"].as_array().unwrap().len(), 2);
    // The first passage of a document has none before it.
    let first = hits(&browse)[0]["id"].as_str().unwrap().to_string();
    let p = ok_json(&format!("/api/passages/{first}")).await;
    assert!(p["before"].as_array().unwrap().is_empty());

    for uri in [
        "/api/passages/no-such-passage",
        "/api/passages/yk-14fyp-interpretation-999",
        "/api/passages/..%2F..%2Fetc%2Fpasswd",
        "/api/passages/%2E%2E",
        "/api/passages/..",
        "/assets/..%2FCargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/../Cargo.toml",
        "/assets/app.js%00",
        "/assets/index.html",
        "/assets/",
    ] {
        let (code, message) = error(uri, StatusCode::NOT_FOUND).await;
        assert_eq!(code, "not_found", "{uri}");
        assert!(!message.contains("root:"), "{uri}: {message}");
    }
}

#[tokio::test]
async fn facets_suggest_health_and_openapi() {
    let f = ok_json("/api/facets").await;
    for key in ["sector", "keyword", "doc", "department", "year"] {
        assert!(f[key].as_array().is_some_and(|a| !a.is_empty()), "corpus facet `{key}` is listed: {f}");
    }
    assert_eq!(f["year"][0]["value"], "2021");

    let s = ok_json(&format!("/api/suggest?q={}", enc("无废"))).await;
    let list = s.as_array().expect("suggestions are an array");
    for item in list {
        assert!(item["text"].as_str().is_some_and(|t| t.contains("无废")), "{item}");
    }
    // Frequent words starting with what was typed, and headings containing it.
    let s = ok_json(&format!("/api/suggest?q={}", enc("无"))).await;
    assert!(s.as_array().unwrap().iter().any(|i| i["text"] == "无废" && i["kind"] == "term"), "{s}");
    let s = ok_json(&format!("/api/suggest?q={}", enc("生态"))).await;
    let list = s.as_array().expect("suggestions are an array");
    assert!(!list.is_empty() && list.len() <= 8, "{s}");
    assert_eq!(list[0], serde_json::json!({"text": "生态环境篇", "kind": "keyword"}), "prefix matches first");
    for item in list {
        assert!(item["text"].as_str().is_some_and(|t| t.contains("生态")), "{item}");
        assert!(matches!(item["kind"].as_str(), Some("keyword" | "term")), "{item}");
    }
    let few = ok_json(&format!("/api/suggest?q={}&limit=1", enc("生态"))).await;
    assert_eq!(few.as_array().unwrap().len(), 1);
    let capped = ok_json("/api/suggest?q=%E5%BB%BA&limit=1000").await;
    assert!(capped.as_array().unwrap().len() <= 10);
    for uri in ["/api/suggest?q=", "/api/suggest", "/api/suggest?q=%20%20"] {
        assert_eq!(ok_json(uri).await, serde_json::json!([]), "{uri}");
    }

    let h = ok_json("/healthz").await;
    assert_eq!(h["documents"], 2);
    assert!(h["passages"].as_u64().unwrap() > 40, "{h}");
    let all = ok_json("/api/search?limit=0").await;
    assert_eq!(total(&all), h["passages"].as_u64().unwrap());

    let o = ok_json("/api/openapi.json").await;
    let paths = o["paths"].as_object().expect("openapi has paths");
    for p in ["/api/search", "/api/passages/{id}", "/api/facets", "/api/suggest", "/healthz"] {
        assert!(paths.contains_key(p), "openapi documents {p}: {:?}", paths.keys().collect::<Vec<_>>());
    }
}

#[tokio::test]
async fn page_and_assets() {
    let r = get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "text/html; charset=utf-8");
    let html = r.text();
    assert!(html.contains("id=\"q\"") && html.contains("role=\"search\""), "the page has the search box");
    assert!(html.contains("/assets/app.js") && html.contains("/assets/app.css"));
    let csp = r.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(r.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
    assert_eq!(r.headers.get(header::REFERRER_POLICY).unwrap(), "no-referrer");

    // app.js and every module it imports, transitively, are served as JavaScript.
    let mut pending = vec!["app.js".to_string()];
    let mut served = std::collections::BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !served.insert(name.clone()) {
            continue;
        }
        let js = get(&format!("/assets/{name}")).await;
        assert_eq!(js.status, StatusCode::OK, "{name}");
        assert!(js.content_type().starts_with("text/javascript"), "{name}: {}", js.content_type());
        let text = js.text();
        assert!(!text.is_empty(), "{name}");
        for import in text.split("from './").skip(1) {
            pending.push(import.split('\'').next().unwrap().to_string());
        }
    }
    assert!(served.len() >= 5 && served.contains("search.js") && served.contains("shared.js"), "{served:?}");
    // Every stylesheet the page links is served as CSS.
    let sheets: Vec<&str> =
        html.split("<link rel=\"stylesheet\" href=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    assert!(sheets.len() >= 2 && sheets[0] == "/assets/app.css", "{sheets:?}");
    for sheet in sheets {
        let css = get(sheet).await;
        assert_eq!(css.status, StatusCode::OK, "{sheet}");
        assert!(css.content_type().starts_with("text/css"), "{sheet}: {}", css.content_type());
        assert!(!css.body.is_empty(), "{sheet}");
    }

    let head = request(Method::HEAD, "/").await;
    assert_eq!(head.status, StatusCode::OK);
    let head = request(Method::HEAD, "/healthz").await;
    assert_eq!(head.status, StatusCode::OK);

    for uri in ["/nope", "/api", "/api/", "/api/search/extra", "/index.html", "/healthz/x"] {
        let (code, message) = error(uri, StatusCode::NOT_FOUND).await;
        assert_eq!(code, "not_found", "{uri}");
        assert!(message.contains("no route"), "{uri}: {message}");
    }
}

#[tokio::test]
async fn query_oddities_are_handled() {
    // Quote styles, exclusions and OR do what the syntax says.
    let q = enc(QUERY);
    let plain = total(&ok_json(&format!("/api/search?q={q}")).await);
    let phrase = total(&ok_json(&format!("/api/search?q={}", enc(&format!("\"{QUERY}\"")))).await);
    let cn = total(&ok_json(&format!("/api/search?q={}", enc(&format!("“{QUERY}”")))).await);
    assert!(phrase <= plain && phrase > 0);
    assert_eq!(phrase, cn, "Chinese quotes are quotes");
    let excluded = ok_json(&format!("/api/search?q={}", enc(&format!("-{QUERY}")))).await;
    let all = ok_json("/api/search?limit=0").await;
    assert_eq!(total(&excluded), total(&all) - phrase, "only exclusion: everything else");
    let or = total(&ok_json(&format!("/api/search?q={}", enc(&format!("{QUERY} OR 未来社区")))).await);
    assert!(or >= plain);
    // Punctuation only is no error.
    ok_json(&format!("/api/search?q={}", enc("！？"))).await;
    // Nothing matches every term: falls back to any, with a notice.
    let v = ok_json(&format!("/api/search?q={}", enc("无废城市 qzxjvkwplmq"))).await;
    assert_eq!(v["matched"], "any");
    assert!(total(&v) > 0);
}

/// Malformed requests of every kind: never a 5xx, and every 4xx is the JSON error body.
#[tokio::test]
async fn no_user_mistake_is_a_server_error() {
    let long_value = "%E8%A7%84".repeat(257);
    let cases: Vec<String> = vec![
        "/api/search?q=%FF".into(),
        "/api/search?q=%E4%B8".into(),
        "/api/search?q=%E4%B8%ZZ".into(),
        "/api/search?q=%".into(),
        "/api/search?q=%%%".into(),
        "/api/search?q=%00".into(),
        "/api/search?q=%0A%0D%09".into(),
        "/api/search?q=%22%22%22".into(),
        "/api/search?q=%22a%22b%22".into(),
        "/api/search?q=%22%E2%80%9C%E6%97%A0%E5%BA%9F%22%E2%80%9D".into(),
        "/api/search?q=%E2%80%9C%E6%97%A0%E5%BA%9F".into(),
        "/api/search?q=%E3%80%8C".into(),
        "/api/search?q=-".into(),
        "/api/search?q=--".into(),
        "/api/search?q=-%22".into(),
        "/api/search?q=-%22%22".into(),
        "/api/search?q=OR%20OR".into(),
        "/api/search?q=a%20OR".into(),
        "/api/search?q=OR%20a".into(),
        "/api/search?q=a%20OR%20-b".into(),
        "/api/search?q=a%20OR%20sector:x".into(),
        "/api/search?q=sector:".into(),
        "/api/search?q=sector:%22".into(),
        "/api/search?q=sector:%22%22".into(),
        "/api/search?q=year:".into(),
        "/api/search?q=year:..".into(),
        "/api/search?q=year:99999".into(),
        "/api/search?q=department:%E5%AE%87".into(),
        "/api/search?q=:".into(),
        "/api/search?q=%3A%3A%3A".into(),
        "/api/search?q=%EF%AC%81%C4%B0%E2%85%AB%E2%91%A0%E3%8D%BB".into(),
        "/api/search?q=%F0%9F%98%80%E2%80%8D%F0%9F%98%80".into(),
        "/api/search?q=a%CC%81%CC%81%CC%81".into(),
        "/api/search?q=%EF%BC%A1%EF%BC%A2%EF%BC%A3".into(),
        "/api/search?q=%26%3C%3E%27".into(),
        format!("/api/search?q={long_value}"),
        "/api/search?q=%E6%97%A0&offset=18446744073709551616".into(),
        "/api/search?offset=18446744073709551615".into(),
        "/api/search?limit=-1".into(),
        "/api/search?limit=1e3".into(),
        "/api/search?limit=%20".into(),
        "/api/search?limit=0x10".into(),
        "/api/search?limit=%FF".into(),
        "/api/search?year=%FF".into(),
        "/api/search?year=-2021".into(),
        "/api/search?year=2021..2021..2021".into(),
        "/api/search?department=%FF".into(),
        "/api/search?sector=%FF&keyword=%FF&doc=%FF".into(),
        "/api/search?=&&&=&q".into(),
        "/api/search?q&q&q=%E6%97%A0".into(),
        "/api/search?q[]=x".into(),
        "/api/passages/%FF".into(),
        "/api/passages/%E4%B8".into(),
        "/api/passages/%00".into(),
        "/api/passages/%20".into(),
        "/api/passages/a%2Fb".into(),
        "/api/passages/".into(),
        "/assets/%FF".into(),
        "/api/suggest?q=%FF".into(),
        "/api/suggest?q=%E4%B8".into(),
        "/api/suggest?q=%22".into(),
        "/api/suggest?q=%00".into(),
        "/api/suggest?limit=-1".into(),
        "/api/suggest?limit=0&q=a".into(),
        "/api/commitments?kind=%FF".into(),
        "/api/commitments?year=abc&department=%E5%AE%87".into(),
        "/api/trend?q=%22".into(),
        "/api/trend?q=%FF&limit=-1".into(),
        "/%FF".into(),
        "/api/%E4%B8".into(),
        "//api/search".into(),
    ];
    assert!(cases.len() >= 30);
    for uri in &cases {
        let r = get(uri).await;
        assert!(r.status.as_u16() < 500, "{uri} answered {}: {}", r.status, String::from_utf8_lossy(&r.body));
        if r.status.is_client_error() {
            error_body(uri, &r);
        } else {
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            r.json();
        }
    }
}

/// Errors made outside the handlers (other methods, bodies, undecodable paths) are JSON with the
/// security headers too.
#[tokio::test]
async fn errors_outside_the_handlers_are_json() {
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        for uri in ["/api/search", "/", "/healthz", "/assets/app.js"] {
            let r = request(method.clone(), uri).await;
            assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
            let (code, _) = error_body(uri, &r);
            assert_eq!(code, "method_not_allowed");
            assert!(
                r.headers.get(header::ALLOW).is_some_and(|a| a.to_str().unwrap().contains("GET")),
                "{method} {uri}"
            );
        }
    }
    // A body larger than the limit is refused before any handler runs.
    let req = Request::builder()
        .method(Method::GET)
        .uri("/api/search?q=a")
        .header(header::CONTENT_LENGTH, 100_000)
        .body(Body::from(vec![b'a'; 100_000]))
        .unwrap();
    let res = app(state()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res.headers().get(header::CONTENT_SECURITY_POLICY).is_some(), "413 has the security headers");
    assert_eq!(res.headers().get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&body).expect("413 body is JSON");
    assert!(v["error"]["code"].is_string() && v["error"]["message"].is_string(), "{v}");
    // A path segment that is not UTF-8.
    let (code, _) = error("/api/passages/%FF", StatusCode::BAD_REQUEST).await;
    assert_eq!(code, "bad_request");
}

/// `/api/commitments` lists planned rows by default; `status=reported|all` as the CLI; a bad
/// status is a 400 naming the parameter; every row names its document and status.
#[tokio::test]
async fn commitments_filter_by_status() {
    let planned = ok_json("/api/commitments").await;
    let reported = ok_json("/api/commitments?status=reported").await;
    let all = ok_json("/api/commitments?status=all").await;
    let len = |v: &Value| v.as_array().map_or(0, Vec::len);
    assert_eq!(len(&planned) + len(&reported), len(&all));
    assert!(len(&planned) > 0);
    for row in all.as_array().into_iter().flatten() {
        assert!(matches!(row["status"].as_str(), Some("planned" | "reported")), "{row}");
        assert!(row["doc"].as_str().is_some_and(|d| !d.is_empty()), "{row}");
    }
    let (code, message) = error("/api/commitments?status=done", StatusCode::BAD_REQUEST).await;
    assert_eq!(code, "bad_parameter");
    assert!(message.contains("status"), "{message}");
}

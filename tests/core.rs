//! End-to-end tests of the core: the real binary indexes the seeds into a temporary index, and
//! the passages, tags, layout repair, literal recall, judged queries and error handling are
//! checked on what it produced.

mod common;

use common::*;
use std::sync::OnceLock;

fn seeds_index() -> &'static TempIndex {
    static INDEX: OnceLock<TempIndex> = OnceLock::new();
    INDEX.get_or_init(|| TempIndex::build(&[&seeds()]))
}

fn passages_of(doc: &str) -> Vec<serde_json::Value> {
    seeds_index().export().into_iter().filter(|p| s(p, "doc") == doc).collect()
}

const DOC_000: &str = "yk-14fyp-interpretation";
const DOC_001: &str = "yk-2021-work-report";

/// The 30 关键词 of 000 with their 篇, read straight from the raw file by a line scan that does not
/// share code with the indexer.
fn raw_keywords_000() -> Vec<(String, String)> {
    let raw = std::fs::read_to_string(seeds().join("000_1a100416ab643aa2.txt")).unwrap();
    let mut sector = String::new();
    let mut out = Vec::new();
    for line in raw.lines() {
        if let Some(s) = line.strip_prefix("### ") {
            sector = s.trim().to_string();
        } else if let Some(k) = line.strip_prefix("**关键词:** ") {
            out.push((sector.clone(), k.trim().to_string()));
        }
    }
    out
}

#[test]
fn the_30_keywords_of_000_with_their_sectors() {
    let expected = raw_keywords_000();
    assert_eq!(expected.len(), 30);
    let passages = passages_of(DOC_000);
    let got: Vec<(String, String)> = passages
        .iter()
        .filter(|p| !s(p, "keyword").is_empty())
        .map(|p| (s(p, "sector").to_string(), s(p, "keyword").to_string()))
        .collect();
    assert_eq!(got, expected);
    // Spot checks written by reading the document.
    assert!(got.contains(&("生态环境篇".into(), "倡导绿色低碳生产生活方式".into())));
    assert!(got.contains(&("城乡面貌篇".into(), "建设品质中心城区".into())));
    // The lead paragraphs come before the first 篇 and are the introduction.
    let intro: Vec<_> = passages.iter().take_while(|p| s(p, "sector") == "引言").collect();
    assert!(intro.len() >= 2, "lead paragraphs are tagged as the introduction");
    assert!(s(intro[0], "text").starts_with("21日,我市第十七届人民代表大会第五次会议"));
    // Titles come from the catalog.
    assert_eq!(s(&passages[0], "title"), "永康市“十四五”规划和二〇三五远景目标纲要解读");
}

#[test]
fn the_hierarchy_of_001() {
    let passages = passages_of(DOC_001);
    let tags: Vec<(String, String)> =
        passages.iter().map(|p| (s(p, "sector").to_string(), s(p, "keyword").to_string())).collect();
    let five = "实现上述目标，要把握好以下五个方面";
    let seven = "“十四五”期间，我们要重点抓好七个方面的大事";
    let three = "三、全力以赴做好“十四五”开局工作";
    let mut expected: Vec<(&str, &str)> = vec![
        ("“十四五”时期经济社会发展的总体要求", ""),
        ("“十四五”时期经济社会发展的主要目标", ""),
        (five, "必须更加注重高质量发展"),
        (five, "必须更加注重数字化改革"),
        (five, "必须更加注重融入新发展格局"),
        (five, "必须更加注重系统观念"),
        (five, "必须更加注重形成“重要窗口”的标志性成果"),
        (seven, "锚定创新驱动战略，加快建设更具发展潜力的匠心城市"),
        (seven, "聚力完善现代产业体系，加快建设更具世界影响力的先进制造业基地"),
        (seven, "全面推动城乡协同，加快建设更具吸引力的现代化城市"),
        (seven, "深度融入新发展格局，加快建设更具包容性的开放型城市"),
        (seven, "更加注重绿色低碳发展，加快建设更具承载力的生态文明城市"),
        (seven, "着力深化省级县域经济治理改革试点，加快建设更具引领性的营商环境示范城市"),
        (seven, "不断满足人民群众对美好生活的向往，加快建设更具幸福感的和谐家园"),
        (three, ""),
        (three, "2021 年工作的总体要求"),
        (three, "建议 2021 年经济社会发展主要预期目标"),
        (three, "着力精密智控，持续抓好常态化疫情防控"),
        (three, "着力科技与品牌双轮驱动，持续激发区域创新动能"),
    ];
    // Long items are split into several passages under the same tags.
    let mut deduped = tags.clone();
    deduped.dedup();
    expected.dedup();
    let expected: Vec<(String, String)> = expected.into_iter().map(|(a, b)| (a.into(), b.into())).collect();
    assert_eq!(deduped, expected);
    // The section path nests: sector › list › item.
    let item = passages.iter().find(|p| s(p, "keyword") == "着力科技与品牌双轮驱动，持续激发区域创新动能").unwrap();
    let section: Vec<&str> = item["section"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(
        section,
        [three, "完成上述目标，要认真抓好以下11方面工作", "着力科技与品牌双轮驱动，持续激发区域创新动能"]
    );
}

#[test]
fn every_passage_is_tagged_sized_and_citable() {
    let all = seeds_index().export();
    assert_eq!(all.len(), passages_of(DOC_000).len() + passages_of(DOC_001).len());
    let mut ids = std::collections::HashSet::new();
    for p in &all {
        let text = s(p, "text");
        assert!(ids.insert(s(p, "id").to_string()), "ids are unique");
        assert!(text.chars().count() <= 400, "passage longer than 400 characters: {text}");
        assert!(text.chars().any(char::is_alphanumeric), "punctuation-only passage");
        let src = &p["source"];
        let (a, b) = (src["line_start"].as_u64().unwrap(), src["line_end"].as_u64().unwrap());
        assert!(a >= 1 && a <= b, "line range {a}-{b}");
        // The cited lines really hold the start of the passage.
        let file = root().join(s(src, "file"));
        let raw = std::fs::read_to_string(&file).unwrap();
        let cited: String = raw.lines().skip(a as usize - 1).take((b - a + 1) as usize).collect();
        let head: String = squash(text).chars().filter(|c| !"*".contains(*c)).take(4).collect();
        assert!(squash(&cited).contains(&head), "lines {a}-{b} of {} do not hold `{head}`", file.display());
    }
}

#[test]
fn layout_repair_leaves_no_artifacts() {
    for p in seeds_index().export() {
        let text = s(&p, "text");
        assert!(!text.contains("下转"), "page-jump marker left: {text}");
        assert!(!text.contains("**"), "emphasis marker left: {text}");
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(3) {
            let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
            assert!(!(cjk(w[0]) && w[1].is_whitespace() && cjk(w[2])), "space between Chinese characters: {text}");
        }
    }
    for phrase in ["新发展理念", "标志性产业链", "十四五期间"] {
        let r = seeds_index().search(&[&format!("\"{phrase}\"")]);
        assert!(r["total"].as_u64().unwrap() >= 1, "phrase {phrase} not found");
        // Phrases match across punctuation and spaces (“十四五”期间 holds 十四五期间).
        let letters = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        // A passage also matches through its headings (sector and keyword titles).
        for hit in r["hits"].as_array().unwrap() {
            let heading = format!("{}{}", s(hit, "sector"), s(hit, "keyword"));
            if !letters(s(hit, "text")).contains(phrase) {
                assert!(letters(&heading).contains(phrase), "{phrase}: {}", s(hit, "text"));
                continue;
            }
            let snippet = s(hit, "snippet");
            let marked = snippet.split("<mark>").nth(1).and_then(|m| m.split("</mark>").next()).unwrap_or("");
            assert_eq!(letters(marked), phrase, "{snippet}");
        }
    }
}

#[test]
fn highlights_are_utf8_byte_ranges_of_the_match() {
    let r = seeds_index().search(&["零直排"]);
    let hit = &r["hits"][0];
    let text = s(hit, "text");
    let ranges = hit["highlights"].as_array().unwrap();
    assert!(!ranges.is_empty());
    for range in ranges {
        let (a, b) = (range[0].as_u64().unwrap() as usize, range[1].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], "零直排");
    }
}

#[test]
fn literal_recall_on_a_sample_of_substrings() {
    // Every passage holding a substring must be found by searching for it, whatever jieba does.
    let all = seeds_index().export();
    let texts: Vec<Vec<char>> = all.iter().map(|p| s(p, "text").chars().collect()).collect();
    let index = plansearch_index::Engine::open(&seeds_index().path()).expect("open index");
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut checked = 0;
    while checked < 600 {
        let t = &texts[(next() % texts.len() as u64) as usize];
        let len = 1 + (next() % 8) as usize;
        if t.len() < len {
            continue;
        }
        let start = (next() % (t.len() - len + 1) as u64) as usize;
        let sub: String = t[start..start + len].iter().collect();
        if !sub.chars().any(char::is_alphanumeric) || sub.contains('"') || sub.trim() != sub {
            continue;
        }
        let expected: std::collections::BTreeSet<String> =
            all.iter().filter(|p| s(p, "text").contains(&sub)).map(|p| s(p, "id").to_string()).collect();
        let req =
            plansearch_index::api::SearchRequest { q: format!("\"{sub}\""), limit: Some(100), ..Default::default() };
        let resp = index.search(&req).unwrap_or_else(|e| panic!("search {sub:?}: {e}"));
        let got: std::collections::BTreeSet<String> = resp.hits.iter().map(|h| h.passage.id.clone()).collect();
        let missing: Vec<_> = expected.difference(&got).collect();
        assert!(missing.is_empty(), "searching {sub:?} missed {missing:?}");
        checked += 1;
    }
}

#[test]
fn judged_queries_have_full_recall_at_10() {
    #[derive(serde::Deserialize)]
    struct Judged {
        query: Vec<Query>,
    }
    #[derive(serde::Deserialize)]
    struct Query {
        q: String,
        relevant: Vec<String>,
    }
    let src = std::fs::read_to_string(root().join("tests/fixtures/queries.toml")).unwrap();
    let judged: Judged = toml::from_str(&src).unwrap();
    assert!(judged.query.len() >= 14);
    for q in judged.query {
        let r = seeds_index().search(&[&q.q, "--limit", "10"]);
        let top: Vec<String> = r["hits"].as_array().unwrap().iter().map(|h| squash(s(h, "text"))).collect();
        for evidence in &q.relevant {
            let e = squash(evidence);
            assert!(top.iter().any(|t| t.contains(&e)), "query {:?}: no top-10 passage holds {evidence:?}", q.q);
        }
    }
}

#[test]
fn filters_narrow_and_facets_count_the_whole_result() {
    let all = seeds_index().search(&["十四五"]);
    let total = all["total"].as_u64().unwrap();
    let sectors = all["facets"]["sector"].as_array().unwrap();
    let sum: u64 = sectors.iter().map(|f| f["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, total, "every passage has exactly one sector");
    let one = &sectors[0];
    let narrowed = seeds_index().search(&["十四五", "--sector", s(one, "value")]);
    assert_eq!(narrowed["total"].as_u64().unwrap(), one["count"].as_u64().unwrap());
    assert!(narrowed["total"].as_u64().unwrap() < total);
    // The same filter written in the query.
    let in_query = seeds_index().search(&[&format!("十四五 sector:{}", s(one, "value"))]);
    assert_eq!(in_query["total"], narrowed["total"]);
    // Two values of one filter mean either.
    let two =
        seeds_index().search(&["十四五", "--sector", s(&sectors[0], "value"), "--sector", s(&sectors[1], "value")]);
    assert_eq!(
        two["total"].as_u64().unwrap(),
        sectors[0]["count"].as_u64().unwrap() + sectors[1]["count"].as_u64().unwrap()
    );
    // doc filter.
    let doc = seeds_index().search(&["十四五", "--doc", DOC_001]);
    assert!(doc["hits"].as_array().unwrap().iter().all(|h| s(h, "doc") == DOC_001));
}

#[test]
fn query_operators() {
    // Exclusion.
    let with = seeds_index().search(&["未来社区"])["total"].as_u64().unwrap();
    let without = seeds_index().search(&["未来社区 -田川"]);
    assert_eq!(without["total"].as_u64().unwrap(), with - 1);
    assert!(without["hits"].as_array().unwrap().iter().all(|h| !s(h, "text").contains("田川")));
    // OR.
    let a = seeds_index().search(&["义龙高速"])["total"].as_u64().unwrap();
    let b = seeds_index().search(&["通用机场"])["total"].as_u64().unwrap();
    let either = seeds_index().search(&["义龙高速 OR 通用机场"])["total"].as_u64().unwrap();
    assert!(either >= a.max(b) && either <= a + b);
    // All terms required, with a fallback to any term that says so.
    let both = seeds_index().search(&["无废城市", "五金技师学院"]);
    assert!(both["total"].as_u64().unwrap() >= 4, "passages with either term are listed");
    assert_eq!(s(&both, "matched"), "any");
    assert!(!both["notices"].as_array().unwrap().is_empty());
    // Case and width folding.
    assert_eq!(seeds_index().search(&["ＶＯＣＳ"])["total"], seeds_index().search(&["vocs"])["total"]);
    assert_eq!(seeds_index().search(&["５Ｇ"])["total"], seeds_index().search(&["5g"])["total"]);
}

#[test]
fn unbalanced_quote_is_a_clear_error() {
    let index = seeds_index().path_str();
    let out = run(&["search", "\"无废城市", "--index", &index]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unbalanced quote"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn show_gives_the_passage_its_neighbours_and_source() {
    let hit = &seeds_index().search(&["无废城市", "--doc", DOC_000])["hits"][0];
    let id = s(hit, "id");
    let index = seeds_index().path_str();
    let out = run_ok(&["show", id, "--index", &index, "--json"]);
    let view: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s(&view["passage"], "id"), id);
    assert!(!view["before"].as_array().unwrap().is_empty() && !view["after"].as_array().unwrap().is_empty());
    // The neighbours are the passages right before and after it in its document, in order.
    let ordinal = view["passage"]["ordinal"].as_u64().unwrap();
    let ordinals = |side: &str| -> Vec<u64> {
        view[side].as_array().unwrap().iter().map(|p| p["ordinal"].as_u64().unwrap()).collect()
    };
    let before: Vec<u64> = (ordinal.saturating_sub(2)..ordinal).collect();
    assert_eq!(ordinals("before"), before);
    assert_eq!(ordinals("after")[0], ordinal + 1);
    assert!(ordinals("after").windows(2).all(|w| w[1] == w[0] + 1) && ordinals("after").len() <= 2);
    for side in ["before", "after"] {
        assert!(view[side].as_array().unwrap().iter().all(|p| p["doc"] == view["passage"]["doc"]));
    }
    let human = run_ok(&["show", id, "--index", &index]);
    assert!(human.contains("seeds/000_1a100416ab643aa2.txt"), "{human}");
    let missing = run(&["show", "no-such-passage-001", "--index", &index]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("not found"));
}

/// `plansearch search … | head` : the reader goes away and the search ends quietly (SIGPIPE), not
/// with a panic from `println!`.
#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let index = seeds_index();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = bin()
        .args(["search", "城市", "--index", &index.path_str()])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    const SIGPIPE: i32 = 13; // on Linux and macOS
    assert_eq!(out.status.signal(), Some(SIGPIPE), "{:?} {stderr}", out.status);
}

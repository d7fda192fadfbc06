//! End-to-end tests of incremental indexing (only changed documents are re-indexed, deleted ones
//! dropped), `add` and `remove`, and of a folder of PDF, DOCX and HTML plans indexed next to the
//! seeds.

mod common;

use common::*;
use std::fs;

fn index_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["index", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run_ok(&all)).expect("index --json prints JSON")
}

#[test]
fn only_changed_documents_are_reindexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_seeds(&corpus);
    let index = tmp.path().join("index");
    let (c, i) = (corpus.to_str().unwrap(), index.to_str().unwrap());
    let first = index_json(&[c, "--index", i]);
    assert_eq!(first["mode"], "full");
    assert_eq!(first["documents"], 2);

    let again = index_json(&[c, "--index", i]);
    assert_eq!(again["mode"], "incremental");
    assert_eq!(again["unchanged"], 2);
    assert!(again["added"].as_array().unwrap().is_empty() && again["updated"].as_array().unwrap().is_empty());

    let file = corpus.join("000_1a100416ab643aa2.txt");
    let mut text = fs::read_to_string(&file).unwrap();
    text.push_str("\n### 附录篇\n\n**关键词:** 新增内容\n\n十四五期间,我市将建设量子计算中心。\n");
    fs::write(&file, text).unwrap();
    fs::write(corpus.join("new.md"), "# 新文件\n\n## 一、总则\n\n推进量子计算中心与无废城市建设。\n").unwrap();
    let changed = index_json(&[c, "--index", i]);
    assert_eq!(changed["mode"], "incremental");
    assert_eq!(changed["updated"], serde_json::json!(["yk-14fyp-interpretation"]));
    assert_eq!(changed["added"], serde_json::json!(["new"]));
    assert_eq!(changed["unchanged"], 1);
    let r = serde_json::from_str::<serde_json::Value>(&run_ok(&["search", "量子计算中心", "--json", "--index", i]))
        .unwrap();
    assert_eq!(r["total"], 2);
    // No passage is duplicated by the update.
    let export = run_ok(&["export", "--index", i]);
    let ids: Vec<String> = export.lines().map(|l| s(&serde_json::from_str(l).unwrap(), "id").to_string()).collect();
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());

    fs::remove_file(corpus.join("new.md")).unwrap();
    let dropped = index_json(&[c, "--index", i]);
    assert_eq!(dropped["removed"], serde_json::json!(["new"]));
    let r = serde_json::from_str::<serde_json::Value>(&run_ok(&["search", "量子计算中心", "--json", "--index", i]))
        .unwrap();
    assert_eq!(r["total"], 1);
}

#[test]
fn add_and_remove_single_documents() {
    let index = TempIndex::build(&[&seeds()]);
    let i = index.path_str();
    let removed: serde_json::Value =
        serde_json::from_str(&run_ok(&["remove", "yk-2021-work-report", "--json", "--index", &i])).unwrap();
    assert_eq!(removed["removed"], serde_json::json!(["yk-2021-work-report"]));
    assert_eq!(index.search(&["--doc", "yk-2021-work-report"])["total"], 0);
    // A removed document stays out although its folder is indexed again.
    let again = index_json(&[seeds().to_str().unwrap(), "--index", &i]);
    assert_eq!(again["documents"], 1, "{again}");
    let unknown = run(&["remove", "no-such-doc", "--index", &i]);
    assert_eq!(unknown.status.code(), Some(2));

    let docx = root().join("tests/fixtures/formats/001.docx");
    let added: serde_json::Value =
        serde_json::from_str(&run_ok(&["add", docx.to_str().unwrap(), "--json", "--index", &i])).unwrap();
    assert_eq!(added["added"], serde_json::json!(["001"]));
    let r = index.search(&["新增国家高新企业", "--doc", "001"]);
    assert_eq!(r["total"], 1);
    let bad = run(&["add", "Cargo.toml", "--index", &i]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_folder_of_pdf_docx_and_html_plans_is_searchable_next_to_the_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    let plans = tmp.path().join("plans");
    fs::create_dir_all(&plans).unwrap();
    for f in ["000.pdf", "001.docx", "000.html", "scanned.pdf"] {
        fs::copy(root().join("tests/fixtures/formats").join(f), plans.join(f)).unwrap();
    }
    let index = tmp.path().join("index");
    let out = run(&["index", seeds().to_str().unwrap(), plans.to_str().unwrap(), "--index", index.to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("scanned.pdf"), "a scanned PDF is named: {stderr}");
    let r: serde_json::Value = serde_json::from_str(&run_ok(&[
        "search",
        "无废城市",
        "--json",
        "--limit",
        "20",
        "--index",
        index.to_str().unwrap(),
    ]))
    .unwrap();
    let files: std::collections::BTreeSet<String> =
        r["hits"].as_array().unwrap().iter().map(|h| s(&h["source"], "file").to_string()).collect();
    for f in ["000.pdf", "001.docx", "000.html", "000_1a100416ab643aa2.txt"] {
        assert!(files.iter().any(|x| x.ends_with(f)), "{f} missing from {files:?}");
    }
    // The same tags come out of the PDF as out of the text.
    let hit = r["hits"].as_array().unwrap().iter().find(|h| s(&h["source"], "file").ends_with("000.pdf")).unwrap();
    assert_eq!(s(hit, "sector"), "生态环境篇");
    assert_eq!(s(hit, "keyword"), "倡导绿色低碳生产生活方式");
}

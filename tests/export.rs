//! End-to-end tests of `plansearch export` for scaling out: every line parses, ids are unique and
//! match the index, and the OpenSearch mapping and Quickwit config name exactly the fields the
//! documents carry.

mod common;

use common::*;
use std::collections::{BTreeSet, HashSet};

#[test]
fn opensearch_bulk_and_mapping_match() {
    let index = TempIndex::build(&[&seeds()]);
    let passages = index.export();
    let tmp = tempfile::tempdir().unwrap();
    let mapping_path = tmp.path().join("mapping.json");
    let out = run_ok(&[
        "export",
        "--format",
        "opensearch",
        "--mapping",
        mapping_path.to_str().unwrap(),
        "--index",
        &index.path_str(),
    ]);
    let lines: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).expect("every line parses")).collect();
    assert_eq!(lines.len(), passages.len() * 2, "an action line and a document per passage");
    let mapping: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&mapping_path).unwrap()).unwrap();
    let props = mapping["mappings"]["properties"].as_object().unwrap();
    assert_eq!(props["text"]["analyzer"], "ik_max_word");
    assert_eq!(props["sector"]["type"], "keyword");
    let mapped: BTreeSet<&str> = props.keys().map(String::as_str).collect();
    let mut ids = HashSet::new();
    for pair in lines.chunks(2) {
        let id = s(&pair[0]["index"], "_id");
        assert_eq!(s(&pair[1], "id"), id);
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        let fields: BTreeSet<&str> = pair[1].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(fields, mapped, "document fields and mapping fields differ");
    }
    let original: HashSet<String> = passages.iter().map(|p| s(p, "id").to_string()).collect();
    assert_eq!(ids, original, "the same passage ids as the index");
}

#[test]
fn quickwit_ndjson_and_config_match() {
    let index = TempIndex::build(&[&seeds()]);
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("index.yaml");
    let out =
        run_ok(&["export", "--format", "quickwit", "--config", config.to_str().unwrap(), "--index", &index.path_str()]);
    let yaml = std::fs::read_to_string(&config).unwrap();
    assert!(yaml.contains("tokenizer: chinese_compatible"));
    let configured: BTreeSet<String> =
        yaml.lines().filter_map(|l| l.trim().strip_prefix("- name: ")).map(str::to_string).collect();
    let mut ids = HashSet::new();
    for line in out.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).expect("every line parses");
        assert!(ids.insert(s(&doc, "id").to_string()));
        let fields: BTreeSet<String> = doc.as_object().unwrap().keys().cloned().collect();
        assert_eq!(fields, configured);
    }
    assert_eq!(ids.len(), index.export().len());
    // A mapping file only goes with the OpenSearch format.
    let wrong = run(&["export", "--format", "quickwit", "--mapping", "x.json", "--index", &index.path_str()]);
    assert_eq!(wrong.status.code(), Some(2));
}

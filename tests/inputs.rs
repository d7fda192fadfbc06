//! End-to-end tests of reading input: encodings, bad files, stale and foreign indexes. Each test
//! builds its own corpus in a temporary folder and runs the real binary on it.

mod common;

use common::*;
use std::fs;

fn copy_seeds_to(dir: &std::path::Path) {
    fs::create_dir_all(dir).unwrap();
    for f in ["000_1a100416ab643aa2.txt", "001_3b74ba35d8e38cd2.txt", "catalog.toml"] {
        fs::copy(seeds().join(f), dir.join(f)).unwrap();
    }
}

fn texts(index: &TempIndex, doc: &str) -> Vec<(String, String, String)> {
    index
        .export()
        .iter()
        .filter(|p| s(p, "doc") == doc)
        .map(|p| (s(p, "sector").to_string(), s(p, "keyword").to_string(), s(p, "text").to_string()))
        .collect()
}

#[test]
fn a_gbk_copy_indexes_to_the_same_passages() {
    let tmp = tempfile::tempdir().unwrap();
    let (utf8_dir, gbk_dir) = (tmp.path().join("utf8"), tmp.path().join("gbk"));
    copy_seeds_to(&utf8_dir);
    copy_seeds_to(&gbk_dir);
    for f in ["000_1a100416ab643aa2.txt", "001_3b74ba35d8e38cd2.txt"] {
        let text = fs::read_to_string(seeds().join(f)).unwrap();
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "the seed is representable in GBK");
        fs::write(gbk_dir.join(f), &bytes).unwrap();
        assert!(std::str::from_utf8(&bytes).is_err(), "the copy really is not UTF-8");
    }
    let a = TempIndex::build(&[&utf8_dir]);
    let b = TempIndex::build(&[&gbk_dir]);
    for doc in ["yk-14fyp-interpretation", "yk-2021-work-report"] {
        let (ta, tb) = (texts(&a, doc), texts(&b, doc));
        assert!(!ta.is_empty());
        assert_eq!(ta, tb, "{doc}: GBK and UTF-8 copies differ");
    }
}

#[test]
fn bad_files_are_named_and_the_rest_still_indexes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_seeds_to(&corpus);
    fs::write(corpus.join("picture.txt"), [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0xFE]).unwrap();
    fs::write(corpus.join("empty.md"), "  \n\n").unwrap();
    fs::write(corpus.join("broken.txt"), [0xE4, 0xB8, 0xFF, 0xFE, 0x81, 0x30, 0x81]).unwrap();
    let index = tmp.path().join("index");
    let out = run(&["index", corpus.to_str().unwrap(), "--index", index.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("picture.txt") && err.contains("binary"), "{err}");
    assert!(err.contains("empty.md") && err.contains("empty"), "{err}");
    assert!(err.contains("broken.txt") && err.contains("decode"), "{err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("indexed 2 documents"), "{stdout}");
}

#[test]
fn nothing_indexable_is_an_error_and_keeps_the_old_index() {
    let tmp = tempfile::tempdir().unwrap();
    let index = TempIndex::build(&[&seeds()]);
    let before = index.search(&["无废城市"]);
    let junk = tmp.path().join("junk");
    fs::create_dir_all(&junk).unwrap();
    fs::write(junk.join("a.txt"), [0u8, 1, 2, 3]).unwrap();
    let out = run(&["index", junk.to_str().unwrap(), "--index", &index.path_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document could be indexed"));
    let missing = run(&["index", "/no/such/folder", "--index", &index.path_str()]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/folder"));
    assert_eq!(index.search(&["无废城市"])["total"], before["total"], "the previous index still answers");
}

#[test]
fn a_foreign_folder_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let foreign = tmp.path().join("notes");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("thesis.docx"), "precious").unwrap();
    let out = run(&["index", seeds().to_str().unwrap(), "--index", foreign.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a plansearch index"));
    assert_eq!(fs::read_to_string(foreign.join("thesis.docx")).unwrap(), "precious");
    let search = run(&["search", "无废城市", "--index", foreign.to_str().unwrap()]);
    assert!(!search.status.success());
    assert_eq!(fs::read_to_string(foreign.join("thesis.docx")).unwrap(), "precious");
}

#[test]
fn a_changed_source_makes_the_index_stale_and_it_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_seeds_to(&corpus);
    let index = TempIndex::build(&[&corpus]);
    assert_eq!(index.search(&["量子计算中心"])["total"], 0);
    let mut text = fs::read_to_string(corpus.join("000_1a100416ab643aa2.txt")).unwrap();
    text.push_str("\n### 附录篇\n\n**关键词:** 新增内容\n\n十四五期间,我市将建设量子计算中心。\n");
    fs::write(corpus.join("000_1a100416ab643aa2.txt"), text).unwrap();
    let out = run(&["search", "量子计算中心", "--json", "--index", &index.path_str()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stale"), "the rebuild is announced: {stderr}");
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["total"], 1);
    assert_eq!(s(&r["hits"][0], "sector"), "附录篇");
}

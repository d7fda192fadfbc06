//! Structure on many layouts (issue 16): the 52 national government work reports (1954–2025,
//! ../shared/corpus/national-work-reports beside the repository) and two provincial-style
//! reports with notes sections (tests/fixtures/notes/, written for this test in the styles the
//! issue found: `注释：` with `1.“两重”：…` and `3．10种有色金属：…`, and `## 名词解释` with `（1）`
//! entries and a continuation paragraph).
//!
//! On every national report: every passage's sector is 引言 or a line of the report; no heading
//! on any path is a list line (ends with `；` `，` `、`, holds `；`), a transition paragraph or a
//! note entry; the `一、` parts of a report follow each other in order (a restarted list inside a
//! part did not become a part); no closing or transition paragraph (`各位代表！…`) sits under an
//! item; and no passage is a note (the reports have no glossary).
//!
//! Without the shared corpus the national checks print `skipped`; in CI (`CI` set) they fail.

use std::path::{Path, PathBuf};

use plansearch_text::split::INTRODUCTION;
use plansearch_text::structure::{is_transition, number_value, numbering, Numbering, UnitKind};
use plansearch_text::{passages, Passage};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    plansearch_text::decode::decode(&bytes, &path.display().to_string()).expect("decodes").0
}

fn national() -> Option<Vec<(String, String)>> {
    let dir = repo().join("../shared/corpus/national-work-reports");
    if !dir.is_dir() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", dir.display());
        println!("skipped: {} not found", dir.display());
        return None;
    }
    let mut docs: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("list reports")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().expect("name").to_string_lossy().into_owned(), read(&p)))
        .collect();
    docs.sort();
    assert_eq!(docs.len(), 52, "the national reports");
    Some(docs)
}

/// Letters and digits only, so that a heading can be found in its source whatever the spacing.
fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn is_note(p: &Passage) -> bool {
    matches!(p.kind, UnitKind::Note { .. })
}

fn term(p: &Passage) -> Option<&str> {
    match &p.kind {
        UnitKind::Note { term } => term.as_deref(),
        UnitKind::Text => None,
    }
}

/// Problems of one heading on a passage's path, if any.
fn heading_problem(h: &str) -> Option<&'static str> {
    let t = h.trim();
    if t.ends_with(['；', '，', '、', ';', ',']) || t.contains(['；', ';']) {
        return Some("a list line");
    }
    // (Titles such as 五年来的主要工作 open like a transition paragraph; an address does not.)
    if t.starts_with("各位代表") || t.starts_with("同志们") {
        return Some("a closing paragraph");
    }
    let after_number = numbering(t).map_or(t, |(_, len)| &t[len..]);
    if after_number.starts_with('“') && after_number.contains("”：") {
        return Some("a note entry");
    }
    None
}

#[test]
fn national_reports_have_plausible_sectors_and_headings() {
    let Some(docs) = national() else { return };
    let mut problems = Vec::new();
    let (mut total, mut transitions) = (0, 0);
    for (name, text) in &docs {
        let doc = passages(text);
        let lines: Vec<String> = text.lines().map(letters).collect();
        let mut majors: Vec<u32> = Vec::new();
        for p in &doc.passages {
            total += 1;
            if is_note(p) {
                problems.push(format!("{name} #{}: a note in a report without notes: {}", p.ordinal, p.text));
            }
            let sector = letters(&p.sector);
            // (A title may wrap over lines: its first line then starts it.)
            let opens_a_line = |l: &String| l.chars().count() >= 2 && (l.starts_with(&sector) || sector.starts_with(l));
            if p.sector != INTRODUCTION && !lines.iter().any(opens_a_line) {
                problems.push(format!("{name} #{}: sector `{}` is no line of the report", p.ordinal, p.sector));
            }
            for h in &p.section {
                if let Some(what) = heading_problem(h) {
                    problems.push(format!("{name} #{}: heading `{h}` is {what}", p.ordinal));
                }
            }
            if let Some((Numbering::Major, _)) = numbering(&p.sector) {
                let n = number_value(&p.sector).expect("a numbered part has a number");
                if majors.last() != Some(&n) {
                    majors.push(n);
                }
            }
            if is_transition(&p.text) && p.text.starts_with("各位代表") {
                transitions += 1;
                if !p.keyword.is_empty() {
                    problems.push(format!(
                        "{name} #{}: closing paragraph under item `{}`: {}",
                        p.ordinal,
                        p.keyword,
                        p.text.chars().take(30).collect::<String>()
                    ));
                }
            }
        }
        let in_order = majors.iter().zip(1..).all(|(n, want)| *n == want);
        if !in_order {
            problems.push(format!("{name}: parts numbered {majors:?}, not 1, 2, 3 …"));
        }
    }
    println!("{total} passages of {} reports, {transitions} `各位代表` paragraphs checked", docs.len());
    for p in &problems {
        println!("  {p}");
    }
    assert!(total > 5000, "{total} passages");
    assert!(transitions >= 40, "{transitions} closing paragraphs: the check saw too few");
    assert!(problems.is_empty(), "{} structure problems (listed above)", problems.len());
}

#[test]
fn a_review_item_does_not_keep_the_closing_paragraphs_of_its_part() {
    let text = read(&repo().join("tests/fixtures/notes/2025-江南省政府工作报告.txt"));
    let doc = passages(&text);
    let closing = doc.passages.iter().find(|p| p.text.starts_with("各位代表！取得这样的成绩")).expect("closing");
    assert_eq!(closing.sector, "一、2024年工作回顾");
    assert_eq!(closing.keyword, "", "{closing:?}");
    let problems = doc.passages.iter().find(|p| p.text.starts_with("在肯定成绩的同时")).expect("transition");
    assert_eq!((problems.sector.as_str(), problems.keyword.as_str()), ("一、2024年工作回顾", ""));
    // The items themselves keep their titles.
    let item = doc.passages.iter().find(|p| p.text.starts_with("深化“放管服”改革")).expect("item body");
    assert_eq!(item.keyword, "加强效能政府建设，营商环境显著提升");
    let last = doc.passages.iter().find(|p| p.text.starts_with("各位代表！新征程上")).expect("last closing");
    assert_eq!((last.sector.as_str(), last.keyword.as_str()), ("二、2025年重点工作", ""));
}

#[test]
fn notes_sections_become_notes_that_name_their_terms() {
    let cases: [(&str, &str, &[&str]); 2] = [
        ("2025-江南省政府工作报告.txt", "注释", &["两重", "两新", "10种有色金属", "三线一单", "高效办成一件事"]),
        ("2025-岭北自治区政府工作报告.md", "名词解释", &["科创飞地", "人工智能+行动", "一带一路"]),
    ];
    for (file, title, terms) in cases {
        let doc = passages(&read(&repo().join("tests/fixtures/notes").join(file)));
        let notes: Vec<&Passage> = doc.passages.iter().filter(|p| is_note(p)).collect();
        let got: Vec<&str> = notes.iter().filter_map(|p| term(p)).collect();
        let mut distinct = got.clone();
        distinct.dedup();
        assert_eq!(distinct, terms, "{file}");
        for n in &notes {
            assert_eq!((n.sector.as_str(), n.keyword.as_str()), (title, ""), "{file}: {n:?}");
            assert_eq!(n.section, [title]);
        }
        // No note is a heading of anything, and no body passage sits in the notes.
        for p in &doc.passages {
            for h in &p.section {
                assert!(notes.iter().all(|n| !n.text.starts_with(h.as_str()) && !h.contains('：')), "{file}: {h}");
            }
            if !is_note(p) {
                assert_ne!(p.sector, title, "{file}: {p:?}");
            }
        }
    }
    // 3．10种有色金属 is its own note, not text under the “两新” note.
    let doc = passages(&read(&repo().join("tests/fixtures/notes/2025-江南省政府工作报告.txt")));
    let metals = doc.passages.iter().find(|p| p.text.contains("铜、铝、铅")).expect("the metals note");
    assert_eq!(term(metals), Some("10种有色金属"));
    // A continuation paragraph belongs to the note before it.
    let doc = passages(&read(&repo().join("tests/fixtures/notes/2025-岭北自治区政府工作报告.md")));
    let cont = doc.passages.iter().find(|p| p.text.starts_with("该行动由自治区")).expect("continuation");
    assert_eq!(term(cont), Some("人工智能+行动"));
}

#[test]
fn notes_without_a_heading_end_a_document() {
    let text = "一、工作回顾\n\n推进“两重”建设，落实“两新”政策。\n\n各位代表！让我们团结奋斗。\n\n\
                1.“两重”：国家重大战略实施和重点领域安全能力建设。\n\n2.“两新”：大规模设备更新和消费品以旧换新。\n";
    let doc = passages(text);
    let terms: Vec<Option<&str>> = doc.passages.iter().map(term).collect();
    assert_eq!(terms[terms.len() - 2..], [Some("两重"), Some("两新")]);
    assert!(terms[..terms.len() - 2].iter().all(Option::is_none));
    assert_eq!(doc.passages[terms.len() - 1].sector, plansearch_text::structure::NOTES);
    // The same lines inside a part, followed by more of the report, are an ordinary list.
    let text = "一、工作回顾\n\n1.“两重”：国家重大战略。\n\n2.“两新”：设备更新。\n\n二、今年任务\n\n扩大内需。\n";
    assert!(passages(text).passages.iter().all(|p| !is_note(p)));
}

/// An `X是` enumeration whose first member stands inside a paragraph (`继续实施积极的财政政策。一是…`)
/// is running text: its later members (`二是…`, `四是切实加强政府性债务管理…`) open paragraphs but
/// head nothing, so the paragraphs on monetary policy and consumption that follow in the 2010
/// report do not stand under `四是`'s debt-management title.
#[test]
fn an_enumeration_begun_inside_a_paragraph_heads_nothing() {
    let Some(docs) = national() else { return };
    let (_, text) = docs.iter().find(|(name, _)| name.starts_with("2010-")).expect("2010 report");
    let doc = passages(text);
    let find = |start: &str| doc.passages.iter().find(|p| p.text.starts_with(start)).expect(start);
    for start in ["继续实施适度宽松的货币政策", "积极扩大居民消费需求", "大幅提高家电下乡产品最高限价"]
    {
        let p = find(start);
        assert!(!p.keyword.contains("政府性债务"), "{start}… under {:?}", p.keyword);
    }
    let members = ["二是继续实施结构性减税政策", "四是切实加强政府性债务管理"];
    assert!(doc.passages.iter().all(|p| !members.iter().any(|m| p.keyword.starts_with(&m[6..]))));
}

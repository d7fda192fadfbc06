//! Named projects: a building verb whose object reads as the name of a facility.

use super::*;

/// A parenthesis at the start of `s`: (its content, its length in bytes with the brackets).
pub(super) fn parenthesis(s: &str) -> Option<(&str, usize)> {
    let open = s.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let close = if open == '（' { '）' } else { ')' };
    let inner_start = open.len_utf8();
    let at = s[inner_start..].find(close)?;
    let inner = &s[inner_start..inner_start + at];
    // Only a parenthesis holding a number is a sub-value; 三甲综合（专科）医院 is a name.
    inner.chars().any(|c| digit(c).is_some()).then_some((inner.trim(), inner_start + at + close.len_utf8()))
}

/// The object of the last commitment verb in the text after a count (`人口20万以上的县建成特殊
/// 教育学校` → `特殊教育学校`), if one is there.
pub(super) fn object_of_verb(after: &str) -> Option<&str> {
    let mut found = None;
    for verb in COMMITMENT_VERBS.iter().chain(PROJECT_VERBS) {
        if let Some(at) = after.rfind(verb) {
            let object = &after[at + verb.len()..];
            if found.is_none_or(|f: &str| object.len() < f.len()) && object.chars().count() >= 2 {
                found = Some(object);
            }
        }
    }
    found
}

/// Emits a project for the item if it is one; returns the project verb the next item inherits.
pub(super) fn project(
    text: &str,
    (start, end): (usize, usize),
    carry: &Carry,
    row: &Row,
    out: &mut Vec<Commitment>,
) -> Option<&'static str> {
    let item = &text[start..end];
    let mut rest = item;
    loop {
        let before = rest;
        rest = strip_year_prefix(rest);
        if let Some(h) = longest_prefix(rest, PROJECT_HEDGES) {
            rest = &rest[h.len()..];
        }
        if rest.len() == before.len() {
            break;
        }
    }
    let (verb, object) = match longest_prefix(rest, PROJECT_VERBS) {
        Some(v) => (v, &rest[v.len()..]),
        // A later item of a list that follows a project verb: 建成A公园、B公园.
        None => (carry.project_verb?, rest),
    };
    if verb == "推进" && !object.ends_with("建设") {
        return Some(verb);
    }
    let mut object = object.split('等').next().unwrap_or(object);
    while let Some(t) = ["建设", "项目", "工程"].iter().find(|t| object.ends_with(*t)) {
        object = &object[..object.len() - t.len()];
    }
    let name: String = object.chars().filter(|c| !is_quote(*c)).collect();
    let bare = name.trim_end_matches(['）', ')', '》']);
    let length = name.chars().count();
    let named = (2..=25).contains(&length)
        && PROJECT_HEADS.iter().any(|h| bare.ends_with(h))
        && !PROJECT_VAGUE.iter().any(|v| name.contains(v));
    if named {
        out.push(Commitment {
            kind: CommitmentKind::Project,
            text: item.to_string(),
            metric: Some(name),
            value: None,
            unit: None,
            comparator: Some(verb.to_string()),
            year: row.year,
            status: row.status,
            note: None,
            span: [start, end],
        });
    }
    Some(verb)
}

// ---------------------------------------------------------------------------------------------
// Quantities

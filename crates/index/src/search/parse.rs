//! The query language: words (all required), `"quoted phrases"` (also `“…”`), `-exclusion`,
//! `OR` between words, and field filters `sector:` `keyword:` `doc:` `department:` `year:`
//! (`year:2016..2025` is a range) `region:` `level:` `kind:` `issuer:`. Parsing is separate from turning the query into Tantivy
//! queries, which lives in [`super::plan`].

use crate::{Error, Result};

/// A part of the text query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word or run of characters: matches literally, or as words in any order.
    Term(String),
    /// A quoted phrase: matches literally only.
    Phrase(String),
}

impl Clause {
    pub fn text(&self) -> &str {
        match self {
            Clause::Term(t) | Clause::Phrase(t) => t,
        }
    }
}

/// Fields that can filter a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    Sector,
    Keyword,
    Doc,
    Department,
    Year,
    Region,
    Level,
    Kind,
    Issuer,
    Period,
}

impl FilterField {
    /// Parses a field name as users type it (English or Chinese).
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "sector" | "篇" | "领域" => FilterField::Sector,
            "keyword" | "关键词" => FilterField::Keyword,
            "doc" | "文档" => FilterField::Doc,
            "department" | "dept" | "部门" => FilterField::Department,
            "year" | "年份" => FilterField::Year,
            "region" | "地区" | "地域" => FilterField::Region,
            "level" | "层级" | "级别" => FilterField::Level,
            "kind" | "文种" | "类型" => FilterField::Kind,
            "issuer" | "发布机关" | "机关" => FilterField::Issuer,
            "period" | "时期" | "时段" => FilterField::Period,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            FilterField::Sector => "sector",
            FilterField::Keyword => "keyword",
            FilterField::Doc => "doc",
            FilterField::Department => "department",
            FilterField::Year => "year",
            FilterField::Region => "region",
            FilterField::Level => "level",
            FilterField::Kind => "kind",
            FilterField::Issuer => "issuer",
            FilterField::Period => "period",
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Groups that must all match; the clauses inside a group are alternatives (`a OR b`).
    pub required: Vec<Vec<Clause>>,
    /// Clauses that must not match.
    pub excluded: Vec<Clause>,
    /// Field filters from the query text.
    pub filters: Vec<(FilterField, String)>,
}

impl ParsedQuery {
    /// True when there is no text to match (filters only, or nothing at all).
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
    }
    /// Every positive clause, for highlighting.
    pub fn positive(&self) -> impl Iterator<Item = &Clause> {
        self.required.iter().flatten()
    }
    /// True when some group has alternatives.
    pub fn has_or(&self) -> bool {
        self.required.iter().any(|g| g.len() > 1)
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Lexeme {
    Word { text: String, negated: bool },
    Phrase { text: String, negated: bool },
    Filter { field: FilterField, value: String, negated: bool },
    Or,
}

/// Parses a query string. Errors name what is wrong (unbalanced quotes, empty filter values,
/// a dangling `OR`, a bad year range).
pub fn parse(input: &str) -> Result<ParsedQuery> {
    let lexemes = lex(input)?;
    let mut q = ParsedQuery::default();
    let mut pending_or = false;
    for (i, lx) in lexemes.into_iter().enumerate() {
        match lx {
            Lexeme::Or => {
                if i == 0 || pending_or || q.required.is_empty() {
                    return Err(Error::BadQuery("`OR` must stand between two words".into()));
                }
                pending_or = true;
            }
            Lexeme::Filter { field, value, negated } => {
                if negated {
                    return Err(Error::BadQuery(format!(
                        "`-{}:` is not supported; use a positive filter",
                        field.name()
                    )));
                }
                if pending_or {
                    return Err(Error::BadQuery("`OR` cannot join a filter".into()));
                }
                if field == FilterField::Year {
                    parse_year_filter(&value)?;
                }
                q.filters.push((field, value));
            }
            Lexeme::Word { text, negated } | Lexeme::Phrase { text, negated } if negated => {
                if pending_or {
                    return Err(Error::BadQuery("`OR` cannot join an excluded word".into()));
                }
                q.excluded.push(Clause::Phrase(text));
            }
            Lexeme::Word { text, .. } => push(&mut q, Clause::Term(text), &mut pending_or),
            Lexeme::Phrase { text, .. } => push(&mut q, Clause::Phrase(text), &mut pending_or),
        }
    }
    if pending_or {
        return Err(Error::BadQuery("`OR` at the end of the query needs a word after it".into()));
    }
    Ok(q)
}

fn push(q: &mut ParsedQuery, c: Clause, pending_or: &mut bool) {
    if *pending_or {
        if let Some(last) = q.required.last_mut() {
            last.push(c);
        }
        *pending_or = false;
    } else {
        q.required.push(vec![c]);
    }
}

/// A year filter value: one year or an inclusive range `a..b` (either end may be open).
pub fn parse_year_filter(value: &str) -> Result<(Option<i64>, Option<i64>)> {
    let bad = || Error::BadParameter {
        name: "year".into(),
        message: format!("`{value}` is not a year or a range like 2016..2025"),
    };
    let num = |s: &str| -> Result<Option<i64>> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let folded = plansearch_text::normalize::fold_str(s);
        folded.parse::<i64>().ok().filter(|y| (1000..=9999).contains(y)).map(Some).ok_or_else(bad)
    };
    if let Some((a, b)) = value.split_once("..") {
        let (a, b) = (num(a)?, num(b)?);
        if a.is_none() && b.is_none() {
            return Err(bad());
        }
        if let (Some(x), Some(y)) = (a, b) {
            if x > y {
                return Err(bad());
            }
        }
        Ok((a, b))
    } else {
        let y = num(value)?.ok_or_else(bad)?;
        Ok((Some(y), Some(y)))
    }
}

fn lex(input: &str) -> Result<Vec<Lexeme>> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let negated = c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace() && *n != '-');
        let start = if negated { i + 1 } else { i };
        if let Some(close) = closing_quote(chars[start]) {
            let found = chars[start + 1..].iter().position(|&x| x == close).map(|p| p + start + 1);
            let end = match found {
                Some(end) => end,
                // An unbalanced Chinese quote is most likely part of what was copied from a
                // document (“无废): read it as a plain character. An ASCII quote is syntax.
                None if chars[start] != '"' => {
                    let end = chars[start..].iter().position(|x| x.is_whitespace()).map_or(chars.len(), |p| p + start);
                    let text: String = chars[start..end].iter().collect();
                    out.push(Lexeme::Word { text, negated });
                    i = end;
                    continue;
                }
                None => return Err(Error::BadQuery("unbalanced quote: `\"` has no closing `\"`".into())),
            };
            let text: String = chars[start + 1..end].iter().collect();
            if !text.trim().is_empty() {
                out.push(Lexeme::Phrase { text: text.trim().to_string(), negated });
            }
            i = end + 1;
            continue;
        }
        let end = chars[start..].iter().position(|x| x.is_whitespace()).map_or(chars.len(), |p| p + start);
        let word: String = chars[start..end].iter().collect();
        i = end;
        if word == "OR" && !negated {
            out.push(Lexeme::Or);
            continue;
        }
        if let Some((name, value)) = word.split_once(':') {
            if let Some(field) = FilterField::parse(name) {
                // Only an ASCII quote opens a quoted value: Chinese quotes belong to titles
                // such as sector:“十四五”期间….
                let value = if let Some(q) = value.chars().next().filter(|c| *c == '"').and_then(closing_quote) {
                    // sector:"产业 形态篇" — a quoted value may hold spaces.
                    let rest: String = chars[start + name.chars().count() + 2..].iter().collect();
                    match rest.find(q) {
                        Some(p) => {
                            let v = rest[..p].to_string();
                            i = start + name.chars().count() + 2 + v.chars().count() + 1;
                            v
                        }
                        None => return Err(Error::BadQuery(format!("unbalanced quote in `{name}:` filter"))),
                    }
                } else {
                    value.to_string()
                };
                if value.trim().is_empty() {
                    let example = match field {
                        FilterField::Sector => "sector:产业形态篇",
                        FilterField::Keyword => "keyword:加快实现教育现代化",
                        FilterField::Doc => "doc:yk-2021-work-report",
                        FilterField::Department => "department:教育局",
                        FilterField::Year => "year:2021",
                        FilterField::Region => "region:浙江省",
                        FilterField::Level => "level:county",
                        FilterField::Kind => "kind:政府工作报告",
                        FilterField::Issuer => "issuer:国务院",
                        FilterField::Period => "period:plan/2025",
                    };
                    return Err(Error::BadQuery(format!("`{name}:` needs a value, e.g. {example}")));
                }
                out.push(Lexeme::Filter { field, value: value.trim().to_string(), negated });
                continue;
            }
        }
        // Words without letters or digits are kept so that the engine can say they were
        // ignored (and a query of nothing but punctuation matches nothing, not everything).
        if !word.is_empty() {
            out.push(Lexeme::Word { text: word, negated });
        }
    }
    Ok(out)
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_exclusions_or_filters() {
        let q = parse(r#"无废城市 "十四五期间" -养老 数字经济 OR 数字化 sector:生态环境篇 year:2016..2025"#).unwrap();
        assert_eq!(
            q.required,
            vec![
                vec![Clause::Term("无废城市".into())],
                vec![Clause::Phrase("十四五期间".into())],
                vec![Clause::Term("数字经济".into()), Clause::Term("数字化".into())],
            ]
        );
        assert_eq!(q.excluded, vec![Clause::Phrase("养老".into())]);
        assert_eq!(
            q.filters,
            vec![(FilterField::Sector, "生态环境篇".into()), (FilterField::Year, "2016..2025".into())]
        );
    }

    #[test]
    fn chinese_quotes_and_quoted_filter_values() {
        let q = parse("“无废城市” keyword:\"加快 发展\"").unwrap();
        assert_eq!(q.required, vec![vec![Clause::Phrase("无废城市".into())]]);
        assert_eq!(q.filters, vec![(FilterField::Keyword, "加快 发展".into())]);
    }

    #[test]
    fn errors_are_clear() {
        for bad in ["\"无废城市", "OR 养老", "养老 OR", "sector:", "year:abc", "year:2025..2016"] {
            let e = parse(bad).unwrap_err();
            assert!(matches!(e, Error::BadQuery(_) | Error::BadParameter { .. }), "{bad}: {e}");
        }
        assert!(parse("http://x 5G").is_ok());
        assert_eq!(parse("“无废").unwrap().required, vec![vec![Clause::Term("“无废".into())]]);
        assert!(parse("  ").unwrap().is_empty());
    }
}

//! Synonyms and abbreviations for query expansion, from the shipped, editable list
//! `data/synonyms.toml`: `[[same]]` groups whose terms all find each other (碳达峰 ↔ 碳排放达峰 ↔
//! 二氧化碳排放达峰) and one-way `[[expand]]` entries (双碳 → 碳达峰, 碳中和).
//!
//! Terms are compared by their searchable characters after folding (see [`key`]), so `ＧＤＰ`,
//! `gdp` and `GDP` are one term and punctuation inside an entry (`大众创业、万众创新`) does not
//! matter. How expansions are scored lives in [`crate::search::plan`]: they match literally and rank
//! below the term itself.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::analysis::char_tokens;
use crate::{Error, Result};

/// The shipped list.
pub const BUILTIN_TOML: &str = include_str!("../../data/synonyms.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    #[serde(default)]
    same: Vec<Same>,
    #[serde(default)]
    expand: Vec<Expand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Same {
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expand {
    term: String,
    to: Vec<String>,
}

/// Query expansions: for each term (by [`key`]), the other forms a query for it also finds, in
/// the order the list gives them.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    map: HashMap<String, Vec<String>>,
}

/// The form terms are compared in: folded (simplified, half-width, lower case), letters and
/// digits only.
pub fn key(text: &str) -> String {
    char_tokens(text).into_iter().map(|t| t.text).collect()
}

impl Synonyms {
    /// Parses a list in the format of `data/synonyms.toml`; `name` is used in errors.
    pub fn from_toml_str(src: &str, name: &str) -> Result<Synonyms> {
        let bad = |message: String| Error::BadInput { path: name.to_string(), message };
        let file: SynonymFile = toml::from_str(src).map_err(|e| bad(e.to_string()))?;
        let mut out = Synonyms::default();
        let check = |t: &str| {
            if key(t).is_empty() {
                Err(bad(format!("`{t}` has no letter or digit")))
            } else {
                Ok(())
            }
        };
        for group in &file.same {
            if group.terms.len() < 2 {
                return Err(bad(format!("a [[same]] group needs two terms or more: {:?}", group.terms)));
            }
            for t in &group.terms {
                check(t)?;
            }
            for t in &group.terms {
                for other in &group.terms {
                    out.add(t, other);
                }
            }
        }
        for e in &file.expand {
            check(&e.term)?;
            for to in &e.to {
                check(to)?;
                out.add(&e.term, to);
            }
        }
        Ok(out)
    }

    fn add(&mut self, term: &str, synonym: &str) {
        let (k, s) = (key(term), key(synonym));
        if k == s {
            return;
        }
        let list = self.map.entry(k).or_default();
        if !list.iter().any(|x| key(x) == s) {
            list.push(synonym.to_string());
        }
    }

    /// The shipped list, parsed once.
    pub fn builtin() -> &'static Synonyms {
        static BUILTIN: OnceLock<Synonyms> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // Compiled in and checked by the tests; should it ever fail, search runs unexpanded.
            Synonyms::from_toml_str(BUILTIN_TOML, "synonyms.toml").unwrap_or_else(|e| {
                tracing::error!("shipped synonyms not loaded: {e}");
                Synonyms::default()
            })
        })
    }

    /// What a query for `term` also finds, if anything.
    pub fn lookup(&self, term: &str) -> Option<&[String]> {
        self.map.get(&key(term)).map(Vec::as_slice).filter(|l| !l.is_empty())
    }

    /// Number of terms that expand.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing expands.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_groups_and_one_way_entries() {
        let s = Synonyms::builtin();
        assert!(s.len() >= 40, "{} terms", s.len());
        assert_eq!(s.lookup("碳达峰").unwrap(), ["碳排放达峰", "二氧化碳排放达峰"]);
        assert!(s.lookup("二氧化碳排放达峰").unwrap().contains(&"碳达峰".to_string()));
        assert_eq!(s.lookup("双碳").unwrap(), ["碳达峰", "碳中和"]);
        // One way only.
        assert!(!s.lookup("碳中和").is_some_and(|l| l.iter().any(|x| x == "双碳")));
        // Folding: width, case, traditional script.
        assert_eq!(s.lookup("ＧＤＰ"), s.lookup("gdp"));
        assert!(s.lookup("GDP").unwrap().contains(&"国内生产总值".to_string()));
        assert!(s.lookup("國內生產總值").unwrap().contains(&"GDP".to_string()));
        assert!(s.lookup("十四五").unwrap().contains(&"第十四个五年规划".to_string()));
        assert!(s.lookup("无废城市").is_none());
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(Synonyms::from_toml_str("[[same]]\nterms = [\"a\"]", "x").is_err());
        assert!(Synonyms::from_toml_str("[[same]]\nterms = [\"a\", \"，\"]", "x").is_err());
        assert!(Synonyms::from_toml_str("[[other]]\nterms = []", "x").is_err());
        let s = Synonyms::from_toml_str("[[expand]]\nterm = \"a\"\nto = [\"b\", \"B\"]", "x").unwrap();
        assert_eq!(s.lookup("A").unwrap(), ["b"]);
    }
}

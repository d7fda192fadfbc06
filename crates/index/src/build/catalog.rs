//! Document metadata: `catalog.toml` in an input folder describes its documents (id, title, kind,
//! issuer, region, level, year, source). What it leaves out is inferred from the title and text
//! (`plansearch_text::document::infer`). Documents it does not list get an id from their file name, a
//! title from their first heading or file name, and a year from a leading `2021-` in the name.

use plansearch_text::document::Level;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// File name of the catalog inside an input folder.
pub const CATALOG_FILE: &str = "catalog.toml";

/// One document's metadata as written in a catalog.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    /// File name, relative to the folder holding the catalog.
    pub file: String,
    /// Document id; default: the file name without extension.
    pub id: Option<String>,
    pub title: Option<String>,
    /// e.g. `规划纲要解读`, `政府工作报告`.
    pub kind: Option<String>,
    pub issuer: Option<String>,
    /// `浙江省金华市永康市`, `浙江省/金华市/永康市` or `永康市`: normalized to a path of official
    /// names; a name the gazetteer does not know is kept as written. `全国` for national documents.
    pub region: Option<String>,
    /// `national`, `provincial`, `city` or `county` (or 国家/省/市/县); default: the region's level.
    pub level: Option<String>,
    pub year: Option<i32>,
    /// Where the text came from (URL or publication).
    pub source: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    document: Vec<CatalogEntry>,
}

/// A folder's catalog, by file name.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    by_file: HashMap<String, CatalogEntry>,
}

impl Catalog {
    /// Loads `catalog.toml` from `dir`; a folder without one has an empty catalog.
    pub fn load(dir: &Path) -> crate::Result<Self> {
        let path = dir.join(CATALOG_FILE);
        let src = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Catalog::default()),
            Err(e) => return Err(crate::Error::io(&path, e)),
        };
        let parsed: CatalogFile = toml::from_str(&src).map_err(|e| crate::Error::BadInput {
            path: path.display().to_string(),
            message: format!("invalid catalog: {e}"),
        })?;
        for d in &parsed.document {
            if let Some(level) = &d.level {
                Level::parse(level).ok_or_else(|| crate::Error::BadInput {
                    path: path.display().to_string(),
                    message: format!(
                        "invalid catalog: level {level:?} of {}: expected national, provincial, city or county",
                        d.file
                    ),
                })?;
            }
        }
        Ok(Catalog { by_file: parsed.document.into_iter().map(|d| (d.file.clone(), d)).collect() })
    }

    /// The entry for a file name, if the catalog lists it.
    pub fn get(&self, file_name: &str) -> Option<&CatalogEntry> {
        self.by_file.get(file_name)
    }
}

/// A leading year in a file name: `2021-国务院政府工作报告.txt` → 2021.
pub fn year_from_name(stem: &str) -> Option<i32> {
    split_year(stem).map(|(y, _)| y)
}

/// Splits `2021-rest` into (2021, `rest`).
fn split_year(stem: &str) -> Option<(i32, &str)> {
    let digits = stem.get(..4)?;
    let rest = stem.get(4..)?;
    let rest = rest.strip_prefix(['-', '_', ' ', '年'])?;
    let year: i32 = digits.parse().ok()?;
    (digits.chars().all(|c| c.is_ascii_digit()) && (1900..=2100).contains(&year)).then_some((year, rest))
}

/// A readable title from a file name: `2021-国务院政府工作报告` → `2021年国务院政府工作报告`.
pub fn title_from_name(stem: &str) -> String {
    match split_year(stem) {
        Some((y, rest)) => format!("{y}年{}", rest.trim_start_matches(['-', '_', ' '])),
        None => stem.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(year_from_name("2021-国务院政府工作报告"), Some(2021));
        assert_eq!(year_from_name("000_1a100416ab643aa2"), None);
        assert_eq!(title_from_name("2021-国务院政府工作报告"), "2021年国务院政府工作报告");
    }
}

//! Reading a lexicon: the TOML file (builtin or a user's own) checked into departments with
//! their folded terms and the fingerprint that tells an index which lexicon tagged it.

use super::*;

/// The TOML file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LexiconFile {
    #[serde(default)]
    pub(super) ignore: Vec<String>,
    #[serde(default, rename = "department")]
    pub(super) departments: Vec<DepartmentEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DepartmentEntry {
    pub(super) name: String,
    #[serde(default)]
    pub(super) key: Option<String>,
    #[serde(default)]
    pub(super) national: Option<String>,
    #[serde(default)]
    pub(super) province: Option<String>,
    #[serde(default)]
    pub(super) city: Option<String>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[serde(default)]
    pub(super) strong: Vec<String>,
    #[serde(default)]
    pub(super) weak: Vec<String>,
}

impl DepartmentLexicon {
    /// The shipped lexicon ([`BUILTIN_TOML`]), parsed once.
    #[allow(clippy::expect_used)] // compiled-in data, parsed by a unit test
    pub fn builtin() -> &'static DepartmentLexicon {
        static BUILTIN: OnceLock<DepartmentLexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            DepartmentLexicon::from_toml_str(BUILTIN_TOML, BUILTIN_NAME)
                .expect("the builtin departments.toml is compiled in and covered by tests")
        })
    }

    /// Parses and checks a lexicon; `name` (usually the file name) is used in errors.
    ///
    /// Errors ([`Error::BadLexicon`]): TOML syntax or unknown keys; no departments; an empty
    /// name, alias or term; a canonical name or alias used twice (across all departments); a
    /// term shorter than two characters; a term listed twice for one department (including
    /// strong and weak at once); a term both ignored and assigned.
    pub fn from_toml_str(src: &str, name: &str) -> Result<Self> {
        let bad = |message: String| Error::BadLexicon { name: name.to_string(), message };
        let file: LexiconFile = toml::from_str(src).map_err(|e| bad(e.to_string()))?;
        if file.departments.is_empty() {
            return Err(bad("no [[department]] entries".to_string()));
        }

        let mut builder = Builder::default();
        // Every name and alias, to refuse a short form that would resolve two ways.
        let mut labels: HashMap<String, String> = HashMap::new();
        for (index, entry) in file.departments.iter().enumerate() {
            let canonical = entry.name.trim();
            if canonical.is_empty() {
                return Err(bad(format!("department #{} has an empty name", index + 1)));
            }
            let mut aliases = Vec::with_capacity(entry.aliases.len());
            let level_name = |n: &Option<String>| n.as_deref().map(str::trim).unwrap_or(canonical).to_string();
            let names = [
                level_name(&entry.national),
                level_name(&entry.province),
                level_name(&entry.city),
                canonical.to_string(),
            ];
            // Names at other levels are short forms too, once each.
            let mut all_labels: Vec<&str> =
                std::iter::once(entry.name.as_str()).chain(entry.aliases.iter().map(String::as_str)).collect();
            for n in &names {
                if !all_labels.iter().any(|l| l.trim() == n) {
                    all_labels.push(n);
                }
            }
            for label in all_labels {
                let label = label.trim();
                if label.is_empty() {
                    return Err(bad(format!("{canonical}: empty alias")));
                }
                if let Some(owner) = labels.insert(label.to_string(), canonical.to_string()) {
                    return Err(bad(if owner == canonical {
                        format!("{canonical}: name or alias {label} listed twice")
                    } else {
                        format!("{label} is a name or alias of both {owner} and {canonical}")
                    }));
                }
                if label != canonical {
                    aliases.push(label.to_string());
                }
            }
            let key = match entry.key.as_deref().map(str::trim) {
                Some("") => return Err(bad(format!("{canonical}: empty key"))),
                Some(k) => k.to_string(),
                None => canonical.trim_end_matches('局').to_string(),
            };
            if builder.departments.iter().any(|d| d.key == key) {
                return Err(bad(format!("key {key} is used by two departments")));
            }
            builder.departments.push(Department { name: canonical.to_string(), key, names, aliases: aliases.clone() });

            // Names and aliases are strong evidence of their own department; listing one as a
            // term too is not a duplicate.
            let mut own = Vec::new();
            for label in std::iter::once(canonical).chain(aliases.iter().map(|a| a.trim())) {
                builder.add(label, Some((index, Strength::Strong)), true, &mut own, &bad)?;
            }
            for (list, strength) in [(&entry.strong, Strength::Strong), (&entry.weak, Strength::Weak)] {
                for term in list {
                    builder.add(term, Some((index, strength)), false, &mut own, &bad)?;
                }
            }
        }
        for term in &file.ignore {
            builder.add(term, None, false, &mut Vec::new(), &bad)?;
        }

        let mut by_first_char: HashMap<char, Vec<usize>> = HashMap::new();
        for (index, term) in builder.terms.iter().enumerate() {
            if let Some(first) = term.folded.chars().next() {
                by_first_char.entry(first).or_default().push(index);
            }
        }
        for list in by_first_char.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(builder.terms[i].folded.len()));
        }
        let fingerprint = fingerprint_of(&file);
        Ok(DepartmentLexicon { departments: builder.departments, terms: builder.terms, by_first_char, fingerprint })
    }
}

/// Accumulates distinct terms while a lexicon file is checked.
#[derive(Default)]
struct Builder {
    departments: Vec<Department>,
    terms: Vec<Term>,
    by_folded: HashMap<String, usize>,
}

impl Builder {
    /// Adds one term for `owner` (`None` = ignore phrase). `own` collects the term indexes
    /// already added for this department (and whether each was a name or alias), to refuse
    /// duplicates; `is_label` marks names and aliases, which a listed term may repeat.
    fn add(
        &mut self,
        raw: &str,
        owner: Option<(usize, Strength)>,
        is_label: bool,
        own: &mut Vec<(usize, bool)>,
        bad: &dyn Fn(String) -> Error,
    ) -> Result<()> {
        let display = raw.trim();
        let folded = fold(display);
        let who = owner.map_or("ignore".to_string(), |(d, _)| self.departments[d].name.clone());
        if folded.is_empty() {
            return Err(bad(format!("{who}: empty term")));
        }
        if folded.chars().count() < 2 {
            return Err(bad(format!(
                "{who}: term {display:?} is a single character; it would match inside unrelated words"
            )));
        }
        let index = match self.by_folded.get(&folded) {
            Some(&i) => i,
            None => {
                self.terms.push(Term { display: display.to_string(), folded: folded.clone(), owners: Vec::new() });
                self.by_folded.insert(folded, self.terms.len() - 1);
                self.terms.len() - 1
            }
        };
        let term = &mut self.terms[index];
        match owner {
            None => {
                if !term.owners.is_empty() {
                    return Err(bad(format!("{display} is both ignored and a department term")));
                }
            }
            Some((department, strength)) => match own.iter().find(|(i, _)| *i == index) {
                // A name or alias may also be listed as a term; it stays strong.
                Some(&(_, was_label)) if was_label || is_label => {}
                Some(_) => return Err(bad(format!("{who}: term {display} listed twice"))),
                None => {
                    own.push((index, is_label));
                    // Departments are all added before the ignore list, so an ignore phrase
                    // that repeats a department term is caught in the `None` arm above.
                    term.owners.push((department, strength));
                }
            },
        }
        Ok(())
    }
}

/// FNV-1a 64 over a canonical rendering of the lexicon content plus [`RULES_VERSION`].
fn fingerprint_of(file: &LexiconFile) -> String {
    let mut canonical = format!("departments-rules-v{RULES_VERSION}\n");
    let join = |items: &[String]| items.iter().map(|s| s.trim()).collect::<Vec<_>>().join("\u{1F}");
    for d in &file.departments {
        let opt = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_string();
        canonical.push_str(&format!(
            "{}\u{1E}{}\u{1E}{}\u{1E}{}\u{1E}{}\u{1E}{}\u{1E}{}\u{1E}{}\n",
            d.name.trim(),
            opt(&d.key),
            opt(&d.national),
            opt(&d.province),
            opt(&d.city),
            join(&d.aliases),
            join(&d.strong),
            join(&d.weak)
        ));
    }
    canonical.push_str(&join(&file.ignore));
    format!("{:016x}", fnv1a64(canonical.as_bytes()))
}

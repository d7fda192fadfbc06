//! placeholder (being written): temporary shim with the agreed API, replaced by the real module.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DepartmentTag {
    pub name: String,
    pub terms: Vec<String>,
}
pub const BUILTIN_LEXICON: &str = "";
#[derive(Debug, Clone, Default)]
pub struct DepartmentLexicon {
    names: Vec<String>,
}
impl DepartmentLexicon {
    pub fn builtin() -> &'static DepartmentLexicon {
        static L: std::sync::OnceLock<DepartmentLexicon> = std::sync::OnceLock::new();
        L.get_or_init(DepartmentLexicon::default)
    }
    pub fn from_toml_str(_src: &str, _name: &str) -> crate::Result<Self> {
        Ok(Self::default())
    }
    pub fn resolve(&self, n: &str) -> Option<&str> {
        self.names.iter().find(|x| x.as_str() == n).map(|s| s.as_str())
    }
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|s| s.as_str())
    }
    pub fn tag(&self, _text: &str) -> Vec<DepartmentTag> {
        Vec::new()
    }
    pub fn fingerprint(&self) -> String {
        String::new()
    }
}

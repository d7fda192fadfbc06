//! placeholder (being written): temporary shim with the agreed API, replaced by the real module.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentKind {
    Target,
    Project,
}
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Commitment {
    pub kind: CommitmentKind,
    pub text: String,
    pub metric: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub comparator: Option<String>,
    pub year: Option<i32>,
    pub span: [usize; 2],
}
pub fn extract(_text: &str, _context_year: Option<i32>) -> Vec<Commitment> {
    Vec::new()
}
pub fn context_year(_labels: &[&str], _doc_title: &str, doc_year: Option<i32>) -> Option<i32> {
    doc_year
}

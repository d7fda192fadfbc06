//! Helpers shared by the end-to-end tests: run the real `plansearch` binary on temporary indexes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed documents shipped in the repo.
pub fn seeds() -> PathBuf {
    root().join("seeds")
}

/// A command running the built binary, from the repository root.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_plansearch"));
    c.current_dir(root());
    c.env("NO_COLOR", "1");
    c
}

/// Runs the binary with `args`, returning its output (whatever the exit status).
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the plansearch binary runs")
}

/// Runs the binary and insists on success; returns stdout.
pub fn run_ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "plansearch {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// A temporary index folder, removed when dropped.
pub struct TempIndex {
    pub tmp: tempfile::TempDir,
}

impl TempIndex {
    /// Builds an index of `inputs` with the real binary.
    pub fn build(inputs: &[&Path]) -> TempIndex {
        let tmp = tempfile::tempdir().expect("temp dir");
        let index = tmp.path().join("index");
        let mut args: Vec<String> = vec!["index".into()];
        args.extend(inputs.iter().map(|p| p.display().to_string()));
        args.push("--index".into());
        args.push(index.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_ok(&args);
        TempIndex { tmp }
    }

    pub fn path(&self) -> PathBuf {
        self.tmp.path().join("index")
    }

    pub fn path_str(&self) -> String {
        self.path().display().to_string()
    }

    /// `plansearch search … --json` on this index.
    pub fn search(&self, args: &[&str]) -> serde_json::Value {
        let index = self.path_str();
        let mut all = vec!["search", "--json", "--index", index.as_str()];
        all.extend_from_slice(args);
        serde_json::from_str(&run_ok(&all)).expect("search --json prints JSON")
    }

    /// `plansearch export` on this index, one JSON value per passage.
    pub fn export(&self) -> Vec<serde_json::Value> {
        let index = self.path_str();
        run_ok(&["export", "--index", &index])
            .lines()
            .map(|l| serde_json::from_str(l).expect("export prints JSON lines"))
            .collect()
    }
}

/// A string field of a JSON object.
pub fn s<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("`{key}` is a string in {v}"))
}

/// Removes all whitespace and applies NFKC, as the judged-query scoring rule does.
pub fn squash(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

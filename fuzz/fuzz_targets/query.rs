//! The query language on arbitrary strings: a parsed query or a `BadQuery`/`BadParameter`
//! error, never a panic; year filters that parse are valid ranges.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plansearch_index::search::parse::{parse, parse_year_filter, FilterField};
use plansearch_index::Error;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    match parse(input) {
        Ok(q) => {
            for (field, value) in &q.filters {
                assert!(!value.trim().is_empty(), "empty {field:?} filter from {input:?}");
                if *field == FilterField::Year {
                    let (a, b) = parse_year_filter(value).expect("a year filter that parsed re-parses");
                    assert!(a.is_some() || b.is_some());
                }
            }
            for clause in q.positive() {
                assert!(!clause.text().is_empty(), "empty clause from {input:?}");
            }
        }
        Err(Error::BadQuery(_) | Error::BadParameter { .. }) => {}
        Err(e) => panic!("unexpected error kind for {input:?}: {e}"),
    }
});

//! Bytes to text: `decode` must answer every byte string with text or a clear error naming the
//! file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plansearch_text::decode::decode;

fuzz_target!(|data: &[u8]| {
    match decode(data, "fuzz.txt") {
        Ok((text, _)) => assert!(!text.trim().is_empty(), "decode returned blank text"),
        Err(e) => assert!(e.to_string().contains("fuzz.txt"), "error does not name the file: {e}"),
    }
});

//! Every document format on arbitrary bytes: text or an error naming the file, never a panic
//! that escapes `extract`.
//!
//! `pdf-extract` panics on some malformed files and `plansearch-formats` catches those panics
//! (`catch_unwind` in `pdf.rs`), which is its documented contract. libFuzzer's panic hook would
//! abort on them even though they are caught, so while the PDF reader runs the hook stays quiet;
//! a panic that escapes `extract` still aborts (libfuzzer-sys aborts on any unwinding panic).
#![no_main]

use std::cell::Cell;
use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use plansearch_formats::{extract, Format};

thread_local! {
    static IN_PDF: Cell<bool> = const { Cell::new(false) };
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_PDF.with(Cell::get) {
                fuzzer_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    install_hook();
    for format in Format::ALL {
        IN_PDF.with(|f| f.set(format == Format::Pdf));
        let result = extract(data, format, "fuzz.bin");
        IN_PDF.with(|f| f.set(false));
        if let Err(e) = result {
            assert!(e.to_string().contains("fuzz.bin"), "{format:?} error does not name the file: {e}");
        }
    }
});

//! Property tests of layout repair and splitting (`plansearch_text::passages`).
//!
//! Documents are generated from a model (headings, `关键词` lines and paragraphs of Chinese
//! sentences with numbers, Latin words, quotes and parentheses) and rendered the ways plans reach
//! us: one paragraph per line, newspaper columns hard-wrapped at a fixed width with blank lines
//! anywhere and indented first lines, or wrapped at random widths; with stray spaces between
//! characters, zero-width characters, Markdown emphasis and page-jump markers (`（下转 4 版）`).
//!
//! Properties:
//! - no text is lost: every CJK ideograph and ASCII letter or digit of the model appears, in
//!   order, in the passages' texts and heading paths (page-jump markers and `**` are removed by
//!   design and are not part of the model's text; heading numbering such as `一、` becomes
//!   structure);
//! - every passage has at most [`MAX_PASSAGE_CHARS`] characters and holds a letter or digit;
//! - ordinals count from 0 and source lines are within the input, in order.
//!
//! The generators keep body text from looking like headings (no Chinese numerals before `、`,
//! no `1.` at a line start, no `——`, no `#`): what is a heading is decided by the model.

use plansearch_text::normalize::is_cjk;
use plansearch_text::split::MAX_PASSAGE_CHARS;
use plansearch_text::structure::numbering;
use proptest::prelude::*;
use proptest::sample::select;

/// Ideographs for body text and titles: common plan vocabulary, without Chinese numerals, `第`,
/// `是` and `版` (which would make numbering or page-jump markers by accident).
const HAN: &str = "我市将加快建设更具发展潜力的匠心城市推动高质量经济社会生态环境产业数字化改革创新科技教育\
                   医疗养老文化旅游交通基础设施城乡区域协调绿色低碳能源制造业品牌全面深化开放合作民生福祉治理\
                   体系能力现代公共服务乡村振兴共同富裕示范完善提升打造培育实施推进加强无废未来社区高速机场港\
                   口物流园标志性链群企业人才就业收入住房安全应急水利农业粮食森林河湖污染防治碳排放达峰";

fn han_chars() -> Vec<char> {
    HAN.chars().filter(|c| is_cjk(*c) && !"一二三四五六七八九十百零〇两第是版".contains(*c)).collect()
}

/// A run of 1..=max ideographs.
fn han(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(han_chars()), 1..=max).prop_map(|v| v.into_iter().collect())
}

/// One token of body text.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => han(12),
        1 => (1u32..99_999, select(vec!["年", "亿元", "个", "%", "万人", "公里", "条"]))
            .prop_map(|(n, unit)| format!("{n}{unit}")),
        1 => select(vec!["5G", "GDP", "VOCs", "PM2.5浓度", "AI", "R&D", "IT", "Wi-Fi"]).prop_map(String::from),
        1 => han(6).prop_map(|s| format!("“{s}”")),
        1 => han(8).prop_map(|s| format!("（{s}）")),
        1 => select(vec!["“十四五”", "二〇三五年", "十四五期间"]).prop_map(String::from),
    ]
}

/// A clause: a few tokens, starting with ideographs so that no line of it opens with a number.
fn clause() -> impl Strategy<Value = String> {
    (han(8), prop::collection::vec(token(), 0..5)).prop_map(|(head, rest)| head + &rest.concat())
}

/// A sentence: clauses joined by `，、；：` and closed by `。！？；`. Up to 40 clauses, so some
/// sentences are longer than a passage and must be cut at clause ends.
fn sentence() -> impl Strategy<Value = String> {
    let long = prop_oneof![8 => 1usize..6, 1 => 20usize..40];
    (
        long.prop_flat_map(|n| prop::collection::vec((clause(), select(vec!["，", "、", "；", "："])), n)),
        select(vec!["。", "！", "？", "；", "。"]),
    )
        .prop_map(|(clauses, end)| {
            let mut s: String = clauses.iter().map(|(c, sep)| format!("{c}{sep}")).collect();
            s.pop(); // the last separator
            s.push_str(end);
            s
        })
}

/// A part of the model document.
#[derive(Debug, Clone)]
enum Part {
    /// `### …篇`
    Sector(String),
    /// `一、…`, `（一）…`, `1. …` (the numeral is chosen when rendering)
    Numbered(u8, String),
    /// `**关键词:** …`
    Keyword(String),
    /// Body text: sentences; `extras` are (sentence index, decoration) inserted after it.
    Paragraph(Vec<String>, Vec<(usize, Decoration)>),
}

#[derive(Debug, Clone, Copy)]
enum Decoration {
    PageJump,
    Emphasis,
    ZeroWidth,
}

fn part() -> impl Strategy<Value = Part> {
    let deco = select(vec![Decoration::PageJump, Decoration::Emphasis, Decoration::ZeroWidth]);
    prop_oneof![
        1 => han(6).prop_map(|t| Part::Sector(t + "篇")),
        2 => (0u8..3, han(12)).prop_map(|(k, t)| Part::Numbered(k, t)),
        1 => han(8).prop_map(Part::Keyword),
        6 => (prop::collection::vec(sentence(), 1..6), prop::collection::vec((0usize..6, deco), 0..3))
            .prop_map(|(s, d)| Part::Paragraph(s, d)),
    ]
}

/// A document: a sector heading first (so there is no title block to drop), then parts, each
/// heading followed by at least one paragraph. Heading titles end with a character of their own
/// so that no two are equal (equal headings in a row read as one section).
fn model() -> impl Strategy<Value = Vec<Part>> {
    (han(6), prop::collection::vec(part(), 1..24), prop::collection::vec(sentence(), 1..3)).prop_map(
        |(first, parts, tail)| {
            let unique = han_chars();
            let mut out = vec![Part::Sector(first + "篇")];
            for (i, mut p) in parts.into_iter().enumerate() {
                match &mut p {
                    Part::Sector(t) => t.insert(t.len() - "篇".len(), unique[i % unique.len()]),
                    Part::Numbered(_, t) | Part::Keyword(t) => t.push(unique[i % unique.len()]),
                    Part::Paragraph(..) => {}
                }
                let last_is_heading = !matches!(out.last(), Some(Part::Paragraph(..)));
                if last_is_heading && !matches!(p, Part::Paragraph(..)) {
                    out.push(Part::Paragraph(vec!["推进建设。".into()], vec![]));
                }
                out.push(p);
            }
            out.push(Part::Paragraph(tail, vec![]));
            out
        },
    )
}

/// How the document is laid out.
#[derive(Debug, Clone)]
enum Layout {
    /// One paragraph per line; blank lines between parts when `blank`.
    Lines { blank: bool },
    /// Newspaper columns: wrapped at `width` display columns (ASCII counts ½), first lines
    /// indented by two ideographic spaces, and a blank line after a line when `blanks[i % len]`.
    Column { width: u8, blanks: Vec<bool> },
    /// Wrapped at random widths of 10..20 characters, blank lines anywhere.
    Ragged { widths: Vec<u8>, blanks: Vec<bool> },
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        any::<bool>().prop_map(|blank| Layout::Lines { blank }),
        (10u8..=20, prop::collection::vec(any::<bool>(), 1..16))
            .prop_map(|(width, blanks)| Layout::Column { width, blanks }),
        (prop::collection::vec(10u8..=20, 1..16), prop::collection::vec(any::<bool>(), 1..16))
            .prop_map(|(widths, blanks)| Layout::Ragged { widths, blanks }),
    ]
}

/// The significant characters of a text: ideographs and ASCII letters and digits.
fn significant(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| is_cjk(*c) || c.is_ascii_alphanumeric())
}

const CN_NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The model's text, in order, without numbering and layout: what must survive.
fn expected(parts: &[Part]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Sector(t) | Part::Numbered(_, t) | Part::Keyword(t) => out.extend(significant(t)),
            Part::Paragraph(sentences, _) => sentences.iter().for_each(|s| out.extend(significant(s))),
        }
    }
    out
}

/// Inserts a stray space after about one ideograph in `every` (when followed by another one).
fn stray_spaces(s: &str, every: usize, seed: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() * 2);
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        if every > 0 && (i + seed).is_multiple_of(every) && is_cjk(*c) && chars.get(i + 1).is_some_and(|n| is_cjk(*n)) {
            out.push(' ');
        }
    }
    out
}

fn paragraph_text(sentences: &[String], decorations: &[(usize, Decoration)]) -> String {
    let mut out = String::new();
    for (i, s) in sentences.iter().enumerate() {
        out.push_str(s);
        for (_, d) in decorations.iter().filter(|(at, _)| *at == i) {
            out.push_str(match d {
                Decoration::PageJump => "（下转 4 版）",
                Decoration::Emphasis => "**",
                Decoration::ZeroWidth => "\u{200B}",
            });
        }
    }
    out
}

fn display_width(c: char) -> f32 {
    if c.is_ascii() || matches!(c, '“' | '”' | '‘' | '’') {
        0.5
    } else {
        1.0
    }
}

/// Renders the model as a document's text.
fn render(parts: &[Part], layout: &Layout, spaces: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut counters = [0usize; 3];
    let mut line_no = 0usize;
    for (pi, p) in parts.iter().enumerate() {
        let heading = match p {
            Part::Sector(t) => Some(format!("### {t}")),
            Part::Numbered(kind, t) => {
                let k = *kind as usize;
                counters[k] += 1;
                let n = counters[k] % 10;
                Some(match kind {
                    0 => format!("{}、{t}", CN_NUMERALS[n]),
                    1 => format!("（{}）{t}", CN_NUMERALS[n]),
                    _ => format!("{}. {t}", n + 1),
                })
            }
            Part::Keyword(t) => Some(format!("**关键词:** {t}")),
            Part::Paragraph(..) => None,
        };
        if let Some(h) = heading {
            lines.push(h);
            if !matches!(layout, Layout::Column { .. }) || pi % 2 == 0 {
                lines.push(String::new());
            }
            continue;
        }
        let Part::Paragraph(sentences, decorations) = p else { continue };
        let text = stray_spaces(&paragraph_text(sentences, decorations), spaces, pi);
        match layout {
            Layout::Lines { blank } => {
                lines.push(text);
                if *blank {
                    lines.push(String::new());
                }
            }
            Layout::Column { width, blanks } => {
                let mut cur = String::from("\u{3000}\u{3000}");
                let mut w = 2.0;
                for c in text.chars() {
                    let cw = display_width(c);
                    if w + cw > *width as f32 {
                        lines.push(std::mem::take(&mut cur));
                        line_no += 1;
                        if blanks[line_no % blanks.len()] {
                            lines.push(String::new());
                        }
                        w = 0.0;
                    }
                    cur.push(c);
                    w += cw;
                }
                lines.push(cur);
                line_no += 1;
                if blanks[line_no % blanks.len()] {
                    lines.push(String::new());
                }
            }
            Layout::Ragged { widths, blanks } => {
                let chars: Vec<char> = text.chars().collect();
                let mut at = 0;
                while at < chars.len() {
                    let n = widths[line_no % widths.len()] as usize;
                    let end = (at + n).min(chars.len());
                    lines.push(chars[at..end].iter().collect());
                    line_no += 1;
                    if blanks[line_no % blanks.len()] {
                        lines.push(String::new());
                    }
                    at = end;
                }
            }
        }
    }
    lines.join("\n")
}

/// What the passages hold, in order: each passage's heading path (numbering removed) when it
/// changes, then its text.
fn recovered(doc: &plansearch_text::split::Document) -> String {
    let mut out = String::new();
    let mut prev: Option<&Vec<String>> = None;
    for p in &doc.passages {
        if prev != Some(&p.section) {
            for h in &p.section {
                let title = numbering(h).map_or(h.as_str(), |(_, len)| &h[len..]);
                out.extend(significant(title));
            }
        }
        prev = Some(&p.section);
        out.extend(significant(&p.text));
    }
    out
}

/// Checks that `needle` is a subsequence of `hay`; on failure says where it stops matching.
fn check_subsequence(needle: &str, hay: &str) -> Result<(), String> {
    let mut it = hay.chars();
    for (i, c) in needle.chars().enumerate() {
        if !it.any(|h| h == c) {
            let ctx: String = needle.chars().skip(i.saturating_sub(20)).take(40).collect();
            return Err(format!("character {i} ({c:?}) of the input is missing from the passages, near `{ctx}`"));
        }
    }
    Ok(())
}

/// The passage contract that holds for any input.
fn check_contract(input: &str, doc: &plansearch_text::split::Document) -> Result<(), TestCaseError> {
    let lines = input.split('\n').count() as u32;
    for (i, p) in doc.passages.iter().enumerate() {
        let n = p.text.chars().count();
        prop_assert!(n <= MAX_PASSAGE_CHARS, "passage {i} has {n} characters: {:?}", p.text);
        prop_assert!(p.text.chars().any(char::is_alphanumeric), "passage {i} is empty or punctuation: {:?}", p.text);
        prop_assert_eq!(p.text.trim(), p.text.as_str(), "passage {} is not trimmed", i);
        prop_assert_eq!(p.ordinal as usize, i);
        prop_assert!(
            1 <= p.line_start && p.line_start <= p.line_end && p.line_end <= lines,
            "passage {i}: lines {}..{} of {lines}",
            p.line_start,
            p.line_end
        );
        prop_assert!(!p.section.is_empty() && p.section[0] == p.sector);
    }
    let starts: Vec<u32> = doc.passages.iter().map(|p| p.line_start).collect();
    prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]), "passages out of source order: {starts:?}");
    Ok(())
}

proptest! {
    // Failures are reported with the shrunk input; known ones are the regression tests below.
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Layout repair and splitting keep every ideograph, letter and digit, in order.
    #[test]
    fn no_text_is_lost(parts in model(), layout in layout(), spaces in prop_oneof![Just(0usize), 2usize..9]) {
        let input = render(&parts, &layout, spaces);
        let doc = plansearch_text::passages(&input);
        let want = expected(&parts);
        let got = recovered(&doc);
        if let Err(e) = check_subsequence(&want, &got) {
            return Err(TestCaseError::fail(format!("{e}\n--- input ---\n{input}\n--- passages ---\n{:#?}", doc.passages)));
        }
        check_contract(&input, &doc)?;
    }

    /// Page-jump markers and emphasis never reach a passage (when not cut by a wrap).
    #[test]
    fn markers_are_removed(parts in model(), spaces in prop_oneof![Just(0usize), 2usize..9]) {
        let input = render(&parts, &Layout::Lines { blank: true }, spaces);
        let doc = plansearch_text::passages(&input);
        for p in &doc.passages {
            prop_assert!(!p.text.contains("下转") && !p.text.contains("**"), "{:?}", p.text);
        }
    }

    /// Passages of realistic but unstructured text (any mixture of the characters plans use,
    /// wrapped anywhere) keep the contract.
    #[test]
    fn passages_keep_the_contract_on_mixed_text(
        input in r"([一二三四五六七八九十第章节篇是的发展建设推进城市经济、，。；：“”（）()《》！？ 　\n#*—\-.0-9A-Za-z]|下转|关键词:|（下转 4 版）|\*\*|\u{200B}){0,2000}"
    ) {
        let doc = plansearch_text::passages(&input);
        check_contract(&input, &doc)?;
    }

    /// Passages of arbitrary Unicode keep the contract.
    #[test]
    fn passages_keep_the_contract_on_any_text(input in any::<String>()) {
        let doc = plansearch_text::passages(&input);
        check_contract(&input, &doc)?;
    }

    /// One long line (no newline at all), as a converted file may be: split into passages that
    /// fit and lose nothing.
    #[test]
    fn one_long_line_is_split_and_kept(sentences in prop::collection::vec(sentence(), 1..40)) {
        let input = format!("### 总体篇\n{}", sentences.concat());
        let doc = plansearch_text::passages(&input);
        check_contract(&input, &doc)?;
        let want: String = significant(&input).collect();
        let got = recovered(&doc);
        prop_assert!(check_subsequence(&want, &got).is_ok(), "{:?}", check_subsequence(&want, &got));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Plan text saved as UTF-8 (with or without BOM), GBK or UTF-16 with BOM decodes back to
    /// itself, with the right encoding.
    #[test]
    fn encodings_round_trip(parts in model()) {
        use plansearch_text::decode::{decode, Encoding};
        // Zero-width spaces have no GBK code.
        let text = render(&parts, &Layout::Lines { blank: true }, 0).replace('\u{200B}', "");
        prop_assert_eq!(decode(text.as_bytes(), "a.txt").unwrap(), (text.clone(), Encoding::Utf8));
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        prop_assert_eq!(decode(&bom, "a.txt").unwrap(), (text.clone(), Encoding::Utf8));
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        prop_assert!(!unmappable);
        prop_assert_eq!(decode(&gbk, "a.txt").unwrap(), (text.clone(), Encoding::Gb18030));
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        prop_assert_eq!(decode(&utf16, "a.txt").unwrap(), (text.clone(), Encoding::Utf16));
    }

    /// UTF-8 text cut at any byte (an interrupted download, a file split by size) is still read
    /// as UTF-8: the text before the cut, less at most the one character the cut went through.
    ///
    /// Fails until `decode` accepts UTF-8 whose only fault is an incomplete last character (it
    /// now falls back to GB18030 and returns mojibake); see docs/reliability.md, "Bugs found".
    #[test]
    fn truncated_utf8_decodes_to_a_prefix(parts in model(), cut in any::<prop::sample::Index>()) {
        use plansearch_text::decode::{decode, Encoding};
        use plansearch_text::Error;
        let text = render(&parts, &Layout::Lines { blank: true }, 0);
        let cut = cut.index(text.len());
        match decode(&text.as_bytes()[..cut], "cut.txt") {
            Ok((got, enc)) => {
                prop_assert_eq!(enc, Encoding::Utf8, "cut at byte {} of {} read as {:?}", cut, text.len(), enc);
                prop_assert!(text.starts_with(&got) && got.len() + 3 >= cut, "cut at {}: {:?}", cut, got);
            }
            Err(Error::Empty { .. }) => {
                let boundary = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                prop_assert!(text[..boundary].trim().is_empty());
            }
            Err(e) => prop_assert!(false, "cut at byte {} of {}: {}", cut, text.len(), e),
        }
    }
}

/// Regression (fuzz target `passages`, fuzz/artifacts): a run of 19 or more digits (an account
/// number, a fuzzer's `5555…`) overflowed `i64` in `commitments::explicit_years`: "attempt to
/// multiply with overflow", a panic wherever overflow checks are on (debug builds, `cargo test`
/// without `--release`, the fuzz build). Release builds wrap silently and skip the run.
#[test]
fn long_digit_runs_do_not_overflow() {
    let lexicon = plansearch_text::departments::DepartmentLexicon::builtin();
    let runs = ["5".repeat(60) + "硬核支撑", "账号6222021234567890123456年".into(), "二〇二一".repeat(6) + "年建成"];
    for text in runs {
        let _ = plansearch_text::commitments::extract(&text, Some(2021));
        for p in plansearch_text::passages(&format!("### 总体篇\n\n{text}。\n")).passages {
            let _ = lexicon.tag(&p.text);
            let _ = plansearch_text::commitments::extract(&p.text, None);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Department tagging and commitment extraction accept any passage: numbers of any length,
    /// Chinese numerals, years, percentages, units.
    #[test]
    fn tagging_accepts_any_passage(
        input in r"([0-9０-９]{1,24}|[〇一二三四五六七八九十百千万亿]{1,24}|年|%|％|亿元|万人|到|力争|建成|达到|以上|以内|局|委|办|。|，|[的发展建设推进城市经济])*"
    ) {
        let lexicon = plansearch_text::departments::DepartmentLexicon::builtin();
        for p in plansearch_text::passages(&input).passages {
            let _ = lexicon.tag(&p.text);
            for c in plansearch_text::commitments::extract(&p.text, Some(2021)) {
                prop_assert!(c.year.is_none_or(|y| (1900..=2100).contains(&y)), "{:?}", c);
                prop_assert_eq!(p.text.get(c.span[0]..c.span[1]), Some(c.text.as_str()), "span of {:?}", c);
                prop_assert!(c.value.is_none_or(f64::is_finite), "{:?}", c);
            }
        }
    }
}

/// Regression: two short pieces of one section whose lengths add up to exactly the limit, joined
/// by the space kept between two Latin words, must not exceed the limit.
#[test]
fn merged_pieces_with_a_space_stay_within_the_limit() {
    for short in 2..24 {
        let long = MAX_PASSAGE_CHARS - short;
        let first = format!("{}GDP", "发".repeat(long - 3));
        let second = format!("AI{}", "展".repeat(short - 2));
        for input in [format!("### 总体篇\n\n{first}\n\n{second}\n"), format!("### 总体篇\n\n{second}\n\n{first}\n")]
        {
            let doc = plansearch_text::passages(&input);
            for p in &doc.passages {
                let n = p.text.chars().count();
                assert!(n <= MAX_PASSAGE_CHARS, "{n} characters with short piece {short}: {:?}", p.text);
            }
        }
    }
}

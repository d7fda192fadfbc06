//! Citations of documents and passages: a GB/T 7714-2015 reference (the Chinese national
//! standard for bibliographic references) and a CSL-JSON item for reference managers.
//!
//! Form of a reference, after GB/T 7714-2015 §4 and §8 (ASCII `. `, `: ` and `, ` as the
//! standard's own examples write them):
//!
//! - report-like documents (政府工作报告, 统计公报, 白皮书) `[R]`, other official documents (规划,
//!   意见, 条例, 法律 …) `[Z]`: `责任者. 题名[R]. 出版地: 出版者, 年: 位置. 来源.`;
//! - a newspaper's article (a 解读 whose issuer or source is a newspaper) `[N]`:
//!   `责任者. 题名[N]. 报纸名, 年: 位置. 来源.`;
//! - online sources (a source that is a URL) take `/OL` (`[R/OL]`) and end with the URL.
//!
//! The position (where GB/T 7714 puts the cited page) is the passage's section path and its
//! paragraph number: `2021: 三、主要任务/（二）产业, 第12段`. Unknown parts are written as the
//! standard asks: `[出版地不详]`, `[出版者不详]`, `[出版年不详]`.
//! The place of publication is the seat of the issuing government: 北京 for national documents, a
//! province's capital, a city's or county's own name (a district's city).

use serde::Serialize;

use crate::document::{DocumentMeta, Level};

/// What a citation is made from: the document's title, metadata and source (URL or
/// publication, as a catalog gives it).
#[derive(Debug, Clone, Copy)]
pub struct Cited<'a> {
    pub title: &'a str,
    pub meta: &'a DocumentMeta,
    pub source: Option<&'a str>,
}

/// Where in a document a passage sits.
#[derive(Debug, Clone, Copy)]
pub struct Position<'a> {
    /// Heading path, top-level part first (may be empty).
    pub section: &'a [String],
    /// Paragraph (passage) number in the document, from 1.
    pub paragraph: u32,
}

/// GB/T 7714 document type code: R (report), N (newspaper), Z (other).
pub fn type_code(cited: &Cited) -> &'static str {
    let kind = cited.meta.kind.as_deref().unwrap_or("");
    if newspaper(cited).is_some() && !is_report(kind) {
        "N"
    } else if is_report(kind) {
        "R"
    } else {
        "Z"
    }
}

fn is_report(kind: &str) -> bool {
    kind.ends_with("报告") || kind.ends_with("公报") || kind == "白皮书"
}

/// The newspaper a document was published in: the first clause of its source or its issuer
/// when that names a newspaper (`永康日报，…` → 永康日报).
fn newspaper(cited: &Cited) -> Option<String> {
    let first = |s: &str| -> Option<String> {
        let head = s.split(['，', ',', '（', '(', ' ', '：', ':']).next()?.trim();
        let papers = ["日报", "晚报", "时报", "商报", "晨报", "报"];
        (papers.iter().any(|p| head.ends_with(p)) && head.chars().count() >= 3).then(|| head.to_string())
    };
    cited.source.and_then(first).or_else(|| cited.meta.issuer.as_deref().and_then(first))
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Capitals of the province-level units: the place of publication of a province's documents.
const CAPITALS: &[(&str, &str)] = &[
    ("北京市", "北京"),
    ("天津市", "天津"),
    ("河北省", "石家庄"),
    ("山西省", "太原"),
    ("内蒙古自治区", "呼和浩特"),
    ("辽宁省", "沈阳"),
    ("吉林省", "长春"),
    ("黑龙江省", "哈尔滨"),
    ("上海市", "上海"),
    ("江苏省", "南京"),
    ("浙江省", "杭州"),
    ("安徽省", "合肥"),
    ("福建省", "福州"),
    ("江西省", "南昌"),
    ("山东省", "济南"),
    ("河南省", "郑州"),
    ("湖北省", "武汉"),
    ("湖南省", "长沙"),
    ("广东省", "广州"),
    ("广西壮族自治区", "南宁"),
    ("海南省", "海口"),
    ("重庆市", "重庆"),
    ("四川省", "成都"),
    ("贵州省", "贵阳"),
    ("云南省", "昆明"),
    ("西藏自治区", "拉萨"),
    ("陕西省", "西安"),
    ("甘肃省", "兰州"),
    ("青海省", "西宁"),
    ("宁夏回族自治区", "银川"),
    ("新疆维吾尔自治区", "乌鲁木齐"),
    ("香港特别行政区", "香港"),
    ("澳门特别行政区", "澳门"),
    ("台湾省", "台北"),
];

/// The seat of the issuing government, from the region path and level.
fn place(meta: &DocumentMeta) -> Option<String> {
    let region = meta.region.as_deref()?;
    let parts: Vec<&str> = region.split('/').collect();
    let city = |n: &str| n.strip_suffix('市').unwrap_or(n).to_string();
    match (meta.level?, parts.as_slice()) {
        (Level::National, _) => Some("北京".to_string()),
        (Level::Provincial, [p]) => CAPITALS.iter().find(|(n, _)| n == p).map(|(_, c)| c.to_string()),
        // A district's government sits in its city (or, under a 直辖市, in the municipality).
        (Level::County, [.., parent, d]) if d.ends_with('区') => {
            Some(match CAPITALS.iter().find(|(n, _)| n == parent) {
                Some((_, c)) => c.to_string(),
                None => city(parent),
            })
        }
        (Level::City | Level::County, [.., last]) => Some(city(last)),
        _ => None,
    }
}

/// The GB/T 7714 reference of a document; with `at`, the passage's position in place of the
/// page number.
pub fn reference(cited: &Cited, at: Option<Position>) -> String {
    let meta = cited.meta;
    let url = cited.source.filter(|s| is_url(s));
    let code = type_code(cited);
    let online = if url.is_some() { "/OL" } else { "" };
    let mut out = String::new();
    if let Some(issuer) = &meta.issuer {
        out.push_str(issuer);
        out.push_str(". ");
    }
    out.push_str(cited.title.trim());
    out.push_str(&format!("[{code}{online}]. "));
    let year = meta.year.map_or_else(|| "[出版年不详]".to_string(), |y| y.to_string());
    match (code, newspaper(cited)) {
        ("N", Some(paper)) => out.push_str(&format!("{paper}, {year}")),
        _ => {
            let place = place(meta).unwrap_or_else(|| "[出版地不详]".to_string());
            let publisher = meta.issuer.as_deref().unwrap_or("[出版者不详]");
            out.push_str(&format!("{place}: {publisher}, {year}"));
        }
    }
    if let Some(at) = at {
        out.push_str(": ");
        let section: Vec<&str> = at.section.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        if !section.is_empty() {
            out.push_str(&section.join("/"));
            out.push_str(", ");
        }
        out.push_str(&format!("第{}段", at.paragraph));
    }
    out.push('.');
    if let Some(source) = cited.source.map(str::trim).filter(|s| !s.is_empty()) {
        out.push(' ');
        out.push_str(source);
        if !source.ends_with(['.', '。']) {
            out.push('.');
        }
    }
    out
}

/// A CSL-JSON name given as one literal string (an organization).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CslName {
    pub literal: String,
}

/// A CSL-JSON date: `{"date-parts": [[2021]]}`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CslDate {
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<i32>>,
}

/// One CSL-JSON item (the format Zotero, Mendeley and pandoc read), fields after CSL 1.0.2.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CslItem {
    pub id: String,
    /// `report`, `article-newspaper`, `legislation` or `document`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<CslName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(rename = "publisher-place", skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    /// The document's kind (政府工作报告).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The region path (浙江省/金华市/永康市).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A source that is not a URL (the publication the text came from).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub language: &'static str,
}

/// The CSL-JSON item of a document.
pub fn csl(id: &str, cited: &Cited) -> CslItem {
    let meta = cited.meta;
    let code = type_code(cited);
    let kind = meta.kind.as_deref().unwrap_or("");
    let csl_type = match code {
        "R" => "report",
        "N" => "article-newspaper",
        _ if matches!(kind, "法律" | "条例" | "办法" | "规定" | "实施细则" | "细则" | "决定" | "解释") => {
            "legislation"
        }
        _ => "document",
    };
    let source = cited.source.map(str::trim).filter(|s| !s.is_empty());
    CslItem {
        id: id.to_string(),
        kind: csl_type,
        title: cited.title.trim().to_string(),
        author: meta.issuer.iter().map(|i| CslName { literal: i.clone() }).collect(),
        issued: meta.year.map(|y| CslDate { date_parts: vec![vec![y]] }),
        publisher: meta.issuer.clone().filter(|_| code != "N"),
        publisher_place: place(meta).filter(|_| code != "N"),
        container_title: newspaper(cited).filter(|_| code == "N"),
        genre: meta.kind.clone(),
        jurisdiction: meta.region.clone(),
        url: source.filter(|s| is_url(s)).map(str::to_string),
        note: source.filter(|s| !is_url(s)).map(str::to_string),
        language: "zh-CN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::NATIONAL;

    fn meta(region: &str, level: Level, kind: &str, issuer: &str, year: i32) -> DocumentMeta {
        DocumentMeta {
            region: Some(region.into()),
            level: Some(level),
            kind: Some(kind.into()),
            issuer: Some(issuer.into()),
            year: Some(year),
        }
    }

    #[test]
    fn seeds_as_their_catalog_describes_them() {
        // seeds/catalog.toml, verbatim.
        let m = meta("浙江省/金华市/永康市", Level::County, "政府工作报告", "永康市人民政府", 2021);
        let src = "永康日报，2021年永康市政府工作报告（报纸版面节选，下转4版）";
        let c = Cited { title: "2021年永康市政府工作报告（节选）", meta: &m, source: Some(src) };
        assert_eq!(
            reference(&c, None),
            "永康市人民政府. 2021年永康市政府工作报告（节选）[R]. 永康: 永康市人民政府, 2021. 永康日报，2021年永康市政府工作报告（报纸版面节选，下转4版）."
        );
        let section = vec!["二、2021年工作安排".to_string(), "扩大有效投资".to_string()];
        let at = Position { section: &section, paragraph: 12 };
        assert!(
            reference(&c, Some(at)).contains("永康市人民政府, 2021: 二、2021年工作安排/扩大有效投资, 第12段. 永康日报")
        );

        let m = meta("浙江省/金华市/永康市", Level::County, "规划纲要解读", "永康日报（融媒记者 王靖宇）", 2021);
        let src = "永康日报，“回眸十三五 展望十四五”系列报道：《奋力绘就世界五金之都、品质活力永康宏伟画卷》";
        let c = Cited {
            title: "永康市“十四五”规划和二〇三五远景目标纲要解读", meta: &m, source: Some(src)
        };
        assert_eq!(type_code(&c), "N");
        assert!(reference(&c, None).starts_with(
            "永康日报（融媒记者 王靖宇）. 永康市“十四五”规划和二〇三五远景目标纲要解读[N]. 永康日报, 2021. 永康日报，"
        ));
        let item = csl("yk-14fyp-interpretation", &c);
        assert_eq!((item.kind, item.container_title.as_deref()), ("article-newspaper", Some("永康日报")));
    }

    #[test]
    fn places_levels_and_unknowns() {
        let m = meta(NATIONAL, Level::National, "政府工作报告", "国务院", 2025);
        let c = Cited {
            title: "2025年国务院政府工作报告",
            meta: &m,
            source: Some("https://www.gov.cn/yaowen/2025-03/12/content.htm"),
        };
        assert_eq!(
            reference(&c, None),
            "国务院. 2025年国务院政府工作报告[R/OL]. 北京: 国务院, 2025. https://www.gov.cn/yaowen/2025-03/12/content.htm."
        );
        let item = csl("2025", &c);
        assert_eq!(item.kind, "report");
        assert!(item.url.is_some() && item.note.is_none());
        let m = meta("广东省", Level::Provincial, "专项规划", "广东省人民政府办公厅", 2021);
        let c = Cited { title: "广东省数字经济发展“十四五”规划", meta: &m, source: None };
        assert_eq!(
            reference(&c, None),
            "广东省人民政府办公厅. 广东省数字经济发展“十四五”规划[Z]. 广州: 广东省人民政府办公厅, 2021."
        );
        let m = meta("北京市/朝阳区", Level::County, "政府工作报告", "朝阳区人民政府", 2025);
        let c = Cited { title: "北京市朝阳区2025年政府工作报告", meta: &m, source: None };
        assert!(reference(&c, None).contains("[R]. 北京: 朝阳区人民政府, 2025."));
        let m = meta("江苏省/南京市/鼓楼区", Level::County, "政府工作报告", "鼓楼区人民政府", 2025);
        let c = Cited { title: "鼓楼区政府工作报告", meta: &m, source: None };
        assert!(reference(&c, None).contains("[R]. 南京: 鼓楼区人民政府, 2025."));
        let m = DocumentMeta { kind: Some("条例".into()), ..Default::default() };
        let c = Cited { title: "某某条例", meta: &m, source: None };
        assert_eq!(reference(&c, None), "某某条例[Z]. [出版地不详]: [出版者不详], [出版年不详].");
        assert_eq!(csl("x", &c).kind, "legislation");
    }

    #[test]
    fn csl_json_field_names() {
        let m = meta(NATIONAL, Level::National, "政府工作报告", "国务院", 2025);
        let c = Cited { title: "2025年国务院政府工作报告", meta: &m, source: Some("中国政府网") };
        let toml = toml::to_string(&csl("n2025", &c)).unwrap();
        for key in [
            "id = \"n2025\"",
            "type = \"report\"",
            "publisher-place = \"北京\"",
            "genre = \"政府工作报告\"",
            "note = \"中国政府网\"",
            "date-parts = [[2025]]",
            "literal = \"国务院\"",
        ] {
            assert!(toml.contains(key), "{key} in {toml}");
        }
    }
}

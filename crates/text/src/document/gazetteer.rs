//! China's administrative divisions, indexed by name: finding place names in a text (longest
//! match first), narrowing a run of them (`浙江省金华市永康市`) and choosing between places of
//! the same name by the parents a text names.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Level;
use crate::normalize::{fold_str, is_cjk};

/// The gazetteer as compiled in: `code,name,parent` per line, parent empty for provinces.
const DIVISIONS_CSV: &str = include_str!("../../data/divisions.csv");

/// One administrative unit of the gazetteer.
#[derive(Debug)]
pub(super) struct Unit {
    pub(super) name: &'static str,
    parent: Option<usize>,
    pub(super) level: Level,
}

/// A name found in a text, with the units it can mean.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// Character offsets in the folded text.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) units: Vec<usize>,
}

/// The gazetteer indexed by folded name (full names and, for provinces and cities, the short
/// forms titles use: 广东, 内蒙古, 延边, 金华).
pub(super) struct Gazetteer {
    pub(super) units: Vec<Unit>,
    by_name: HashMap<String, Vec<usize>>,
    /// The longest key (in characters) starting with each pair of characters: at most places
    /// in a text no name starts, and one look-up says so.
    longest_by_pair: HashMap<(char, char), usize>,
}

/// Names of ethnic groups as they appear in the names of autonomous units; the short form of
/// `延边朝鲜族自治州` is what precedes the first of them.
const ETHNIC: &[&str] = &[
    "朝鲜族",
    "土家族",
    "苗族",
    "藏族",
    "羌族",
    "彝族",
    "哈尼族",
    "傣族",
    "白族",
    "景颇族",
    "傈僳族",
    "蒙古族",
    "回族",
    "哈萨克",
    "柯尔克孜",
    "蒙古",
    "壮族",
    "布依族",
    "侗族",
    "维吾尔",
    "黎族",
    "畲族",
    "瑶族",
    "满族",
    "达斡尔族",
    "鄂伦春",
    "鄂温克族",
    "仫佬族",
    "毛南族",
    "仡佬族",
    "水族",
    "纳西族",
    "拉祜族",
    "佤族",
    "独龙族",
    "怒族",
    "普米族",
    "撒拉族",
    "保安族",
    "东乡族",
    "裕固族",
    "锡伯族",
    "塔吉克",
    "土族",
    "各族",
];

/// The short form of a province or prefecture name, if it has one of at least two characters.
fn short_name(name: &str) -> Option<String> {
    let mut short = name;
    for suffix in ["特别行政区", "自治区", "自治州", "地区", "省", "市", "盟"] {
        if let Some(s) = short.strip_suffix(suffix) {
            short = s;
            break;
        }
    }
    // The prefix must stay a name of its own: 内蒙古 is not cut to 内.
    let long_enough = |i: usize| short[..i].chars().count() >= 2;
    if let Some(cut) = ETHNIC.iter().filter_map(|e| short.find(e)).filter(|&i| long_enough(i)).min() {
        short = &short[..cut];
    }
    (short != name && short.chars().count() >= 2).then(|| short.to_string())
}

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut units = Vec::new();
        let mut index_of: HashMap<&str, usize> = HashMap::new();
        for line in DIVISIONS_CSV.lines().skip(1) {
            let mut cols = line.split(',');
            let (Some(code), Some(name), Some(parent)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            // Rows are sorted by code, so a parent always precedes its children.
            let parent = index_of.get(parent).copied();
            // The code's length says the level (GB/T 2260: 2 digits province, 4 prefecture, 6
            // county), also for a county the province administers directly (湖北省/仙桃市).
            let level = match code.len() {
                0..=2 => Level::Provincial,
                3 | 4 => Level::City,
                _ => Level::County,
            };
            index_of.insert(code, units.len());
            units.push(Unit { name, parent, level });
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            // Two-character districts (城区, 郊区, 矿区, 东区) are words of ordinary text.
            let bare_district = u.name.chars().count() <= 2 && u.name.ends_with('区');
            if !bare_district {
                by_name.entry(fold_str(u.name)).or_default().push(i);
            }
            if u.level != Level::County {
                if let Some(short) = short_name(u.name) {
                    by_name.entry(fold_str(&short)).or_default().push(i);
                }
            }
        }
        for v in by_name.values_mut() {
            v.dedup();
        }
        let mut longest_by_pair: HashMap<(char, char), usize> = HashMap::new();
        for key in by_name.keys() {
            let mut chars = key.chars();
            if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                let longest = longest_by_pair.entry((a, b)).or_default();
                *longest = (*longest).max(key.chars().count());
            }
        }
        Gazetteer { units, by_name, longest_by_pair }
    }

    pub(super) fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    fn ancestors(&self, mut i: usize) -> Vec<usize> {
        let mut out = vec![i];
        while let Some(p) = self.units[i].parent {
            out.push(p);
            i = p;
        }
        out.reverse();
        out
    }

    fn is_under(&self, unit: usize, ancestor: usize) -> bool {
        let mut i = unit;
        while let Some(p) = self.units[i].parent {
            if p == ancestor {
                return true;
            }
            i = p;
        }
        false
    }

    pub(super) fn path(&self, i: usize) -> String {
        let names: Vec<&str> = self.ancestors(i).iter().map(|&a| self.units[a].name).collect();
        names.join("/")
    }

    /// Place names in folded text, longest match first at each position, left to right.
    pub(super) fn mentions(&self, chars: &[char]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        while i < chars.len() {
            let mut found = None;
            let longest = chars.get(i + 1).and_then(|&b| self.longest_by_pair.get(&(chars[i], b))).copied();
            for len in (2..=longest.unwrap_or(0).min(chars.len() - i)).rev() {
                key.clear();
                key.extend(&chars[i..i + len]);
                if let Some(units) = self.by_name.get(&key) {
                    found = Some((len, units.clone()));
                    break;
                }
            }
            match found {
                Some((len, units)) => {
                    out.push(Mention { start: i, end: i + len, units });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The units a run of adjacent mentions names (`浙江省金华市永康市`, `金华 永康市`): each
    /// mention narrows the previous one to its descendants. Stops at the first mention that is
    /// not adjacent or not below the previous one.
    pub(super) fn chain(&self, chars: &[char], mentions: &[Mention]) -> Vec<usize> {
        let Some(first) = mentions.first() else { return Vec::new() };
        let mut current = first.units.clone();
        let mut end = first.end;
        for m in &mentions[1..] {
            let gap = &chars[end..m.start];
            if gap.iter().any(|c| is_cjk(*c)) || gap.len() > 2 {
                break;
            }
            let below: Vec<usize> =
                m.units.iter().copied().filter(|&u| current.iter().any(|&c| self.is_under(u, c))).collect();
            if below.is_empty() {
                break;
            }
            current = below;
            end = m.end;
        }
        current
    }

    /// One reading of `candidates`, using the places named in `context` to choose; what all
    /// readings share when the context does not decide.
    /// The path is `None` when the readings share no province; the level is then still known
    /// if they all agree on it.
    pub(super) fn resolve(&self, candidates: &[usize], context: &[Mention]) -> Option<(Option<String>, Level)> {
        let best = match candidates {
            [] => return None,
            [one] => vec![*one],
            many => {
                // A higher-level reading of a short name wins (吉林 is the province, not the city;
                // 海南 the province, not 海南藏族自治州) unless context names a parent.
                let named = |a: usize| context.iter().any(|m| m.units.contains(&a));
                let score = |u: usize| self.ancestors(u).iter().filter(|&&a| a != u && named(a)).count();
                let top = many.iter().map(|&u| score(u)).max().unwrap_or(0);
                let kept: Vec<usize> = many.iter().copied().filter(|&u| score(u) == top).collect();
                if top == 0 {
                    let highest = kept.iter().map(|&u| self.units[u].level).min()?;
                    let at: Vec<usize> = kept.into_iter().filter(|&u| self.units[u].level == highest).collect();
                    at
                } else {
                    kept
                }
            }
        };
        if let [one] = best[..] {
            return Some((Some(self.path(one)), self.units[one].level));
        }
        // Still ambiguous: the common ancestors' path, at the level all readings share.
        let level = self.units[best[0]].level;
        if best.iter().any(|&u| self.units[u].level != level) {
            return None;
        }
        let lines: Vec<Vec<usize>> = best.iter().map(|&u| self.ancestors(u)).collect();
        let mut common = Vec::new();
        for (d, &a) in lines[0].iter().enumerate() {
            if lines.iter().all(|l| l.get(d) == Some(&a)) && a != best[0] {
                common.push(self.units[a].name);
            } else {
                break;
            }
        }
        Some(((!common.is_empty()).then(|| common.join("/")), level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_loads_every_row() {
        let g = Gazetteer::get();
        assert_eq!(g.units.len(), DIVISIONS_CSV.lines().count() - 1);
        assert_eq!(g.units.iter().filter(|u| u.level == Level::Provincial).count(), 34);
        assert!(g.units.iter().all(|u| !u.name.contains("市辖区") && u.name != "县"));
        // A city without counties is one unit, at its own level.
        let dg: Vec<&Unit> = g.units.iter().filter(|u| u.name == "东莞市").collect();
        assert_eq!(dg.len(), 1);
        assert_eq!(dg[0].level, Level::City);
    }

    #[test]
    fn mentions_take_the_longest_name_at_each_place() {
        let g = Gazetteer::get();
        let chars: Vec<char> = "在浙江省金华市永康市和金华".chars().collect();
        let spans: Vec<(usize, usize)> = g.mentions(&chars).iter().map(|m| (m.start, m.end)).collect();
        // 浙江省 not 浙江, 金华市 not 金华; a short name at the very end is found too.
        assert_eq!(spans, [(1, 4), (4, 7), (7, 10), (11, 13)]);
        assert!(g.mentions(&['浙']).is_empty() && g.mentions(&[]).is_empty());
    }
}

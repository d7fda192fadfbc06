// Shared by every view of the page: API paths and limits, DOM and formatting helpers, fetching
// JSON, the hand-parsed snippet markup and highlighting, CSV and clipboard, document titles,
// corpus facets, which optional APIs exist, and the search state in the URL.

export const API = {
  search: '/api/search',
  passage: '/api/passages/',
  facets: '/api/facets',
  suggest: '/api/suggest',
  health: '/healthz',
  trend: '/api/trend',
  commitments: '/api/commitments',
};

export const FACETS = [
  { key: 'region', label: '地区' },
  { key: 'kind', label: '文种' },
  { key: 'period', label: '时期' },
  { key: 'sector', label: '篇章/部分' },
  { key: 'keyword', label: '关键词' },
  { key: 'doc', label: '文档' },
  { key: 'department', label: '部门' },
  { key: 'year', label: '年份' },
  { key: 'level', label: '层级' },
  { key: 'issuer', label: '发布机关' },
];

/** Display names of the `level` values. */
export const LEVEL_LABEL = { national: '国家级', provincial: '省级', city: '市级', county: '县级' };
/**
 * Display name of a `period` value: `plan` → 计划, `review/2024` → 回顾 2024年,
 * `plan/2021-2025` → 计划 2021–2025年.
 */
export function periodLabel(value) {
  const [kind, years] = String(value).split('/');
  const name = { plan: '计划', review: '回顾' }[kind] || kind;
  return years ? `${name} ${years.replace('-', '–')}年` : name;
}
export const FILTER_KEYS = FACETS.map((f) => f.key);
export const FACET_LABEL = Object.fromEntries(FACETS.map((f) => [f.key, f.label]));

export const PAGE_SIZE = 10;
export const MAX_OFFSET = 10000; // the server refuses deeper paging
export const MAX_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE) + 1;
export const CSV_PAGE = 100; // the server's largest limit
export const CSV_CAP = 2000;
export const FACET_SHOWN = 8;
export const FACET_FILTER_MIN = 12;
export const SEARCH_DELAY = 250;
export const SUGGEST_DELAY = 120;

// ---------------------------------------------------------------------------------------------
// Small helpers

export const $ = (sel, root = document) => root.querySelector(sel);

/** Create an element. attrs: class, text, dataset, on<event>, or plain attributes. */
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid == null || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svgEl(tag, attrs, ...kids) {
  const el = document.createElementNS(SVG_NS, tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const kid of kids) {
    if (kid == null) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  return wrapped;
}

const numberFmt = new Intl.NumberFormat('zh-CN');
export const fmtInt = (n) => numberFmt.format(Number(n) || 0);
export function fmtMs(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n)) return '—';
  if (n < 1) return '<1';
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}

export function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** GET a JSON resource; non-2xx answers become ApiError carrying the server's message. */
export async function fetchJSON(url, { signal } = {}) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('无法连接到检索服务，请检查网络或稍后重试。', 0, 'network');
  }
  if (!res.ok) {
    let message = `请求失败（HTTP ${res.status}）`;
    let code = `http_${res.status}`;
    try {
      const body = await res.json();
      if (body && body.error) {
        if (body.error.message) message = String(body.error.message);
        if (body.error.code) code = String(body.error.code);
      }
    } catch {
      /* not JSON: keep the generic message */
    }
    throw new ApiError(message, res.status, code);
  }
  try {
    return await res.json();
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('服务器返回的数据无法解析。', res.status, 'bad_json');
  }
}

export const isAbort = (err) => err && err.name === 'AbortError';
export const isMissing = (err) => err instanceof ApiError && [404, 405, 501].includes(err.status);

// HTML entities that the server's escaping can produce (plus numeric ones).
const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ent) => {
    if (ent[0] === '#') {
      const cp = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      if (Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
        return String.fromCodePoint(cp);
      }
      return whole;
    }
    const named = NAMED_ENTITIES[ent.toLowerCase()];
    return named === undefined ? whole : named;
  });
}

/**
 * Turn a server snippet (escaped text with <mark>…</mark>) into DOM nodes without ever
 * parsing it as HTML: only the literal tags <mark> and </mark> are structure; every other
 * piece becomes a text node, so even a malicious snippet cannot create elements.
 */
export function snippetNodes(snippet) {
  const frag = document.createDocumentFragment();
  let inMark = false;
  for (const part of String(snippet ?? '').split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') {
      inMark = true;
      continue;
    }
    if (part === '</mark>') {
      inMark = false;
      continue;
    }
    if (!part) continue;
    const text = decodeEntities(part);
    frag.append(inMark ? h('mark', null, text) : document.createTextNode(text));
  }
  return frag;
}

/** Words of a query worth highlighting in full passage text (no operators, no field filters). */
export function queryTerms(q) {
  const terms = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m;
  while ((m = re.exec(String(q || ''))) !== null) {
    let t = m[1] !== undefined ? m[1] : m[2];
    if (m[1] === undefined) {
      if (/^(OR|AND|NOT)$/.test(t) || t.startsWith('-')) continue;
      if (/^[a-z_]+:/i.test(t)) continue;
      t = t.replace(/^\+/, '').replace(/"/g, '');
    }
    t = t.trim();
    if (t) terms.push(t);
  }
  return [...new Set(terms)].slice(0, 12);
}

/** Append `text` to `parent`, wrapping occurrences of `terms` in <mark>; text nodes only. */
export function appendHighlighted(parent, text, terms) {
  text = String(text ?? '');
  if (!terms || !terms.length || !text) {
    parent.append(document.createTextNode(text));
    return;
  }
  const lower = text.toLowerCase();
  const caseFold = lower.length === text.length;
  const hay = caseFold ? lower : text;
  const ranges = [];
  for (const term of terms) {
    const needle = caseFold ? term.toLowerCase() : term;
    if (!needle) continue;
    let i = 0;
    while ((i = hay.indexOf(needle, i)) !== -1) {
      ranges.push([i, i + needle.length]);
      i += needle.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let pos = 0;
  for (const [s, e] of ranges) {
    if (e <= pos) continue;
    const start = Math.max(s, pos);
    if (start > pos) parent.append(document.createTextNode(text.slice(pos, start)));
    parent.append(h('mark', null, text.slice(start, e)));
    pos = e;
  }
  if (pos < text.length) parent.append(document.createTextNode(text.slice(pos)));
}

/**
 * Append `text` to `parent`, wrapping the UTF-8 byte ranges `spans` ([[start, end], …], as the
 * server gives them) in <mark>; text nodes only.
 */
export function appendSpans(parent, text, spans) {
  text = String(text ?? '');
  // JS strings index UTF-16 units: map each UTF-8 byte offset at a code point start to one.
  const at = new Map();
  let bytes = 0;
  let units = 0;
  for (const ch of text) {
    at.set(bytes, units);
    const cp = ch.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    units += ch.length;
  }
  at.set(bytes, units);
  let pos = 0;
  for (const [a, b] of Array.isArray(spans) ? spans : []) {
    const s = at.get(a);
    const e = at.get(b);
    if (s == null || e == null || s < pos || e <= s) continue;
    if (s > pos) parent.append(document.createTextNode(text.slice(pos, s)));
    parent.append(h('mark', null, text.slice(s, e)));
    pos = e;
  }
  if (pos < text.length) parent.append(document.createTextNode(text.slice(pos)));
}

// ---- CSV (RFC 4180, UTF-8 with BOM so Excel reads Chinese correctly) ----

function csvField(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export function toCsv(header, rows) {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
export function downloadText(text, filename, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
export function fileStamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
}
export function fileSafe(s) {
  return String(s || '').replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
}

// ---- clipboard and toast ----

export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall back below */
  }
  const ta = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
  ta.value = text;
  (document.querySelector('dialog[open]') || document.body).append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

let toastTimer = null;
export function toast(message) {
  const el = $('#toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 2600);
}

// ---------------------------------------------------------------------------------------------
// Shared data: document titles (for the doc facet), corpus facets, availability of optional APIs

export const docTitles = new Map();
export let idFormatSeen = false; // passage ids observed to be `<doc>-<3 digits>`
export function rememberTitle(rec) {
  if (rec && rec.doc && rec.title) docTitles.set(rec.doc, rec.title);
  if (rec && rec.doc && rec.id && /^\d{3,}$/.test(String(rec.id).slice(rec.doc.length + 1)) && String(rec.id).startsWith(`${rec.doc}-`)) {
    idFormatSeen = true;
  }
}

let corpusFacetsPromise = null;
export function corpusFacets() {
  if (!corpusFacetsPromise) {
    corpusFacetsPromise = fetchJSON(API.facets).catch(() => null);
  }
  return corpusFacetsPromise;
}

export const optional = { trend: true, commitments: true };

// ---------------------------------------------------------------------------------------------
// URL state

/** Search state from a query string: q, the filters (arrays), page. */
export function readSearchState(search = location.search) {
  const p = new URLSearchParams(search);
  const st = { q: p.get('q') || '', page: 1 };
  for (const k of FILTER_KEYS) st[k] = [...new Set(p.getAll(k).filter((v) => v !== ''))];
  const page = parseInt(p.get('page') || '1', 10);
  st.page = Number.isFinite(page) ? Math.min(Math.max(page, 1), MAX_PAGE) : 1;
  return st;
}

export function stateParams(st, { withPage = true } = {}) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const k of FILTER_KEYS) for (const v of st[k] || []) p.append(k, v);
  if (withPage && st.page > 1) p.set('page', String(st.page));
  return p;
}

export function searchHref(st) {
  const qs = stateParams(st).toString();
  return location.pathname + (qs ? `?${qs}` : '');
}

export function apiSearchUrl(st, limit, offset) {
  const p = stateParams(st, { withPage: false });
  p.set('q', st.q.trim());
  p.set('limit', String(limit));
  p.set('offset', String(offset));
  return `${API.search}?${p}`;
}

export const hasFilters = (st) => FILTER_KEYS.some((k) => st[k] && st[k].length);
export const cloneState = (st) => ({
  q: st.q,
  page: st.page,
  ...Object.fromEntries(FILTER_KEYS.map((k) => [k, [...(st[k] || [])]])),
});

export function passageHash(id) {
  return `#/p/${encodeURIComponent(id)}`;
}

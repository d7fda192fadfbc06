// plansearch web page: search, facets, passage view, trend chart, commitments table.
//
// Plain ES2020 module, no dependencies. Served under a strict Content-Security-Policy, so it
// never uses inline handlers, eval or string style assignment. Document text is only ever
// inserted as text nodes; the one server field carrying markup (`snippet`, with <mark>) is
// parsed by hand into text nodes and <mark> elements, never assigned as HTML.

const API = {
  search: '/api/search',
  passage: '/api/passages/',
  facets: '/api/facets',
  suggest: '/api/suggest',
  health: '/healthz',
  trend: '/api/trend',
  commitments: '/api/commitments',
};

const FACETS = [
  { key: 'sector', label: '篇章/部分' },
  { key: 'keyword', label: '关键词' },
  { key: 'doc', label: '文档' },
  { key: 'department', label: '部门' },
  { key: 'year', label: '年份' },
];
const FILTER_KEYS = FACETS.map((f) => f.key);
const FACET_LABEL = Object.fromEntries(FACETS.map((f) => [f.key, f.label]));

const PAGE_SIZE = 10;
const MAX_OFFSET = 10000; // the server refuses deeper paging
const MAX_PAGE = Math.floor(MAX_OFFSET / PAGE_SIZE) + 1;
const CSV_PAGE = 100; // the server's largest limit
const CSV_CAP = 2000;
const FACET_SHOWN = 8;
const FACET_FILTER_MIN = 12;
const SEARCH_DELAY = 250;
const SUGGEST_DELAY = 120;

// ---------------------------------------------------------------------------------------------
// Small helpers

const $ = (sel, root = document) => root.querySelector(sel);

/** Create an element. attrs: class, text, dataset, on<event>, or plain attributes. */
function h(tag, attrs, ...kids) {
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
function svgEl(tag, attrs, ...kids) {
  const el = document.createElementNS(SVG_NS, tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  for (const kid of kids) {
    if (kid == null) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

function debounce(fn, ms) {
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
const fmtInt = (n) => numberFmt.format(Number(n) || 0);
function fmtMs(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n)) return '—';
  if (n < 1) return '<1';
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}

function safeDecode(s) {
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
async function fetchJSON(url, { signal } = {}) {
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

const isAbort = (err) => err && err.name === 'AbortError';
const isMissing = (err) => err instanceof ApiError && [404, 405, 501].includes(err.status);

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
function snippetNodes(snippet) {
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
function queryTerms(q) {
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
function appendHighlighted(parent, text, terms) {
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

// ---- CSV (RFC 4180, UTF-8 with BOM so Excel reads Chinese correctly) ----

function csvField(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function toCsv(header, rows) {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
function downloadText(text, filename, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
function fileStamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
}
function fileSafe(s) {
  return String(s || '').replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
}

// ---- clipboard and toast ----

async function copyText(text) {
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
function toast(message) {
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

const docTitles = new Map();
let idFormatSeen = false; // passage ids observed to be `<doc>-<3 digits>`
function rememberTitle(rec) {
  if (rec && rec.doc && rec.title) docTitles.set(rec.doc, rec.title);
  if (rec && rec.doc && rec.id && /^\d{3,}$/.test(String(rec.id).slice(rec.doc.length + 1)) && String(rec.id).startsWith(`${rec.doc}-`)) {
    idFormatSeen = true;
  }
}

// The doc facet carries document ids; learn titles of documents not on the current page from
// their first passage (`<doc>-000`), once the id format has been seen in real hits.
const titleRequests = new Set();
function learnDocTitles(ids) {
  if (!idFormatSeen) return;
  const missing = ids.filter((id) => !docTitles.has(id) && !titleRequests.has(id)).slice(0, 30);
  for (const id of missing) {
    titleRequests.add(id);
    fetchJSON(API.passage + encodeURIComponent(`${id}-000`))
      .then((view) => {
        if (!view || !view.passage) return;
        rememberTitle(view.passage);
        relabelDocs();
      })
      .catch(() => {});
  }
}
function relabelDocs() {
  for (const b of document.querySelectorAll('.facet[data-facet="doc"] .facet-value')) {
    const title = docTitles.get(b.dataset.value);
    const label = b.querySelector('.facet-label');
    if (!title || !label || label.textContent === title) continue;
    label.textContent = title;
    b.closest('li').dataset.label = title;
    b.title = `${title}（${b.dataset.value}）`;
  }
  if (currentState.doc.length && baseView === 'search') renderActiveFilters(currentState);
}

let corpusFacetsPromise = null;
function corpusFacets() {
  if (!corpusFacetsPromise) {
    corpusFacetsPromise = fetchJSON(API.facets).catch(() => null);
  }
  return corpusFacetsPromise;
}

const optional = { trend: true, commitments: true };

// ---------------------------------------------------------------------------------------------
// URL state

/** Search state from a query string: q, the five filters (arrays), page. */
function readSearchState(search = location.search) {
  const p = new URLSearchParams(search);
  const st = { q: p.get('q') || '', page: 1 };
  for (const k of FILTER_KEYS) st[k] = [...new Set(p.getAll(k).filter((v) => v !== ''))];
  const page = parseInt(p.get('page') || '1', 10);
  st.page = Number.isFinite(page) ? Math.min(Math.max(page, 1), MAX_PAGE) : 1;
  return st;
}

function stateParams(st, { withPage = true } = {}) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const k of FILTER_KEYS) for (const v of st[k] || []) p.append(k, v);
  if (withPage && st.page > 1) p.set('page', String(st.page));
  return p;
}

function searchHref(st) {
  const qs = stateParams(st).toString();
  return location.pathname + (qs ? `?${qs}` : '');
}

function apiSearchUrl(st, limit, offset) {
  const p = stateParams(st, { withPage: false });
  p.set('q', st.q.trim());
  p.set('limit', String(limit));
  p.set('offset', String(offset));
  return `${API.search}?${p}`;
}

const hasFilters = (st) => FILTER_KEYS.some((k) => st[k] && st[k].length);
const cloneState = (st) => ({
  q: st.q,
  page: st.page,
  ...Object.fromEntries(FILTER_KEYS.map((k) => [k, [...(st[k] || [])]])),
});

function passageHash(id) {
  return `#/p/${encodeURIComponent(id)}`;
}

/** Navigate within the page: change the URL (push or replace) and render it. */
function navigate(url, { push = true } = {}) {
  const here = location.pathname + location.search + location.hash;
  if (url !== here) {
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
  route();
}

let typingPushed = false;
function goSearch(st, { push = true, fromTyping = false } = {}) {
  if (fromTyping) {
    navigate(searchHref(st), { push: push && !typingPushed });
    typingPushed = true;
  } else {
    typingPushed = false;
    navigate(searchHref(st), { push });
  }
}

// ---------------------------------------------------------------------------------------------
// Router

let baseView = null; // 'search' | 'commitments'
let passagePushed = false;

function route() {
  const hash = location.hash;
  const pm = /^#\/p\/(.+)$/.exec(hash);
  $('#tab-search').setAttribute('href', location.pathname + location.search);
  if (pm) {
    if (!baseView) showSearchView(readSearchState());
    openPassage(safeDecode(pm[1]));
    return;
  }
  closePassageDialog();
  if (hash === '#/commitments' || hash.startsWith('#/commitments?')) {
    const i = hash.indexOf('?');
    showCommitmentsView(new URLSearchParams(i >= 0 ? hash.slice(i + 1) : ''));
  } else {
    showSearchView(readSearchState());
  }
}

function setView(name) {
  baseView = name;
  $('#search-view').hidden = name !== 'search';
  $('#commitments-view').hidden = name !== 'commitments';
  const tabS = $('#tab-search');
  const tabC = $('#tab-commitments');
  if (name === 'search') {
    tabS.setAttribute('aria-current', 'page');
    tabC.removeAttribute('aria-current');
  } else {
    tabC.setAttribute('aria-current', 'page');
    tabS.removeAttribute('aria-current');
  }
}

// ---------------------------------------------------------------------------------------------
// Search view

const input = $('#q');
let lastSearchKey = null;
let currentState = readSearchState();
let lastResponse = null;
let searchCtl = null;
let loadingTimer = null;
let pendingFocus = null; // {facet, value} to refocus after a facet re-render
const expandedFacets = new Set();
const facetFilterText = new Map();
let facetsOpen = false;

function showSearchView(st) {
  setView('search');
  if (document.activeElement !== input && input.value !== st.q) input.value = st.q;
  const key = stateParams(st).toString();
  if (key === lastSearchKey) return;
  runSearch(st, key);
}

function setLoading(on) {
  const area = $('#results-area');
  clearTimeout(loadingTimer);
  area.setAttribute('aria-busy', on ? 'true' : 'false');
  if (on) loadingTimer = setTimeout(() => area.classList.add('loading'), 120);
  else area.classList.remove('loading');
}

async function runSearch(st, key) {
  lastSearchKey = key;
  currentState = st;
  if (searchCtl) searchCtl.abort();
  searchCtl = null;
  document.title = st.q.trim() ? `${st.q.trim()} · 规划文件检索` : '规划文件检索';

  if (!st.q.trim() && !hasFilters(st)) {
    showHome();
    return;
  }
  $('#home').hidden = true;
  $('#results-layout').hidden = false;

  const ctl = new AbortController();
  searchCtl = ctl;
  setLoading(true);
  try {
    const data = await fetchJSON(apiSearchUrl(st, PAGE_SIZE, (st.page - 1) * PAGE_SIZE), { signal: ctl.signal });
    if (ctl !== searchCtl) return;
    lastResponse = data;
    renderResults(st, data);
    // Only after the search succeeded: a query the server refuses would fail here too.
    loadTrend(st);
  } catch (err) {
    if (isAbort(err) || ctl !== searchCtl) return;
    lastSearchKey = null; // allow retrying the same search
    renderSearchError(st, err);
  } finally {
    if (ctl === searchCtl) setLoading(false);
  }
}

function showHome() {
  setLoading(false);
  lastResponse = null;
  $('#home').hidden = false;
  $('#results-layout').hidden = true;
  $('#result-count').textContent = '';
  delete $('#result-count').dataset.total;
  $('#hits').replaceChildren();
  $('#trend').hidden = true;
  loadHome();
}

let homeLoaded = false;
async function loadHome() {
  if (homeLoaded) return;
  homeLoaded = true;
  const facets = await corpusFacets();
  const kws = ((facets && facets.keyword) || []).filter((f) => f.value).slice(0, 12);
  if (kws.length) {
    $('#home-keywords').replaceChildren(
      ...kws.map((f) =>
        h('li', null,
          h('button', {
            type: 'button',
            class: 'chip-btn',
            onclick: () => {
              input.value = f.value;
              goSearch({ ...emptyFilters(), q: f.value, page: 1 });
            },
          }, f.value)),
      ),
    );
    $('#home-suggest').hidden = false;
  }
}

function emptyFilters() {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, []]));
}

function renderSearchError(st, err) {
  $('#error').replaceChildren(
    h('strong', null, '检索失败：'),
    err.message || String(err),
  );
  $('#error').hidden = false;
  $('#result-count').textContent = '';
  delete $('#result-count').dataset.total;
  $('#hits').replaceChildren();
  $('#pagination').hidden = true;
  $('#no-results').hidden = true;
  $('#notices').hidden = true;
  $('#csv-btn').hidden = true;
  $('#trend').hidden = true;
  renderActiveFilters(st);
}

function renderResults(st, data) {
  const hits = Array.isArray(data.hits) ? data.hits : [];
  const total = Number(data.total) || 0;
  hits.forEach(rememberTitle);
  $('#error').hidden = true;

  // count and timing (aria-live)
  const count = $('#result-count');
  count.dataset.total = String(total);
  const pages = pageCount(total);
  const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, '·');
  count.replaceChildren(
    '共 ', h('strong', null, fmtInt(total)), ' 条结果',
    ...(pages > 1 ? [sep(), `第 ${st.page} / ${fmtInt(pages)} 页`] : []),
    sep(),
    `用时 ${fmtMs(data.took_ms)} 毫秒`,
  );
  $('#csv-btn').hidden = total === 0;

  // notices
  const notices = (Array.isArray(data.notices) ? data.notices : []).filter(Boolean).map(String);
  if (data.matched === 'any' && !notices.length) {
    notices.push('没有段落同时包含全部检索词，以下为包含其中任意一个词的结果。');
  }
  $('#notices').replaceChildren(...notices.map((n) => h('p', { class: 'notice' }, n)));
  $('#notices').hidden = notices.length === 0;

  renderActiveFilters(st);
  renderFacets(st, data.facets || {});
  learnDocTitles([...((data.facets && data.facets.doc) || []).map((f) => String(f.value)), ...st.doc]);

  // hits
  const terms = queryTerms(st.q);
  $('#hits').replaceChildren(...hits.map((hit) => renderHit(hit, terms)));

  // no results / page out of range
  const nr = $('#no-results');
  if (total === 0) {
    renderNoResults(st, nr);
  } else if (!hits.length) {
    nr.replaceChildren(
      h('h3', null, '这一页没有结果'),
      h('p', null, '页码超出了结果范围。'),
      h('p', { class: 'try' }, h('button', { type: 'button', class: 'btn', onclick: () => goSearch({ ...cloneState(st), page: 1 }) }, '回到第 1 页')),
    );
    nr.hidden = false;
  } else {
    nr.hidden = true;
    nr.replaceChildren();
  }

  renderPagination(st, total);
}

function pageCount(total) {
  return Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE);
}

function crumbs(sector, keyword) {
  const parts = [sector, keyword].filter(Boolean);
  const out = [];
  parts.forEach((p, i) => {
    if (i) out.push(h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'));
    out.push(p);
  });
  return out;
}

function sourceText(src) {
  if (!src) return '';
  const lines = src.line_start === src.line_end || !src.line_end ? `第 ${src.line_start} 行` : `第 ${src.line_start}–${src.line_end} 行`;
  return `${src.file}，${lines}`;
}

function passageLink(id, label, cls) {
  return h('a', { href: passageHash(id), class: cls, dataset: { passage: id } }, label);
}

function renderHit(hit, terms) {
  const heading = hit.sector || hit.keyword ? crumbs(hit.sector, hit.keyword) : [hit.title || hit.id];
  const snippetSrc = hit.snippet && String(hit.snippet).trim() ? snippetNodes(hit.snippet) : null;
  const snippet = h('p', { class: 'snippet' });
  if (snippetSrc) snippet.append(snippetSrc);
  else appendHighlighted(snippet, String(hit.text || '').slice(0, 220), terms);

  const depts = Array.isArray(hit.departments) ? hit.departments : [];
  return h('li', { class: 'hit', dataset: { id: hit.id } },
    h('p', { class: 'hit-doc' },
      h('span', { class: 'hit-doc-title' }, `《${hit.title || hit.doc}》`),
      hit.year != null ? h('span', null, `${hit.year}年`) : null,
    ),
    h('h3', { class: 'hit-heading' }, passageLink(hit.id, heading)),
    snippet,
    h('div', { class: 'hit-foot' },
      depts.length
        ? h('ul', { class: 'tags', 'aria-label': '责任部门' },
          depts.map((d) => h('li', {
            class: 'tag tag-dept',
            title: d.terms && d.terms.length ? `匹配：${d.terms.join('、')}` : null,
          }, d.name)))
        : h('span'),
      h('span', { class: 'hit-links' },
        h('span', { class: 'hit-source' }, sourceText(hit.source)),
        passageLink(hit.id, '阅读全文 →', 'read-more'),
      ),
    ),
  );
}

function facetLabel(key, value) {
  if (key === 'doc') return docTitles.get(value) || value;
  if (key === 'year' && /^\d{4}$/.test(value)) return `${value}年`;
  return value;
}

function toggleFilter(key, value) {
  const st = cloneState(currentState);
  const list = st[key];
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  else list.push(value);
  st.page = 1;
  st.q = currentState.q;
  goSearch(st);
}

function clearFilters() {
  goSearch({ ...emptyFilters(), q: currentState.q, page: 1 });
}

function renderActiveFilters(st) {
  const box = $('#active-filters');
  const chips = [];
  for (const key of FILTER_KEYS) {
    for (const value of st[key] || []) {
      const label = facetLabel(key, value);
      chips.push(h('span', { class: 'filter-chip' },
        h('span', { class: 'filter-chip-name' }, `${FACET_LABEL[key]}：`),
        h('span', { class: 'filter-chip-value', title: label }, label),
        h('button', {
          type: 'button',
          'aria-label': `移除筛选 ${FACET_LABEL[key]}：${label}`,
          title: '移除',
          onclick: () => toggleFilter(key, value),
        }, '×'),
      ));
    }
  }
  box.replaceChildren();
  if (chips.length) {
    box.append(h('span', { class: 'active-label' }, '已选：'), ...chips,
      h('button', { type: 'button', class: 'link-btn', onclick: clearFilters }, '清除全部'));
  }
  box.hidden = chips.length === 0;
  $('#clear-filters-side').hidden = chips.length === 0;
  const toggle = $('#facets-toggle');
  toggle.textContent = chips.length ? `筛选（${chips.length}）` : '筛选';
}

function renderFacets(st, facets) {
  const box = $('#facet-groups');
  box.replaceChildren();
  let shown = 0;
  for (const { key, label } of FACETS) {
    let values = (Array.isArray(facets[key]) ? facets[key] : []).filter((v) => v && v.value !== '' && v.value != null);
    values = values.map((v) => ({ value: String(v.value), count: v.count }));
    const active = st[key] || [];
    for (const a of active) if (!values.some((v) => v.value === a)) values.unshift({ value: a, count: null });
    if (!values.length) continue;
    if (key === 'year') values.sort((a, b) => String(b.value).localeCompare(String(a.value), 'zh-CN', { numeric: true }));
    shown++;

    const headId = `facet-h-${key}`;
    const section = h('section', { class: 'facet', dataset: { facet: key }, 'aria-labelledby': headId });
    section.append(h('h3', { class: 'facet-title', id: headId },
      h('span', null, label),
      active.length ? h('span', { class: 'facet-count' }, `已选 ${active.length}`) : null));

    const expanded = expandedFacets.has(key);
    const filterText = (facetFilterText.get(key) || '').trim().toLowerCase();
    if (expanded && values.length > FACET_FILTER_MIN) {
      const fi = h('input', {
        type: 'search',
        class: 'facet-filter',
        placeholder: `筛选${label}…`,
        'aria-label': `在${label}中查找`,
      });
      fi.value = facetFilterText.get(key) || '';
      fi.addEventListener('input', () => {
        facetFilterText.set(key, fi.value);
        const t = fi.value.trim().toLowerCase();
        for (const li of section.querySelectorAll('.facet-list li')) {
          li.hidden = t !== '' && !li.dataset.label.toLowerCase().includes(t);
        }
      });
      section.append(fi);
    }

    const list = h('ul', { class: 'facet-list' });
    values.forEach((v, i) => {
      const isActive = active.includes(v.value);
      const text = facetLabel(key, v.value);
      const li = h('li', { dataset: { label: text } },
        h('button', {
          type: 'button',
          class: 'facet-value',
          'aria-pressed': isActive ? 'true' : 'false',
          title: key === 'doc' && text !== v.value ? `${text}（${v.value}）` : text,
          dataset: { value: v.value, count: v.count == null ? '' : String(v.count) },
          onclick: () => {
            pendingFocus = { facet: key, value: v.value };
            toggleFilter(key, v.value);
          },
        },
        h('span', { class: 'facet-check', 'aria-hidden': 'true' }),
        h('span', { class: 'facet-label' }, text),
        v.count != null ? h('span', { class: 'facet-count' }, fmtInt(v.count)) : null,
        ));
      if (!expanded && i >= FACET_SHOWN && !isActive) li.hidden = true;
      if (expanded && filterText && !text.toLowerCase().includes(filterText)) li.hidden = true;
      list.append(li);
    });
    section.append(list);
    if (values.length > FACET_SHOWN) {
      section.append(h('button', {
        type: 'button',
        class: 'link-btn facet-more',
        'aria-expanded': expanded ? 'true' : 'false',
        onclick: () => {
          if (expandedFacets.has(key)) expandedFacets.delete(key);
          else expandedFacets.add(key);
          renderFacets(currentState, (lastResponse && lastResponse.facets) || {});
          const again = $(`.facet[data-facet="${key}"] .facet-more`);
          if (again) again.focus();
        },
      }, expanded ? '收起' : `显示全部 ${values.length} 项`));
    }
    box.append(section);
  }
  if (!shown) box.append(h('p', { class: 'facet-empty' }, '当前结果没有可用的筛选项。'));

  if (pendingFocus) {
    const { facet, value } = pendingFocus;
    pendingFocus = null;
    const btn = [...box.querySelectorAll(`.facet[data-facet="${facet}"] .facet-value`)].find((b) => b.dataset.value === value);
    if (btn) btn.focus({ preventScroll: true });
  }
}

function pageWindow(cur, last) {
  const span = window.innerWidth < 600 ? 1 : 2;
  const set = new Set([1, last]);
  for (let i = cur - span; i <= cur + span; i++) if (i >= 1 && i <= last) set.add(i);
  const pages = [...set].sort((a, b) => a - b);
  const out = [];
  pages.forEach((p, i) => {
    if (i && p - pages[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

function renderPagination(st, total) {
  const nav = $('#pagination');
  const last = pageCount(total);
  if (last <= 1) {
    nav.hidden = true;
    nav.replaceChildren();
    return;
  }
  const link = (page, label, extra = {}) => {
    const disabled = page < 1 || page > last;
    if (disabled) return h('a', { class: 'page-link', 'aria-disabled': 'true', role: 'link', ...extra }, label);
    return h('a', {
      class: 'page-link',
      href: searchHref({ ...st, page }),
      dataset: { page: String(page) },
      ...extra,
    }, label);
  };
  const items = [link(st.page - 1, '上一页', { rel: 'prev' })];
  for (const p of pageWindow(st.page, last)) {
    if (p === null) items.push(h('span', { class: 'page-gap', 'aria-hidden': 'true' }, '…'));
    else {
      items.push(link(p, String(p), {
        'aria-label': `第 ${p} 页`,
        'aria-current': p === st.page ? 'page' : null,
      }));
    }
  }
  items.push(link(st.page + 1, '下一页', { rel: 'next' }));
  nav.replaceChildren(...items);
  nav.hidden = false;
}

$('#pagination').addEventListener('click', (e) => {
  const a = e.target.closest('a[data-page]');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  goSearch({ ...cloneState(currentState), page: Number(a.dataset.page) });
  window.scrollTo({ top: 0 });
  $('#results-area').focus({ preventScroll: true });
});

// ---- no results ----

let noResultsSeq = 0;
function renderNoResults(st, box) {
  const q = st.q.trim();
  const filtered = hasFilters(st);
  box.replaceChildren(
    h('h3', null, q ? `没有找到与“${q}”相关的结果` : '没有符合条件的结果'),
    h('ul', { class: 'tips' },
      h('li', null, '检查检索词是否有错别字，或换用更常见、更简短的说法。'),
      h('li', null, '把长词拆成几个词，或用 OR 连接近义词，例如：机场 OR 航空。'),
      filtered ? h('li', null, '当前设置了筛选条件，移除部分条件可能会找到更多结果。') : null,
    ),
    filtered ? h('button', { type: 'button', class: 'btn', onclick: clearFilters }, '清除全部筛选条件') : null,
  );
  box.hidden = false;
  if (q) suggestAlternatives(q, box);
}

async function suggestAlternatives(q, box) {
  const seq = ++noResultsSeq;
  const first = q.split(/\s+/)[0].replace(/^[-+"]+|"+$/g, '');
  const chars = Array.from(first);
  const prefixes = [q];
  if (chars.length > 1) prefixes.push(chars.slice(0, chars.length - 1).join(''));
  if (chars.length > 3) prefixes.push(chars.slice(0, Math.ceil(chars.length / 2)).join(''));
  if (chars.length > 2) prefixes.push(chars.slice(0, 2).join(''));
  const seen = new Set([q]);
  const found = [];
  for (const p of [...new Set(prefixes)]) {
    if (found.length >= 6) break;
    let list;
    try {
      list = await fetchJSON(`${API.suggest}?q=${encodeURIComponent(p)}`);
    } catch {
      break;
    }
    if (seq !== noResultsSeq) return;
    for (const s of Array.isArray(list) ? list : []) {
      const text = s && s.text ? String(s.text) : '';
      if (text && !seen.has(text)) {
        seen.add(text);
        found.push(text);
      }
    }
  }
  if (seq !== noResultsSeq || !found.length || box.hidden) return;
  box.append(h('div', { class: 'try' },
    h('p', { class: 'try-title' }, '试试这些检索词：'),
    h('ul', { class: 'chip-list' }, found.slice(0, 6).map((text) =>
      h('li', null, h('button', {
        type: 'button',
        class: 'chip-btn',
        onclick: () => {
          input.value = text;
          goSearch({ ...cloneState(currentState), q: text, page: 1 });
        },
      }, text)))),
  ));
}

// ---- trend chart ----

let trendCtl = null;
let trendData = null; // {q, series}
async function loadTrend(st) {
  const fig = $('#trend');
  const q = st.q.trim();
  if (!optional.trend || !q) {
    fig.hidden = true;
    trendData = null;
    return;
  }
  if (trendData && trendData.q === q) {
    drawTrend();
    return;
  }
  if (trendCtl) trendCtl.abort();
  const ctl = new AbortController();
  trendCtl = ctl;
  try {
    const data = await fetchJSON(`${API.trend}?q=${encodeURIComponent(q)}`, { signal: ctl.signal });
    if (ctl !== trendCtl) return;
    const byYear = new Map();
    for (const s of Array.isArray(data.series) ? data.series : []) {
      const y = Number(s.year);
      if (Number.isInteger(y)) byYear.set(y, { year: y, passages: Number(s.passages) || 0, documents: Number(s.documents) || 0 });
    }
    let series = [...byYear.values()].sort((a, b) => a.year - b.year);
    // Fill gaps so the bars keep the time scale (within a sane span).
    if (series.length >= 2) {
      const lo = series[0].year;
      const hi = series[series.length - 1].year;
      if (hi - lo <= 40) {
        series = [];
        for (let y = lo; y <= hi; y++) series.push(byYear.get(y) || { year: y, passages: 0, documents: 0 });
      }
    }
    trendData = { q, series };
    drawTrend();
  } catch (err) {
    if (isAbort(err) || ctl !== trendCtl) return;
    if (isMissing(err)) optional.trend = false;
    trendData = null;
    fig.hidden = true;
  }
}

function drawTrend() {
  const fig = $('#trend');
  if (!trendData || baseView !== 'search') return;
  const { q, series } = trendData;
  const nonZero = series.filter((s) => s.passages > 0).length;
  if (series.length < 2 || nonZero === 0) {
    fig.hidden = true;
    return;
  }
  fig.hidden = false;
  const width = Math.max(280, Math.round(fig.clientWidth - 36) || 600);
  const height = 108;
  const top = 18;
  const bottom = 22;
  const side = 6;
  const innerW = width - side * 2;
  const innerH = height - top - bottom;
  const max = Math.max(...series.map((s) => s.passages), 1);
  const slot = innerW / series.length;
  const barW = Math.max(4, Math.min(36, slot * 0.56));
  const labelEvery = slot < 34 ? Math.ceil(34 / slot) : 1;
  const summary = series.filter((s) => s.passages > 0).map((s) => `${s.year}年 ${s.passages} 段`).join('，');

  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    height: String(height),
    role: 'img',
    'aria-label': `“${q}”各年份出现的段落数：${summary}`,
    preserveAspectRatio: 'none',
  });
  svg.append(svgEl('line', { class: 'axis', x1: side, x2: width - side, y1: top + innerH + 0.5, y2: top + innerH + 0.5 }));
  series.forEach((s, i) => {
    const cx = side + slot * i + slot / 2;
    const bh = s.passages > 0 ? Math.max(2, (s.passages / max) * innerH) : 0;
    const g = svgEl('g', null);
    g.append(svgEl('title', null, `${s.year}年：${s.passages} 个段落，${s.documents} 份文档`));
    if (bh > 0) {
      g.append(svgEl('rect', { class: 'bar', x: (cx - barW / 2).toFixed(1), y: (top + innerH - bh).toFixed(1), width: barW.toFixed(1), height: bh.toFixed(1), rx: 3 }));
      g.append(svgEl('text', { class: 'bar-label', x: cx.toFixed(1), y: (top + innerH - bh - 5).toFixed(1) }, String(s.passages)));
    }
    if (i % labelEvery === 0 || i === series.length - 1) {
      g.append(svgEl('text', { class: 'year-label', x: cx.toFixed(1), y: height - 5 }, String(s.year)));
    }
    svg.append(g);
  });
  fig.replaceChildren(
    h('figcaption', null,
      h('span', { class: 'trend-title' }, h('strong', null, '趋势'), `“${q}”在各年份文档中出现的段落数`),
      h('span', { class: 'trend-legend' }, `${series[0].year}–${series[series.length - 1].year}`)),
    svg,
  );
}

window.addEventListener('resize', debounce(() => {
  if (!$('#trend').hidden) drawTrend();
}, 200));

// ---- CSV of the current search ----

async function downloadSearchCsv() {
  const btn = $('#csv-btn');
  const label = btn.querySelector('.btn-label');
  if (btn.disabled) return;
  const st = cloneState(currentState);
  btn.disabled = true;
  const rows = [];
  let total = Infinity;
  try {
    let offset = 0;
    while (offset < total && rows.length < CSV_CAP && offset <= MAX_OFFSET) {
      label.textContent = `正在导出… ${rows.length}`;
      const data = await fetchJSON(apiSearchUrl(st, CSV_PAGE, offset));
      total = Number(data.total) || 0;
      const hits = Array.isArray(data.hits) ? data.hits : [];
      if (!hits.length) break;
      rows.push(...hits);
      offset += hits.length;
    }
    const header = ['id', 'title', 'sector', 'keyword', 'text', 'source'];
    const body = rows.slice(0, CSV_CAP).map((r) => [
      r.id, r.title, r.sector, r.keyword, r.text,
      r.source ? `${r.source.file}:${r.source.line_start}-${r.source.line_end}` : '',
    ]);
    downloadText(toCsv(header, body), `规划检索_${fileSafe(st.q) || '结果'}_${fileStamp()}.csv`);
    toast(total > CSV_CAP ? `已导出前 ${fmtInt(CSV_CAP)} 条（共 ${fmtInt(total)} 条）` : `已导出 ${fmtInt(body.length)} 条结果`);
  } catch (err) {
    toast(`导出失败：${err.message || err}`);
  } finally {
    btn.disabled = false;
    label.textContent = '下载 CSV';
  }
}
$('#csv-btn').addEventListener('click', downloadSearchCsv);

// ---- search box, suggestions ----

const sugg = { items: [], active: -1, ctl: null };
const suggestList = $('#suggestions');

function closeSuggest() {
  if (sugg.ctl) sugg.ctl.abort();
  sugg.ctl = null;
  sugg.items = [];
  sugg.active = -1;
  suggestList.hidden = true;
  suggestList.replaceChildren();
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function renderSuggest() {
  const typed = input.value.trim();
  suggestList.replaceChildren(...sugg.items.map((it, i) => {
    const text = h('span', { class: 'suggestion-text' });
    appendHighlighted(text, it.text, typed ? [typed] : []);
    return h('li', {
      id: `sugg-${i}`,
      role: 'option',
      'aria-selected': i === sugg.active ? 'true' : 'false',
      dataset: { index: String(i) },
    }, text, h('span', { class: 'suggestion-kind' }, it.kind === 'keyword' ? '标题' : it.kind === 'term' ? '词语' : ''));
  }));
  const open = sugg.items.length > 0;
  suggestList.hidden = !open;
  input.setAttribute('aria-expanded', open ? 'true' : 'false');
  if (open && sugg.active >= 0) input.setAttribute('aria-activedescendant', `sugg-${sugg.active}`);
  else input.removeAttribute('aria-activedescendant');
  const act = suggestList.querySelector('[aria-selected="true"]');
  if (act) act.scrollIntoView({ block: 'nearest' });
}

const scheduleSuggest = debounce(async () => {
  const q = input.value;
  if (!q.trim() || document.activeElement !== input) {
    closeSuggest();
    return;
  }
  if (sugg.ctl) sugg.ctl.abort();
  const ctl = new AbortController();
  sugg.ctl = ctl;
  let list;
  try {
    list = await fetchJSON(`${API.suggest}?q=${encodeURIComponent(q.trim())}`, { signal: ctl.signal });
  } catch {
    if (ctl === sugg.ctl) closeSuggest();
    return;
  }
  if (ctl !== sugg.ctl || input.value !== q || document.activeElement !== input) return;
  const seen = new Set();
  sugg.items = (Array.isArray(list) ? list : [])
    .filter((s) => s && s.text && String(s.text) !== q.trim())
    .map((s) => ({ text: String(s.text), kind: String(s.kind || '') }))
    .filter((s) => !seen.has(s.text) && seen.add(s.text))
    .slice(0, 8);
  sugg.active = -1;
  renderSuggest();
}, SUGGEST_DELAY);

const scheduleSearch = debounce(() => {
  const st = { ...cloneState(readSearchState()), q: input.value, page: 1 };
  if (location.hash.startsWith('#/commitments')) setView('search');
  goSearch(st, { fromTyping: true });
}, SEARCH_DELAY);

function applySuggestion(current, text) {
  const cur = current.trim();
  if (!/\s/.test(cur) || text.includes(cur)) return text;
  return cur.replace(/\S+$/, text);
}

function chooseSuggestion(i) {
  const it = sugg.items[i];
  if (!it) return;
  input.value = applySuggestion(input.value, it.text);
  closeSuggest();
  commitSearch();
}

function commitSearch() {
  scheduleSearch.cancel();
  scheduleSuggest.cancel();
  closeSuggest();
  const st = { ...cloneState(readSearchState()), q: input.value, page: 1 };
  const wasTyping = typingPushed;
  typingPushed = false;
  // If the typed query already produced this URL (replaceState while typing), keep the entry.
  navigate(searchHref(st), { push: !wasTyping });
}

// While an IME is composing (pinyin and the like), wait for the characters it commits.
input.addEventListener('input', (e) => {
  if (e.isComposing) return;
  scheduleSuggest();
  scheduleSearch();
});
input.addEventListener('compositionend', () => {
  scheduleSuggest();
  scheduleSearch();
});

input.addEventListener('keydown', (e) => {
  if (e.isComposing || e.keyCode === 229) return; // keys meant for the IME
  const open = !suggestList.hidden && sugg.items.length > 0;
  switch (e.key) {
    case 'ArrowDown':
      if (!open) {
        scheduleSuggest();
        return;
      }
      e.preventDefault();
      sugg.active = (sugg.active + 1) % sugg.items.length;
      renderSuggest();
      break;
    case 'ArrowUp':
      if (!open) return;
      e.preventDefault();
      sugg.active = sugg.active <= 0 ? sugg.items.length - 1 : sugg.active - 1;
      renderSuggest();
      break;
    case 'Enter':
      if (open && sugg.active >= 0) {
        e.preventDefault();
        chooseSuggestion(sugg.active);
      }
      break;
    case 'Escape':
      // Close the list; never let the browser's search-field Escape wipe the query.
      e.preventDefault();
      if (open) closeSuggest();
      break;
    case 'Tab':
      closeSuggest();
      break;
    default:
  }
});

input.addEventListener('blur', () => {
  setTimeout(() => {
    if (document.activeElement !== input) closeSuggest();
  }, 100);
});

// Keep focus in the box while clicking a suggestion.
suggestList.addEventListener('mousedown', (e) => e.preventDefault());
suggestList.addEventListener('click', (e) => {
  const li = e.target.closest('li[data-index]');
  if (li) chooseSuggestion(Number(li.dataset.index));
});

$('#search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  commitSearch();
});

// "/" anywhere focuses the search box.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  const t = e.target;
  if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  e.preventDefault();
  if ($('#passage-dialog').open) $('#passage-dialog').close();
  input.focus();
  input.select();
});

$('#clear-filters-side').addEventListener('click', clearFilters);

$('#facets-toggle').addEventListener('click', () => {
  facetsOpen = !facetsOpen;
  $('#facets').classList.toggle('open', facetsOpen);
  $('#facets-toggle').setAttribute('aria-expanded', facetsOpen ? 'true' : 'false');
});

$('#home-link').addEventListener('click', (e) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  input.value = '';
  goSearch({ ...emptyFilters(), q: '', page: 1 });
});

$('#tab-search').addEventListener('click', (e) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  navigate(location.pathname + location.search);
});

$('#tab-commitments').addEventListener('click', (e) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  navigate(`${location.pathname}${location.search}${cm.hash || '#/commitments'}`);
});

// ---------------------------------------------------------------------------------------------
// Passage view (modal dialog; route #/p/ID)

const dialog = $('#passage-dialog');
let passageCtl = null;
let passageShown = null; // id currently loaded
let lastFocus = null;

document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[data-passage]');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const url = location.pathname + location.search + passageHash(a.dataset.passage);
  if (dialog.open) {
    navigate(url, { push: false }); // moving between neighbours: one history entry
  } else {
    passagePushed = true;
    navigate(url, { push: true });
  }
});

function citationFor(p) {
  const src = p.source || {};
  const where = [p.sector, p.keyword].filter(Boolean).join(' › ');
  const lines = src.line_start === src.line_end || !src.line_end ? `第${src.line_start}行` : `第${src.line_start}–${src.line_end}行`;
  return `《${p.title}》，${where ? `${where}，` : ''}${lines}（${src.file}）`;
}

function openPassage(id) {
  if (!dialog.open) {
    const active = document.activeElement;
    lastFocus = active && active !== document.body ? active : null;
    dialog.showModal();
    document.documentElement.classList.add('dialog-open');
  }
  if (passageShown === id) return;
  passageShown = id;
  if (passageCtl) passageCtl.abort();
  const ctl = new AbortController();
  passageCtl = ctl;
  $('#passage-doc').textContent = '';
  $('#passage-title').textContent = '正在加载…';
  $('#passage-body').replaceChildren(h('p', { class: 'dialog-status' }, '正在加载段落…'));
  fetchJSON(API.passage + encodeURIComponent(id), { signal: ctl.signal })
    .then((view) => {
      if (ctl !== passageCtl) return;
      renderPassage(view);
    })
    .catch((err) => {
      if (isAbort(err) || ctl !== passageCtl) return;
      passageShown = null;
      $('#passage-title').textContent = err.status === 404 ? '未找到该段落' : '无法加载段落';
      $('#passage-body').replaceChildren(
        h('p', { class: 'error-box', role: 'alert' },
          err.status === 404 ? `编号为“${id}”的段落不存在，可能索引已经更新。` : err.message || String(err)),
      );
    });
}

function renderPassage(view) {
  const p = view.passage;
  rememberTitle(p);
  const terms = queryTerms(currentState.q);
  document.title = `${p.title} · ${[p.sector, p.keyword].filter(Boolean).join(' › ')} · 规划文件检索`;
  $('#passage-doc').replaceChildren(
    `《${p.title}》${p.year != null ? ` · ${p.year}年` : ''}`,
    h('span', { class: 'passage-doc-source' }, sourceText(p.source)),
  );
  $('#passage-title').replaceChildren(...(p.sector || p.keyword ? crumbs(p.sector, p.keyword) : [p.title]));

  const context = (list, label) => (Array.isArray(list) && list.length
    ? h('div', { class: 'context' }, list.map((c) => {
      rememberTitle(c);
      const text = h('p');
      appendHighlighted(text, c.text, terms);
      return h('div', { class: 'context-item' },
        h('p', { class: 'context-head' },
          h('span', { class: 'context-label' }, label),
          passageLink(c.id, '查看此段')),
        text);
    }))
    : null);

  const mainText = h('p', { class: 'passage-text' });
  appendHighlighted(mainText, p.text, terms);
  const path = Array.isArray(p.section) && p.section.length ? p.section.join(' › ') : '';

  const depts = Array.isArray(p.departments) ? p.departments : [];
  const tags = [p.sector, p.keyword, p.year != null ? `${p.year}年` : null].filter(Boolean);
  const citation = citationFor(p);

  const copyBtn = h('button', { type: 'button', class: 'btn', id: 'copy-citation' }, '复制引用');
  copyBtn.addEventListener('click', async () => {
    const ok = await copyText(citation);
    copyBtn.textContent = ok ? '已复制' : '复制失败';
    toast(ok ? '引用已复制到剪贴板' : '无法访问剪贴板，请手动选择引用文字复制');
    setTimeout(() => {
      copyBtn.textContent = '复制引用';
    }, 2000);
  });
  const linkBtn = h('button', { type: 'button', class: 'btn btn-quiet' }, '复制链接');
  linkBtn.addEventListener('click', async () => {
    const ok = await copyText(location.href);
    toast(ok ? '链接已复制' : '无法访问剪贴板，请从地址栏复制链接');
  });

  const row = (key, ...value) => h('div', { class: 'meta-row' }, h('span', { class: 'meta-key' }, key), h('div', { class: 'meta-value' }, ...value));

  $('#passage-body').replaceChildren(
    context(view.before, '上文'),
    h('article', { class: 'passage-main', dataset: { id: p.id } },
      path ? h('p', { class: 'passage-path' }, path) : null,
      mainText),
    context(view.after, '下文'),
    h('div', { class: 'passage-meta' },
      row('标签', h('ul', { class: 'tags' }, tags.map((t) => h('li', { class: 'tag' }, t)))),
      row('责任部门', depts.length
        ? h('ul', { class: 'dept-list' }, depts.map((d) => h('li', null,
          h('span', { class: 'tag tag-dept' }, d.name),
          d.terms && d.terms.length ? h('span', { class: 'dept-why' }, `为什么：${d.terms.join('、')}`) : null)))
        : h('span', { class: 'dept-why' }, '未识别出明确的责任部门')),
      row('出处', h('span', { class: 'source-line' }, sourceText(p.source))),
      row('引用',
        h('div', { class: 'cite-box' },
          h('p', { class: 'cite-text', id: 'citation-text' }, citation),
          copyBtn,
          linkBtn)),
    ),
  );
  const bodyEl = $('#passage-body');
  const mainEl = bodyEl.querySelector('.passage-main');
  bodyEl.scrollTop = mainEl && view.before && view.before.length ? Math.max(0, mainEl.offsetTop - 72) : 0;
  $('#passage-title').focus({ preventScroll: true });
}

function closePassageDialog() {
  passageShown = null;
  if (passageCtl) passageCtl.abort();
  passageCtl = null;
  if (dialog.open) dialog.close();
}

dialog.addEventListener('close', () => {
  document.documentElement.classList.remove('dialog-open');
  passageShown = null;
  if (lastFocus && document.contains(lastFocus)) lastFocus.focus({ preventScroll: true });
  lastFocus = null;
  if (/^#\/p\//.test(location.hash)) {
    // Closed by the user (button, Esc, backdrop): leave the passage route.
    if (passagePushed) {
      passagePushed = false;
      history.back();
    } else {
      history.replaceState(null, '', location.pathname + location.search + (baseView === 'commitments' ? cm.hash || '#/commitments' : ''));
      route();
    }
  } else {
    passagePushed = false;
  }
  if (baseView === 'search') document.title = currentState.q.trim() ? `${currentState.q.trim()} · 规划文件检索` : '规划文件检索';
});
$('#passage-close').addEventListener('click', () => dialog.close());
dialog.addEventListener('click', (e) => {
  if (e.target === dialog) dialog.close(); // click on the backdrop
});

// ---------------------------------------------------------------------------------------------
// Commitments view (route #/commitments?department=&year=&sector=&kind=)

const cm = {
  key: null,
  hash: null,
  rows: [],
  ctl: null,
  sort: { key: null, dir: 'asc' },
  fillPromise: null,
};
const CM_PARAMS = ['department', 'year', 'sector', 'kind'];
const CM_COLUMNS = [
  { key: 'kind', label: '类型' },
  { key: 'text', label: '内容' },
  { key: 'metric', label: '指标' },
  { key: 'value', label: '目标值' },
  { key: 'year', label: '年份' },
  { key: 'sector', label: '篇章' },
  { key: 'departments', label: '责任部门' },
  { key: 'source', label: '出处', sortable: false },
];
const KIND_LABEL = { target: '目标', project: '项目' };
const COMPARATOR_LABEL = {
  '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '', '==': '',
  ge: '≥', gte: '≥', le: '≤', lte: '≤', gt: '>', lt: '<', eq: '', at_least: '≥', at_most: '≤',
};

function cmDepartments(r) {
  return (Array.isArray(r.departments) ? r.departments : [])
    .map((d) => (d && typeof d === 'object' ? d.name : d))
    .filter(Boolean)
    .map(String);
}
function cmValueText(r) {
  if (r.value == null || r.value === '') return '';
  const cmp = r.comparator == null ? '' : String(r.comparator);
  const sym = Object.prototype.hasOwnProperty.call(COMPARATOR_LABEL, cmp) ? COMPARATOR_LABEL[cmp] : cmp;
  return [sym, `${r.value}${r.unit ? ` ${r.unit}` : ''}`].filter(Boolean).join(' ');
}
function cmSortValue(r, key) {
  switch (key) {
    case 'kind': return KIND_LABEL[r.kind] || r.kind || '';
    case 'value': {
      const n = Number(r.value);
      return r.value == null || r.value === '' ? null : Number.isFinite(n) ? n : String(r.value);
    }
    case 'year': return r.year == null ? null : Number(r.year);
    case 'departments': return cmDepartments(r).join('、');
    default: return r[key] == null ? '' : String(r[key]);
  }
}
const collator = new Intl.Collator('zh-CN', { numeric: true });
function cmCompare(a, b, key) {
  const x = cmSortValue(a, key);
  const y = cmSortValue(b, key);
  const xe = x === null || x === '';
  const ye = y === null || y === '';
  if (xe || ye) return xe === ye ? 0 : xe ? 1 : -1; // empty cells last, whatever the direction
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return collator.compare(String(x), String(y));
}

function cmParamsFromForm() {
  const p = new URLSearchParams();
  for (const k of CM_PARAMS) {
    const v = $(`#cm-${k}`).value;
    if (v) p.set(k, v);
  }
  return p;
}

function ensureOption(select, value, label) {
  if (!value) return;
  if (![...select.options].some((o) => o.value === value)) select.append(h('option', { value }, label || value));
}

function fillCmSelects() {
  if (!cm.fillPromise) cm.fillPromise = fillCmSelectsOnce();
  return cm.fillPromise;
}

async function fillCmSelectsOnce() {
  const facets = await corpusFacets();
  if (!facets) return;
  const fill = (sel, list, fmt) => {
    for (const f of Array.isArray(list) ? list : []) {
      if (!f || !f.value) continue;
      ensureOption(sel, String(f.value), `${fmt ? fmt(f.value) : f.value}（${fmtInt(f.count)}）`);
    }
  };
  fill($('#cm-department'), facets.department);
  const years = [...(Array.isArray(facets.year) ? facets.year : [])].sort((a, b) => collator.compare(String(b.value), String(a.value)));
  fill($('#cm-year'), years, (v) => (/^\d{4}$/.test(v) ? `${v}年` : v));
  fill($('#cm-sector'), facets.sector);
}

async function showCommitmentsView(params) {
  setView('commitments');
  document.title = '目标与承诺 · 规划文件检索';
  const key = new URLSearchParams([...params].filter(([k, v]) => CM_PARAMS.includes(k) && v)).toString();
  cm.hash = key ? `#/commitments?${key}` : '#/commitments';
  await fillCmSelects();
  for (const k of CM_PARAMS) {
    const sel = $(`#cm-${k}`);
    const v = params.get(k) || '';
    ensureOption(sel, v);
    sel.value = v;
  }
  if (!optional.commitments) {
    renderCmUnavailable();
    return;
  }
  if (key === cm.key) {
    if (!cm.ctl) renderCmTable(); // loaded already (or by the start-up probe)
    return;
  }
  cm.key = key;
  if (cm.ctl) cm.ctl.abort();
  const ctl = new AbortController();
  cm.ctl = ctl;
  $('#cm-count').textContent = '正在加载…';
  $('#cm-error').hidden = true;
  try {
    const data = await fetchJSON(`${API.commitments}${key ? `?${key}` : ''}`, { signal: ctl.signal });
    if (ctl !== cm.ctl) return;
    cm.rows = Array.isArray(data) ? data : Array.isArray(data && data.items) ? data.items : [];
    renderCmTable();
  } catch (err) {
    if (isAbort(err) || ctl !== cm.ctl) return;
    cm.key = null;
    if (isMissing(err) && !key) {
      optional.commitments = false;
      $('#tab-commitments').hidden = true;
      $('.tabs').hidden = true;
      renderCmUnavailable();
      return;
    }
    $('#cm-error').textContent = `加载失败：${err.message || err}`;
    $('#cm-error').hidden = false;
    $('#cm-count').textContent = '';
    cm.rows = [];
    renderCmTable();
  } finally {
    if (ctl === cm.ctl) cm.ctl = null;
  }
}

function renderCmUnavailable() {
  $('#cm-error').textContent = '“目标与承诺”功能暂不可用：服务器尚未提供该数据。';
  $('#cm-error').hidden = false;
  $('#cm-count').textContent = '';
  $('#cm-body').replaceChildren();
  $('#cm-head-row').replaceChildren();
  $('#cm-empty').hidden = true;
  $('#cm-csv-btn').hidden = true;
}

function sortedCmRows() {
  const rows = [...cm.rows];
  const { key, dir } = cm.sort;
  if (key) {
    rows.sort((a, b) => {
      const c = cmCompare(a, b, key);
      const x = cmSortValue(a, key);
      const y = cmSortValue(b, key);
      const empty = x === null || x === '' || y === null || y === '';
      return empty ? c : dir === 'asc' ? c : -c;
    });
  }
  return rows;
}

function renderCmTable() {
  const head = $('#cm-head-row');
  head.replaceChildren(...CM_COLUMNS.map((col) => {
    const sorted = cm.sort.key === col.key;
    const th = h('th', {
      scope: 'col',
      'aria-sort': col.sortable === false ? null : sorted ? (cm.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
    });
    if (col.sortable === false) th.append(col.label);
    else {
      th.append(h('button', {
        type: 'button',
        class: 'sort-btn',
        dataset: { sort: col.key },
        onclick: () => {
          cm.sort = cm.sort.key === col.key ? { key: col.key, dir: cm.sort.dir === 'asc' ? 'desc' : 'asc' } : { key: col.key, dir: 'asc' };
          renderCmTable();
          const again = $(`#cm-head-row [data-sort="${col.key}"]`);
          if (again) again.focus();
        },
      }, col.label));
    }
    return th;
  }));

  const rows = sortedCmRows();
  const td = (i, attrs, ...kids) => h('td', { ...attrs, dataset: { label: CM_COLUMNS[i].label } }, ...kids);
  $('#cm-body').replaceChildren(...rows.map((r) => h('tr', { dataset: { id: r.id == null ? '' : String(r.id) } },
    td(0, { class: 'cm-kind' }, h('span', { class: `kind-badge kind-${r.kind === 'project' ? 'project' : 'target'}` }, KIND_LABEL[r.kind] || r.kind || '—')),
    td(1, { class: 'cm-text' }, r.text == null ? '' : String(r.text)),
    td(2, null, r.metric || '—'),
    td(3, { class: 'cm-num' }, cmValueText(r) || '—'),
    td(4, { class: 'cm-num' }, r.year == null ? '—' : String(r.year)),
    td(5, null, [r.sector, r.keyword].filter(Boolean).join(' › ') || '—'),
    td(6, null, cmDepartments(r).length ? h('ul', { class: 'tags' }, cmDepartments(r).map((d) => h('li', { class: 'tag tag-dept' }, d))) : '—'),
    td(7, null, r.passage_id ? passageLink(String(r.passage_id), '查看原文') : '—'),
  )));
  $('#cm-count').replaceChildren('共 ', h('strong', null, fmtInt(rows.length)), ' 项');
  $('#cm-empty').hidden = rows.length > 0;
  $('#cm-csv-btn').hidden = rows.length === 0;
}

$('#cm-filters').addEventListener('change', () => {
  const p = cmParamsFromForm().toString();
  navigate(`${location.pathname}${location.search}#/commitments${p ? `?${p}` : ''}`, { push: false });
});
$('#cm-filters').addEventListener('submit', (e) => e.preventDefault());
$('#cm-reset').addEventListener('click', () => {
  navigate(`${location.pathname}${location.search}#/commitments`, { push: false });
});
$('#cm-csv-btn').addEventListener('click', () => {
  const header = ['id', 'passage_id', 'kind', 'text', 'metric', 'comparator', 'value', 'unit', 'year', 'sector', 'keyword', 'departments'];
  const body = sortedCmRows().map((r) => [
    r.id, r.passage_id, r.kind, r.text, r.metric, r.comparator, r.value, r.unit, r.year, r.sector, r.keyword,
    cmDepartments(r).join('；'),
  ]);
  const tag = [...cmParamsFromForm().values()].map(fileSafe).join('_');
  downloadText(toCsv(header, body), `目标与承诺${tag ? `_${tag}` : ''}_${fileStamp()}.csv`);
  toast(`已导出 ${fmtInt(body.length)} 项`);
});

// ---------------------------------------------------------------------------------------------
// Start

async function loadStats() {
  try {
    const s = await fetchJSON(API.health);
    if (s && s.documents != null) {
      const text = `已收录 ${fmtInt(s.documents)} 份文档、${fmtInt(s.passages)} 个段落`;
      $('#corpus-stats').textContent = `${text}。`;
      $('#corpus-stats').hidden = false;
      $('#footer-stats').textContent = text;
    }
  } catch {
    /* stats are decoration */
  }
}

async function probeCommitments() {
  if (location.hash.startsWith('#/commitments')) return; // the view itself will find out
  try {
    const rows = await fetchJSON(API.commitments);
    if (cm.key === null && Array.isArray(rows)) {
      cm.rows = rows;
      cm.key = '';
    }
  } catch (err) {
    if (isMissing(err)) {
      optional.commitments = false;
      $('#tab-commitments').hidden = true;
      $('.tabs').hidden = true;
    }
  }
}

window.addEventListener('popstate', () => {
  // Back/forward: the URL wins over whatever is in the box, even while it has focus.
  typingPushed = false;
  scheduleSearch.cancel();
  closeSuggest();
  const q = readSearchState().q;
  if (input.value !== q) input.value = q;
  route();
});
window.addEventListener('hashchange', route);

route();
loadStats();
setTimeout(probeCommitments, 400); // after the first search has gone out

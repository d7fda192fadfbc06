// Search view: running a search, the results list, facets, active filters, pagination, the
// home page and the no-results suggestions.

import {
  $, API, FACETS, FACET_FILTER_MIN, FACET_LABEL, FACET_SHOWN, FILTER_KEYS, LEVEL_LABEL, MAX_PAGE, PAGE_SIZE, periodLabel,
  apiSearchUrl, appendHighlighted, cloneState, corpusFacets, docTitles, fetchJSON, fmtInt, fmtMs, h,
  hasFilters, idFormatSeen, isAbort, passageHash, queryTerms, readSearchState, rememberTitle,
  searchHref, snippetNodes, stateParams,
} from './shared.js';
import { goSearch, nav, setView } from './router.js';
import { loadTrend } from './trend.js';

// ---------------------------------------------------------------------------------------------
// Search view

export const input = $('#q');
let lastSearchKey = null;
export let currentState = readSearchState();
let lastResponse = null;
let searchCtl = null;
let loadingTimer = null;
let pendingFocus = null; // {facet, value} to refocus after a facet re-render
const expandedFacets = new Set();
const facetFilterText = new Map();
let facetsOpen = false;

export function showSearchView(st) {
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

export function emptyFilters() {
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

export function crumbs(sector, keyword) {
  const parts = [sector, keyword].filter(Boolean);
  const out = [];
  parts.forEach((p, i) => {
    if (i) out.push(h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'));
    out.push(p);
  });
  return out;
}

export function sourceText(src) {
  if (!src) return '';
  const lines = src.line_start === src.line_end || !src.line_end ? `第 ${src.line_start} 行` : `第 ${src.line_start}–${src.line_end} 行`;
  return `${src.file}，${lines}`;
}

export function passageLink(id, label, cls) {
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
  if (key === 'level') return LEVEL_LABEL[value] || value;
  if (key === 'region') return value.split('/').pop();
  if (key === 'period') return periodLabel(value);
  return value;
}

// Period values are `plan`, `review` (counted with every year under them) and `plan/2025`, …:
// each kind, then its years, latest first, indented under it.
function periodTree(values) {
  const kinds = values.filter((v) => !v.value.includes('/'));
  const years = (k) => values
    .filter((v) => v.value.startsWith(`${k.value}/`))
    .sort((a, b) => b.value.localeCompare(a.value, 'en', { numeric: true }))
    .map((v) => ({ ...v, depth: 1 }));
  const listed = kinds.flatMap((k) => [{ ...k, depth: 0 }, ...years(k)]);
  // Selected values whose kind is not listed still show.
  return listed.concat(values.filter((v) => !listed.some((o) => o.value === v.value)));
}

// Region values are paths (广东省, 广东省/广州市, …) counted with every ancestor. Shown as a tree:
// provinces by count, and under a province its cities (and under a city its counties) when that
// province is selected, is the only one, or a place under it is selected.
function regionTree(values, active) {
  const depth = (v) => v.value.split('/').length;
  const parentOf = (v) => v.value.split('/').slice(0, -1).join('/');
  const open = (path) => values.filter((v) => depth(v) === 1).length === 1 && depth({ value: path }) === 1
    || active.some((a) => a === path || a.startsWith(`${path}/`));
  const children = new Map();
  for (const v of values) {
    const p = parentOf(v);
    if (!children.has(p)) children.set(p, []);
    children.get(p).push(v);
  }
  const out = [];
  const walk = (path, level) => {
    for (const v of children.get(path) || []) {
      out.push({ ...v, depth: level });
      if (open(v.value)) walk(v.value, level + 1);
    }
  };
  walk('', 0);
  // Selected places whose parents are not listed still show.
  for (const v of values) if (!out.some((o) => o.value === v.value) && active.includes(v.value)) out.push({ ...v, depth: 0 });
  return out;
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
    if (key === 'region') values = regionTree(values, active);
    if (key === 'period') values = periodTree(values);
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
      const li = h('li', { dataset: { label: text }, class: v.depth ? `facet-depth-${Math.min(v.depth, 3)}` : null },
        h('button', {
          type: 'button',
          class: 'facet-value',
          'aria-pressed': isActive ? 'true' : 'false',
          title: (key === 'doc' || key === 'region') && text !== v.value ? `${text}（${v.value}）` : text,
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
  if (currentState.doc.length && nav.baseView === 'search') renderActiveFilters(currentState);
}

$('#clear-filters-side').addEventListener('click', clearFilters);

$('#facets-toggle').addEventListener('click', () => {
  facetsOpen = !facetsOpen;
  $('#facets').classList.toggle('open', facetsOpen);
  $('#facets-toggle').setAttribute('aria-expanded', facetsOpen ? 'true' : 'false');
});

// Commitments view (route #/commitments?department=&year=&sector=&kind=&status=&where=): the
// filterable, sortable table of targets and projects (planned by default, or results reported
// for a past period), each row naming its document and region, with CSV download.

import {
  $, API, corpusFacets, downloadText, fetchJSON, fileSafe, fileStamp, fmtInt, h, isAbort, isMissing,
  optional, toCsv, toast,
} from './shared.js';
import { navigate, setView } from './router.js';
import { passageLink } from './search.js';

// ---------------------------------------------------------------------------------------------
// Commitments view (route #/commitments?department=&year=&sector=&kind=)

export const cm = {
  key: null,
  hash: null,
  rows: [],
  ctl: null,
  sort: { key: null, dir: 'asc' },
  fillPromise: null,
};
// Sent to the server; `where` (document or region) filters the loaded rows in the page.
const CM_PARAMS = ['department', 'year', 'sector', 'kind', 'status'];
const CM_FORM = [...CM_PARAMS, 'where'];
const CM_COLUMNS = [
  { key: 'kind', label: '类型' },
  { key: 'status', label: '状态' },
  { key: 'where', label: '文件 · 地区' },
  { key: 'text', label: '内容' },
  { key: 'metric', label: '指标' },
  { key: 'value', label: '目标值' },
  { key: 'year', label: '年份' },
  { key: 'sector', label: '篇章' },
  { key: 'departments', label: '责任部门' },
  { key: 'source', label: '出处', sortable: false },
];
const KIND_LABEL = { target: '目标', project: '项目' };
const STATUS_LABEL = { planned: '计划', reported: '实绩' };
function cmWhere(r) {
  return [r.region, r.title || r.doc].filter(Boolean).join(' · ');
}
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
    case 'status': return STATUS_LABEL[r.status] || r.status || '';
    case 'where': return cmWhere(r);
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
  for (const k of CM_FORM) {
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

export async function showCommitmentsView(params) {
  setView('commitments');
  document.title = '目标与承诺 · 规划文件检索';
  const key = new URLSearchParams([...params].filter(([k, v]) => CM_PARAMS.includes(k) && v)).toString();
  const where = params.get('where') || '';
  const hashKey = new URLSearchParams([...params].filter(([k, v]) => CM_FORM.includes(k) && v)).toString();
  cm.hash = hashKey ? `#/commitments?${hashKey}` : '#/commitments';
  await fillCmSelects();
  for (const k of CM_PARAMS) {
    const sel = $(`#cm-${k}`);
    const v = params.get(k) || '';
    ensureOption(sel, v);
    sel.value = v;
  }
  $('#cm-where').value = where;
  cm.where = where;
  if (!optional.commitments) {
    renderCmUnavailable();
    return;
  }
  if (key === cm.key) {
    if (!cm.ctl) renderCmTable(); // loaded already (or by the start-up probe), or `where` changed
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
  const needle = (cm.where || '').trim();
  const rows = cm.rows.filter((r) => !needle || cmWhere(r).includes(needle) || String(r.doc || '').includes(needle));
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
    td(1, null, STATUS_LABEL[r.status] || r.status || '—'),
    td(2, null, cmWhere(r) || '—'),
    td(3, { class: 'cm-text' }, r.text == null ? '' : String(r.text)),
    td(4, null, r.metric || '—'),
    td(5, { class: 'cm-num' }, cmValueText(r) || '—'),
    td(6, { class: 'cm-num' }, r.year == null ? '—' : String(r.year)),
    td(7, null, [r.sector, r.keyword].filter(Boolean).join(' › ') || '—'),
    td(8, null, cmDepartments(r).length ? h('ul', { class: 'tags' }, cmDepartments(r).map((d) => h('li', { class: 'tag tag-dept' }, d))) : '—'),
    td(9, null, r.passage_id ? passageLink(String(r.passage_id), '查看原文') : '—'),
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
  const header = ['id', 'passage_id', 'kind', 'status', 'doc', 'title', 'region', 'level', 'text', 'metric', 'comparator', 'value', 'unit', 'year', 'sector', 'keyword', 'departments'];
  const body = sortedCmRows().map((r) => [
    r.id, r.passage_id, r.kind, r.status, r.doc, r.title, r.region, r.level, r.text, r.metric, r.comparator, r.value, r.unit, r.year,
    r.sector, r.keyword, cmDepartments(r).join('；'),
  ]);
  const tag = [...cmParamsFromForm().values()].map(fileSafe).join('_');
  downloadText(toCsv(header, body), `目标与承诺${tag ? `_${tag}` : ''}_${fileStamp()}.csv`);
  toast(`已导出 ${fmtInt(body.length)} 项`);
});

// Search extras: the trend chart (passages per year for the current query) and the CSV
// download of the current search.

import {
  $, API, CSV_CAP, CSV_PAGE, MAX_OFFSET, apiSearchUrl, cloneState, debounce, downloadText,
  fetchJSON, fileSafe, fileStamp, fmtInt, h, isAbort, isMissing, optional, svgEl, toCsv, toast,
} from './shared.js';
import { nav } from './router.js';
import { currentState } from './search.js';

// ---- trend chart ----

let trendCtl = null;
let trendData = null; // {q, series}
export async function loadTrend(st) {
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
  if (!trendData || nav.baseView !== 'search') return;
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

// Passage view: a modal dialog (route #/p/ID) with the passage, its neighbours, its source, a
// citation to copy (the server's GB/T 7714 reference) and the passages of other documents that
// repeat it (其他文件中的相似表述).

import {
  $, API, LEVEL_LABEL, appendHighlighted, periodLabel, appendSpans, copyText, fetchJSON, h, isAbort, passageHash,
  queryTerms, rememberTitle, toast,
} from './shared.js';
import { nav, navigate, route } from './router.js';
import { crumbs, currentState, passageLink, sourceText } from './search.js';
import { cm } from './commitments.js';

// ---------------------------------------------------------------------------------------------
// Passage view (modal dialog; route #/p/ID)

const dialog = $('#passage-dialog');
let passageCtl = null;
let passageShown = null; // id currently loaded
let lastFocus = null;
let similarCtl = null;

document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[data-passage]');
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const url = location.pathname + location.search + passageHash(a.dataset.passage);
  if (dialog.open) {
    navigate(url, { push: false }); // moving between neighbours: one history entry
  } else {
    nav.passagePushed = true;
    navigate(url, { push: true });
  }
});

function citationFor(p) {
  if (p.citation) return p.citation;
  const src = p.source || {};
  const where = [p.sector, p.keyword].filter(Boolean).join(' › ');
  const lines = src.line_start === src.line_end || !src.line_end ? `第${src.line_start}行` : `第${src.line_start}–${src.line_end}行`;
  return `《${p.title}》，${where ? `${where}，` : ''}${lines}（${src.file}）`;
}

export function openPassage(id) {
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
  const about = [p.region, LEVEL_LABEL[p.level] || null, p.doc_kind, p.issuer, p.period ? periodLabel(p.period) : null].filter(Boolean);
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
      about.length ? row('文件', h('ul', { class: 'tags' }, about.map((t) => h('li', { class: 'tag' }, t)))) : null,
      row('出处', h('span', { class: 'source-line' }, sourceText(p.source))),
      row('引用',
        h('div', { class: 'cite-box' },
          h('p', { class: 'cite-text', id: 'citation-text' }, citation),
          copyBtn,
          linkBtn)),
    ),
    h('section', { class: 'similar', id: 'similar', 'aria-live': 'polite' },
      h('h3', { class: 'similar-title' }, '其他文件中的相似表述'),
      h('p', { class: 'dialog-status' }, '正在查找…')),
  );
  loadSimilar(p.id);
  const bodyEl = $('#passage-body');
  const mainEl = bodyEl.querySelector('.passage-main');
  bodyEl.scrollTop = mainEl && view.before && view.before.length ? Math.max(0, mainEl.offsetTop - 72) : 0;
  $('#passage-title').focus({ preventScroll: true });
}

// The passages of other documents that repeat this one, best share first.
function loadSimilar(id) {
  if (similarCtl) similarCtl.abort();
  const ctl = new AbortController();
  similarCtl = ctl;
  fetchJSON(`${API.passage}${encodeURIComponent(id)}/similar`, { signal: ctl.signal })
    .then((resp) => {
      const box = $('#similar');
      if (ctl !== similarCtl || !box) return;
      const hits = Array.isArray(resp.hits) ? resp.hits : [];
      const items = hits.map((hit) => {
        rememberTitle(hit);
        const text = h('p', { class: 'similar-text' });
        appendSpans(text, hit.text, hit.spans);
        const where = [hit.region, hit.year != null ? `${hit.year}年` : null].filter(Boolean).join(' · ');
        return h('li', { class: 'similar-item', dataset: { id: hit.id } },
          h('p', { class: 'similar-head' },
            h('span', { class: 'similar-share', title: '两段文字中相同部分所占的比例' }, `相同 ${Math.round(hit.share * 100)}%`),
            h('span', { class: 'similar-doc' }, `《${hit.title}》`),
            where ? h('span', { class: 'similar-where' }, where) : null,
            passageLink(hit.id, '查看此段')),
          text);
      });
      box.replaceChildren(
        h('h3', { class: 'similar-title' }, `其他文件中的相似表述 (${hits.length})`),
        hits.length ? h('ul', { class: 'similar-list' }, items) : h('p', { class: 'dialog-status' }, '其他文件中没有相同或相近的表述。'),
      );
    })
    .catch((err) => {
      const box = $('#similar');
      if (isAbort(err) || ctl !== similarCtl || !box) return;
      box.replaceChildren(h('h3', { class: 'similar-title' }, '其他文件中的相似表述'),
        h('p', { class: 'error-box', role: 'alert' }, err.message || String(err)));
    });
}

export function closePassageDialog() {
  passageShown = null;
  if (similarCtl) similarCtl.abort();
  similarCtl = null;
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
    if (nav.passagePushed) {
      nav.passagePushed = false;
      history.back();
    } else {
      history.replaceState(null, '', location.pathname + location.search + (nav.baseView === 'commitments' ? cm.hash || '#/commitments' : ''));
      route();
    }
  } else {
    nav.passagePushed = false;
  }
  if (nav.baseView === 'search') document.title = currentState.q.trim() ? `${currentState.q.trim()} · 规划文件检索` : '规划文件检索';
});
$('#passage-close').addEventListener('click', () => dialog.close());
dialog.addEventListener('click', (e) => {
  if (e.target === dialog) dialog.close(); // click on the backdrop
});

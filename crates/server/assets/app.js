// plansearch web page: search, facets, passage view, trend chart, commitments table. This module
// starts the page; each view is a module of its own (shared.js holds what they share).
//
// Plain ES2020 module, no dependencies. Served under a strict Content-Security-Policy, so it
// never uses inline handlers, eval or string style assignment. Document text is only ever
// inserted as text nodes; the one server field carrying markup (`snippet`, with <mark>) is
// parsed by hand into text nodes and <mark> elements, never assigned as HTML.

import { $, API, fetchJSON, fmtInt, isMissing, optional, readSearchState } from './shared.js';
import { goSearch, nav, navigate, route } from './router.js';
import { emptyFilters, input } from './search.js';
import { closeSuggest, scheduleSearch } from './searchbox.js';
import { cm } from './commitments.js';

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
  nav.typingPushed = false;
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

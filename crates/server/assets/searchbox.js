// The search box: suggestions while typing (IME-aware), keyboard navigation, searching as the
// user types, and the "/" shortcut.

import {
  $, API, SEARCH_DELAY, SUGGEST_DELAY, appendHighlighted, cloneState, debounce, fetchJSON, h,
  readSearchState, searchHref,
} from './shared.js';
import { goSearch, nav, navigate, setView } from './router.js';
import { input } from './search.js';

// ---- search box, suggestions ----

const sugg = { items: [], active: -1, ctl: null };
const suggestList = $('#suggestions');

export function closeSuggest() {
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

export const scheduleSearch = debounce(() => {
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
  const wasTyping = nav.typingPushed;
  nav.typingPushed = false;
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

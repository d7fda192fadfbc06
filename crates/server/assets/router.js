// Navigation: the URL decides the view (search, commitments, or a passage dialog over the
// search); navigate() changes the URL and renders it. `nav` holds the navigation state other
// modules update (ES module bindings are read-only where they are imported).

import { $, readSearchState, safeDecode, searchHref } from './shared.js';
import { showSearchView } from './search.js';
import { closePassageDialog, openPassage } from './passage.js';
import { showCommitmentsView } from './commitments.js';

/** Navigation state: the view under any passage dialog, whether opening the dialog pushed a
 * history entry, and whether typing already pushed one (later keystrokes replace it). */
export const nav = { baseView: null, passagePushed: false, typingPushed: false }; // baseView: 'search' | 'commitments'

/** Navigate within the page: change the URL (push or replace) and render it. */
export function navigate(url, { push = true } = {}) {
  const here = location.pathname + location.search + location.hash;
  if (url !== here) {
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
  route();
}

export function goSearch(st, { push = true, fromTyping = false } = {}) {
  if (fromTyping) {
    navigate(searchHref(st), { push: push && !nav.typingPushed });
    nav.typingPushed = true;
  } else {
    nav.typingPushed = false;
    navigate(searchHref(st), { push });
  }
}

// ---------------------------------------------------------------------------------------------
// Router

export function route() {
  const hash = location.hash;
  const pm = /^#\/p\/(.+)$/.exec(hash);
  $('#tab-search').setAttribute('href', location.pathname + location.search);
  if (pm) {
    if (!nav.baseView) showSearchView(readSearchState());
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

export function setView(name) {
  nav.baseView = name;
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

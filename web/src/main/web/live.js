// The pages, live: this origin's /live relays ingest-service's stream as server-sent events carrying
// what changed, rendered on the server in the reader's language — a plot's card (overview), an
// alarm's row (alarms page), a valve command's state (valve page) — which replaces the old markup.
// A raised alarm may also become a browser notification (notify.js). The notifications page's
// permission button is here too.
import { notify, permissionButton } from './notify.js';

permissionButton();

const live = document.querySelector('[data-live]');

function element(html) {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

// the alarms page: a raised alarm joins the open ones, an acknowledged one is replaced, a cleared one
// moves to the history; a row being typed in is left alone unless its alarm changed
function alarmRow(row) {
  const open = document.getElementById('open-alarms');
  const past = document.getElementById('alarm-history');
  if (!row || !row.dataset.alarm || !open) return;
  const current = open.querySelector(`[data-alarm="${CSS.escape(row.dataset.alarm)}"]`);
  if (row.dataset.state === 'CLEARED') {
    if (current) current.remove();
    if (past && !past.querySelector(`[data-alarm="${CSS.escape(row.dataset.alarm)}"]`)) past.prepend(row);
  } else if (!current) {
    open.prepend(row);
  } else if (current.dataset.acknowledged !== row.dataset.acknowledged) {
    current.replaceWith(row);
  }
  const none = document.getElementById('no-open-alarms');
  if (none) none.hidden = open.children.length > 0;
  const nonePast = document.getElementById('no-past-alarms');
  if (nonePast && past) nonePast.hidden = past.children.length > 0;
}

// the valve page: the followed command's state as the stream tells it. While the gateway has not
// answered, the element htmx polls (the fallback) stays and only its words change; an answer
// replaces it with one that does not poll. A late event never undoes an answer already shown.
function commandState(state) {
  const current = document.getElementById('command-state');
  if (!state || !current || current.dataset.command !== state.dataset.command) return;
  if (!current.hasAttribute('hx-get')) return;
  if (state.hasAttribute('hx-get')) {
    current.innerHTML = state.innerHTML;
    current.dataset.state = state.dataset.state;
  } else {
    current.replaceWith(state);
  }
}

if (live) {
  const source = new EventSource(live.dataset.live);
  // one stream per page; every part of the page that shows live data says it is connected
  source.addEventListener('open', () => {
    document.querySelectorAll('[data-live]').forEach((part) => {
      part.dataset.connected = 'true';
    });
  });
  source.addEventListener('plot', (event) => {
    const plots = document.getElementById('plots');
    const card = element(event.data);
    if (!plots || !card || !card.dataset.plot) return;
    const old = plots.querySelector(`[data-plot="${CSS.escape(card.dataset.plot)}"]`);
    if (old) old.replaceWith(card);
  });
  // the plot's colour on the map (map.js listens; without a map nothing does)
  source.addEventListener('plot-state', (event) => {
    document.dispatchEvent(new CustomEvent('dx:plot-state', { detail: JSON.parse(event.data) }));
  });
  source.addEventListener('alarm', (event) => alarmRow(element(event.data)));
  source.addEventListener('command', (event) => commandState(element(event.data)));
  source.addEventListener('alarm-notice', (event) => {
    notify(JSON.parse(event.data));
  });
}

// The overview, live: this origin's /live relays ingest-service's stream as server-sent events
// carrying each changed plot's card, rendered on the server; the card replaces the old one.
const plots = document.getElementById('plots');

if (plots && plots.dataset.live) {
  const source = new EventSource(plots.dataset.live);
  source.addEventListener('open', () => {
    plots.dataset.connected = 'true';
  });
  source.addEventListener('plot', (event) => {
    const template = document.createElement('template');
    template.innerHTML = event.data.trim();
    const card = template.content.firstElementChild;
    if (!card || !card.dataset.plot) return;
    const old = plots.querySelector(`[data-plot="${CSS.escape(card.dataset.plot)}"]`);
    if (old) old.replaceWith(card);
  });
  // the plot's colour on the map (map.js listens; without a map nothing does)
  source.addEventListener('plot-state', (event) => {
    document.dispatchEvent(new CustomEvent('dx:plot-state', { detail: JSON.parse(event.data) }));
  });
}

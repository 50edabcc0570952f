// A map of plots as GeoJSON polygons coloured by state (CSS classes state-…), on a plain background
// unless a tile server is configured (dx.web.map.tile-url): the overview's (the cooperative's plots,
// from /map/plots) and a code's page (its plots, from /codes/{code}/map). The data comes from this
// origin (data-src) after the page is shown, so the page never waits for traceability-service;
// colours follow the live relay's plot-state events (see live.js).
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

const element = document.getElementById('map');
const note = document.getElementById('map-note');

function say(text) {
  element.hidden = true;
  note.textContent = text;
  note.hidden = false;
}

async function draw() {
  let answer;
  try {
    answer = await fetch(element.dataset.src, { headers: { Accept: 'application/json' } });
  } catch (e) {
    say(note.dataset.unavailable);
    return;
  }
  if (!answer.ok) {
    say(note.dataset.unavailable);
    return;
  }
  const plots = await answer.json();
  if (!plots.features.length) {
    say(note.dataset.empty);
    return;
  }
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.25 });
  if (element.dataset.tileUrl) L.tileLayer(element.dataset.tileUrl, { maxZoom: 20 }).addTo(map);
  const layers = new Map();
  const layer = L.geoJSON(plots, {
    style: (feature) => ({ className: `plot state-${feature.properties.state}`, weight: 2 }),
    onEachFeature: (feature, shape) => {
      shape.bindTooltip(feature.properties.name);
      // a cooperative's map opens the plot's page; a code's map (data-link="none") is looked at only
      if (element.dataset.link !== 'none') {
        shape.on('click', () => {
          window.location.href = `/plots/${encodeURIComponent(feature.properties.plot)}`;
        });
      }
      layers.set(feature.properties.plot, shape);
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  element.dataset.drawn = String(layers.size);

  // a plot's new state: swap its state class on the polygon's SVG path
  document.addEventListener('dx:plot-state', (event) => {
    const shape = layers.get(event.detail.plot);
    const path = shape && shape.getElement();
    if (!path) return;
    for (const c of [...path.classList]) if (c.startsWith('state-')) path.classList.remove(c);
    path.classList.add(`state-${event.detail.state}`);
    path.dataset.state = event.detail.state;
  });
  for (const [plot, shape] of layers) {
    const path = shape.getElement();
    if (path) {
      path.dataset.plot = plot;
      path.dataset.state = shape.feature.properties.state;
    }
  }
}

if (element && note) draw();

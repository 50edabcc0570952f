// A plot's chart: its readings over the configured window, from this origin's /plots/{id}/chart.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const figure = document.getElementById('chart');

async function draw() {
  const response = await fetch(figure.dataset.src, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const chart = await response.json();
  if (chart.t.length === 0) {
    const p = document.createElement('p');
    p.textContent = figure.dataset.empty;
    figure.append(p);
    return;
  }
  const label = figure.getAttribute('data-label-' + chart.metric);
  const number = new Intl.NumberFormat(figure.dataset.lang, { maximumFractionDigits: 2 });
  // times in the platform's zone (the fields'), not the browser's
  const time = new Intl.DateTimeFormat(figure.dataset.lang, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: figure.dataset.zone,
  });
  const opts = {
    width: Math.max(280, figure.clientWidth - 16),
    height: 240,
    series: [
      { label: figure.getAttribute('data-label-time'), value: (u, v) => (v == null ? '' : time.format(new Date(v * 1000))) },
      { label, stroke: '#1b6b3a', width: 2, value: (u, v) => (v == null ? '' : number.format(v)) },
      { label: figure.getAttribute('data-label-min'), stroke: '#9bb8a6', dash: [4, 4] },
      { label: figure.getAttribute('data-label-max'), stroke: '#9bb8a6', dash: [4, 4] },
    ],
    axes: [
      { values: (u, ticks) => ticks.map((v) => time.format(new Date(v * 1000))) },
      { values: (u, ticks) => ticks.map((v) => number.format(v)) },
    ],
  };
  const plot = new uPlot(opts, [chart.t, chart.avg, chart.min, chart.max], figure);
  figure.dataset.drawn = 'true';
  window.addEventListener('resize', () => plot.setSize({ width: Math.max(280, figure.clientWidth - 16), height: 240 }));
}

draw();

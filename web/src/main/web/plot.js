// A plot's charts over one range (day, week, season): the level with the control's thresholds and
// the alarms at the readings that raised them; beneath, on the same time axis, rain per interval and
// the periods the valve was open. The data is in the figure's data-chart (rendered by the server);
// live: this plot's new readings come from /live?plot=… and are appended without a reload.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const figure = document.getElementById('chart');
const beneath = document.getElementById('beneath');
const nowList = document.getElementById('now');

const GREEN = '#1b6b3a';
const PALE = '#9bb8a6';
const THRESHOLD = '#b8860b';
const ALARM = '#b3261e';
const RAIN = '#0b5cad';
const VALVE = 'rgba(11, 92, 173, 0.18)';

if (figure) start();

function start() {
  const chart = JSON.parse(figure.dataset.chart);
  const lang = figure.dataset.lang;
  const zone = figure.dataset.zone;
  const label = (name) => figure.getAttribute('data-label-' + name);
  const moisture = chart.metric === 'soil_moisture';
  const number = new Intl.NumberFormat(
    lang,
    moisture ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: 1 },
  );
  const mm = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  // times in the platform's zone (the fields'), not the browser's: ticks less than a day apart by the
  // hour (with the day beyond the day range), wider ones by the day
  const hour = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone: zone });
  const dayHour = new Intl.DateTimeFormat(lang, {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    timeZone: zone,
  });
  const day = new Intl.DateTimeFormat(lang, { day: '2-digit', month: '2-digit', timeZone: zone });
  const ticks = (u, splits, axis, space, incr) => {
    const f = incr >= 86400 ? day : chart.range === 'day' ? hour : dayHour;
    return splits.map((v) => f.format(new Date(v * 1000)));
  };
  const full = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short', timeZone: zone });
  const show = (v) => (v == null ? '' : number.format(v));
  let to = chart.to;
  const xRange = () => [chart.from, to];
  const sync = { key: 'plot-' + figure.dataset.plot };
  const width = () => Math.max(280, figure.clientWidth - 16);

  // the level chart: average, lowest, highest; thresholds as dashed constant lines; alarms as points
  const data = [chart.t, chart.avg, chart.min, chart.max];
  const series = [
    { label: label('time'), value: (u, v) => (v == null ? '' : full.format(new Date(v * 1000))) },
    { label: label(chart.metric) || '', stroke: GREEN, width: 2, value: (u, v) => show(v) },
    { label: label('min'), stroke: PALE, dash: [4, 4], points: { show: false }, value: (u, v) => show(v) },
    { label: label('max'), stroke: PALE, dash: [4, 4], points: { show: false }, value: (u, v) => show(v) },
  ];
  const constants = [];
  for (const [key, level] of [
    ['low', chart.low],
    ['high', chart.high],
  ]) {
    if (level == null) continue;
    constants.push(level);
    data.push(chart.t.map(() => level));
    series.push({
      label: label(key),
      stroke: THRESHOLD,
      width: 2,
      dash: [8, 4],
      // drawn across the whole range by the hook below, not only where there are readings
      paths: () => null,
      points: { show: false },
      value: () => show(level),
    });
  }
  data.push(chart.alarm);
  series.push({
    label: label('alarm'),
    stroke: ALARM,
    fill: ALARM,
    width: 0,
    paths: () => null,
    points: { show: true, size: 12, stroke: ALARM, fill: ALARM },
    value: (u, v) => show(v),
  });
  figure.dataset.thresholds = String(constants.length);

  const level = new uPlot(
    {
      width: width(),
      height: 240,
      cursor: { sync },
      series,
      axes: [
        { values: ticks },
        { values: (u, ticks) => ticks.map((v) => number.format(v)), size: 60 },
      ],
      // the thresholds in the y range, so a level far from them still shows them
      scales: {
        x: { time: true, range: xRange },
        y: {
          range: (u, min, max) => {
            const known = (vs) => vs.filter((v) => v != null && Number.isFinite(v));
            const lo = Math.min(...known([min, ...constants]));
            const hi = Math.max(...known([max, ...constants]));
            if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
            const pad = hi > lo ? (hi - lo) * 0.05 : 1;
            return [lo - pad, hi + pad];
          },
        },
      },
      hooks: {
        draw: [
          (u) => {
            const { ctx } = u;
            const { left, width: w } = u.bbox;
            ctx.save();
            ctx.strokeStyle = THRESHOLD;
            ctx.lineWidth = 2 * uPlot.pxRatio;
            ctx.setLineDash([8 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
            for (const c of constants) {
              const y = u.valToPos(c, 'y', true);
              ctx.beginPath();
              ctx.moveTo(left, y);
              ctx.lineTo(left + w, y);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    },
    data,
    figure,
  );

  // beneath: rain as bars, the valve's open periods shaded behind them
  let under = null;
  if (beneath) {
    const rainT = chart.rainT.length ? chart.rainT : [chart.from, chart.to];
    const rainMm = chart.rainT.length ? chart.rainMm : [null, null];
    under = new uPlot(
      {
        width: width(),
        height: 120,
        cursor: { sync },
        scales: { x: { time: true, range: xRange }, y: { range: (u, min, max) => [0, Math.max(1, max || 0)] } },
        series: [
          { label: label('time'), value: (u, v) => (v == null ? '' : full.format(new Date(v * 1000))) },
          {
            label: label('rain'),
            stroke: RAIN,
            fill: RAIN,
            paths: uPlot.paths.bars({ size: [0.8, 40] }),
            value: (u, v) => (v == null ? '' : mm.format(v)),
          },
        ],
        axes: [
          { values: ticks },
          { values: (u, ticks) => ticks.map((v) => mm.format(v)), size: 60 },
        ],
        hooks: {
          drawAxes: [
            (u) => {
              const { ctx } = u;
              const { top, height } = u.bbox;
              ctx.save();
              ctx.fillStyle = VALVE;
              for (const [a, b] of chart.valveOpen) {
                const x0 = u.valToPos(a, 'x', true);
                const x1 = u.valToPos(b, 'x', true);
                ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
              }
              ctx.restore();
            },
          ],
        },
      },
      [rainT, rainMm],
      beneath,
    );
    beneath.dataset.valveOpen = String(chart.valveOpen.length);
    beneath.dataset.drawn = 'true';
  }

  figure.dataset.points = String(chart.t.length);
  figure.dataset.drawn = 'true';
  window.addEventListener('resize', () => {
    level.setSize({ width: width(), height: 240 });
    if (under) under.setSize({ width: width(), height: 120 });
  });

  // live: a newer reading of the chart's metric is appended; the "now" list is fetched again
  const source = new EventSource(figure.dataset.live);
  source.addEventListener('open', () => {
    figure.dataset.connected = 'true';
  });
  source.addEventListener('plot-now', (event) => {
    const now = JSON.parse(event.data);
    refreshNow();
    if (now.t == null) return;
    // a plot with no level yet charts the first water level or soil moisture, never its valve or rain
    if (chart.metric == null && (now.metric === 'water_level' || now.metric === 'soil_moisture')) {
      chart.metric = now.metric;
    }
    if (now.metric !== chart.metric) return;
    const t = data[0];
    if (t.length && now.t <= t[t.length - 1]) return;
    t.push(now.t);
    data[1].push(now.v);
    data[2].push(now.v);
    data[3].push(now.v);
    constants.forEach((c, i) => data[4 + i].push(c));
    data[data.length - 1].push(null);
    if (now.t > to) to = now.t;
    level.setData(data);
    if (under) under.redraw();
    figure.dataset.points = String(t.length);
    figure.dataset.last = String(now.t);
  });
}

async function refreshNow() {
  if (!nowList) return;
  const response = await fetch(nowList.dataset.src, { headers: { Accept: 'text/html' } });
  if (!response.ok) return;
  nowList.innerHTML = await response.text();
  nowList.dataset.updated = String(Date.now());
}

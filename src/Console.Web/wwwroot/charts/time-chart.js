// Draws a TimeChartModel (Components/Shared/Charts) with Chart.js on a time-scaled axis.
// Chart.js, its date-fns adapter and the annotation plugin are served from lib/chartjs (no CDN:
// the page's Content-Security-Policy allows scripts from 'self' only).
// Every time reads in UTC, like the rest of the console, whatever the browser's zone.

const cores = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const cny = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const cnyAxis = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const pad = n => String(n).padStart(2, '0');

function utc(ms, withSeconds, withDate) {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? ':' + pad(d.getUTCSeconds()) : ''}`;
  return withDate ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}` : time;
}

function value(unit, v) {
  return unit === 'cny' ? '¥' + cny.format(Math.max(0, v)) : cores.format(v) + ' cores';
}

// Round steps for the time axis, so ticks fall on :00, :05, :10 whatever the window's odd start.
const SECOND = 1000, MINUTE = 60 * SECOND, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
const STEPS = [5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE,
  30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

export function step(from, to, most) {
  const span = Math.max(1, to - from);
  return STEPS.find(s => span / s <= most) ?? STEPS[STEPS.length - 1];
}

export function ticks(from, to, every) {
  const values = [];
  // Epoch multiples are UTC boundaries (the epoch is UTC midnight): the console reads in UTC.
  for (let t = Math.ceil(from / every) * every; t <= to; t += every) values.push(t);
  return values;
}

// Seconds only when ticks are seconds apart; the date once the axis spans more than a day.
function tickLabel(span, every) {
  if (every >= DAY) return ms => utc(ms, false, true).slice(0, 5);
  return ms => utc(ms, every < MINUTE, span > DAY);
}

function config(p) {
  const span = p.to - p.from;
  let label = tickLabel(span, step(p.from, p.to, 7));
  const usesCny = p.lines.some(l => l.unit === 'cny');
  const usesCores = p.lines.some(l => l.unit === 'cores');
  const annotations = {};
  p.bands.forEach((b, i) => {
    annotations['band' + i] = {
      type: 'box', xMin: b.from, xMax: b.to, backgroundColor: b.colour, borderWidth: 0, drawTime: 'beforeDatasetsDraw',
      // A band too narrow for its label goes without: the list under the chart names every band.
      label: { display: ctx => (ctx.element?.width ?? 0) >= 7 * b.label.length + 8, content: b.label, position: { x: 'start', y: 'start' },
               color: '#444', font: { size: 11 }, padding: 3 },
    };
  });
  p.marks.forEach((m, i) => {
    annotations['mark' + i] = { type: 'line', xMin: m.at, xMax: m.at, borderColor: m.colour, borderWidth: 2, borderDash: [5, 3] };
  });
  if (p.now !== null) {
    annotations.now = {
      type: 'line', xMin: p.now, xMax: p.now, borderColor: '#616161', borderWidth: 1,
      label: { display: true, content: 'now', position: 'start', font: { size: 10 }, padding: 2, backgroundColor: '#616161' },
    };
  }
  const scales = {
    x: {
      type: 'time', min: p.from, max: p.to,
      ticks: { maxRotation: 0, autoSkip: true, callback: v => label(v), font: { size: 12 } },
      afterBuildTicks: axis => {
        const every = step(p.from, p.to, (axis.maxWidth || axis.chart.width) < 420 ? 4 : 7);
        label = tickLabel(span, every);
        axis.ticks = ticks(p.from, p.to, every).map(value => ({ value }));
      },
      grid: { color: 'rgba(0,0,0,0.06)' },
    },
  };
  if (usesCores || !usesCny) {
    scales.y = { position: 'left', beginAtZero: true, title: { display: true, text: 'cores' }, ticks: { callback: v => cores.format(v) } };
  }
  if (usesCny) {
    scales.y2 = {
      position: usesCores ? 'right' : 'left', beginAtZero: true, title: { display: true, text: 'CNY' }, grid: { drawOnChartArea: !usesCores },
      ticks: { callback: v => '¥' + cnyAxis.format(v) },
    };
  }
  return {
    type: 'line',
    data: {
      datasets: p.lines.map(l => ({
        label: l.name, unit: l.unit, borderColor: l.colour, backgroundColor: l.colour, borderWidth: 2,
        borderDash: l.dashed ? [6, 4] : [], stepped: l.stepped, tension: 0, spanGaps: true,
        pointRadius: l.points.length <= 30 ? 2.5 : 0, pointHoverRadius: 5,
        yAxisID: l.unit === 'cny' ? 'y2' : 'y',
        data: l.points.map(pt => ({ x: pt[0], y: pt[1] })),
      })),
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales,
      plugins: {
        legend: { display: false },
        tooltip: {
          padding: 10, titleFont: { size: 13 }, bodyFont: { size: 13 },
          callbacks: {
            title: items => items.length ? utc(items[0].parsed.x, true, true) + ' UTC' : '',
            label: item => `${item.dataset.label}: ${value(item.dataset.unit, item.parsed.y)}`,
          },
        },
        annotation: { annotations },
      },
    },
  };
}

export function create(canvas, payload) {
  // A canvas holds one chart: one left on it (a draw the circuit lost track of) is replaced, since
  // Chart.js throws "Canvas is already in use" otherwise and the exception ends the page's circuit.
  window.Chart.getChart(canvas)?.destroy();
  let chart = new window.Chart(canvas, config(payload));
  return {
    update(next) {
      const c = config(next);
      chart.data = c.data;
      chart.options = c.options;
      chart.update('none');
    },
    destroy() { chart?.destroy(); chart = null; },
  };
}

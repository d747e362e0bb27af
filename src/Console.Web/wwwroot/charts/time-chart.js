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

function tickLabel(span) {
  const minute = 60_000, day = 24 * 60 * minute;
  if (span <= 10 * minute) return ms => utc(ms, true, false);
  if (span <= day) return ms => utc(ms, false, false);
  return ms => utc(ms, false, true);
}

function config(p) {
  const span = p.to - p.from;
  const label = tickLabel(span);
  const usesCny = p.lines.some(l => l.unit === 'cny');
  const usesCores = p.lines.some(l => l.unit === 'cores');
  const annotations = {};
  p.bands.forEach((b, i) => {
    annotations['band' + i] = {
      type: 'box', xMin: b.from, xMax: b.to, backgroundColor: b.colour, borderWidth: 0, drawTime: 'beforeDatasetsDraw',
      label: { display: true, content: b.label, position: { x: 'start', y: 'start' }, color: '#444', font: { size: 11 }, padding: 3 },
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
      type: 'time', min: p.from, max: p.to, bounds: 'ticks',
      ticks: { source: 'auto', maxRotation: 0, autoSkip: true, maxTicksLimit: 8, callback: v => label(v), font: { size: 12 } },
      grid: { color: 'rgba(0,0,0,0.06)' },
    },
  };
  if (usesCores || !usesCny) {
    scales.y = { position: 'left', beginAtZero: true, title: { display: true, text: 'cores' }, ticks: { callback: v => cores.format(v) } };
  }
  if (usesCny) {
    scales.y2 = {
      position: 'right', beginAtZero: true, title: { display: true, text: 'CNY' }, grid: { drawOnChartArea: !usesCores },
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

// Small SVG charts for the dashboard: horizontal bars, columns, a line and a stacked ratio bar.
// Built with DOM calls (never innerHTML), coloured by CSS classes (the page's CSP allows no inline styles),
// and each one carries a text alternative so the figures are readable without the picture.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function frame(width, height, description, ...children) {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': description, preserveAspectRatio: 'xMidYMid meet' },
    svg('title', null, description), ...children);
}

/**
 * Horizontal bars: items = [{ label, value, text }] (text: what is printed after the bar, e.g. "12 · 31 %").
 * Bars scale to the largest value; an empty list draws nothing and says so.
 */
export function barChart(items, { description, kind = 'primary' } = {}) {
  const rowHeight = 26;
  const labelWidth = 150;
  const barWidth = 200;
  const width = labelWidth + barWidth + 90;
  const height = Math.max(1, items.length) * rowHeight + 4;
  const max = Math.max(0, ...items.map(item => item.value));
  return frame(width, height, description, items.map((item, i) => {
    const y = i * rowHeight + 4;
    const length = max > 0 ? Math.max(2, (item.value / max) * barWidth) : 0;
    return svg('g', { class: 'bar-row', 'data-label': item.label, 'data-value': item.value },
      svg('text', { x: labelWidth - 8, y: y + 15, class: 'chart-label', 'text-anchor': 'end' }, truncate(item.label, 22)),
      svg('rect', { x: labelWidth, y: y + 3, width: length, height: rowHeight - 10, rx: 3, class: `bar ${item.kind ?? kind}` }),
      svg('text', { x: labelWidth + length + 6, y: y + 15, class: 'chart-value' }, item.text ?? String(item.value)));
  }));
}

/** Vertical columns over time: points = [{ label, value, text }], oldest first. */
export function columnChart(points, { description, kind = 'primary' } = {}) {
  const width = 420;
  const height = 170;
  const bottom = 140;
  const top = 18;
  const step = width / Math.max(1, points.length);
  const max = Math.max(0, ...points.map(point => point.value));
  return frame(width, height, description,
    svg('line', { x1: 0, x2: width, y1: bottom, y2: bottom, class: 'axis' }),
    points.map((point, i) => {
      const columnHeight = max > 0 ? (point.value / max) * (bottom - top) : 0;
      const x = i * step + step * 0.2;
      return svg('g', { class: 'column', 'data-label': point.label, 'data-value': point.value },
        svg('rect', { x, y: bottom - columnHeight, width: step * 0.6, height: columnHeight, rx: 2, class: `bar ${kind}` }),
        svg('text', { x: x + step * 0.3, y: bottom - columnHeight - 4, class: 'chart-value', 'text-anchor': 'middle' }, point.text ?? String(point.value)),
        svg('text', { x: x + step * 0.3, y: bottom + 16, class: 'chart-label', 'text-anchor': 'middle' }, point.label));
    }));
}

/** A line over time on a fixed 0..max scale (e.g. confidence 0..1); null values leave a gap. */
export function lineChart(points, { description, max = 1, format = value => String(value) } = {}) {
  const width = 420;
  const height = 170;
  const bottom = 140;
  const top = 14;
  const step = points.length > 1 ? (width - 40) / (points.length - 1) : 0;
  const at = (value, i) => [20 + i * step, bottom - (Math.min(max, Math.max(0, value)) / max) * (bottom - top)];
  const segments = [];
  let current = [];
  points.forEach((point, i) => {
    if (point.value === null || point.value === undefined) { if (current.length) segments.push(current); current = []; }
    else current.push(at(point.value, i));
  });
  if (current.length) segments.push(current);
  return frame(width, height, description,
    svg('line', { x1: 0, x2: width, y1: bottom, y2: bottom, class: 'axis' }),
    svg('line', { x1: 0, x2: width, y1: top, y2: top, class: 'grid' }),
    segments.map(segment => svg('polyline', { points: segment.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '), class: 'line' })),
    points.map((point, i) => {
      const [x, y] = at(point.value ?? 0, i);
      return svg('g', { class: 'point', 'data-label': point.label, 'data-value': point.value ?? '' },
        point.value === null || point.value === undefined ? null : svg('circle', { cx: x, cy: y, r: 3.5, class: 'dot' }),
        point.value === null || point.value === undefined ? null : svg('text', { x, y: y - 7, class: 'chart-value', 'text-anchor': 'middle' }, format(point.value)),
        svg('text', { x, y: bottom + 16, class: 'chart-label', 'text-anchor': 'middle' }, point.label));
    }));
}

/** One bar split in shares: parts = [{ label, share (0..100), kind }]. */
export function ratioBar(parts, { description } = {}) {
  const width = 420;
  let x = 0;
  return frame(width, 44, description, parts.map(part => {
    const length = (Math.max(0, part.share) / 100) * width;
    const group = svg('g', { class: 'ratio-part', 'data-label': part.label, 'data-value': part.share },
      svg('rect', { x, y: 0, width: length, height: 22, class: `bar ${part.kind}` }),
      length > 40 ? svg('text', { x: x + length / 2, y: 38, class: 'chart-label', 'text-anchor': 'middle' }, `${part.label} ${Math.round(part.share)} %`) : null);
    x += length;
    return group;
  }));
}

/** A gauge-like 0..100 meter. */
export function meter(value, { description } = {}) {
  const width = 200;
  const filled = Math.max(0, Math.min(100, value ?? 0)) * 2;
  return frame(width, 16, description,
    svg('rect', { x: 0, y: 2, width, height: 12, rx: 6, class: 'meter-track' }),
    svg('rect', { x: 0, y: 2, width: filled, height: 12, rx: 6, class: 'meter-fill' }));
}

function truncate(text, length) {
  const value = String(text ?? '');
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

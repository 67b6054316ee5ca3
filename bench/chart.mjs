// Grouped horizontal bar charts as SVG text. No dependency, and the same numbers always give the
// same bytes, so a chart changes in git only when the results do. Horizontal bars leave room for
// readable category labels and for each value printed at the end of its bar.

const WIDTH = 760;
const LABEL_WIDTH = 120;
const VALUE_ROOM = 72;
const BAR = 16;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const FONT = `'DejaVu Sans', Verdana, Arial, sans-serif`;
// Tableau's first colours: distinguishable with the common colour-vision deficiencies.
const COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2'];

/**
 * spec: {
 *   title, subtitle, axisLabel,
 *   series: [name, …],
 *   panels: [{ title, groups: [{ label, values: [number or null, one per series] }] }],
 *   format: (value) => text printed after a bar,
 *   reference?: { value, label }   a dashed line across every panel (e.g. 1.0 = as fast as the baseline),
 *   sharedScale?: boolean          one scale for all panels (default) or one per panel,
 * }
 */
export function barChart(spec) {
  const { title, subtitle, axisLabel, series, panels, format, reference = null, sharedScale = true } = spec;
  const plotLeft = LABEL_WIDTH;
  const plotRight = WIDTH - VALUE_ROOM;
  const highest = (groups) => Math.max(reference?.value ?? 0, ...groups.flatMap((group) => group.values.filter((value) => value !== null)));
  const sharedTicks = ticks(highest(panels.flatMap((panel) => panel.groups)));
  const parts = [];
  const text = (x, y, content, attributes = '') => parts.push(`<text x="${round(x)}" y="${round(y)}"${attributes}>${escape(content)}</text>`);

  text(WIDTH / 2, 26, title, ' text-anchor="middle" font-size="16" font-weight="bold"');
  text(WIDTH / 2, 46, subtitle, ' text-anchor="middle" font-size="12" fill="#444"');
  let y = legend(parts, series, reference, 66);

  for (const panel of panels) {
    const scale = sharedScale ? sharedTicks : ticks(highest(panel.groups));
    const x = (value) => plotLeft + (value / scale.at(-1)) * (plotRight - plotLeft);
    text(plotLeft, y + 14, panel.title, ' font-size="13" font-weight="bold"');
    const top = y + 24;
    const groupHeight = series.length * BAR + (series.length - 1) * BAR_GAP;
    const bottom = top + panel.groups.length * (groupHeight + GROUP_GAP) - GROUP_GAP + 4;
    for (const tick of scale) {
      parts.push(`<line x1="${round(x(tick))}" y1="${top - 4}" x2="${round(x(tick))}" y2="${bottom}" stroke="#ddd"/>`);
      text(x(tick), bottom + 14, String(tick), ' text-anchor="middle" font-size="11" fill="#444"');
    }
    const values = [];
    panel.groups.forEach((group, g) => {
      const groupTop = top + g * (groupHeight + GROUP_GAP);
      text(plotLeft - 8, groupTop + groupHeight / 2 + 4, group.label, ' text-anchor="end" font-size="12"');
      group.values.forEach((value, s) => {
        if (value === null) return;
        const barTop = groupTop + s * (BAR + BAR_GAP);
        parts.push(`<rect x="${plotLeft}" y="${round(barTop)}" width="${round(x(value) - plotLeft)}" height="${BAR}" fill="${COLOURS[s % COLOURS.length]}"/>`);
        values.push([x(value) + 4, barTop + BAR - 4, format(value)]);
      });
    });
    parts.push(`<line x1="${plotLeft}" y1="${top - 4}" x2="${plotLeft}" y2="${bottom}" stroke="#444"/>`);
    if (reference !== null) {
      parts.push(`<line x1="${round(x(reference.value))}" y1="${top - 6}" x2="${round(x(reference.value))}" y2="${bottom}" stroke="#222" stroke-width="1.5" stroke-dasharray="5 3"/>`);
    }
    // Values last, each on a white patch, so that no line runs through one. DejaVu Sans at 11 px
    // takes about 7 px per character.
    for (const [valueX, valueY, content] of values) {
      parts.push(`<rect x="${round(valueX - 2)}" y="${round(valueY - 11)}" width="${content.length * 7 + 4}" height="14" fill="#fff"/>`);
      text(valueX, valueY, content, ' font-size="11"');
    }
    y = bottom + 30;
  }
  text((plotLeft + plotRight) / 2, y, axisLabel, ' text-anchor="middle" font-size="12"');
  const height = y + 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" role="img">`,
    `<title>${escape(title)}</title>`,
    // A white ground keeps the dark text readable where the page behind is dark.
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** One row of coloured keys, the dashed reference line last; returns the y below it. */
function legend(parts, series, reference, y) {
  const keys = series.map((name, i) => ({ name, mark: `<rect x="0" y="-10" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>` }));
  if (reference !== null) keys.push({ name: reference.label, mark: '<line x1="0" y1="-4" x2="14" y2="-4" stroke="#222" stroke-width="1.5" stroke-dasharray="5 3"/>' });
  // DejaVu Sans at 12 px averages about 7 px per character; close enough to centre the row.
  const widths = keys.map((key) => 20 + key.name.length * 7 + 18);
  let x = (WIDTH - widths.reduce((sum, w) => sum + w, 0)) / 2;
  keys.forEach((key, i) => {
    parts.push(`<g transform="translate(${round(x)} ${y})">${key.mark}<text x="20" y="0" font-size="12">${escape(key.name)}</text></g>`);
    x += widths[i];
  });
  return y + 12;
}

/** Axis ticks from 0 in steps of 1, 2, 2.5 or 5 times a power of ten, five to eight of them. */
function ticks(max) {
  const raw = (max > 0 ? max : 1) / 6;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw - 1e-12);
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: Math.max(count, 1) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

function round(value) {
  return Math.round(value * 10) / 10;
}

function escape(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

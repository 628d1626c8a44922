import { svg } from '../dom.js';

interface Series {
  name: string;
  points: readonly { at: number; value: number }[];
}

const WIDTH = 560;
const HEIGHT = 160;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

/** A small line chart, one line per series over a shared time axis; each line's class is `line-<name>` for its colour. */
function lineChart(params: { series: readonly Series[]; label: string; unit?: string }): SVGElement {
  const all = params.series.flatMap((s) => s.points);
  const t0 = Math.min(...all.map((p) => p.at));
  const t1 = Math.max(...all.map((p) => p.at));
  const top = Math.max(1, ...all.map((p) => p.value));
  const x = (at: number) => PAD.left + (t1 > t0 ? ((at - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right) : 0);
  const y = (v: number) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const round = (v: number) => (v >= 100 ? Math.round(v) : Math.round(v * 10) / 10);
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': params.label },
    svg('line', { x1: PAD.left, y1: y(0), x2: WIDTH - PAD.right, y2: y(0), class: 'axis' }),
    svg('text', { x: PAD.left - 6, y: y(top) + 4, class: 'tick', 'text-anchor': 'end' }, `${round(top)}${params.unit ?? ''}`),
    svg('text', { x: PAD.left - 6, y: y(0), class: 'tick', 'text-anchor': 'end' }, '0'),
    all.length > 0 && svg('text', { x: WIDTH - PAD.right, y: HEIGHT - 4, class: 'tick', 'text-anchor': 'end' }, new Date(t1).toLocaleTimeString()),
    all.length > 0 && svg('text', { x: PAD.left, y: HEIGHT - 4, class: 'tick' }, new Date(t0).toLocaleTimeString()),
    params.series.map((s) =>
      s.points.length === 0 ? null : svg('polyline', { class: `line line-${s.name}`, points: s.points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ') }),
    ),
  );
}

export { lineChart };
export type { Series };

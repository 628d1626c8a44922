import type { JobNode } from '@baton/core';
import { layoutDag, NODE_HEIGHT, NODE_WIDTH } from '../dag-layout.js';
import { svg } from '../dom.js';
import { routeHref } from '../routes.js';

/** A job's graph as SVG: one box per task, coloured by its state, an arrow from each dependency; a box links to its task. */
function jobGraph(nodes: readonly JobNode[]): SVGElement {
  const layout = layoutDag(nodes);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return svg(
    'svg',
    { class: 'dag', 'data-testid': 'job-graph', viewBox: `0 0 ${layout.width} ${layout.height}`, width: layout.width, height: layout.height, role: 'img', 'aria-label': `graph of ${nodes.length} tasks` },
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }))),
    layout.edges.map((e) => svg('path', { d: e.path, class: 'edge', 'marker-end': 'url(#arrow)', 'data-from': e.from, 'data-to': e.to })),
    layout.nodes.map((p) => {
      const node = byKey.get(p.key);
      if (!node) return null;
      const copies = node.copies?.length ? ` ×${node.copies.length}` : '';
      return svg(
        'a',
        { href: routeHref({ name: 'task', id: node.taskId }), class: `node state-${node.state}`, 'data-key': node.key, 'data-state': node.state },
        svg('title', {}, `${node.key} (${node.type}): ${node.state}${node.endReason ? ` — ${node.endReason}` : ''}`),
        svg('rect', { x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6 }),
        svg('text', { x: p.x + 10, y: p.y + 18, class: 'node-key' }, clip(`${node.key}${copies}`, 22)),
        svg('text', { x: p.x + 10, y: p.y + 34, class: 'node-state' }, clip(`${node.type} · ${node.state}`, 26)),
      );
    }),
  );
}

export { jobGraph };

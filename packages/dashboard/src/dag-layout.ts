/** A node of a job's graph as the layout needs it. */
interface DagNodeInput {
  key: string;
  dependsOn: readonly string[];
}

interface PlacedNode {
  key: string;
  /** Column: the longest chain of dependencies before it. */
  level: number;
  /** Row within its column. */
  row: number;
  x: number;
  y: number;
}

interface PlacedEdge {
  from: string;
  to: string;
  /** An SVG path from the right side of `from` to the left side of `to`. */
  path: string;
}

interface DagLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

const NODE_WIDTH = 168;
const NODE_HEIGHT = 44;
const GAP_X = 64;
const GAP_Y = 18;
const MARGIN = 12;

/**
 * Lays a job's graph out left to right: a node's column is the longest chain
 * of dependencies before it, so every edge points right. Within a column,
 * nodes are ordered by the mean row of what they depend on (one pass of the
 * barycentre heuristic), which keeps most edges from crossing. Keys that are
 * unknown are ignored; the server refuses cycles, and a cycle here would only
 * put its nodes in column 0.
 */
function layoutDag(nodes: readonly DagNodeInput[]): DagLayout {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (key: string): number => {
    const known = level.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    visiting.add(key);
    const deps = (byKey.get(key)?.dependsOn ?? []).filter((d) => byKey.has(d));
    const value = deps.length === 0 ? 0 : Math.max(...deps.map(levelOf)) + 1;
    visiting.delete(key);
    level.set(key, value);
    return value;
  };
  const columns: string[][] = [];
  for (const node of nodes) {
    const l = levelOf(node.key);
    (columns[l] ??= []).push(node.key);
  }
  const row = new Map<string, number>();
  columns.forEach((column, l) => {
    if (l > 0) {
      const centre = (key: string): number => {
        const deps = (byKey.get(key)?.dependsOn ?? []).map((d) => row.get(d)).filter((r): r is number => r !== undefined);
        return deps.length === 0 ? 0 : deps.reduce((a, b) => a + b, 0) / deps.length;
      };
      const order = new Map(column.map((key, i) => [key, i]));
      column.sort((a, b) => centre(a) - centre(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
    column.forEach((key, i) => row.set(key, i));
  });
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const placed: PlacedNode[] = [];
  columns.forEach((column, l) => {
    // Each column is centred against the tallest one.
    const offset = ((tallest - column.length) * (NODE_HEIGHT + GAP_Y)) / 2;
    column.forEach((key, r) => {
      placed.push({ key, level: l, row: r, x: MARGIN + l * (NODE_WIDTH + GAP_X), y: MARGIN + offset + r * (NODE_HEIGHT + GAP_Y) });
    });
  });
  const at = new Map(placed.map((p) => [p.key, p]));
  const edges: PlacedEdge[] = [];
  for (const node of nodes) {
    const to = at.get(node.key);
    for (const dep of node.dependsOn) {
      const from = at.get(dep);
      if (!from || !to) continue;
      const x1 = from.x + NODE_WIDTH;
      const y1 = from.y + NODE_HEIGHT / 2;
      const x2 = to.x;
      const y2 = to.y + NODE_HEIGHT / 2;
      const bend = (x2 - x1) / 2;
      edges.push({ from: dep, to: node.key, path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}` });
    }
  }
  return {
    nodes: placed,
    edges,
    width: MARGIN * 2 + Math.max(1, columns.length) * NODE_WIDTH + Math.max(0, columns.length - 1) * GAP_X,
    height: MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * GAP_Y,
  };
}

export { layoutDag, NODE_WIDTH, NODE_HEIGHT };
export type { DagLayout, DagNodeInput, PlacedNode, PlacedEdge };

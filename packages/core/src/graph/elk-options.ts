/**
 * The ELK options every drawing of the graph model shares (the viewer in @aslkit/react and the
 * HTML coverage page in @aslkit/vitest), so the two pictures of one machine have the same shape.
 * Plain data: core does not load elkjs; each renderer adds its own spacing.
 */
export const ELK_LAYERED_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  // One layout pass over every level, so edges into and out of Parallel/Map containers are routed too.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // Edge points in root (page) coordinates; nodes relative to their parent container.
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'PARENT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.edgeLabels.placement': 'CENTER',
};

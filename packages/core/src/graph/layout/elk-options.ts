/**
 * The ELK options every drawing of the graph model shares (the viewer in @aslkit/react and the
 * HTML coverage page in @aslkit/node), so the two pictures of one machine have the same shape.
 * Plain data: core does not load elkjs; each renderer adds its own spacing (LayoutMetrics).
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

/**
 * A Parallel container: its branch boxes side by side, in definition order. Under
 * INCLUDE_CHILDREN, ELK lays every level out in one pass with the root's direction, so the
 * unconnected branch boxes share one layer and crossing minimisation orders them at will
 * (they came out 3, 1, 2, 4). No edge crosses into a branch (ASL keeps transitions inside
 * their scope), so the Parallel's children can be laid out on their own: each branch is a
 * component, placed in model order, in one row however many there are. Each branch below
 * needs the layered options again (a separate run starts from ELK's defaults).
 */
export const ELK_PARALLEL_OPTIONS: Readonly<Record<string, string>> = {
  ...ELK_LAYERED_OPTIONS,
  'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
  'elk.direction': 'RIGHT',
  'elk.layered.considerModelOrder.components': 'MODEL_ORDER',
  // The component packer starts a new row to keep this width:height ratio; never, here.
  'elk.aspectRatio': '1000',
};

// The default layer budget, apart from the planner: settings and usage texts need the number, and a `serve`
// replica that reads it should not load the planner itself (start-up time).

/** The pipeline adds one customisation layer; this stays well under the 125-layer limit of overlay stores. */
export const DEFAULT_LAYER_BUDGET = 100;

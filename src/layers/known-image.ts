/** An image already published: its layers, each a set of store paths. */
export type KnownImage = readonly (readonly string[])[];

/// <reference types="vite/client" />

// cytoscape-fcose ships no type declarations; it is a cytoscape extension registered with cytoscape.use().
declare module "cytoscape-fcose" {
  import type { Ext } from "cytoscape";
  const fcose: Ext;
  export default fcose;
}

// Data files in YAML (the escalation states), turned into modules by the yaml plugin of vite.config.ts.
declare module "*.yaml" {
  const data: unknown;
  export default data;
}

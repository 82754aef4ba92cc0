// Typed access to palette.json, with a neutral fallback so an actor type, relation type or state
// that a newer server knows and this build does not is still drawn (grey) rather than dropped.
import palette from "./palette.json";
// The escalation states, their order, colours and legend words are defined once, with the criteria that
// decide them, in the analysis data file; the build reads it (vite.config.ts turns YAML into a module).
import escalation from "../../analysis/data/escalation_states.yaml";

export interface Swatch {
  label: string;
  color: string;
}
export interface ActorStyle extends Swatch {
  shape: string;
}
export interface RelationStyle extends Swatch {
  line: "solid" | "dashed" | "dotted";
  arrow: string;
}

const actorTypes = palette.actor_types as Record<string, ActorStyle>;
const relationTypes = palette.relation_types as Record<string, RelationStyle>;
const quadClasses = palette.quad_classes as Record<string, Swatch>;
interface StateEntry {
  name: string;
  colour: string;
  label: string;
}
const stateList = (escalation as { states: StateEntry[]; fallback_colour: string }).states;

/** A state's colour mixed with white: the chart draws states as a pale band behind the event bars. */
function tint(hex: string, share = 0.35): string {
  const mix = (i: number) => Math.round(255 - (255 - parseInt(hex.slice(i, i + 2), 16)) * share);
  return `#${[1, 3, 5].map((i) => mix(i).toString(16).padStart(2, "0")).join("")}`;
}

const states: Record<string, Swatch & { description: string }> = Object.fromEntries(
  stateList.map((s) => [s.name, { label: s.name[0].toUpperCase() + s.name.slice(1), color: tint(s.colour),
    description: s.label }]),
);

export const UNCLASSIFIED: Swatch = palette.unclassified;
export const PATRON_LINK: Swatch = palette.patron_link;

export function actorStyle(type: string): ActorStyle {
  return actorTypes[type] ?? { label: type, color: UNCLASSIFIED.color, shape: "ellipse" };
}

export function relationStyle(type: string): RelationStyle {
  return relationTypes[type] ?? { label: type.replace(/_/g, " "), color: UNCLASSIFIED.color, line: "solid",
    arrow: "triangle" };
}

export function quadStyle(quad: number | null | undefined): Swatch {
  return (quad !== null && quad !== undefined && quadClasses[String(quad)]) || UNCLASSIFIED;
}

export function stateStyle(state: string | null | undefined): Swatch & { description?: string } {
  return (state && states[state]) || { label: state ?? "unknown", color: "#ffffff" };
}

export const ACTOR_TYPES = Object.entries(actorTypes);
export const QUAD_CLASSES = Object.entries(quadClasses).map(([k, v]) => [Number(k), v] as const);
export const ESCALATION_STATES = Object.entries(states);

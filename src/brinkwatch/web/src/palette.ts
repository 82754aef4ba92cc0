// Typed access to palette.json, with a neutral fallback so an actor type, relation type or state
// that a newer server knows and this build does not is still drawn (grey) rather than dropped.
import palette from "./palette.json";

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
const states = palette.escalation_states as Record<string, Swatch>;

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

export function stateStyle(state: string | null | undefined): Swatch {
  return (state && states[state]) || { label: state ?? "unknown", color: "#ffffff" };
}

export const ACTOR_TYPES = Object.entries(actorTypes);
export const QUAD_CLASSES = Object.entries(quadClasses).map(([k, v]) => [Number(k), v] as const);
export const ESCALATION_STATES = Object.entries(states);

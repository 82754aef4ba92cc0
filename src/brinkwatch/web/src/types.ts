// The shapes of the brinkwatch HTTP API (docs: the API contract; records as in RECORDS.md).
// Optional fields are optional because the server leaves out keys whose value is null.

export type ActorType =
  | "state" | "government" | "armed_group" | "political_group" | "person" | "organization" | "population";

export interface Provenance {
  document?: string;
  start?: number;
  end?: number;
  text?: string;
  dataset?: string;
  record?: string;
}

export interface Actor {
  kind: "actor";
  id: string;
  name: string;
  type: ActorType;
  aliases?: string[];
  country?: string;
  code?: string;
  born?: string;
  founded?: string;
  died?: string;
  dissolved?: string;
  confidence?: number;
}

export interface Place {
  kind: "place";
  id: string;
  name: string;
  type: string;
  country?: string;
  lat?: number;
  lon?: number;
  aliases?: string[];
}

export interface Relation {
  kind: "relation";
  id: string;
  type: string;
  source: string;
  target: string;
  role?: string;
  valid_from?: string;
  valid_to?: string;
  confidence?: number;
  provenance?: Provenance[];
}

export interface EventRecord {
  kind?: "event";
  id: string;
  type: string;
  mode?: string;
  source: string[];
  target: string[];
  date?: string;
  date_end?: string;
  place?: string;
  fatalities?: number;
  intensity?: number;
  quad_class?: 1 | 2 | 3 | 4;
  summary?: string;
  confidence?: number;
  provenance?: Provenance[];
}

export interface DocumentRef {
  id: string;
  title?: string;
  published?: string;
}

export interface Health {
  status: string;
  counts: Record<string, number>;
}

export interface GraphNode {
  id: string;
  name: string;
  type: ActorType;
  country?: string | null;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  role?: string | null;
  valid_from?: string | null;
  valid_to?: string | null;
  patron_link: boolean;
}

export interface GraphResponse {
  at?: string | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
  proxy_chains: string[][];
}

export interface TimelineResponse {
  items: EventRecord[];
  actors: Record<string, string>;
}

export interface ActorProfile {
  actor: Actor;
  relations: Relation[];
  events: EventRecord[];
  documents: DocumentRef[];
}

export interface Source {
  document?: string | null;
  title?: string | null;
  published?: string | null;
  start?: number | null;
  end?: number | null;
  text?: string | null;
  dataset?: string | null;
  record?: string | null;
}

export interface ProvenanceResponse {
  record_id: string;
  sources: Source[];
}

export interface SearchResponse {
  actors: Actor[];
  events: EventRecord[];
  documents: DocumentRef[];
}

export interface Listing<T> {
  total?: number;
  items: T[];
}

/** An RFC 9457 problem detail, as every API error is reported. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

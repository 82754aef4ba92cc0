// The one place that talks HTTP. Every call is relative to the page (the API and the
// dashboard share an origin), so the dashboard never reaches any host but its own.
import type {
  ActorProfile, GraphResponse, Health, Listing, Place, Problem, ProvenanceResponse, SearchResponse,
  TimelineResponse,
} from "./types";

/** A failed API call, carrying the server's problem detail so the UI can say what went wrong. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem, readonly path: string) {
    super(`${path}: ${problem.detail ?? problem.title ?? `HTTP ${status}`}`);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `api/${path}${qs ? `?${qs}` : ""}`;
}

async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const target = url(path, query);
  const response = await fetch(target, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    let problem: Problem = { status: response.status, title: response.statusText };
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // a body that is not JSON still gets reported by its status
    }
    throw new ApiError(response.status, problem, target);
  }
  return (await response.json()) as T;
}

const seg = encodeURIComponent;

export const api = {
  health: () => getJson<Health>("health"),
  graph: (at?: string, signal?: AbortSignal) => getJson<GraphResponse>("graph", { at }, signal),
  timeline: (actor?: string, signal?: AbortSignal) => getJson<TimelineResponse>("timeline", { actor }, signal),
  places: () => getJson<Listing<Place>>("places"),
  actor: (id: string) => getJson<ActorProfile>(`actors/${seg(id)}`),
  provenance: (id: string) => getJson<ProvenanceResponse>(`provenance/${seg(id)}`),
  attribution: (id: string, at?: string) => getJson<unknown>(`attribution/${seg(id)}`, { at }),
  escalation: (a: string, b: string, by: string, rollUp: boolean, signal?: AbortSignal) =>
    getJson<unknown>("escalation", { a, b, by, roll_up_proxies: rollUp }, signal),
  search: (q: string, signal?: AbortSignal) => getJson<SearchResponse>("search", { q }, signal),
};

/** True for the error a superseded request ends with, which is not worth reporting. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

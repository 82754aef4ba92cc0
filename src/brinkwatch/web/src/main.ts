// Start-up: draw the page skeleton at once (first paint needs nothing from the server), then load
// the graph, events and places in parallel and wire the panels to one another through the hub.
import "./styles.css";
import { api } from "./api";
import { bounds, dayNumber, fromDayNumber, isoDay, midpoint } from "./dates";
import { DetailsPanel } from "./details";
import { byId, debounce, h, replace } from "./dom";
import { EscalationView } from "./escalation";
import { GraphView, graphLegend, type VisibleIds } from "./graph";
import { directory, hub } from "./hub";
import { MapView } from "./map";
import { profileView } from "./profile";
import { SearchBox } from "./search";
import { TimelineView } from "./timeline";
import type { EventRecord, GraphResponse } from "./types";
import { eventTitle, eventView, placeView, relationTitle, relationView } from "./views";

const details = new DetailsPanel();
hub.on("select-actor", ({ id }) => details.show("Actor", directory.actorName(id), profileView(id)));
hub.on("select-relation", (rel) => details.show("Relation", relationTitle(rel), relationView(rel)));
hub.on("select-event", (event) => details.show("Event", eventTitle(event), eventView(event)));
hub.on("select-place", ({ place, events }) => details.show("Place", place.name, placeView(place, events)));

const graph = new GraphView(byId("graph"), byId("graph-status"));
const timeline = new TimelineView();
const escalation = new EscalationView();
const map = new MapView();
new SearchBox();

/** A small read-only handle for browser automation (the end-to-end tests and the benchmark):
 * canvas-drawn nodes have no DOM element to click, so a test asks where an actor is drawn. */
declare global {
  interface Window {
    brinkwatch: {
      nodePosition(actor: string): { x: number; y: number } | null;
      edgeMidpoint(relation: string): { x: number; y: number } | null;
      visible(): VisibleIds;
    };
  }
}
window.brinkwatch = {
  nodePosition: (actor) => graph.renderedPosition(actor),
  edgeMidpoint: (relation) => graph.renderedEdgeMidpoint(relation),
  visible: () => graph.visibleIds(),
};

const slider = byId<HTMLInputElement>("as-of");
const dateInput = byId<HTMLInputElement>("as-of-date");
const playButton = byId<HTMLButtonElement>("play");
let graphRequest: AbortController | undefined;

/** The as-of date changed: show the graph as it stood that day and tell the other panels. */
async function applyAsOf(day: string): Promise<void> {
  directory.asOf = day;
  slider.value = String(dayNumber(Date.parse(day)));
  dateInput.value = day;
  slider.setAttribute("aria-valuetext", day);
  hub.emit("as-of", { day });
  graphRequest?.abort();
  graphRequest = new AbortController();
  const request = graphRequest;
  try {
    const at: GraphResponse = await api.graph(day, request.signal);
    if (request.signal.aborted) return;
    graph.show(at);
    document.body.dataset.asOf = day;
  } catch (error) {
    if (!request.signal.aborted) replace(byId("graph-status"), h("span", { class: "error", text: `Graph failed: ${(error as Error).message}` }));
  }
}

const fetchAsOf = debounce((day: string) => void applyAsOf(day), 120);
slider.addEventListener("input", () => {
  const day = isoDay(fromDayNumber(Number(slider.value)));
  dateInput.value = day;
  fetchAsOf(day);
});
dateInput.addEventListener("change", () => {
  if (bounds(dateInput.value)) void applyAsOf(dateInput.value);
});
hub.on("pick-date", ({ day }) => void applyAsOf(day));
byId<HTMLInputElement>("chain-focus").addEventListener("change", (e) => graph.setChainFocus((e.target as HTMLInputElement).checked));
byId("fit").addEventListener("click", () => graph.fit());

let playing: number | undefined;
playButton.addEventListener("click", () => {
  if (playing !== undefined) {
    window.clearInterval(playing);
    playing = undefined;
    playButton.textContent = "▶";
    return;
  }
  playButton.textContent = "❚❚";
  if (Number(slider.value) >= Number(slider.max)) slider.value = slider.min;
  playing = window.setInterval(() => {
    const next = Math.min(Number(slider.max), Number(slider.value) + 30);
    void applyAsOf(isoDay(fromDayNumber(next)));
    if (next >= Number(slider.max)) playButton.click();
  }, 500);
});

/** The span of the slider: from the earliest dated relation or event to the latest. */
function timeSpan(full: GraphResponse, events: EventRecord[]): [number, number] {
  const times: number[] = [];
  for (const edge of full.edges) {
    for (const value of [edge.valid_from, edge.valid_to]) {
      const b = bounds(value);
      if (b) times.push(b[0], b[1]);
    }
  }
  for (const event of events) {
    const b = bounds(event.date);
    if (b) times.push(b[0], b[1]);
  }
  if (times.length === 0) {
    const now = Date.now();
    return [now - 365 * 86_400_000, now];
  }
  return [Math.min(...times), Math.max(...times)];
}

/** The pair of actors with the most hostile events between them (any events if none is hostile):
 * the first escalation chart worth seeing. */
function busiestPair(events: EventRecord[]): [string, string] | null {
  const hostile = events.filter((e) => e.quad_class === 3 || e.quad_class === 4);
  const counts = new Map<string, number>();
  for (const event of hostile.length ? hostile : events) {
    for (const a of event.source) {
      for (const b of event.target) {
        if (a === b) continue;
        const key = [a, b].sort().join("\u0000");
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const best = [...counts.entries()].sort((x, y) => y[1] - x[1])[0];
  return best ? (best[0].split("\u0000") as [string, string]) : null;
}

const COUNTED = ["documents", "actors", "places", "relations", "events"];

/** The store's counts in the header (what the analyst is looking at), then the total of events. */
async function showCounts(): Promise<number | null> {
  try {
    const health = await api.health();
    replace(byId("counts"), ...COUNTED.filter((k) => k in health.counts).map((k) =>
      h("span", { class: "count" }, h("b", { text: String(health.counts[k]) }), ` ${k}`)));
    return health.counts.events ?? null;
  } catch {
    replace(byId("counts"), h("span", { class: "error", text: "API unreachable" }));
    return null;
  }
}

async function boot(): Promise<void> {
  performance.mark("brinkwatch:boot");
  const counted = showCounts();
  const eventsLoaded = api.timeline();
  const placesLoaded = api.places();
  // the layout of the whole graph runs while the (larger) event list is still on its way
  const full = await api.graph();
  byId("graph-legend").append(graphLegend(full.edges));
  const laidOut = graph.load(full).then(() => performance.mark("brinkwatch:layout"));
  const [events, places] = await Promise.all([eventsLoaded, placesLoaded]);
  performance.mark("brinkwatch:data");
  for (const place of places.items) directory.places.set(place.id, place);
  for (const [id, name] of Object.entries(events.actors)) {
    if (!directory.actors.has(id)) directory.actors.set(id, { name });
  }

  const [lo, hi] = timeSpan(full, events.items);
  slider.min = String(dayNumber(lo));
  slider.max = String(dayNumber(hi));
  dateInput.min = isoDay(lo);
  dateInput.max = isoDay(hi);
  await laidOut;
  await applyAsOf(isoDay(hi));
  graph.fit();
  requestAnimationFrame(() => {
    performance.mark("brinkwatch:graph-drawn");
    document.body.dataset.graph = "ready";
  });

  const eventTimes = events.items.map((e) => midpoint(e.date)).filter((t): t is number => t !== null);
  timeline.setDomain(eventTimes.length ? [Math.min(...eventTimes), Math.max(...eventTimes)] : [lo, hi]);
  timeline.setActors(events);
  timeline.setStoreTotal(await counted);
  timeline.show(events);
  void map.show(events.items);

  const pair = busiestPair(events.items);
  const pairEvents = pair ? events.items.filter((e) => [...e.source, ...e.target].some((a) => pair.includes(a))) : [];
  const pairTimes = pairEvents.map((e) => midpoint(e.date)).filter((t): t is number => t !== null);
  const years = pairTimes.length ? (Math.max(...pairTimes) - Math.min(...pairTimes)) / (365.25 * 86_400_000) : 0;
  const actorIds = new Set([...full.nodes.map((n) => n.id), ...Object.keys(events.actors)]);
  escalation.setActors([...actorIds], pair, years > 8 ? "year" : "month");
  await escalation.load();
  performance.mark("brinkwatch:ready");
  document.body.dataset.ready = "1";
}

boot().catch((error: unknown) => {
  replace(byId("graph-status"), h("span", { class: "error", text: `Dashboard could not load: ${(error as Error).message}` }));
  document.body.dataset.ready = "error";
});

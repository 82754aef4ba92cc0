// A small Gantt of an actor's relations: one bar per relation from valid_from to valid_to, open
// ends running to the edge, and the as-of date as a rule, so "since when, and still?" reads at a glance.
import { bounds, isoDay } from "./dates";
import { onActivate, s } from "./dom";
import { directory, hub } from "./hub";
import { quadStyle, relationStyle } from "./palette";
import type { EventRecord, Relation } from "./types";

const WIDTH = 360;
const LABEL = 150;
const ROW = 16;

function label(rel: Relation, actor: string): string {
  const style = relationStyle(rel.type);
  return rel.source === actor
    ? `${style.label} → ${directory.actorName(rel.target)}`
    : `← ${style.label} ${directory.actorName(rel.source)}`;
}

export function relationGantt(actor: string, relations: Relation[], events: EventRecord[]): SVGSVGElement {
  const spans = relations.map((rel) => ({ rel, from: bounds(rel.valid_from), to: bounds(rel.valid_to) }));
  const times: number[] = [];
  for (const { from, to } of spans) {
    if (from) times.push(from[0]);
    if (to) times.push(to[1]);
  }
  for (const event of events) {
    const b = bounds(event.date);
    if (b) times.push(b[0]);
  }
  const asOf = bounds(directory.asOf);
  if (asOf) times.push(asOf[0]);
  const lo = times.length ? Math.min(...times) : Date.UTC(2000, 0, 1);
  const hi = Math.max(times.length ? Math.max(...times) : lo, lo + 365 * 86_400_000);
  const x = (t: number) => LABEL + ((t - lo) / (hi - lo)) * (WIDTH - LABEL - 6);

  const sorted = [...spans].sort((a, b) => (a.from?.[0] ?? -Infinity) - (b.from?.[0] ?? -Infinity));
  const eventRow = events.length ? 1 : 0;
  const height = (sorted.length + eventRow) * ROW + 22;
  const svg = s("svg", { class: "gantt", viewBox: `0 0 ${WIDTH} ${height}`, role: "img",
    "aria-label": "Relations over time" });

  sorted.forEach(({ rel, from, to }, i) => {
    const y = i * ROW + 2;
    const style = relationStyle(rel.type);
    const x0 = from ? x(from[0]) : LABEL;
    const x1 = to ? x(to[1]) : WIDTH - 6;
    const row = s("g", { class: "gantt-row", "data-relation": rel.id, tabindex: 0 },
      s("title", {}, `${label(rel, actor)}: ${rel.valid_from ?? "?"} – ${rel.valid_to ?? "open"}`),
      s("text", { x: LABEL - 4, y: y + 11, "text-anchor": "end", class: "gantt-label" }, truncate(label(rel, actor), 26)),
      s("rect", { x: x0, y: y + 2, width: Math.max(3, x1 - x0), height: ROW - 5, rx: 2, fill: style.color,
        "fill-opacity": from || to ? 0.85 : 0.3 }),
    );
    onActivate(row, () => hub.emit("select-relation", rel));
    svg.append(row);
  });

  if (eventRow) {
    const y = sorted.length * ROW + 2;
    svg.append(s("text", { x: LABEL - 4, y: y + 11, "text-anchor": "end", class: "gantt-label" }, "events"));
    for (const event of events) {
      const b = bounds(event.date);
      if (!b) continue;
      const tick = s("rect", { x: x(b[0]) - 1, y: y + 1, width: 2.5, height: ROW - 3,
        fill: quadStyle(event.quad_class).color, class: "gantt-event" },
      s("title", {}, `${event.date} ${event.type}: ${event.summary ?? ""}`));
      onActivate(tick, () => hub.emit("select-event", event));
      svg.append(tick);
    }
  }

  const axisY = height - 8;
  svg.append(
    s("text", { x: LABEL, y: axisY + 6, class: "axis-label" }, isoDay(lo).slice(0, 4)),
    s("text", { x: WIDTH - 6, y: axisY + 6, "text-anchor": "end", class: "axis-label" }, isoDay(hi).slice(0, 4)),
  );
  if (asOf && asOf[0] >= lo && asOf[0] <= hi) {
    svg.append(s("line", { x1: x(asOf[0]), x2: x(asOf[0]), y1: 0, y2: axisY - 4, class: "as-of-rule" },
      s("title", {}, `as of ${directory.asOf}`)));
  }
  return svg;
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

// The event timeline: one dot per dated event, placed by date and by intensity (cooperative
// above the line, hostile below), coloured by quad class and sized by fatalities. Clicking a dot
// opens the event; clicking elsewhere on the chart moves the as-of date there.
import { api, isAbort } from "./api";
import { linear, type Scale, timeAxis } from "./axis";
import { bounds, isoDay, midpoint } from "./dates";
import { byId, h, onActivate, replace, s } from "./dom";
import { directory, hub } from "./hub";
import { QUAD_CLASSES, quadStyle } from "./palette";
import { hideTooltip, withTooltip } from "./tooltip";
import type { EventRecord, TimelineResponse } from "./types";

const HEIGHT = 190;
const M = { left: 34, right: 12, top: 10, bottom: 22 };

export class TimelineView {
  private items: EventRecord[] = [];
  private request?: AbortController;
  private readonly chart = byId("timeline-chart");
  private readonly filter = byId<HTMLSelectElement>("timeline-actor");
  private readonly note = byId("timeline-note");
  private domain: [number, number] | null = null;
  private storeTotal: number | null = null;
  private rule: SVGLineElement | null = null;
  private x: Scale | null = null;
  private filtered = false;

  constructor() {
    this.filter.addEventListener("change", () => void this.load(this.filter.value || undefined));
    hub.on("as-of", () => this.moveRule());
    new ResizeObserver(() => this.draw()).observe(this.chart);
    byId("timeline-legend").append(...QUAD_CLASSES.map(([, style]) => {
      const dot = h("span", { class: "dot" });
      dot.style.setProperty("--dot", style.color);
      return h("span", { class: "legend-item" }, dot, style.label);
    }));
  }

  /** Fill the actor filter with every actor that takes part in an event, busiest first. */
  setActors(response: TimelineResponse): void {
    const counts = new Map<string, number>();
    for (const event of response.items) {
      for (const id of [...event.source, ...event.target]) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const options = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    replace(this.filter, h("option", { text: "All actors", attrs: { value: "" } }),
      ...options.map(([id, n]) => h("option", { text: `${response.actors[id] ?? id} (${n})`, attrs: { value: id } })));
  }

  /** How many events the store holds, to say so when the server sent only part of them. */
  setStoreTotal(total: number | null): void {
    this.storeTotal = total;
  }

  /** Fix the time axis (the whole store's span) so filtering by actor does not rescale it. */
  setDomain(domain: [number, number]): void {
    this.domain = domain;
  }

  show(response: TimelineResponse): void {
    for (const [id, name] of Object.entries(response.actors)) {
      if (!directory.actors.has(id)) directory.actors.set(id, { name });
    }
    this.items = response.items;
    this.draw();
  }

  async load(actor?: string): Promise<void> {
    this.filtered = Boolean(actor);
    this.request?.abort();
    this.request = new AbortController();
    try {
      this.show(await api.timeline(actor, this.request.signal));
    } catch (error) {
      if (!isAbort(error)) replace(this.chart, h("p", { class: "error", text: `Timeline failed: ${(error as Error).message}` }));
    }
  }

  /** Move the as-of rule without redrawing the dots (it follows the slider while it is dragged). */
  private moveRule(): void {
    const asOf = bounds(directory.asOf);
    if (!this.rule || !this.x) return;
    this.rule.setAttribute("visibility", asOf ? "visible" : "hidden");
    if (asOf) {
      this.rule.setAttribute("x1", String(this.x(asOf[0])));
      this.rule.setAttribute("x2", String(this.x(asOf[0])));
    }
  }

  private draw(): void {
    const width = Math.max(320, this.chart.clientWidth);
    const dated = this.items.filter((e) => bounds(e.date));
    const undated = this.items.length - dated.length;
    const times = dated.map((e) => midpoint(e.date) as number);
    const domain: [number, number] = this.domain ?? (times.length
      ? [Math.min(...times), Math.max(...times)] : [Date.UTC(2000, 0, 1), Date.UTC(2001, 0, 1)]);
    const pad = Math.max(86_400_000 * 15, (domain[1] - domain[0]) * 0.01);
    const x = linear([domain[0] - pad, domain[1] + pad], [M.left, width - M.right]);
    const y = linear([-11, 11], [HEIGHT - M.bottom, M.top]);
    const svg = s("svg", { class: "timeline", width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`,
      role: "img", "aria-label": `Timeline of ${dated.length} events` });
    const background = s("rect", { x: M.left, y: M.top, width: width - M.left - M.right, height: HEIGHT - M.top - M.bottom,
      class: "plot-bg" });
    background.addEventListener("click", (event) => {
      const box = svg.getBoundingClientRect();
      hub.emit("pick-date", { day: isoDay(x.invert(event.clientX - box.left)) });
    });
    svg.append(background, timeAxis(x, HEIGHT - M.bottom, width),
      s("line", { x1: M.left, x2: width - M.right, y1: y(0), y2: y(0), class: "zero" }),
      s("text", { x: 4, y: y(9), class: "axis-label" }, "+10"),
      s("text", { x: 4, y: y(0) + 4, class: "axis-label" }, "0"),
      s("text", { x: 4, y: y(-9) + 8, class: "axis-label" }, "−10"));

    this.x = x;
    this.rule = s("line", { y1: M.top, y2: HEIGHT - M.bottom, class: "as-of-rule" });
    svg.append(this.rule);
    this.moveRule();

    const dots = s("g", { class: "dots" });
    dated.forEach((event, i) => {
      const r = 3.5 + Math.min(7, Math.sqrt(event.fatalities ?? 0));
      const hasIntensity = typeof event.intensity === "number";
      const dot = s("circle", {
        cx: x(times[i]), cy: y(hasIntensity ? (event.intensity as number) : 0), r,
        fill: hasIntensity ? quadStyle(event.quad_class).color : "#fff",
        stroke: quadStyle(event.quad_class).color, class: "event-dot", "data-event": event.id, tabindex: 0,
      });
      withTooltip(dot, () => [
        `${event.date}${event.date_end && event.date_end !== event.date ? ` – ${event.date_end}` : ""} · ${event.type}`,
        `${event.source.map((a) => directory.actorName(a)).join(", ") || "?"} → ${event.target.map((a) => directory.actorName(a)).join(", ") || "?"}`,
        ...(event.summary ? [event.summary] : []),
        `intensity ${event.intensity ?? "n/a"}${event.fatalities ? ` · ${event.fatalities} killed` : ""}`,
      ]);
      onActivate(dot, () => {
        hideTooltip();
        hub.emit("select-event", event);
      });
      dots.append(dot);
    });
    svg.append(dots);
    replace(this.chart, svg);
    this.chart.dataset.events = String(dated.length);
    const partial = !this.filtered && this.storeTotal !== null && this.items.length < this.storeTotal
      ? ` (the first ${this.items.length} of ${this.storeTotal} in the store)` : "";
    this.note.textContent = `${dated.length} events${partial}${undated ? `; ${undated} undated, not drawn` : ""}`;
  }
}

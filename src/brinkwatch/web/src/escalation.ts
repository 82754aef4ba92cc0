// The escalation chart of one pair of actors: per period, stacked bars of events by quad class
// over a background band coloured by the escalation state, the mean intensity as a line, and on
// hover the criterion that put the period in its state (so the number explains itself).
import { api, isAbort } from "./api";
import { linear } from "./axis";
import { byId, h, replace, s } from "./dom";
import { directory } from "./hub";
import { ESCALATION_STATES, QUAD_CLASSES, quadStyle, stateStyle } from "./palette";
import { hideTooltip, withTooltip } from "./tooltip";

export interface Period {
  label: string;
  counts: [number, number, number, number];
  meanIntensity: number | null;
  minIntensity: number | null;
  fatalities: number | null;
  state: string;
  criterion: string;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function readCounts(raw: unknown): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  if (Array.isArray(raw)) {
    raw.slice(0, 4).forEach((v, i) => (out[i] = num(v) ?? 0));
  } else if (raw && typeof raw === "object") {
    const obj = raw as Record<string, unknown>;
    for (let q = 1; q <= 4; q++) {
      out[q - 1] = num(obj[String(q)]) ?? 0;
    }
  }
  return out;
}

interface CriterionText {
  name: string;
  description?: string;
  conditions?: string[];
}

/** The criterion that decided a period, in words: its description and its conditions from `explain`. */
function describeCriterion(name: string, criteria: CriterionText[]): string {
  const found = criteria.find((c) => c.name === name);
  if (!found) return name;
  const conditions = found.conditions?.length ? ` (${found.conditions.join(" and ")})` : "";
  return `${found.description ?? name}${conditions} [${name}]`;
}

export interface Series {
  periods: Period[];
  explain: string;
}

/** The escalation series as the chart needs it (from the analysis' to_dict). */
export function readSeries(data: unknown): Series {
  const series = (data ?? {}) as { periods?: unknown; explain?: { text?: string; criteria?: CriterionText[] } | string };
  const explain = typeof series.explain === "string" ? { text: series.explain } : series.explain ?? {};
  const criteria = Array.isArray(explain.criteria) ? explain.criteria : [];
  const raw = Array.isArray(series.periods) ? (series.periods as Record<string, unknown>[]) : [];
  const periods = raw.map((p) => ({
    label: String(p.period ?? p.start ?? ""),
    counts: readCounts(p.quad_counts ?? p.counts),
    meanIntensity: num(p.mean_intensity),
    minIntensity: num(p.min_intensity),
    fatalities: num(p.fatalities),
    state: String(p.state ?? "calm"),
    criterion: typeof p.criterion === "string" ? describeCriterion(p.criterion, criteria) : "",
  }));
  return { periods, explain: explain.text ?? "" };
}

const HEIGHT = 220;
const M = { left: 34, right: 34, top: 10, bottom: 34 };

export class EscalationView {
  private readonly a = byId<HTMLSelectElement>("esc-a");
  private readonly b = byId<HTMLSelectElement>("esc-b");
  private readonly by = byId<HTMLSelectElement>("esc-by");
  private readonly rollUp = byId<HTMLInputElement>("esc-rollup");
  private readonly chart = byId("escalation-chart");
  private readonly note = byId("escalation-note");
  private readonly explain = byId("escalation-explain");
  private periods: Period[] = [];
  private request?: AbortController;

  constructor() {
    for (const control of [this.a, this.b, this.by, this.rollUp]) control.addEventListener("change", () => void this.load());
    new ResizeObserver(() => this.draw()).observe(this.chart);
    const legend = byId("escalation-legend");
    for (const [, style] of ESCALATION_STATES) {
      const box = h("span", { class: "box" });
      box.style.setProperty("--swatch", style.color);
      legend.append(h("span", { class: "legend-item", title: style.description }, box, style.label));
    }
    for (const [, style] of QUAD_CLASSES) {
      const dot = h("span", { class: "bar" });
      dot.style.setProperty("--swatch", style.color);
      legend.append(h("span", { class: "legend-item" }, dot, style.label));
    }
  }

  /** Fill both pickers and pick a first pair (the busiest dyad) and a period length that suits its span. */
  setActors(ids: string[], pair: [string, string] | null, by: "week" | "month" | "year"): void {
    const sorted = [...ids].sort((x, y) => directory.actorName(x).localeCompare(directory.actorName(y)));
    for (const select of [this.a, this.b]) {
      replace(select, ...sorted.map((id) => h("option", { text: directory.actorName(id), attrs: { value: id } })));
    }
    if (pair) {
      this.a.value = pair[0];
      this.b.value = pair[1];
    }
    this.by.value = by;
  }

  async load(): Promise<void> {
    const a = this.a.value;
    const b = this.b.value;
    if (!a || !b) return;
    if (a === b) {
      this.periods = [];
      replace(this.chart, h("p", { class: "muted", text: "Choose two different actors." }));
      return;
    }
    this.request?.abort();
    this.request = new AbortController();
    this.chart.dataset.state = "loading";
    try {
      const series = readSeries(await api.escalation(a, b, this.by.value, this.rollUp.checked, this.request.signal));
      this.periods = series.periods;
      this.explain.textContent = series.explain;
      this.draw();
    } catch (error) {
      if (isAbort(error)) return;
      this.periods = [];
      replace(this.chart, h("p", { class: "error", text: `Escalation failed: ${(error as Error).message}` }));
      this.chart.dataset.state = "error";
    }
  }

  private draw(): void {
    if (this.periods.length === 0) {
      if (this.chart.dataset.state === "loading") {
        replace(this.chart, h("p", { class: "muted", text: "No periods: these two actors have no events between them." }));
        this.chart.dataset.state = "empty";
      }
      return;
    }
    const width = Math.max(320, this.chart.clientWidth);
    const n = this.periods.length;
    const step = (width - M.left - M.right) / n;
    const maxCount = Math.max(1, ...this.periods.map((p) => p.counts.reduce((x, y) => x + y, 0)));
    const yCount = linear([0, maxCount], [HEIGHT - M.bottom, M.top]);
    const yInt = linear([-10, 10], [HEIGHT - M.bottom, M.top]);
    const svg = s("svg", { class: "escalation", width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img",
      "aria-label": `Escalation between ${directory.actorName(this.a.value)} and ${directory.actorName(this.b.value)}` });
    const labelEvery = Math.ceil(n / Math.max(1, Math.floor((width - M.left - M.right) / 56)));
    const line: string[] = [];

    this.periods.forEach((p, i) => {
      const x0 = M.left + i * step;
      const total = p.counts.reduce((x, y) => x + y, 0);
      const band = s("g", { class: "period", "data-period": p.label, "data-state": p.state, "data-total": total },
        s("rect", { x: x0, y: M.top, width: step, height: HEIGHT - M.top - M.bottom, fill: stateStyle(p.state).color,
          class: "state-band" }));
      let top = HEIGHT - M.bottom;
      p.counts.forEach((count, q) => {
        if (!count) return;
        const y = yCount(count) - (HEIGHT - M.bottom);
        const barWidth = Math.min(36, Math.max(1, step * 0.64));
        band.append(s("rect", { x: x0 + (step - barWidth) / 2, y: top + y, width: barWidth, height: -y,
          fill: quadStyle(q + 1).color }));
        top += y;
      });
      withTooltip(band, () => [
        `${p.label} · ${stateStyle(p.state).label}`,
        ...(p.criterion ? [`Why: ${p.criterion}`] : []),
        `events ${total} (${QUAD_CLASSES.map(([, st], k) => `${st.label.toLowerCase()} ${p.counts[k]}`).join(", ")})`,
        `mean intensity ${p.meanIntensity ?? "n/a"} · min ${p.minIntensity ?? "n/a"}${p.fatalities ? ` · ${p.fatalities} killed` : ""}`,
      ]);
      band.addEventListener("mouseleave", hideTooltip);
      svg.append(band);
      if (i % labelEvery === 0) {
        svg.append(s("text", { x: x0 + step / 2, y: HEIGHT - M.bottom + 14, "text-anchor": "middle", class: "axis-label" }, p.label));
      }
      if (p.meanIntensity !== null && total > 0) line.push(`${x0 + step / 2},${yInt(p.meanIntensity)}`);
    });
    if (line.length > 1) svg.append(s("polyline", { points: line.join(" "), class: "intensity-line" }));
    for (const pt of line) {
      const [cx, cy] = pt.split(",");
      svg.append(s("circle", { cx, cy, r: 2.5, class: "intensity-dot" }));
    }
    svg.append(
      s("line", { x1: M.left, x2: width - M.right, y1: HEIGHT - M.bottom, y2: HEIGHT - M.bottom, class: "baseline" }),
      s("text", { x: M.left - 4, y: yCount(maxCount) + 8, "text-anchor": "end", class: "axis-label" }, String(maxCount)),
      s("text", { x: M.left - 4, y: HEIGHT - M.bottom, "text-anchor": "end", class: "axis-label" }, "0"),
      s("text", { x: width - M.right + 4, y: yInt(10) + 8, class: "axis-label" }, "+10"),
      s("text", { x: width - M.right + 4, y: yInt(-10), class: "axis-label" }, "−10"),
      s("text", { x: M.left, y: HEIGHT - 4, class: "axis-label" }, "events per period (bars) · mean intensity (line, right axis)"),
    );
    replace(this.chart, svg);
    this.chart.dataset.state = "drawn";
    this.chart.dataset.periods = String(n);
    const states = new Map<string, number>();
    for (const p of this.periods) states.set(p.state, (states.get(p.state) ?? 0) + 1);
    this.note.textContent = [...states.entries()].map(([st, k]) => `${stateStyle(st).label} ${k}`).join(" · ");
  }
}

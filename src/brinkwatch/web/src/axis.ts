// Time axes shared by the timeline and the escalation chart: a linear scale over UTC
// milliseconds and tick marks at whole years, quarters or months, whichever fits.
import { s } from "./dom";

export interface Scale {
  (t: number): number;
  invert(x: number): number;
  domain: [number, number];
}

export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((t: number) => r0 + ((t - d0) / span) * (r1 - r0)) as Scale;
  scale.invert = (x: number) => d0 + ((x - r0) / (r1 - r0 || 1)) * span;
  scale.domain = domain;
  return scale;
}

/** Tick times and labels at a step that leaves at least `minGap` pixels between labels. */
export function timeTicks(x: Scale, width: number, minGap = 60): { t: number; label: string }[] {
  const [lo, hi] = x.domain;
  const years = (hi - lo) / (365.25 * 86_400_000);
  const maxTicks = Math.max(2, Math.floor(width / minGap));
  const monthSteps = [1, 3, 6, 12, 24, 60, 120];
  const step = monthSteps.find((m) => (years * 12) / m <= maxTicks) ?? 240;
  const start = new Date(lo);
  let year = start.getUTCFullYear();
  let month = Math.ceil(start.getUTCMonth() / step) * step;
  if (step >= 12) {
    year = Math.ceil(year / (step / 12)) * (step / 12);
    month = 0;
  }
  const ticks: { t: number; label: string }[] = [];
  for (let t = Date.UTC(year, month, 1); t <= hi; t = Date.UTC(year, month, 1)) {
    if (t >= lo) ticks.push({ t, label: step >= 12 ? String(year) : `${year}-${String(month + 1).padStart(2, "0")}` });
    month += step;
    year += Math.floor(month / 12);
    month %= 12;
  }
  return ticks;
}

/** Grid lines from the top down to `y`, labels below, and the baseline. */
export function timeAxis(x: Scale, y: number, width: number): SVGGElement {
  const g = s("g", { class: "axis" });
  for (const { t, label } of timeTicks(x, width)) {
    g.append(
      s("line", { x1: x(t), x2: x(t), y1: 0, y2: y, class: "gridline" }),
      s("text", { x: x(t), y: y + 14, class: "axis-label",
        "text-anchor": x(t) > width - 30 ? "end" : x(t) < 30 ? "start" : "middle" }, label),
    );
  }
  g.append(s("line", { x1: x(x.domain[0]), x2: x(x.domain[1]), y1: y, y2: y, class: "baseline" }));
  return g;
}

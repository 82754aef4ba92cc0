// One floating tooltip for the SVG charts. Lines are set as text, never as markup.
import { h } from "./dom";

const tip = h("div", { class: "tooltip", attrs: { role: "tooltip", hidden: true } });
document.body.append(tip);

export function showTooltip(event: MouseEvent, lines: string[]): void {
  tip.replaceChildren(...lines.map((line, i) => h("div", { class: i === 0 ? "tip-head" : "", text: line })));
  tip.hidden = false;
  const pad = 14;
  const { innerWidth, innerHeight } = window;
  const rect = tip.getBoundingClientRect();
  const x = event.clientX + pad + rect.width > innerWidth ? event.clientX - rect.width - pad : event.clientX + pad;
  const y = event.clientY + pad + rect.height > innerHeight ? event.clientY - rect.height - pad : event.clientY + pad;
  tip.style.left = `${Math.max(0, x)}px`;
  tip.style.top = `${Math.max(0, y)}px`;
}

export function hideTooltip(): void {
  tip.hidden = true;
}

/** Wire hover on an element to the tooltip. */
export function withTooltip<T extends Element>(el: T, lines: () => string[]): T {
  el.addEventListener("mousemove", (event) => showTooltip(event as MouseEvent, lines()));
  el.addEventListener("mouseleave", hideTooltip);
  return el;
}

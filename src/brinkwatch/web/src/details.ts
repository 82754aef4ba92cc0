// The side panel that shows whatever was last clicked, with a Back button: an analyst follows
// a trail (node -> relation -> its source -> the other actor) and must be able to retrace it.
import { byId, h, replace } from "./dom";

interface View {
  title: string;
  kind: string;
  body: HTMLElement;
}

export class DetailsPanel {
  private history: View[] = [];
  private readonly title = byId("details-title");
  private readonly kind = byId("details-kind");
  private readonly body = byId("details-body");
  private readonly backButton = byId<HTMLButtonElement>("details-back");

  constructor() {
    this.backButton.addEventListener("click", () => this.back());
    this.backButton.disabled = true;
  }

  /** Show a new view on top of the trail. */
  show(kind: string, title: string, body: HTMLElement): void {
    this.history.push({ kind, title, body });
    if (this.history.length > 30) this.history.shift();
    this.render();
  }

  back(): void {
    if (this.history.length > 1) this.history.pop();
    this.render();
  }

  private render(): void {
    const view = this.history[this.history.length - 1];
    if (!view) return;
    this.title.textContent = view.title;
    this.kind.textContent = view.kind;
    this.body.dataset.view = view.kind;
    replace(this.body, view.body);
    this.body.scrollTop = 0;
    this.backButton.disabled = this.history.length < 2;
  }
}

/** A definition list of label/value pairs, skipping empty values. */
export function facts(rows: [string, string | number | Node | null | undefined][]): HTMLElement {
  const dl = h("dl", { class: "facts" });
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(h("dt", { text: label }), h("dd", {}, value instanceof Node ? value : String(value)));
  }
  return dl;
}

/** A section with a heading, for the blocks of a detail view. */
export function section(heading: string, ...content: (Node | null)[]): HTMLElement {
  return h("section", { class: "detail-section" }, h("h3", { text: heading }), ...content);
}

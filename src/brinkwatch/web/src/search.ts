// The search box: /api/search as you type, results grouped as actors, events and documents.
import { api, isAbort } from "./api";
import { byId, debounce, h, replace } from "./dom";
import { directory, hub } from "./hub";
import { actorStyle } from "./palette";
import type { SearchResponse } from "./types";
import { eventTitle } from "./views";

export class SearchBox {
  private readonly input = byId<HTMLInputElement>("search");
  private readonly results = byId("search-results");
  private request?: AbortController;

  constructor() {
    const run = debounce(() => void this.query(this.input.value.trim()), 200);
    this.input.addEventListener("input", run);
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
      if (event.key === "Enter") void this.query(this.input.value.trim());
    });
    document.addEventListener("click", (event) => {
      if (!this.results.contains(event.target as Node) && event.target !== this.input) this.close();
    });
  }

  private close(): void {
    this.results.hidden = true;
  }

  private async query(q: string): Promise<void> {
    this.request?.abort();
    if (q.length < 2) {
      this.close();
      return;
    }
    this.request = new AbortController();
    try {
      this.render(await api.search(q, this.request.signal));
    } catch (error) {
      if (isAbort(error)) return;
      replace(this.results, h("p", { class: "error", text: `Search failed: ${(error as Error).message}` }));
      this.results.hidden = false;
    }
  }

  private pick(action: () => void): () => void {
    return () => {
      this.close();
      action();
    };
  }

  private render(found: SearchResponse): void {
    const groups: HTMLElement[] = [];
    if (found.actors.length) {
      groups.push(h("h4", { text: "Actors" }), h("ul", {}, ...found.actors.map((actor) => {
        directory.actors.set(actor.id, { name: actor.name, type: actor.type });
        return h("li", {}, h("button", { class: "link", dataset: { actor: actor.id },
          on: { click: this.pick(() => hub.emit("select-actor", { id: actor.id })) } },
        actor.name, h("span", { class: "muted", text: ` · ${actorStyle(actor.type).label}` })));
      })));
    }
    if (found.events.length) {
      groups.push(h("h4", { text: "Events" }), h("ul", {}, ...found.events.map((event) =>
        h("li", {}, h("button", { class: "link", dataset: { event: event.id },
          on: { click: this.pick(() => hub.emit("select-event", event)) } },
        h("span", { class: "date", text: event.date ?? "undated" }), ` ${eventTitle(event)}`,
        event.summary ? h("span", { class: "muted", text: ` · ${event.summary}` }) : null)))));
    }
    if (found.documents.length) {
      groups.push(h("h4", { text: "Documents" }), h("ul", {}, ...found.documents.map((doc) =>
        h("li", { class: "doc" }, doc.title || doc.id, doc.published ? h("span", { class: "muted", text: ` · ${doc.published}` }) : null))));
    }
    if (groups.length === 0) groups.push(h("p", { class: "muted", text: "Nothing found." }));
    replace(this.results, ...groups);
    this.results.hidden = false;
  }
}

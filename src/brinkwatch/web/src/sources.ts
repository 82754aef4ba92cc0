// The sentences (or dataset rows) behind a record, from /api/provenance/{id}. Every text goes
// into the page as textContent: a source may contain markup and it must show as written.
import { api } from "./api";
import { h, replace } from "./dom";
import type { Source } from "./types";

function sourceItem(source: Source): HTMLElement {
  if (source.dataset) {
    return h("li", { class: "source dataset" },
      h("span", { class: "source-origin", text: "Dataset row" }),
      h("div", { class: "source-meta", text: `${source.dataset} · record ${source.record ?? "?"}` }));
  }
  const meta = [source.title || source.document, source.published].filter(Boolean).join(" · ");
  const span = source.start !== undefined && source.start !== null ? ` · chars ${source.start}–${source.end}` : "";
  return h("li", { class: "source" },
    h("blockquote", { class: "source-text", text: source.text ?? "(no text stored for this span)" }),
    h("div", { class: "source-meta", text: `${meta}${span}` }));
}

/** A section that fills itself with the sources of a record once they arrive. */
export function sourcesSection(recordId: string): HTMLElement {
  const list = h("ul", { class: "sources", dataset: { record: recordId } }, h("li", { class: "muted", text: "Loading sources…" }));
  const section = h("section", { class: "detail-section" }, h("h3", { text: "Sources" }), list);
  api.provenance(recordId).then(
    (response) => {
      if (response.sources.length === 0) {
        replace(list, h("li", { class: "muted", text: "No source recorded for this fact." }));
      } else {
        replace(list, ...response.sources.map(sourceItem));
      }
      list.dataset.loaded = "1";
    },
    (error: unknown) => {
      replace(list, h("li", { class: "error", text: `Could not load sources: ${String((error as Error).message ?? error)}` }));
      list.dataset.loaded = "error";
    },
  );
  return section;
}

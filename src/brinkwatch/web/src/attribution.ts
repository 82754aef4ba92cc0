// "Who is behind this actor?": the patron chains from /api/attribution, each a path of actors
// with its strength, and the relations that make up every link (each opens its sources).
import { api } from "./api";
import { h, replace } from "./dom";
import { directory, hub } from "./hub";
import { relationStyle } from "./palette";
import { actorLink } from "./views";

/** One relation behind a link of a chain (the analysis' relation evidence). */
interface LinkRelation {
  id: string;
  type: string;
  source: string;
  target: string;
  valid_from?: string | null;
  valid_to?: string | null;
}

interface Chain {
  /** the actor first, its top patron last */
  path: string[];
  strength?: number;
  relations: LinkRelation[];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function readChain(raw: unknown): Chain {
  const c = asRecord(raw);
  const path = Array.isArray(c.actors) ? c.actors.filter((a): a is string => typeof a === "string") : [];
  const relations: LinkRelation[] = [];
  for (const link of Array.isArray(c.links) ? c.links : []) {
    for (const rel of asRecord(link).relations as unknown[] ?? []) {
      const r = asRecord(rel);
      if (typeof r.id === "string" && !relations.some((x) => x.id === r.id)) {
        relations.push({ id: r.id, type: String(r.type ?? "supports"), source: String(r.source ?? ""),
          target: String(r.target ?? ""), valid_from: r.valid_from as string | null, valid_to: r.valid_to as string | null });
      }
    }
  }
  return { path, strength: typeof c.strength === "number" ? c.strength : undefined, relations };
}

/** Every chain of an attribution result: for an actor one list, for an event one per source actor. */
export function readChains(data: unknown): Chain[] {
  const actors = asRecord(data).actors;
  const chains: Chain[] = [];
  for (const entry of Array.isArray(actors) ? actors : []) {
    for (const chain of (asRecord(entry).chains as unknown[] | undefined) ?? []) chains.push(readChain(chain));
  }
  return chains.filter((c) => c.path.length > 1).sort((a, b) => (b.strength ?? 0) - (a.strength ?? 0));
}

const SHOWN_CHAINS = 5;

export function attributionSection(actorId: string): HTMLElement {
  const body = h("div", { class: "chains" }, h("p", { class: "muted", text: "Tracing patrons…" }));
  const section = h("section", { class: "detail-section" },
    h("h3", { text: `Patron chains (as of ${directory.asOf || "now"})` }), body);
  api.attribution(actorId, directory.asOf || undefined).then(
    (data) => {
      const chains = readChains(data);
      if (chains.length === 0) {
        replace(body, h("p", { class: "muted", text: "No patron found for this date." }));
        return;
      }
      const list = h("ol", { class: "chain-list" });
      const more = h("ol", { class: "chain-list" });
      chains.forEach((chain, n) => {
        const path = h("span", { class: "chain-path" });
        chain.path.forEach((id, i) => {
          if (i > 0) path.append(h("span", { class: "arrow", text: " → " }));
          path.append(actorLink(id));
        });
        const links = h("span", { class: "chain-links" });
        for (const rel of chain.relations) {
          links.append(h("button", { class: "link small", text: relationStyle(rel.type).label,
            title: "the relation behind this link, with its sources",
            dataset: { relation: rel.id }, on: { click: () => hub.emit("select-relation", rel) } }));
        }
        (n < SHOWN_CHAINS ? list : more).append(h("li", {}, path,
          chain.strength !== undefined ? h("span", { class: "strength", text: ` strength ${chain.strength.toFixed(2)}` }) : null,
          h("div", { class: "muted small" }, "evidence:", links)));
      });
      // the strongest chains first; the weak, long ones are there for whoever asks
      replace(body, list, chains.length > SHOWN_CHAINS
        ? h("details", {}, h("summary", { class: "link", text: `${chains.length - SHOWN_CHAINS} weaker chains` }), more)
        : null);
    },
    (error: unknown) => replace(body, h("p", { class: "error", text: `Attribution failed: ${(error as Error).message}` })),
  );
  return section;
}

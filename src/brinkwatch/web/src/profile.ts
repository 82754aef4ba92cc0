// The actor profile: who the actor is, its relations over time, the patrons behind it, its
// events and the documents that mention it.
import { api } from "./api";
import { attributionSection } from "./attribution";
import { facts, section } from "./details";
import { h, replace } from "./dom";
import { directory } from "./hub";
import { relationGantt } from "./gantt";
import { actorStyle } from "./palette";
import type { ActorProfile } from "./types";
import { eventList } from "./views";

function typeChip(type: string): HTMLElement {
  const style = actorStyle(type);
  const chip = h("span", { class: "chip", text: style.label });
  chip.style.setProperty("--chip", style.color);
  return chip;
}

function render(profile: ActorProfile): HTMLElement[] {
  const { actor, relations, events, documents } = profile;
  directory.actors.set(actor.id, { name: actor.name, type: actor.type });
  return [
    facts([
      ["Type", typeChip(actor.type)],
      ["Country", actor.country],
      ["Code", actor.code],
      ["Born", actor.born],
      ["Founded", actor.founded],
      ["Died", actor.died],
      ["Dissolved", actor.dissolved],
      ["Also called", actor.aliases?.length ? actor.aliases.join(", ") : null],
      ["Id", actor.id],
    ]),
    attributionSection(actor.id),
    section(`Relations over time (${relations.length})`,
      relations.length ? relationGantt(actor.id, relations, events) : h("p", { class: "muted", text: "No relations." })),
    section(`Events (${events.length})`, eventList(events)),
    section(`Documents (${documents.length})`,
      h("ul", { class: "doc-list" }, ...documents.map((d) =>
        h("li", {}, h("span", { text: d.title || d.id }), d.published ? h("span", { class: "muted", text: ` · ${d.published}` }) : null)))),
  ];
}

/** A profile view that fills itself in when /api/actors/{id} answers. */
export function profileView(id: string): HTMLElement {
  const root = h("div", { class: "detail profile", dataset: { actor: id } }, h("p", { class: "muted", text: "Loading profile…" }));
  api.actor(id).then(
    (profile) => {
      replace(root, ...render(profile));
      root.dataset.loaded = "1";
    },
    (error: unknown) => replace(root, h("p", { class: "error", text: `Could not load ${id}: ${(error as Error).message}` })),
  );
  return root;
}

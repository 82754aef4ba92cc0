// Detail views for an event, a relation and a place: what it is, who is involved (each a link
// to that actor's profile), and the source sentences behind it.
import { facts, section } from "./details";
import { h } from "./dom";
import { describeSpan } from "./dates";
import { directory, hub, type RelationRef } from "./hub";
import { quadStyle, relationStyle } from "./palette";
import { sourcesSection } from "./sources";
import type { EventRecord, Place } from "./types";

/** A button that opens an actor's profile, labelled with the actor's name. */
export function actorLink(id: string): HTMLElement {
  return h("button", {
    class: "link actor-link",
    text: directory.actorName(id),
    dataset: { actor: id },
    on: { click: () => hub.emit("select-actor", { id }) },
  });
}

function actorList(ids: string[]): HTMLElement | null {
  if (ids.length === 0) return null;
  const span = h("span", { class: "actor-list" });
  ids.forEach((id, i) => {
    if (i > 0) span.append(", ");
    span.append(actorLink(id));
  });
  return span;
}

export function quadChip(quad: number | null | undefined): HTMLElement {
  const style = quadStyle(quad);
  const chip = h("span", { class: "chip", text: style.label });
  chip.style.setProperty("--chip", style.color);
  return chip;
}

export function eventTitle(event: EventRecord): string {
  return `${event.type}${event.mode ? ` · ${event.mode}` : ""}`;
}

export function eventView(event: EventRecord): HTMLElement {
  const place = event.place ? directory.places.get(event.place) : undefined;
  return h("div", { class: "detail event-detail", dataset: { record: event.id } },
    event.summary ? h("p", { class: "summary", text: event.summary }) : null,
    facts([
      ["Date", describeSpan(event.date, event.date_end && event.date_end !== event.date ? event.date_end : undefined)],
      ["Class", quadChip(event.quad_class)],
      ["By", actorList(event.source)],
      ["Against", actorList(event.target)],
      ["Place", place ? place.name : event.place],
      ["Intensity", event.intensity],
      ["Fatalities", event.fatalities],
      ["Confidence", event.confidence],
      ["Record", event.id],
    ]),
    sourcesSection(event.id),
  );
}

export function relationTitle(rel: RelationRef): string {
  return `${directory.actorName(rel.source)} ${relationStyle(rel.type).label} ${directory.actorName(rel.target)}`;
}

export function relationView(rel: RelationRef): HTMLElement {
  return h("div", { class: "detail relation-detail", dataset: { record: rel.id } },
    facts([
      ["From", actorLink(rel.source)],
      ["Relation", relationStyle(rel.type).label],
      ["To", actorLink(rel.target)],
      ["Role", rel.role],
      ["Holds", describeSpan(rel.valid_from, rel.valid_to)],
      ["Proxy chain", rel.patron_link ? "yes: a patron link" : null],
      ["Record", rel.id],
    ]),
    sourcesSection(rel.id),
  );
}

/** A clickable list of events, newest first, each opening its own detail view. */
export function eventList(events: EventRecord[], limit = 60): HTMLElement {
  const sorted = [...events].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
  const list = h("ul", { class: "event-list" });
  for (const event of sorted.slice(0, limit)) {
    const dot = h("span", { class: "dot" });
    dot.style.setProperty("--dot", quadStyle(event.quad_class).color);
    list.append(h("li", {},
      h("button", {
        class: "link event-link",
        dataset: { event: event.id },
        on: { click: () => hub.emit("select-event", event) },
      }, dot, h("span", { class: "date", text: event.date ?? "undated" }), h("span", { class: "type", text: eventTitle(event) }),
      event.summary ? h("span", { class: "muted ellipsis", text: event.summary }) : null)));
  }
  if (sorted.length > limit) list.append(h("li", { class: "muted", text: `… and ${sorted.length - limit} more` }));
  if (sorted.length === 0) list.append(h("li", { class: "muted", text: "No events." }));
  return list;
}

export function placeView(place: Place, events: EventRecord[]): HTMLElement {
  return h("div", { class: "detail place-detail", dataset: { record: place.id } },
    facts([
      ["Type", place.type],
      ["Country", place.country],
      ["Coordinates", place.lat !== undefined && place.lon !== undefined
        ? `${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}` : null],
      ["Also called", place.aliases?.join(", ")],
    ]),
    section(`Events here (${events.length})`, eventList(events)),
  );
}

// What one panel tells the others: a selection or a new as-of date. Panels never call each
// other directly, so each can be read, replaced or tested on its own.
import type { EventRecord, Place } from "./types";

export interface RelationRef {
  id: string;
  type: string;
  source: string;
  target: string;
  role?: string | null;
  valid_from?: string | null;
  valid_to?: string | null;
  patron_link?: boolean;
}

export interface Topics {
  "select-actor": { id: string };
  "select-relation": RelationRef;
  "select-event": EventRecord;
  "select-place": { place: Place; events: EventRecord[] };
  /** A panel asks for a new as-of date (e.g. a click on the timeline). */
  "pick-date": { day: string };
  /** The as-of date has changed; panels that draw it redraw. */
  "as-of": { day: string };
}

type Handler<T> = (payload: T) => void;

class Hub {
  private handlers = new Map<keyof Topics, Handler<never>[]>();

  on<K extends keyof Topics>(topic: K, handler: Handler<Topics[K]>): void {
    const list = this.handlers.get(topic) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(topic, list);
  }

  emit<K extends keyof Topics>(topic: K, payload: Topics[K]): void {
    for (const handler of this.handlers.get(topic) ?? []) (handler as Handler<Topics[K]>)(payload);
  }
}

export const hub = new Hub();

/** Names and places known to the page, shared so every panel labels an id the same way. */
export const directory = {
  actors: new Map<string, { name: string; type?: string }>(),
  places: new Map<string, Place>(),
  asOf: "",
  actorName(id: string): string {
    return this.actors.get(id)?.name ?? id;
  },
};

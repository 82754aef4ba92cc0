// Events on a map: country boundaries from the bundled world-atlas (Natural Earth 1:50m, served
// by the API itself: no tiles, no network), and one circle per place, sized by its number of
// events and coloured by the most hostile quad class seen there. The view fits the places.
import { geoArea, geoBounds, geoCentroid, geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-50m.json?url";
import { byId, h, onActivate, replace, s } from "./dom";
import { directory, hub } from "./hub";
import { quadStyle } from "./palette";
import { hideTooltip, withTooltip } from "./tooltip";
import type { EventRecord, Place } from "./types";

type Country = Feature<Geometry, { name?: string }>;
interface Boundary {
  country: Country;
  /** [[west, south], [east, north]]; west > east for a country that crosses the antimeridian */
  box: [[number, number], [number, number]];
}

let atlas: Promise<Boundary[]> | null = null;

function countries(): Promise<Boundary[]> {
  atlas ??= fetch(atlasUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`boundary layer: HTTP ${r.status}`);
      return r.json() as Promise<Topology>;
    })
    .then((topo) => (feature(topo, topo.objects.countries) as unknown as FeatureCollection<Geometry, { name?: string }>)
      .features.map((country) => ({ country, box: geoBounds(country) })));
  return atlas;
}

/** Whether a country's bounding box meets the visible one; projecting only those keeps redraws quick. */
function inView(box: Boundary["box"], view: [number, number, number, number]): boolean {
  const [[west, south], [east, north]] = box;
  if (west > east) return true;
  return west <= view[2] && east >= view[0] && south <= view[3] && north >= view[1];
}

interface Spot {
  place: Place;
  events: EventRecord[];
  worst: number;
}

export class MapView {
  private readonly chart = byId("map-chart");
  private readonly note = byId("map-note");
  private events: EventRecord[] | null = null;

  constructor() {
    // nothing is drawn before the events arrive: the boundary layer is the heaviest thing on the page
    new ResizeObserver(() => {
      if (this.events) void this.draw();
    }).observe(this.chart);
  }

  show(events: EventRecord[]): Promise<void> {
    this.events = events;
    return this.draw();
  }

  private spots(): Spot[] {
    const byPlace = new Map<string, Spot>();
    for (const event of this.events ?? []) {
      const place = event.place ? directory.places.get(event.place) : undefined;
      if (!place || place.lat === undefined || place.lon === undefined) continue;
      const spot = byPlace.get(place.id) ?? { place, events: [], worst: 0 };
      spot.events.push(event);
      spot.worst = Math.max(spot.worst, event.quad_class ?? 0);
      byPlace.set(place.id, spot);
    }
    return [...byPlace.values()].sort((a, b) => b.events.length - a.events.length);
  }

  private async draw(): Promise<void> {
    const width = Math.max(280, this.chart.clientWidth);
    const height = Math.max(220, this.chart.clientHeight);
    const spots = this.spots();
    let world: Boundary[];
    try {
      world = await countries();
    } catch (error) {
      replace(this.chart, h("p", { class: "error", text: `Map failed: ${(error as Error).message}` }));
      return;
    }
    const lons = spots.map((p) => p.place.lon as number);
    const lats = spots.map((p) => p.place.lat as number);
    const pad = 3;
    const frame: Feature = spots.length
      ? { type: "Feature", properties: {}, geometry: { type: "MultiPoint", coordinates: [
        [Math.min(...lons) - pad, Math.min(...lats) - pad], [Math.max(...lons) + pad, Math.max(...lats) + pad]] } }
      : { type: "Feature", properties: {}, geometry: { type: "MultiPoint", coordinates: [[-170, -55], [170, 75]] } };
    const projection = geoMercator().fitExtent([[8, 8], [width - 8, height - 8]], frame);
    const path = geoPath(projection);
    const svg = s("svg", { class: "map", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `Map of events at ${spots.length} places` });
    svg.append(s("rect", { x: 0, y: 0, width, height, class: "sea" }));
    const [west, north] = projection.invert?.([0, 0]) ?? [-180, 85];
    const [east, south] = projection.invert?.([width, height]) ?? [180, -85];
    const view: [number, number, number, number] = [west, south, east, north];
    const land = s("g", { class: "countries" });
    const labels = s("g", { class: "country-labels" });
    for (const { country, box } of world) {
      if (!inView(box, view)) continue;
      const d = path(country);
      if (!d) continue;
      land.append(s("path", { d, class: "country" }));
      const [cx, cy] = projection(geoCentroid(country)) ?? [-1, -1];
      const area = geoArea(country) * (projection.scale() ** 2);
      if (cx > 20 && cx < width - 20 && cy > 10 && cy < height - 10 && area > 9000 && country.properties?.name) {
        labels.append(s("text", { x: cx, y: cy, "text-anchor": "middle", class: "country-label" }, country.properties.name));
      }
    }
    svg.append(land, labels);
    const dots = s("g", { class: "places" });
    const maxEvents = Math.max(1, ...spots.map((p) => p.events.length));
    spots.slice().reverse().forEach((spot) => {
      const [x, y] = projection([spot.place.lon as number, spot.place.lat as number]) ?? [0, 0];
      const r = 4 + 10 * Math.sqrt(spot.events.length / maxEvents);
      const dot = s("circle", { cx: x, cy: y, r, fill: quadStyle(spot.worst || null).color, class: "place-dot",
        "data-place": spot.place.id, tabindex: 0 });
      withTooltip(dot, () => [spot.place.name, `${spot.events.length} event${spot.events.length === 1 ? "" : "s"}`]);
      onActivate(dot, () => {
        hideTooltip();
        hub.emit("select-place", { place: spot.place, events: spot.events });
      });
      dots.append(dot);
    });
    // label the busiest places, skipping a label that would overlap one already placed
    const placed: [number, number, number, number][] = [];
    for (const spot of spots.slice(0, 12)) {
      const [x, y] = projection([spot.place.lon as number, spot.place.lat as number]) ?? [0, 0];
      const box: [number, number, number, number] = [x + 6, y - 17, x + 8 + spot.place.name.length * 6.2, y - 3];
      if (placed.some((o) => box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3])) continue;
      placed.push(box);
      dots.append(s("text", { x: x + 7, y: y - 6, class: "place-label" }, spot.place.name));
    }
    svg.append(dots);
    replace(this.chart, svg);
    this.chart.dataset.places = String(spots.length);
    const located = spots.reduce((n, p) => n + p.events.length, 0);
    this.note.textContent = `${located} of ${this.events?.length ?? 0} events located at ${spots.length} places`;
  }
}

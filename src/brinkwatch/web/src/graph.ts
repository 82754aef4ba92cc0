// The network of actors and relations. The layout is computed once over every relation the
// store knows, and the as-of date only shows or hides elements, so an actor keeps its place
// while the analyst scrubs through time (a graph that reshuffles on every step cannot be read).
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from "cytoscape";
import fcose from "cytoscape-fcose";
import { h, replace } from "./dom";
import { directory, hub } from "./hub";
import { ACTOR_TYPES, PATRON_LINK, actorStyle, relationStyle } from "./palette";
import type { GraphEdge, GraphNode, GraphResponse } from "./types";

/** What the graph shows, by record id: for tests and for anyone scripting the page. */
export interface VisibleIds {
  nodes: string[];
  edges: string[];
  /** actors on a proxy chain, drawn with a ring */
  chained: string[];
  /** relations drawn as patron links */
  patronLinks: string[];
}

cytoscape.use(fcose);

const nodeKey = (id: string) => `n:${id}`;
const edgeKey = (id: string) => `e:${id}`;

function stylesheet(): StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        "background-color": "data(color)",
        shape: "data(shape)" as never,
        width: "data(size)",
        height: "data(size)",
        label: "data(name)",
        "font-size": 11,
        "font-family": "system-ui, sans-serif",
        color: "#222",
        "text-valign": "bottom",
        "text-margin-y": 3,
        "text-outline-color": "#fff",
        "text-outline-width": 2,
        "text-max-width": "110px",
        "text-wrap": "ellipsis",
        "min-zoomed-font-size": 5,
        "border-width": 1,
        "border-color": "#fff",
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.4,
        "line-color": "data(color)",
        "line-style": "data(line)" as never,
        "target-arrow-color": "data(color)",
        "target-arrow-shape": "data(arrow)" as never,
        "arrow-scale": 0.8,
        "curve-style": "bezier",
        opacity: 0.75,
      },
    },
    {
      selector: "edge.patron",
      style: {
        width: 3.2,
        "line-color": PATRON_LINK.color,
        "target-arrow-color": PATRON_LINK.color,
        opacity: 1,
        "z-index": 5,
      },
    },
    { selector: "node.in-chain", style: { "border-width": 3, "border-color": PATRON_LINK.color } },
    { selector: ".off", style: { display: "none" } },
    { selector: ".faded", style: { opacity: 0.15 } },
    { selector: "node.focus", style: { "border-width": 4, "border-color": "#111", "z-index": 10 } },
    { selector: "edge.focus", style: { width: 4, opacity: 1, "z-index": 10 } },
  ];
}

function nodeData(node: GraphNode, degree: number): ElementDefinition {
  const style = actorStyle(node.type);
  return {
    group: "nodes",
    data: {
      id: nodeKey(node.id), actor: node.id, name: node.name, type: node.type, color: style.color,
      shape: style.shape, size: 14 + Math.min(22, Math.sqrt(degree) * 5),
    },
  };
}

function edgeData(edge: GraphEdge): ElementDefinition {
  const style = relationStyle(edge.type);
  return {
    group: "edges",
    data: {
      id: edgeKey(edge.id), source: nodeKey(edge.source), target: nodeKey(edge.target), edge,
      color: style.color, line: style.line, arrow: style.arrow,
    },
  };
}

/**
 * Cytoscape injects a <style> element (position: relative on its container) unless one with this id
 * exists, and the server's Content-Security-Policy rightly refuses inline styles. A placeholder with
 * that id keeps it from trying; styles.css gives the container its position instead.
 */
function preventInlineStylesheet(): void {
  const id = "__________cytoscape_stylesheet";
  if (!document.getElementById(id)) document.head.append(h("meta", { attrs: { id, name: "cytoscape-style" } }));
}

export class GraphView {
  private cy: Core;
  private readonly status: HTMLElement;
  private focusChains = false;

  constructor(container: HTMLElement, status: HTMLElement) {
    this.status = status;
    preventInlineStylesheet();
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.15,
      maxZoom: 4,
      boxSelectionEnabled: false,
    });
    this.cy.on("tap", "node", (event) => hub.emit("select-actor", { id: event.target.data("actor") as string }));
    this.cy.on("tap", "edge", (event) => hub.emit("select-relation", event.target.data("edge") as GraphEdge));
    hub.on("select-actor", ({ id }) => this.focus(id));
  }

  /** Lay out every actor and relation once; later calls to show() only toggle visibility. */
  load(full: GraphResponse): Promise<void> {
    const degree = new Map<string, number>();
    for (const e of full.edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    }
    for (const node of full.nodes) directory.actors.set(node.id, { name: node.name, type: node.type });
    this.cy.add(full.nodes.map((n) => nodeData(n, degree.get(n.id) ?? 0)));
    for (const edge of full.edges) this.ensureEnds(edge);
    this.cy.add(full.edges.map(edgeData));
    // fCoSE (a spectral draft, then force-directed) packs the many small components of a proxy
    // network tightly, and fast; the draft, not a random start, decides the picture
    return new Promise((resolve) => {
      const layout = this.cy.layout({
        name: "fcose", animate: false, randomize: true, quality: "default", nodeRepulsion: () => 12000,
        idealEdgeLength: () => 75, nodeSeparation: 60, packComponents: true, padding: 20,
      } as cytoscape.LayoutOptions);
      layout.one("layoutstop", () => {
        this.cy.fit(undefined, 36);
        resolve();
      });
      layout.run();
    });
  }

  /** Show the graph as of a date: elements the server returned are visible, the rest hidden. */
  show(graph: GraphResponse): void {
    const degree = new Map<string, number>();
    for (const e of graph.edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    }
    this.cy.batch(() => {
      this.cy.elements().addClass("off").removeClass("patron in-chain");
      for (const node of graph.nodes) {
        let el = this.cy.getElementById(nodeKey(node.id));
        if (el.empty()) el = this.addNear(node, graph.edges, degree.get(node.id) ?? 0);
        el.removeClass("off");
      }
      for (const edge of graph.edges) {
        this.ensureEnds(edge);
        let el = this.cy.getElementById(edgeKey(edge.id));
        if (el.empty()) el = this.cy.add(edgeData(edge));
        el.data("edge", edge);
        el.removeClass("off");
        el.connectedNodes().removeClass("off");
        if (edge.patron_link) el.addClass("patron");
      }
      for (const chain of graph.proxy_chains) {
        for (const id of chain) this.cy.getElementById(nodeKey(id)).addClass("in-chain");
      }
      this.applyChainFocus();
    });
    const visibleEdges = graph.edges.length;
    const chains = graph.proxy_chains.length;
    replace(this.status, `${graph.nodes.length} actors · ${visibleEdges} relations · ${chains} proxy chain${chains === 1 ? "" : "s"}`);
  }

  /** Fade everything that is not part of a proxy chain, to read who stands behind whom. */
  setChainFocus(on: boolean): void {
    this.focusChains = on;
    this.cy.batch(() => this.applyChainFocus());
  }

  private applyChainFocus(): void {
    this.cy.elements().removeClass("faded");
    if (!this.focusChains) return;
    this.cy.nodes().not(".in-chain").addClass("faded");
    this.cy.edges().not(".patron").addClass("faded");
  }

  /** A relation may name an actor the node list left out; draw that actor rather than drop the relation. */
  private ensureEnds(edge: GraphEdge): void {
    for (const id of [edge.source, edge.target]) {
      if (!this.cy.getElementById(nodeKey(id)).empty()) continue;
      const known = directory.actors.get(id);
      this.addNear({ id, name: known?.name ?? id, type: (known?.type ?? "organization") as GraphNode["type"] }, [], 0);
    }
  }

  /** Add an actor that appears only at some dates next to the neighbours it is connected to. */
  private addNear(node: GraphNode, edges: GraphEdge[], degree: number): cytoscape.CollectionReturnValue {
    const neighbours = edges
      .filter((e) => e.source === node.id || e.target === node.id)
      .map((e) => this.cy.getElementById(nodeKey(e.source === node.id ? e.target : e.source)))
      .filter((el) => !el.empty());
    const box = this.cy.extent();
    const position = neighbours.length
      ? { x: neighbours[0].position("x") + 40 * (Math.random() - 0.5), y: neighbours[0].position("y") + 40 }
      : { x: box.x1 + 30, y: box.y1 + 30 + ((12 * this.cy.nodes().length) % Math.max(1, box.h - 60)) };
    return this.cy.add({ ...nodeData(node, degree), position });
  }

  private focus(id: string): void {
    const node = this.cy.getElementById(nodeKey(id));
    this.cy.elements().removeClass("focus");
    if (node.empty()) return;
    node.addClass("focus");
    node.connectedEdges().not(".off").addClass("focus");
    if (!node.hasClass("off")) this.cy.animate({ center: { eles: node }, duration: 250 });
  }

  /** Rendered node positions, for tests and the benchmark that must click on a particular actor. */
  renderedPosition(actorId: string): { x: number; y: number } | null {
    const node = this.cy.getElementById(nodeKey(actorId));
    return node.empty() || node.hasClass("off") ? null : node.renderedPosition();
  }

  renderedEdgeMidpoint(relationId: string): { x: number; y: number } | null {
    const edge = this.cy.getElementById(edgeKey(relationId));
    return edge.empty() || edge.hasClass("off") ? null : edge.renderedMidpoint();
  }

  visibleIds(): VisibleIds {
    const shown = this.cy.elements().not(".off");
    return {
      nodes: shown.nodes().map((n) => n.data("actor") as string),
      edges: shown.edges().map((e) => (e.data("edge") as GraphEdge).id),
      chained: shown.nodes(".in-chain").map((n) => n.data("actor") as string),
      patronLinks: shown.edges(".patron").map((e) => (e.data("edge") as GraphEdge).id),
    };
  }

  fit(): void {
    this.cy.fit(this.cy.elements().not(".off"), 36);
  }
}

/** The legend: shapes and colours of actor types, and the look of each relation type present. */
export function graphLegend(edges: GraphEdge[]): HTMLElement {
  const types = new Set(edges.map((e) => e.type));
  const legend = h("div", { class: "legend" });
  for (const [, style] of ACTOR_TYPES) {
    const swatch = h("span", { class: `swatch shape-${style.shape}` });
    swatch.style.setProperty("--swatch", style.color);
    legend.append(h("span", { class: "legend-item" }, swatch, style.label));
  }
  for (const type of [...types].sort()) {
    const style = relationStyle(type);
    const line = h("span", { class: `line line-${style.line}` });
    line.style.setProperty("--swatch", style.color);
    legend.append(h("span", { class: "legend-item" }, line, style.label));
  }
  const patron = h("span", { class: "line line-solid thick" });
  patron.style.setProperty("--swatch", PATRON_LINK.color);
  legend.append(h("span", { class: "legend-item" }, patron, PATRON_LINK.label));
  return legend;
}

import type { Edge, Node } from '@xyflow/react';
import type { Link, Site, SiteLink, TopologyNode } from '../model/schema';
import type { SiteLinkRoute } from '../model/site-link-routing';
import type { Severity } from '../rules/types';

export interface Badge {
  worst: Severity;
  count: number;
  messages: string[];
  /** Parts still missing when they are all its errors (see ElementBadge): the badge reads as a to-do count. */
  todo?: number;
}

/** Simulation state of a node while "Simulate site failure" is on. */
export interface SimulatedState {
  lost?: boolean;
  load?: { fraction: number; over: boolean; text: string };
}

export type TopologyNodeData = {
  node: TopologyNode;
  badge?: Badge;
  highlighted: boolean;
  cms: boolean;
  sim?: SimulatedState;
  /** Marked against the current deployment (compare mode). */
  diff?: 'added' | 'changed' | 'version' | undefined;
};
export type SiteNodeData = {
  site: Site;
  badge?: Badge;
  highlighted: boolean;
  memberCount: number;
  lost: boolean;
  dropTarget: boolean;
};
export type TopologyEdgeData = {
  link: Link;
  badge?: Badge;
  highlighted: boolean;
  failover?: boolean;
  lost?: boolean;
  /** A large design labels only pairings. */
  quiet?: boolean;
  /** The simulation's failover arrows: their text. */
  failoverLabel?: string;
  /** Marked against the current deployment: new, changed (or moved to another node), or removed (a ghost). */
  diff?: 'added' | 'changed' | 'removed';
  /**
   * A link drawn straight (not routed) that shares its two cards with others: how far to the
   * side of the line between the cards it runs (px, left of from → to), so they do not overlap.
   */
  lane?: number;
};
/** A node of the current deployment the open design removes, drawn where it was (compare mode); never part of the document. */
export type GhostNodeData = {
  node: TopologyNode;
  currentId: string;
  /** Its entry is the one the change list points at. */
  active: boolean;
};

/** A WAN link between two site frames (format v2 site links). */
export type SiteLinkEdgeData = {
  siteLink: SiteLink;
  /** Where it runs and where its label sits (model/site-link-routing.ts); none until routed. */
  route?: SiteLinkRoute;
  badge?: Badge;
  highlighted: boolean;
};

export type TopologyFlowNode = Node<TopologyNodeData, 'topology'>;
export type SiteFlowNode = Node<SiteNodeData, 'site'>;
export type GhostFlowNode = Node<GhostNodeData, 'ghost'>;
export type FlowNode = TopologyFlowNode | SiteFlowNode | GhostFlowNode;
export type TopologyFlowEdge = Edge<TopologyEdgeData, 'topology'>;
export type SiteLinkFlowEdge = Edge<SiteLinkEdgeData, 'siteLink'>;
/** Every edge the canvas draws: server links and WAN links. */
export type CanvasEdge = TopologyFlowEdge | SiteLinkFlowEdge;

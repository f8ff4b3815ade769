/**
 * The canvas's link router, loaded just after the first paint: the orthogonal router is
 * the largest part of the canvas and a first frame does not need it. Until it is in, the
 * links are drawn straight between the cards (as while a large design is routed in the
 * background) and the canvas says routing is pending; then the canvas draws again.
 */
import type { LinkRoute, LinkRouter, LinkRouterOptions, RouteOptions } from '../model/link-routing';
import type { Topology } from '../model/schema';
import type { Frame } from '../model/site-frames';
import type { SiteLinkRoute, SiteLinkRouteOptions } from '../model/site-link-routing';

const loadLinkRouting = () => import('../model/link-routing');

const NO_ROUTES: Map<string, LinkRoute> = new Map();

/** What a WAN routing was asked for: the sites' places and links, and the server links' labels it keeps clear of. */
interface WanRequest {
  siteLinks: Topology['siteLinks'];
  sites: Topology['sites'];
  /** The frames' places, as text (the canvas makes the frames again on each draw). */
  frames: string;
  /** The label boxes to avoid, as text: new label objects in the same places ask for no new routing. */
  avoid: string;
}

const boxKey = (b: { x: number; y: number; width: number; height: number }): string => `${b.x},${b.y},${b.width},${b.height}`;
const avoidKey = (options?: SiteLinkRouteOptions): string => (options?.avoid ?? []).map(boxKey).join(' ');
const framesKey = (frames: ReadonlyMap<string, Frame>): string => [...frames].map(([id, f]) => `${id}:${boxKey(f)}`).join(' ');
const sameSites = (a: WanRequest, b: WanRequest): boolean =>
  a.siteLinks === b.siteLinks && a.sites === b.sites && a.frames === b.frames;

export class LazyLinkRouter {
  private router: LinkRouter | undefined;
  private loading = false;
  /** The document of a load that failed (offline before the service worker had the file): straight links until the next edit tries again. */
  private failedOn: Topology | undefined;
  /** The last WAN routes made, and what for. */
  private wan: { request: WanRequest; routes: Map<string, SiteLinkRoute> } | undefined;
  /** A WAN routing waiting for its task (`wanInBackground`): the latest request wins. */
  private wanWanted: { request: WanRequest; run: () => Map<string, SiteLinkRoute> } | undefined;
  private wanCancel: (() => void) | undefined;

  constructor(
    private readonly config: LinkRouterOptions & {
      onChange: () => void;
      /**
       * The WAN lines of a design just opened, and those that only move round the server
       * links' new labels (the findings' badges arrived), are routed in a task of their own
       * after the render that asked (their previous routes, or straight lines, meanwhile),
       * and not while the server links are still being routed: routing them costs tens of
       * milliseconds, which added to the render that opens a design made one long task.
       * A site moved or a WAN link added is routed at once. Default: always at once.
       */
      wanInBackground?: boolean;
    },
  ) {}

  /**
   * Routes asked for and not yet drawn: the router loading or routing, or WAN lines waiting.
   * A canvas that has asked for none (a design drawn as one picture) is not waiting for any.
   */
  get busy(): boolean {
    return (this.router ? this.router.busy : this.loading) || this.wanWanted !== undefined;
  }

  route(doc: Topology, options?: RouteOptions, frames?: ReadonlyMap<string, Frame>, live?: boolean): Map<string, LinkRoute> {
    if (this.router) return this.router.route(doc, options, frames, live);
    if (!this.loading && doc !== this.failedOn) {
      this.loading = true;
      this.failedOn = undefined;
      loadLinkRouting().then(
        (m) => {
          // The page's first design is routed in slices (the first seconds are for the cards and for input).
          this.router = new m.LinkRouter({ ...this.config, backgroundFirst: true });
          this.config.onChange();
        },
        () => {
          this.loading = false;
          this.failedOn = doc;
          this.config.onChange();
        },
      );
    }
    return NO_ROUTES;
  }

  /** The WAN links' routes once the router is in; until then none (the lines wait for it like the links). */
  routeSiteLinks(
    doc: Topology,
    frames: ReadonlyMap<string, Frame>,
    options?: SiteLinkRouteOptions,
    /** Route in a task of its own even when the sites changed (a windowed canvas moved to another part of a design). */
    inBackground = false,
  ): Map<string, SiteLinkRoute> | undefined {
    const router = this.router;
    if (!router) {
      this.route(doc); // starts loading it
      return undefined;
    }
    const request: WanRequest = {
      siteLinks: doc.siteLinks,
      sites: doc.sites,
      frames: framesKey(frames),
      avoid: avoidKey(options),
    };
    const last = this.wan;
    if (last && sameSites(last.request, request) && last.request.avoid === request.avoid) {
      this.cancelWan();
      return last.routes;
    }
    const run = () => router.routeSiteLinks(doc, frames, options);
    const schedule = this.config.schedule;
    if (!this.config.wanInBackground || !schedule || (last && !sameSites(last.request, request) && !inBackground)) {
      this.cancelWan();
      const routes = run();
      this.wan = { request, routes };
      return routes;
    }
    this.wanWanted = { request, run };
    // The server links' labels are still being placed: the WAN lines wait for them (the canvas asks again then).
    if (!this.wanCancel && !router.busy)
      this.wanCancel = schedule(() => {
        this.wanCancel = undefined;
        const wanted = this.wanWanted;
        this.wanWanted = undefined;
        if (!wanted) return;
        this.wan = { request: wanted.request, routes: wanted.run() };
        this.config.onChange();
      });
    return undefined;
  }

  /** The canvas draws no WAN lines now (a design drawn as one picture): a WAN routing still waiting is not wanted. */
  noWanLines(): void {
    this.cancelWan();
  }

  private cancelWan(): void {
    this.wanCancel?.();
    this.wanCancel = undefined;
    this.wanWanted = undefined;
  }
}

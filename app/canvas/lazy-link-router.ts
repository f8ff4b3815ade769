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

export class LazyLinkRouter {
  private router: LinkRouter | undefined;
  private loading = false;
  /** The document of a load that failed (offline before the service worker had the file): straight links until the next edit tries again. */
  private failedOn: Topology | undefined;

  constructor(private readonly config: LinkRouterOptions & { onChange: () => void }) {}

  get busy(): boolean {
    return this.router ? this.router.busy : this.failedOn === undefined;
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
  ): Map<string, SiteLinkRoute> | undefined {
    if (this.router) return this.router.routeSiteLinks(doc, frames, options);
    this.route(doc); // starts loading it
    return undefined;
  }
}

/**
 * Browser measurements (issue 4): opening a 500-node generated document in the built
 * designer, and the cost of one drag frame, each next to a plain React Flow page
 * (bench/plain-flow.html) showing the same graph with default nodes and edges.
 *
 * Both pages are built with Vite into node_modules/.cache/bench-dist (dist/ is left
 * alone), served by `vite preview`, and driven by headless Chromium. Both get their
 * input from localStorage, set by an init script before the page starts, and both get
 * the same in-page probe:
 *
 *  - open: each animation frame the probe reads the number of React Flow nodes, how
 *    many are shown (React Flow hides a node until it is measured) and the viewport
 *    transform (fitView). The open time is the frame of the last change, once nothing
 *    has changed for QUIET_MS: from navigation start to the first frame showing the
 *    final view, nodes rendered and the view settled.
 *  - drag: a node is dragged in small steps, one step per frame. For each step the
 *    probe takes the time from the first pointermove to the end of the next rendered
 *    frame (a message posted from requestAnimationFrame runs after the frame's
 *    main-thread rendering): the frame's work. rAF intervals are reported too, but
 *    headless Chromium caps them at 60 Hz, so they hide any cost under 16.7 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Topology } from '../../app/model/schema';
import { NODE_HEIGHT, NODE_WIDTH } from '../../app/model/grid-layout';
import { generatedDoc } from './core';
import { median, round, type BenchContext } from './measure';
import { cpuSnapshot, cpuSpent, type ThreadGroup } from './process-cpu';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = path.join(REPO, 'node_modules', '.cache', 'bench-dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const VIEWPORT = { width: 1440, height: 900 };
/** Issue 4: ours within 1.3× of plain React Flow. */
export const BROWSER_RATIO_TARGET = 1.3;
const NODES = 500;
const QUIET_MS = 1_200;
const DRAG_STEPS = 25;
const DRAG_STEP_PX = 6;
const DRAGS_PER_PAGE = 2;

/** The autosave keys of app/store/persistence.ts. */
const AUTOSAVE_LAST = 'sfb-designer:v1:last';
const AUTOSAVE_DOC = (slot: string) => `sfb-designer:v1:doc:${slot}`;
const PLAIN_FLOW_KEY = 'bench:plain-flow';
/** BENCH_PROFILE=<dir>: a CPU profile of each drag is written there (open in Chrome's DevTools). */
const PROFILE_DIR = process.env.BENCH_PROFILE;

const BROWSER_LINES = [
  'browser/first-paint',
  `browser/open-${NODES}`,
  `browser/drag-${NODES}`,
  `browser/drag-${NODES}-zoom-0.3`,
  `browser/drag-${NODES}-zoom-1`,
  `browser/pan-${NODES}`,
];

export interface BrowserOptions {
  skipBuild: boolean;
  runs: number;
}

type PageKind = 'ours' | 'plainReactFlow';

interface OpenSample {
  openMs: number;
  nodes: number;
  shown: number;
  /** Elements in the page, and inside the React Flow canvas, once settled. */
  domElements: number;
  canvasElements: number;
  /** Inside the designer's print-only report and its findings list (0 on the plain page). */
  printElements: number;
  findingsElements: number;
  /** Main-thread time by Chromium's accounting until settled (CDP Performance metrics). */
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  taskMs: number;
}

interface DragSample {
  /** Per step: pointermove to the end of the next rendered frame. */
  frames: number[];
  /** Per step: pointermove to the start of the next rAF callback (input handling and anything React ran before the frame). */
  beforeRaf: number[];
  /** rAF intervals during the drag. */
  rafIntervals: number[];
  moved: boolean;
  /** The zoom the gesture ran at. */
  zoom: number;
  /** Chromium's own accounting over the drags (CDP Performance metrics), ms per counted frame. */
  perFrame: { script: number; layout: number; style: number; task: number };
  /** CPU time of the browser's threads over the drags (/proc), ms per step: steadier than wall time on a busy machine. */
  cpuPerStep: Record<ThreadGroup | 'all', number>;
}

export async function runBrowser(ctx: BenchContext, options: BrowserOptions): Promise<void> {
  if (!BROWSER_LINES.some((n) => ctx.wants(n))) return;
  if (!fs.existsSync(CHROMIUM)) {
    ctx.note(`skip: no Chromium at ${CHROMIUM}; the browser measurements need it (set CHROMIUM_PATH)`);
    return;
  }
  let playwright: typeof import('@playwright/test');
  try {
    playwright = await import('@playwright/test');
  } catch (e) {
    ctx.note(`skip: @playwright/test could not be loaded (${e instanceof Error ? e.message : String(e)})`);
    return;
  }

  const built = await buildPages(ctx, options.skipBuild);
  if (!built) return;

  const { preview } = await import('vite');
  const server = await preview({
    root: REPO,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { outDir: OUT },
    preview: { host: '127.0.0.1', port: 4390, strictPort: false, open: false },
  });
  let browser: Browser | undefined;
  try {
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite preview gave no URL');
    const urls: Record<PageKind, string> = {
      ours: new URL('index.html', base).href,
      plainReactFlow: new URL('plain/plain-flow.html', base).href,
    };
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const doc = generatedDoc(NODES);
    const inputs: Record<PageKind, Record<string, string>> = {
      ours: { [AUTOSAVE_LAST]: 'bench', [AUTOSAVE_DOC('bench')]: JSON.stringify({ slot: 'bench', savedAt: Date.now(), doc }) },
      plainReactFlow: { [PLAIN_FLOW_KEY]: JSON.stringify(plainGraph(doc)) },
    };
    ctx.note(
      `browser: ${doc.nodes.length} nodes, ${doc.sites.length} sites, ${doc.links.length} links; ${options.runs} load(s) per page, alternating`,
    );

    if (ctx.wants('browser/first-paint')) await firstPaint(ctx, browser, urls, doc, options.runs);

    await ctx.attempt(`browser/open-${NODES}`, async () => {
      const samples: Record<PageKind, OpenSample[]> = { ours: [], plainReactFlow: [] };
      // One untimed load each first (the OS file cache, Chromium's own start-up work).
      for (const kind of ['ours', 'plainReactFlow'] as const) await openOnce(browser!, urls[kind], inputs[kind]);
      for (let i = 0; i < options.runs; i++)
        for (const kind of i % 2 === 0 ? (['ours', 'plainReactFlow'] as const) : (['plainReactFlow', 'ours'] as const))
          samples[kind].push(await openOnce(browser!, urls[kind], inputs[kind]));
      const ours = median(samples.ours.map((s) => s.openMs));
      const plain = median(samples.plainReactFlow.map((s) => s.openMs));
      const ratio = round(ours / plain, 2);
      ctx.emit({
        name: `browser/open-${NODES}`,
        ours: round(ours, 1),
        plainReactFlow: round(plain, 1),
        ratio,
        target: BROWSER_RATIO_TARGET,
        met: ratio <= BROWSER_RATIO_TARGET,
        runs: options.runs,
        oursAllMs: samples.ours.map((s) => round(s.openMs, 1)),
        plainAllMs: samples.plainReactFlow.map((s) => round(s.openMs, 1)),
        oursRendered: samples.ours[0]?.nodes,
        plainRendered: samples.plainReactFlow[0]?.nodes,
        oursDomElements: samples.ours[0]?.domElements,
        oursCanvasElements: samples.ours[0]?.canvasElements,
        oursPrintElements: samples.ours[0]?.printElements,
        oursFindingsElements: samples.ours[0]?.findingsElements,
        plainDomElements: samples.plainReactFlow[0]?.domElements,
        // Main-thread work until settled (medians), by Chromium's accounting: what dominates the open.
        oursWork: openWork(samples.ours),
        plainWork: openWork(samples.plainReactFlow),
      });
    });

    // Dragging one card at the zoom the design opens at (fit view), at 0.3 (compact cards) and
    // at 1 (full cards, React Flow culling what is off screen), and panning the canvas.
    const nodeId = await pickDragNode(browser, urls.ours, inputs.ours, benchNodeIds(doc));
    ctx.note(`browser: both pages drag the node ${nodeId}`);
    const GESTURES: { name: string; gesture: Gesture; unit: string }[] = [
      {
        name: `browser/drag-${NODES}`,
        gesture: { what: 'node', nodeId },
        unit: 'ms of main-thread work per drag frame (median), fit view',
      },
      {
        name: `browser/drag-${NODES}-zoom-0.3`,
        gesture: { what: 'node', nodeId, zoom: 0.3 },
        unit: 'ms of main-thread work per drag frame (median), zoom 0.3 (compact cards)',
      },
      {
        name: `browser/drag-${NODES}-zoom-1`,
        gesture: { what: 'node', nodeId, zoom: 1 },
        unit: 'ms of main-thread work per drag frame (median), zoom 1',
      },
      {
        name: `browser/pan-${NODES}`,
        gesture: { what: 'pane' },
        unit: 'ms of main-thread work per pan frame (median), fit view',
      },
    ];
    for (const { name, gesture, unit } of GESTURES) {
      if (!ctx.wants(name)) continue;
      await ctx.attempt(name, async () => {
        const samples: Record<PageKind, DragSample[]> = { ours: [], plainReactFlow: [] };
        for (const kind of ['ours', 'plainReactFlow'] as const)
          samples[kind].push(await dragSession(browser!, urls[kind], inputs[kind], kind, gesture));
        for (const kind of ['plainReactFlow', 'ours'] as const)
          samples[kind].push(await dragSession(browser!, urls[kind], inputs[kind], kind, gesture));
        for (const kind of ['ours', 'plainReactFlow'] as const)
          if (!samples[kind].every((s) => s.moved))
            throw new Error(`the ${gesture.what === 'node' ? 'dragged node' : 'view'} did not move on the ${kind} page`);
        const all = (kind: PageKind, f: (s: DragSample) => number[]) => samples[kind].flatMap(f);
        const ours = median(all('ours', (s) => s.frames));
        const plain = median(all('plainReactFlow', (s) => s.frames));
        const ratio = round(ours / plain, 2);
        ctx.emit({
          name,
          ours: round(ours, 2),
          plainReactFlow: round(plain, 2),
          ratio,
          target: BROWSER_RATIO_TARGET,
          met: ratio <= BROWSER_RATIO_TARGET,
          unit,
          frames: all('ours', (s) => s.frames).length,
          oursZoom: round(samples.ours[0]?.zoom ?? Number.NaN, 3),
          plainZoom: round(samples.plainReactFlow[0]?.zoom ?? Number.NaN, 3),
          oursP95: round(quantile95(all('ours', (s) => s.frames)), 2),
          plainP95: round(quantile95(all('plainReactFlow', (s) => s.frames)), 2),
          oursBeforeRafMs: round(median(all('ours', (s) => s.beforeRaf)), 2),
          plainBeforeRafMs: round(median(all('plainReactFlow', (s) => s.beforeRaf)), 2),
          oursRafIntervalMs: round(median(all('ours', (s) => s.rafIntervals)), 2),
          plainRafIntervalMs: round(median(all('plainReactFlow', (s) => s.rafIntervals)), 2),
          // Where a frame goes, by Chromium's own accounting (mean per step; task = all main-thread work).
          oursPerFrame: perFrame(samples.ours),
          plainPerFrame: perFrame(samples.plainReactFlow),
          taskRatio: round(perFrame(samples.ours).taskMs! / perFrame(samples.plainReactFlow).taskMs!, 2),
          // The browser's CPU time per step by thread (/proc; mean over the sessions): barely moved by other load.
          oursCpuPerStep: cpuPerStep(samples.ours),
          plainCpuPerStep: cpuPerStep(samples.plainReactFlow),
          cpuRatio: round(cpuPerStep(samples.ours).all! / cpuPerStep(samples.plainReactFlow).all!, 2),
        });
      });
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

interface PaintSample {
  fcpMs: number;
  lcpMs: number;
  /** The first frame showing a node card (the canvas drawn). */
  canvasMs: number;
}

/**
 * Issue 22: a cold load (new browser profile: no HTTP cache, no service worker) of the
 * reference design (a first visit opens it) and of a 500-node share link, each next to
 * plain React Flow showing the same graph. First contentful paint and largest
 * contentful paint from the browser's own entries, and the first frame with node cards.
 */
async function firstPaint(
  ctx: BenchContext,
  browser: Browser,
  urls: Record<PageKind, string>,
  large: Topology,
  runs: number,
): Promise<void> {
  await ctx.attempt('browser/first-paint', async () => {
    const { pair2019AlwaysOn } = await import('../../app/model/samples/index');
    const { encodeTopologyFragment } = await import('../../app/share/index');
    const reference = pair2019AlwaysOn();
    const cases: {
      name: string;
      ours: { url: string; storage: Record<string, string> };
      plain: { url: string; storage: Record<string, string> };
    }[] = [
      {
        name: 'reference design',
        ours: { url: urls.ours, storage: {} },
        plain: { url: urls.plainReactFlow, storage: { [PLAIN_FLOW_KEY]: JSON.stringify(plainGraph(reference)) } },
      },
      {
        name: `${NODES}-node share link`,
        ours: { url: `${urls.ours}#${encodeTopologyFragment(large)}`, storage: {} },
        plain: { url: urls.plainReactFlow, storage: { [PLAIN_FLOW_KEY]: JSON.stringify(plainGraph(large)) } },
      },
    ];
    const result: Record<string, unknown> = {
      name: 'browser/first-paint',
      unit: 'ms from navigation start, cold load, median',
      runs,
    };
    for (const c of cases) {
      const ours: PaintSample[] = [];
      const plain: PaintSample[] = [];
      await paintOnce(browser, c.ours.url, c.ours.storage); // untimed: the OS file cache
      for (let i = 0; i < runs; i++) {
        ours.push(await paintOnce(browser, c.ours.url, c.ours.storage));
        plain.push(await paintOnce(browser, c.plain.url, c.plain.storage));
      }
      const m = (xs: PaintSample[], k: keyof PaintSample) => round(median(xs.map((x) => x[k])), 1);
      result[c.name] = {
        ours: { fcpMs: m(ours, 'fcpMs'), lcpMs: m(ours, 'lcpMs'), canvasMs: m(ours, 'canvasMs') },
        plainReactFlow: { fcpMs: m(plain, 'fcpMs'), lcpMs: m(plain, 'lcpMs'), canvasMs: m(plain, 'canvasMs') },
      };
    }
    ctx.emit(result as { name: string });
  });
}

async function paintOnce(browser: Browser, url: string, storage: Record<string, string>): Promise<PaintSample> {
  const { context, page } = await newPage(browser, storage);
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __lcp: number };
      w.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__lcp = Math.max(w.__lcp, e.startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => (window as unknown as { __benchProbe?: { firstShown: number } }).__benchProbe!.firstShown > 0,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    // LCP settles once the page stops painting larger things; give it a moment.
    await page.waitForTimeout(500);
    return await page.evaluate(() => {
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? Number.NaN;
      const w = window as unknown as { __lcp: number; __benchProbe: { firstShown: number } };
      return { fcpMs: fcp, lcpMs: w.__lcp || Number.NaN, canvasMs: w.__benchProbe.firstShown };
    });
  } finally {
    await context.close();
  }
}

/** Issue 22: the first-load budget of the production build (scripts/first-load-budget.ts), as bench lines. */
export async function runSize(ctx: BenchContext, options: BrowserOptions): Promise<void> {
  if (!ctx.wants('size/first-load') && !ctx.wants('size/lazy-chunks')) return;
  if (!(await buildPages(ctx, options.skipBuild))) return;
  const { measureBuild } = await import('../first-load-budget');
  const s = measureBuild(OUT);
  const kb = (n: number) => round(n / 1024, 1);
  await ctx.attempt('size/first-load', () =>
    ctx.emit({
      name: 'size/first-load',
      jsGzipKB: kb(s.firstLoad.jsGzip),
      jsRawKB: kb(s.firstLoad.jsRaw),
      cssGzipKB: kb(s.firstLoad.cssGzip),
      cssRawKB: kb(s.firstLoad.cssRaw),
      files: s.firstLoad.js.length + s.firstLoad.css.length,
      target: kb(s.budgetGzip),
      met: s.withinBudget,
      unit: 'KB of JavaScript before the first paint, gzip level 9 (target: at most)',
    }),
  );
  await ctx.attempt('size/lazy-chunks', () =>
    ctx.emit({
      name: 'size/lazy-chunks',
      count: s.lazy.length,
      totalGzipKB: kb(s.lazy.reduce((a, x) => a + x.gzip, 0)),
      chunks: Object.fromEntries(s.lazy.map((x) => [x.file.replace(/^assets\//, ''), { gzipKB: kb(x.gzip), rawKB: kb(x.raw) }])),
    }),
  );
}

function openWork(samples: readonly OpenSample[]): Record<string, number> {
  const m = (f: (s: OpenSample) => number) => round(median(samples.map(f)), 1);
  return {
    scriptMs: m((s) => s.scriptMs),
    layoutMs: m((s) => s.layoutMs),
    styleMs: m((s) => s.styleMs),
    taskMs: m((s) => s.taskMs),
  };
}

function perFrame(samples: readonly DragSample[]): Record<string, number> {
  const mean = (k: keyof DragSample['perFrame']) =>
    round(samples.reduce((s, x) => s + x.perFrame[k], 0) / Math.max(1, samples.length), 2);
  return { scriptMs: mean('script'), layoutMs: mean('layout'), styleMs: mean('style'), taskMs: mean('task') };
}

function cpuPerStep(samples: readonly DragSample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of ['main', 'renderer', 'gpu', 'browser', 'other', 'all'] as const)
    out[k] = round(samples.reduce((s, x) => s + x.cpuPerStep[k], 0) / Math.max(1, samples.length), 2);
  return out;
}

function quantile95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(0.95 * s.length) - 1))] ?? Number.NaN;
}

/** The same graph for the plain page: default nodes where the designer puts its cards, default edges. */
export function plainGraph(doc: Topology): { nodes: unknown[]; edges: unknown[] } {
  const layout = doc.layout ?? {};
  return {
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      position: { x: (layout[n.id]?.x ?? 0) + (NODE_WIDTH - 150) / 2, y: (layout[n.id]?.y ?? 0) + NODE_HEIGHT / 3 },
      data: { label: n.name },
    })),
    edges: doc.links.map((l) => ({ id: l.id, source: l.from, target: l.to })),
  };
}

/** Builds the designer (as `vite build` does, CSP included) and the plain page into OUT. */
export async function buildPages(ctx: BenchContext, skipBuild: boolean): Promise<boolean> {
  const ready = fs.existsSync(path.join(OUT, 'index.html')) && fs.existsSync(path.join(OUT, 'plain', 'plain-flow.html'));
  if (skipBuild && ready) {
    ctx.note(`browser: reusing the build in ${path.relative(REPO, OUT)}`);
    return true;
  }
  try {
    const { build } = await import('vite');
    const react = (await import('@vitejs/plugin-react')).default;
    const t = performance.now();
    await build({
      root: REPO,
      configFile: path.join(REPO, 'vite.config.ts'),
      logLevel: 'warn',
      // With BENCH_PROFILE the build is not minified, so a CPU profile names the functions.
      build: { outDir: OUT, emptyOutDir: true, ...(PROFILE_DIR ? { minify: false } : {}) },
    });
    await build({
      root: path.join(REPO, 'bench'),
      configFile: false,
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      build: {
        outDir: path.join(OUT, 'plain'),
        emptyOutDir: true,
        rolldownOptions: { input: path.join(REPO, 'bench', 'plain-flow.html') },
      },
    });
    const { CSP } = await import('../../vite.config');
    const html = fs.readFileSync(path.join(OUT, 'index.html'), 'utf8');
    if (!html.includes(CSP)) ctx.note('browser: note: the designer build has no CSP meta tag (vite.config.ts changed?)');
    ctx.note(`browser: built both pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return true;
  } catch (e) {
    const message = `the build failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    for (const n of BROWSER_LINES) if (ctx.wants(n)) ctx.emit({ name: n, error: message });
    return false;
  }
}

/**
 * The in-page probe, installed before any page script runs. Plain JavaScript text: tsx
 * wraps named functions in a helper (`__name`) that the page does not have, so a
 * function's source cannot be sent as it is.
 */
const PROBE_SOURCE = String.raw`(() => {
  const probe = { count: 0, shown: 0, transform: '', lastChange: 0, firstShown: 0, moveStart: 0, rafTimes: [], recordRaf: false, watch: true };
  probe.frame = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const raf = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const start = probe.moveStart;
        probe.moveStart = 0;
        resolve({ start, raf, end: performance.now() });
      };
      channel.port2.postMessage(0);
    });
  });
  window.__benchProbe = probe;
  const nodes = document.getElementsByClassName('react-flow__node');
  const tick = (ts) => {
    if (probe.recordRaf) probe.rafTimes.push(ts);
    // Watching the open only: during a drag the scan would add the same cost per node to both pages.
    if (!probe.watch) return requestAnimationFrame(tick);
    let shown = 0;
    for (let i = 0; i < nodes.length; i++) if (nodes[i].style.visibility !== 'hidden') shown++;
    const viewport = document.querySelector('.react-flow__viewport');
    const transform = viewport ? viewport.style.transform : '';
    if (shown > 0 && probe.firstShown === 0) probe.firstShown = performance.now();
    if (nodes.length !== probe.count || shown !== probe.shown || transform !== probe.transform) {
      probe.count = nodes.length;
      probe.shown = shown;
      probe.transform = transform;
      probe.lastChange = performance.now();
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  addEventListener('pointermove', () => { if (probe.moveStart === 0) probe.moveStart = performance.now(); }, { capture: true });
})();`;

/** The page's input in localStorage, then the probe. */
function initScript(storage: Record<string, string>): string {
  return `(() => { const s = ${JSON.stringify(storage)}; for (const k of Object.keys(s)) localStorage.setItem(k, s[k]); })();\n${PROBE_SOURCE}`;
}

async function newPage(browser: Browser, storage: Record<string, string>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: initScript(storage) });
  const page = await context.newPage();
  return { context, page };
}

async function waitSettled(
  page: Page,
): Promise<
  Pick<OpenSample, 'openMs' | 'nodes' | 'shown' | 'domElements' | 'canvasElements' | 'printElements' | 'findingsElements'>
> {
  await page.waitForFunction(
    (quiet) => {
      const p = (window as unknown as { __benchProbe?: { shown: number; lastChange: number } }).__benchProbe;
      return !!p && p.shown > 0 && performance.now() - p.lastChange > quiet;
    },
    QUIET_MS,
    { timeout: 60_000, polling: 100 },
  );
  return page.evaluate(() => {
    const p = (window as unknown as { __benchProbe: { count: number; shown: number; lastChange: number } }).__benchProbe;
    return {
      openMs: p.lastChange,
      nodes: p.count,
      shown: p.shown,
      domElements: document.getElementsByTagName('*').length,
      canvasElements: document.querySelector('.react-flow')?.getElementsByTagName('*').length ?? 0,
      printElements: document.querySelector('.print-report')?.getElementsByTagName('*').length ?? 0,
      findingsElements: document.querySelector('ol.findings')?.getElementsByTagName('*').length ?? 0,
    };
  });
}

/** Until the designer's background routing is done (the plain page has none). */
async function waitRouted(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="canvas"]')?.getAttribute('data-routing') !== 'pending',
    null,
    { timeout: 60_000, polling: 100 },
  );
}

async function openOnce(browser: Browser, url: string, storage: Record<string, string>): Promise<OpenSample> {
  const { context, page } = await newPage(browser, storage);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    const settled = await waitSettled(page);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n: string) => round((metrics.find((m) => m.name === n)?.value ?? 0) * 1_000, 1);
    return {
      ...settled,
      scriptMs: get('ScriptDuration'),
      layoutMs: get('LayoutDuration'),
      styleMs: get('RecalcStyleDuration'),
      taskMs: get('TaskDuration'),
    };
  } finally {
    await context.close();
  }
}

type Gesture =
  /** Drag the node `nodeId` (the same on both pages); zoom to `zoom` about it first, else the view the page opened with. */
  | { what: 'node'; nodeId: string; zoom?: number }
  /** Drag the empty canvas near its middle (a pan). */
  | { what: 'pane'; zoom?: number };

/** Opens the page, then drags the node (or the pane near the middle of the canvas) DRAGS_PER_PAGE times. */
async function dragSession(
  browser: Browser,
  url: string,
  storage: Record<string, string>,
  kind: PageKind,
  gesture: Gesture,
): Promise<DragSample> {
  const { context, page } = await newPage(browser, storage);
  const sample: DragSample = {
    frames: [],
    beforeRaf: [],
    rafIntervals: [],
    moved: true,
    zoom: Number.NaN,
    perFrame: { script: 0, layout: 0, style: 0, task: 0 },
    cpuPerStep: { main: 0, renderer: 0, gpu: 0, browser: 0, other: 0, all: 0 },
  };
  try {
    await page.goto(url, { waitUntil: 'load' });
    await waitSettled(page);
    // The designer routes a large design's links in the background: drag once that is done.
    await waitRouted(page);
    // Both pages drag the same node (the ids are the document's), zoomed about it so it stays in view.
    if (gesture.zoom !== undefined)
      await zoomTo(page, gesture.zoom, gesture.what === 'node' ? await locateNode(page, gesture.nodeId) : undefined);
    sample.zoom = await currentZoom(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const totals = { script: 0, layout: 0, style: 0, task: 0 };
    const metrics = async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      const get = (n: string) => (list.find((m) => m.name === n)?.value ?? 0) * 1_000;
      return {
        script: get('ScriptDuration'),
        layout: get('LayoutDuration'),
        style: get('RecalcStyleDuration'),
        task: get('TaskDuration'),
      };
    };
    for (let d = 0; d < DRAGS_PER_PAGE; d++) {
      await waitRouted(page);
      const target = gesture.what === 'node' ? await locateNode(page, gesture.nodeId) : await pickPane(page);
      if (!target)
        throw new Error(`no ${gesture.what === 'node' ? 'draggable node' : 'empty canvas'} in view on the ${kind} page`);
      const before = gesture.what === 'node' ? await nodeTransform(page, target.id) : await viewportTransform(page);
      let x = target.x;
      let y = target.y;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.evaluate(() => {
        const p = (
          window as unknown as { __benchProbe: { rafTimes: number[]; recordRaf: boolean; moveStart: number; watch: boolean } }
        ).__benchProbe;
        p.watch = false;
        p.rafTimes = [];
        p.recordRaf = true;
        p.moveStart = 0;
      });
      const m0 = await metrics();
      const cpu0 = cpuSnapshot();
      if (PROFILE_DIR) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      for (let i = 0; i < DRAG_STEPS; i++) {
        // Odd drags go back: the card returns to where it was (not into another site).
        x += d % 2 === 0 ? DRAG_STEP_PX : -DRAG_STEP_PX;
        y += i % 2 === 0 ? 2 : -2;
        await page.mouse.move(x, y);
        // The move may land in the frame after the one we asked for; wait until a frame has seen it.
        for (let tries = 0; tries < 4; tries++) {
          const f = await page.evaluate(() =>
            (
              window as unknown as { __benchProbe: { frame(): Promise<{ start: number; raf: number; end: number }> } }
            ).__benchProbe.frame(),
          );
          if (f.start > 0) {
            // The first steps only cross React Flow's drag threshold; they are not drag frames yet.
            if (i >= 2) {
              sample.frames.push(f.end - f.start);
              sample.beforeRaf.push(Math.max(0, f.raf - f.start));
            }
            break;
          }
        }
      }
      const m1 = await metrics();
      const cpu = cpuSpent(cpu0, cpuSnapshot());
      for (const k of Object.keys(cpu) as (keyof typeof cpu)[]) sample.cpuPerStep[k] += cpu[k] / (DRAG_STEPS * DRAGS_PER_PAGE);
      if (PROFILE_DIR) {
        const { profile } = await cdp.send('Profiler.stop');
        fs.mkdirSync(PROFILE_DIR, { recursive: true });
        fs.writeFileSync(
          path.join(
            PROFILE_DIR,
            `${gesture.what}${gesture.zoom ? `-zoom-${gesture.zoom}` : ''}-${kind}-${Date.now()}-${d}.cpuprofile`,
          ),
          JSON.stringify(profile),
        );
      }
      for (const k of ['script', 'layout', 'style', 'task'] as const) totals[k] += m1[k] - m0[k];
      const raf = await page.evaluate(() => {
        const p = (window as unknown as { __benchProbe: { rafTimes: number[]; recordRaf: boolean } }).__benchProbe;
        p.recordRaf = false;
        return p.rafTimes;
      });
      for (let i = 1; i < raf.length; i++) sample.rafIntervals.push(raf[i]! - raf[i - 1]!);
      await page.mouse.up();
      const after = gesture.what === 'node' ? await nodeTransform(page, target.id) : await viewportTransform(page);
      if (after === before) sample.moved = false;
      // Let the drop commit (the designer re-runs its rules) before the next drag.
      await page.waitForTimeout(800);
      // At fit view the drag carries the card into a neighbouring site, where it may land on
      // another card: undo it, so the next drag starts from the same place.
      if (kind === 'ours' && gesture.what === 'node') {
        await page.keyboard.press('Control+z');
        await page.waitForTimeout(400);
      }
    }
    const steps = DRAG_STEPS * DRAGS_PER_PAGE;
    sample.perFrame = {
      script: totals.script / steps,
      layout: totals.layout / steps,
      style: totals.style / steps,
      task: totals.task / steps,
    };
    return sample;
  } finally {
    await context.close();
  }
}

/** Where the node `id` is on screen, if it is in the canvas and nothing covers its centre. */
async function locateNode(page: Page, id: string): Promise<{ id: string; x: number; y: number } | undefined> {
  return page.evaluate((nodeId) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
    if (!pane || !el) return undefined;
    const r = el.getBoundingClientRect();
    // Zoomed out, a card is a few pixels and a link's hit area may cover its centre: the
    // first point of the card (centre first) that the pointer takes the card at.
    for (const [fx, fy] of [
      [0.5, 0.5],
      [0.3, 0.5],
      [0.7, 0.5],
      [0.5, 0.3],
      [0.5, 0.7],
      [0.2, 0.2],
      [0.8, 0.2],
      [0.2, 0.8],
      [0.8, 0.8],
    ] as const) {
      const x = r.left + r.width * fx;
      const y = r.top + r.height * fy;
      if (x < pane.left || x > pane.right || y < pane.top || y > pane.bottom) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && el.contains(hit)) return { id: nodeId, x, y };
    }
    return undefined;
  }, id);
}

/**
 * The nodes both pages may drag: Front End pools, nearest the middle of the layout first,
 * so the one chosen is in view at every zoom and has the links a pool has (Back End,
 * pairing, Edge …).
 */
export function benchNodeIds(doc: Topology): string[] {
  const layout = doc.layout ?? {};
  const points = doc.nodes.map((n) => layout[n.id] ?? { x: 0, y: 0 });
  const cx = (Math.min(...points.map((p) => p.x)) + Math.max(...points.map((p) => p.x))) / 2;
  const cy = (Math.min(...points.map((p) => p.y)) + Math.max(...points.map((p) => p.y))) / 2;
  const pools = doc.nodes
    .filter((n) => n.kind === 'frontEndPool')
    .map((n) => {
      const p = layout[n.id] ?? { x: 0, y: 0 };
      return { id: n.id, d: (p.x - cx) ** 2 + (p.y - cy) ** 2 };
    })
    .sort((a, b) => a.d - b.d);
  if (pools.length === 0) throw new Error('the generated document has no Front End pool to drag');
  return pools.map((p) => p.id);
}

/**
 * The first candidate whose card the pointer can take at the designer's fit view: the
 * view leaves room for the minimap and panels, so the pool nearest the layout's middle
 * may sit under an overlay. The plain page drags the same node.
 */
async function pickDragNode(
  browser: Browser,
  url: string,
  storage: Record<string, string>,
  candidates: readonly string[],
): Promise<string> {
  const { context, page } = await newPage(browser, storage);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await waitSettled(page);
    await waitRouted(page);
    for (const id of candidates) if (await locateNode(page, id)) return id;
    throw new Error(`none of the ${candidates.length} Front End pools can be taken by the pointer at fit view`);
  } finally {
    await context.close();
  }
}

async function nodeTransform(page: Page, id: string): Promise<string> {
  return page.evaluate(
    (nodeId) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`)?.style.transform ?? '',
    id,
  );
}

/** A point of the empty canvas (the pane itself is under it) nearest the canvas centre. */
async function pickPane(page: Page): Promise<{ id: string; x: number; y: number } | undefined> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return undefined;
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    // Outward rings around the centre; the pan moves right, so keep room on that side.
    for (let r = 0; r < Math.min(pane.width, pane.height) / 2; r += 8)
      for (let a = 0; a < 16; a++) {
        const x = cx - 100 + r * Math.cos((a * Math.PI) / 8);
        const y = cy + r * Math.sin((a * Math.PI) / 8);
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { id: 'pane', x, y };
      }
    return undefined;
  });
}

async function viewportTransform(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '');
}

async function currentZoom(page: Page): Promise<number> {
  return Number(/scale\(([\d.e-]+)\)/.exec(await viewportTransform(page))?.[1] ?? Number.NaN);
}

/**
 * Zooms about `at` (else the canvas centre) with one wheel event: React Flow (d3-zoom)
 * scales by 2^(-deltaY × 0.002) per pixel-mode wheel event, so both pages reach the same
 * zoom, and the point under the pointer stays where it is.
 */
async function zoomTo(page: Page, zoom: number, at?: { x: number; y: number }): Promise<void> {
  const box =
    at ??
    (await page.evaluate(() => {
      const r = document.querySelector('.react-flow')!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }));
  for (let tries = 0; tries < 3; tries++) {
    const now = await currentZoom(page);
    if (Math.abs(now - zoom) / zoom < 0.02) break;
    await page.mouse.move(box.x, box.y);
    await page.mouse.wheel(0, -Math.log2(zoom / now) / 0.002);
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(QUIET_MS);
}

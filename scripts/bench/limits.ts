/**
 * How quickly hostile input is refused (issues 9 and 17): the timings the fuzz suites
 * (parse.fuzz, share.fuzz) used to assert, measured here instead (speed never goes in
 * unit tests). Each line: the median time to refuse one input, and whether it was refused.
 * Also the timings other unit tests used to assert (share, png, gen-rules), and how one rule family's time grows with the design (the old be-rules "linear time" test).
 */
import { deflateSync, zlibSync } from 'fflate';
import { median, round, type BenchContext } from './measure';

const RUNS = 5;

function timed(f: () => unknown): { medianMs: number; result: unknown } {
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = f();
    times.push(performance.now() - t);
  }
  return { medianMs: round(median(times), 2), result };
}

/** How a Result came out; undefined for work that is not a Result (a search, a rule run). */
const refusedAs = (r: unknown): string | undefined =>
  typeof r !== 'object' || r === null || !('ok' in r)
    ? undefined
    : (r as { ok: boolean }).ok
      ? 'accepted'
      : (r as unknown as { error: { tag: string } }).error.tag;

export async function runLimits(ctx: BenchContext): Promise<void> {
  const { parseTopology } = await import('../../app/model/parse');
  const { LIMITS } = await import('../../app/model/limits');
  const { pair2019AlwaysOn } = await import('../../app/model/samples/index');
  const share = await import('../../app/share/index');
  const { ByteWriter, crc32, toBase64Url } = await import('../../app/share/bytes');
  const { DICTIONARY_1 } = await import('../../app/share/dictionary');
  const line = (name: string, what: string, f: () => unknown, targetMs: number) =>
    ctx.attempt(name, () => {
      const { medianMs, result } = timed(f);
      ctx.emit({ name, medianMs, refused: refusedAs(result), target: targetMs, met: medianMs <= targetMs, unit: `ms, ${what}` });
    });

  const huge = `{"format":"sfb-topology","version":1,"name":"${'x'.repeat(50_000_000)}"}`;
  await line('limits/parse-50mb-string', 'a 50 MB JSON text refused on its length', () => parseTopology(huge), 250);

  const doc = pair2019AlwaysOn();
  const nodes = Array.from({ length: 20_000 }, (_, i) => ({
    id: `n${i}`,
    name: '',
    siteId: 'dc1',
    kind: 'mediationPool',
    productVersion: '2019',
    fqdn: 'm',
    servers: 1,
  }));
  const many = { ...doc, nodes };
  const manyText = JSON.stringify(many);
  await line(
    'limits/parse-20000-nodes-text',
    '20,000 nodes as JSON text, refused on the count',
    () => parseTopology(manyText),
    1_000,
  );
  await line('limits/parse-20000-nodes-value', '20,000 nodes as a value, refused on the count', () => parseTopology(many), 100);

  const depth = Math.floor((LIMITS.maxDocumentChars - 10) / 2);
  const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  await line(
    'limits/parse-deep-text',
    `${depth.toLocaleString('en-US')} nested arrays as text`,
    () => parseTopology(nested),
    500,
  );
  let deep: unknown = 0;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  await line('limits/parse-deep-value', '100,000 nested arrays as a name', () => parseTopology({ ...doc, name: deep }), 200);

  for (const codec of [share.CODEC.json, share.CODEC.compact]) {
    const bomb = deflateSync(new Uint8Array(12_000_000), { level: 1, dictionary: DICTIONARY_1 });
    const w = new ByteWriter();
    w.byte(codec);
    w.uint(bomb.length);
    w.bytes(bomb);
    const body = w.toBytes();
    const framed = new Uint8Array(body.length + 4);
    framed.set(body);
    new DataView(framed.buffer).setUint32(body.length, crc32(body));
    const link = share.MARKER + toBase64Url(framed);
    await line(`limits/link-zip-bomb-codec-${codec}`, '12 MB of zeros in a small link', () => share.decodeShareLink(link), 1_000);
  }
  const long = `http://localhost:5173/#${share.MARKER}${'A'.repeat(10_000_000)}`;
  await line('limits/link-10mb', 'a 10 MB link refused on its length', () => share.decodeShareLink(long), 1_000);
  {
    // Was a timed assertion in share.test.ts: a small link inflating to 40 MB stops at the cap.
    const bomb = deflateSync(new Uint8Array(40_000_000), { level: 9, dictionary: DICTIONARY_1 });
    const w = new ByteWriter();
    w.byte(share.CODEC.json);
    w.uint(bomb.length);
    w.bytes(bomb);
    const body = w.toBytes();
    const framed = new Uint8Array(body.length + 4);
    framed.set(body);
    new DataView(framed.buffer).setUint32(body.length, crc32(body));
    const link = share.MARKER + toBase64Url(framed);
    await line(
      'limits/link-bomb-40mb',
      '40 MB of zeros at level 9 in a link, stopped at the cap',
      () => share.decodeShareLink(link),
      2_000,
    );
  }
  // Was a timed assertion in share.test.ts: finding a link in a megabyte of near-misses stays linear.
  const nearMisses = [
    'http://'.repeat(150_000),
    `${'http://a'.repeat(120_000)}#t`,
    '#t1'.repeat(300_000),
    `${'a'.repeat(1_000_000)}#t1.AAAA`,
  ];
  await line(
    'limits/link-near-misses',
    'findShareLink, looksLikeShareLink and decodeShareLink on four megabyte texts of near-misses',
    () => nearMisses.map((t) => [share.findShareLink(t), share.looksLikeShareLink(t), share.decodeShareLink(t)]),
    3_000,
  );
  {
    // Was a timed assertion in png.test.ts: a zlib bomb in the design's iTXt chunk stops at the cap.
    const { extractFromPng, PNG_KEYWORD, PNG_SIGNATURE, pngChunk } = await import('../../app/export/png');
    const { concatBytes, utf8 } = await import('../../app/share/bytes');
    const ihdr = new Uint8Array([0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 2×1, depth 8, grayscale
    const tiny = concatBytes([
      PNG_SIGNATURE,
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', zlibSync(new Uint8Array([0, 0x00, 0xff]))),
      pngChunk('IEND', new Uint8Array()),
    ]);
    const head = concatBytes([utf8(`${PNG_KEYWORD}\0`), new Uint8Array([1, 0, 0, 0])]);
    const chunk = pngChunk('iTXt', concatBytes([head, zlibSync(new Uint8Array(30_000_000), { level: 9 })]));
    const png = concatBytes([tiny.subarray(0, tiny.length - 12), chunk, tiny.subarray(tiny.length - 12)]);
    await line(
      'limits/png-zlib-bomb',
      '30 MB of zeros in the design chunk of a PNG, stopped at the cap',
      () => extractFromPng(png),
      2_000,
    );
  }
  {
    // Was a timed assertion in gen-rules.test.ts: 5,000 nodes on one host name give one finding per rule, quickly.
    const [{ runRules }, { RULES }, { generatedDoc }] = await Promise.all([
      import('../../app/rules/engine'),
      import('../../app/rules/registry'),
      import('./core'),
    ]);
    const oneHost = structuredClone(generatedDoc(5_000));
    for (const n of oneHost.nodes) n.fqdn = 'everything.tailspin.com';
    const collocation = RULES.filter((r) =>
      ['FILE-COLLOCATED', 'FS-COLLOC-HOST', 'OWAS-SEPARATE-SERVER', 'GEN-SEPARATE-ROLES'].includes(r.id),
    );
    await line(
      'limits/rules-one-host-5000',
      'the collocation rules on 5,000 nodes sharing one host name',
      () => runRules(oneHost, collocation),
      2_000,
    );
  }

  {
    // Were timed assertions in open.fuzz and import.fuzz: how fast hostile files are refused.
    const { openDocumentBytes } = await import('../../app/export/open');
    const { importTopologyXml } = await import('../../app/import/index');
    const TOPOLOGY_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008';
    const bytes = new TextEncoder();
    const manyBytes = bytes.encode(manyText);
    await line(
      'limits/open-20000-nodes-json',
      'a .json file of 20,000 nodes, refused',
      () => openDocumentBytes('big.json', manyBytes),
      2_000,
    );
    const unclosed = bytes.encode(
      `<svg xmlns="http://www.w3.org/2000/svg">${'<topology '.repeat(4_000)}${'a'.repeat(250_000)}</svg>`,
    );
    await line(
      'limits/open-svg-unclosed-tags',
      'an SVG of 4,000 unclosed <topology tags (linear search)',
      () => openDocumentBytes('slow.svg', unclosed),
      500,
    );
    const hugeFile = new Uint8Array(200_000_001);
    await line(
      'limits/open-200mb-file',
      'a 200 MB file refused on its length',
      () => openDocumentBytes('huge.bin', hugeFile),
      100,
    );
    const open = `<Topology xmlns="${TOPOLOGY_NS}">`;
    const { LIMITS: L } = await import('../../app/model/limits');
    const hugeXml = `${open}${'<!-- x -->'.repeat(L.maxXmlChars / 10 + 1)}</Topology>`;
    await line(
      'limits/import-xml-over-limit',
      'a Topology Builder document over the character limit',
      () => importTopologyXml(hugeXml),
      200,
    );
    const manyElements = `${open}${'<a/>'.repeat(200_001)}</Topology>`;
    await line(
      'limits/import-200001-elements',
      'a Topology Builder document of 200,001 elements',
      () => importTopologyXml(manyElements),
      2_000,
    );
    await line(
      'limits/import-external-dtd',
      'a Topology Builder document with an external DTD, refused unfetched',
      () => importTopologyXml(`<!DOCTYPE Topology SYSTEM "http://127.0.0.1:1/topology.dtd">${open}</Topology>`),
      100,
    );
  }

  await runCli(ctx);

  await ctx.attempt('limits/be-rules-growth', async () => {
    const [{ runRules }, { BE_RULES }, { generatedDoc }] = await Promise.all([
      import('../../app/rules/engine'),
      import('../../app/rules/be-rules'),
      import('./core'),
    ]);
    const small = generatedDoc(2_500);
    const large = generatedDoc(5_000);
    const best = (d: typeof large) => {
      let min = Infinity;
      for (let i = 0; i < 9; i++) {
        const t = performance.now();
        runRules(d, BE_RULES);
        min = Math.min(min, performance.now() - t);
      }
      return min;
    };
    best(large);
    const tSmall = best(small);
    const tLarge = best(large);
    const ratio = round(tLarge / tSmall, 2);
    const nodeRatio = round(large.nodes.length / small.nodes.length, 2);
    ctx.emit({
      name: 'limits/be-rules-growth',
      smallNodes: small.nodes.length,
      largeNodes: large.nodes.length,
      smallMs: round(tSmall, 2),
      largeMs: round(tLarge, 2),
      ratio,
      nodeRatio,
      target: round(nodeRatio * 2, 2),
      met: tLarge < 50 && ratio <= nodeRatio * 2,
      unit: 'ms, the Back End rules alone (best of nine); linear: the time ratio near the node ratio',
    });
  });
}

/** Issue 17: the command line on input that never ends or is not a file exits 2 with one line within 2 s. */
async function runCli(ctx: BenchContext): Promise<void> {
  const names = [
    'limits/cli-help',
    'limits/cli-fifo',
    'limits/cli-dev-zero',
    'limits/cli-endless-stdin',
    'limits/cli-invalid-utf8',
  ];
  if (!names.some((n) => ctx.wants(n))) return;
  const { spawnSync, execFileSync } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const topo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'topo.mjs');
  spawnSync(process.execPath, [topo, '--help']); // builds the CLI bundle once, untimed
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'topo-bench-'));
  const fifo = path.join(dir, 'in.json');
  execFileSync('mkfifo', [fifo]);
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]));
  const node = `${JSON.stringify(process.execPath)} ${JSON.stringify(topo)} validate`;
  const cases: [string, string][] = [
    // The start of the process alone (the baseline of the others: node and the bundle loading).
    ['limits/cli-help', `${JSON.stringify(process.execPath)} ${JSON.stringify(topo)} --help`],
    ['limits/cli-fifo', `${node} ${JSON.stringify(fifo)}`],
    ['limits/cli-dev-zero', `${node} - < /dev/zero`],
    ['limits/cli-endless-stdin', `cat /dev/urandom | ${node} -`],
    ['limits/cli-invalid-utf8', `${node} ${JSON.stringify(bad)}`],
  ];
  for (const [name, cmd] of cases)
    await ctx.attempt(name, () => {
      const times: number[] = [];
      let last = { status: null as number | null, lines: 0 };
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: 30_000 });
        times.push(performance.now() - t);
        last = { status: r.status, lines: r.stderr.trim().split('\n').length };
      }
      const ms = round(median(times), 0);
      ctx.emit({
        name,
        medianMs: ms,
        exit: last.status,
        stderrLines: last.lines,
        target: 2_000,
        met: ms <= 2_000 && (name === 'limits/cli-help' || (last.status === 2 && last.lines === 1)),
        unit: 'ms from start to exit (3 runs, median), exit code 2 and one line expected',
      });
    });
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The three formats: structure (phases, checkboxes, fenced commands, one function per
 * phase, -WhatIf, stop on failure), and escaping of everything a user typed: quotes,
 * `$(...)`, backticks, `<script>`, `]]>`, newlines, U+202E, typographic quotes that
 * PowerShell treats as quotes, and a 10,000-character name, in every format.
 */
import { describe, expect, it } from 'vitest';
import { pair2015Mirroring, pair2019AlwaysOn, REFERENCE_DESIGNS } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { generateSteps } from './deployment';
import { toJson } from './json';
import { toMarkdown } from './markdown';
import { asciiCommand, psLiteral, toPowerShell } from './powershell';
import { mdCode, mdCodeBlock, mdText, psQuote } from './text';
import { DEPLOYMENT_PHASES, PHASE_TITLES } from './types';
import { clone, mdWithoutCode, ps1Problems, psLineRegions, withPersistentChat } from './steps-test-kit';

const HOSTILE = [
  "O'Brien",
  '"double"',
  '$(Remove-Item C:\\)',
  '`whoami`',
  '<script>alert(1)</script>',
  ']]>',
  'line\nbreak\r\n# heading? - [x] item',
  '\u202Eevil\u202C',
  '\u2019\u2018\u201A\u201B typographic',
  '\u0112\u0100 decoded as ANSI ends a string',
  '*bold* _it_ [link](javascript:alert(1)) | pipe ~~strike~~ &amp; <!-- c -->',
];
const MARKERS = [
  '$(Remove-Item C:\\)',
  '`whoami`',
  '<script>alert(1)</script>',
  ']]>',
  '[link](javascript:alert(1))',
  'line break',
];
const LONG = 'x'.repeat(10_000);

/** Every free-text field of a document set to `f(field)`. */
function renamed(doc: Topology, f: (what: string) => string): Topology {
  const d = clone(doc);
  d.name = f('doc');
  d.description = f('description');
  for (const s of d.sites) {
    s.name = f(`site ${s.id}`);
    s.region = f('region');
  }
  for (const n of d.nodes) {
    n.name = f(`node ${n.id}`);
    if (n.kind === 'fileStore') n.share = f('share');
    if ('domain' in n && n.domain !== undefined) n.domain = f('domain');
    if ('cumulativeUpdate' in n && n.cumulativeUpdate !== undefined) n.cumulativeUpdate = f('cu');
    if (n.kind === 'sqlStore') {
      n.sqlUpdateLevel = f('level');
      n.instance = 'RTC$X#1';
    }
  }
  return d;
}

const hostile = (doc: Topology, extra = '') => renamed(doc, (w) => `${w} ${HOSTILE.join(' ')}${extra}`);
const benign = (doc: Topology, extra = '') =>
  renamed(doc, (w) => `${w} ${HOSTILE.map((h) => 'a'.repeat(h.length)).join(' ')}${extra}`);

const docs: Array<[string, Topology]> = [
  ...REFERENCE_DESIGNS.map((d) => [d.id, d.build()] as [string, Topology]),
  ['pchat', withPersistentChat()],
];

describe('PowerShell literals', () => {
  it('doubles every kind of single quote and writes non-ASCII as [char] code units', () => {
    expect(psLiteral("a'b")).toBe("'a''b'");
    expect(psLiteral('O\u2019Hare')).toBe("('O' + [char]0x2019 + 'Hare')");
    expect(psLiteral('\u00fc')).toBe("('' + [char]0x00FC)");
    expect(psLiteral('\u{1F600}')).toBe("('' + [char]0xD83D + [char]0xDE00)");
    expect(psQuote('O\u2019Hare')).toBe("'O\u2019\u2019Hare'");
  });
  it('asciiCommand keeps the exact value of each literal in a generated command', () => {
    expect(
      asciiCommand(`Set-CsSite -Identity ${psQuote('Z\u00fcrich O\u2019Hare')} -XmppExternalFederationRoute 'e.contoso.com'`),
    ).toBe(
      "Set-CsSite -Identity ('Z' + [char]0x00FC + 'rich O' + [char]0x2019 + 'Hare') -XmppExternalFederationRoute 'e.contoso.com'",
    );
    expect(asciiCommand(`X -A ${psQuote("it's")}`)).toBe("X -A 'it''s'");
  });
  it('the test tokeniser sees a typographic quote as the end of a string (as PowerShell does)', () => {
    expect(psLineRegions("Write-Host 'a\u2019 + $(evil)").literals).toEqual([{ start: 11, end: 14 }]);
    expect(psLineRegions("'open").error).toMatch(/unterminated/);
  });
});

describe('Markdown helpers', () => {
  it('escape HTML and Markdown in text, and never let code be closed early', () => {
    expect(mdText('<script>`x` *y* [z](u)')).toBe('&lt;script&gt;\\`x\\` \\*y\\* \\[z\\](u)');
    expect(mdCode('a`b``c')).toBe('```a`b``c```');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCodeBlock(['a ```` b'])).toBe('`````powershell\na ```` b\n`````');
  });
});

describe('toPowerShell', () => {
  const plan = generateSteps(pair2019AlwaysOn());
  const ps1 = toPowerShell(plan);
  it('has a header, SupportsShouldProcess, Stop on errors and one function per phase and runbook', () => {
    expect(ps1.startsWith('#Requires -Version 5.1\n')).toBe(true);
    expect(ps1).toContain('[CmdletBinding(SupportsShouldProcess)]\nparam(');
    expect(ps1).toContain("$ErrorActionPreference = 'Stop'");
    for (const p of [
      'Prepare',
      'TopologyBuilder',
      'PublishInstall',
      'Pairing',
      'Verification',
      'Failover_1',
      'Failback_1',
      'Failover_2',
      'Failback_2',
    ])
      expect(ps1.match(new RegExp(`^function Invoke-Part${p} \\{$`, 'gm'))?.length, p).toBe(1);
    expect(ps1).toContain("throw ('Step failed: {0} [{1}]: {2}' -f $Title, $Id, $_.Exception.Message)");
    expect(ps1).toContain('Read-Host');
    expect(ps1Problems(ps1, [])).toEqual([]);
  });
  it('every step appears once, with a comment carrying its title; -NativeWhatIf exactly where every cmdlet supports -WhatIf', () => {
    for (const s of plan.steps) {
      const call = ps1.split('\n').filter((l) => l.includes(`-Id ${psLiteral(s.id)} `));
      expect(call.length, s.id).toBe(1);
      expect(ps1, s.id).toContain(`: ${s.title} [${s.id}]`);
      if (s.mode === 'script') {
        expect(call[0], s.id).toMatch(/^ {4}Invoke-PlanStep /);
        expect(call[0]!.includes('-NativeWhatIf'), s.id).toBe(s.supportsWhatIf);
      } else expect(call[0], s.id).toMatch(/^ {4}Confirm-ManualStep /);
    }
    expect(plan.steps.some((s) => s.mode === 'script' && s.supportsWhatIf)).toBe(true);
    expect(plan.steps.some((s) => s.mode === 'script' && !s.supportsWhatIf)).toBe(true);
  });
  it("cites each step's documentation as the page an engineer can open, as the Markdown does", () => {
    const cited = ps1.split('\n').filter((l) => l.startsWith('    # Docs: '));
    expect(cited.length).toBeGreaterThan(20);
    for (const l of cited) expect(l, l).toMatch(/^ {4}# Docs: https:\/\/learn\.microsoft\.com\//);
    expect(ps1).toContain('# Docs: https://learn.microsoft.com/powershell/module/skype/invoke-cspoolfailover');
  });
  it('runs the deployment phases in order by default and runbooks only when named', () => {
    // A new deployment changes and retires no existing pool: those phases are absent.
    const order = DEPLOYMENT_PHASES.filter((p) => p !== 'existingPools' && p !== 'decommission').map((p) =>
      ps1.indexOf(`# ===== ${PHASE_TITLES[p]}`),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(ps1).toContain("$deploy = @('Prepare', 'TopologyBuilder', 'PublishInstall', 'Pairing', 'Verification')");
    expect(ps1).toContain("'Failover_1' { Invoke-PartFailover_1 }");
  });
});

describe('toMarkdown', () => {
  const plan = generateSteps(pair2015Mirroring());
  const md = toMarkdown(plan);
  it('has a title, a heading per phase, numbered steps with a checkbox, fenced commands and links to the docs', () => {
    expect(md.startsWith('# Deployment runbook: Fabrikam 2015: paired pools with SQL mirroring\n')).toBe(true);
    // A new deployment changes and retires no existing pool: those phases are absent.
    for (const p of DEPLOYMENT_PHASES)
      if (p !== 'existingPools' && p !== 'decommission') expect(md).toContain(`\n## ${PHASE_TITLES[p]}\n`);
    expect(md.match(/^### \d+\. /gm)?.length).toBe(plan.steps.length);
    expect(md.match(/^- \[ \] Done/gm)?.length).toBe(
      plan.steps.length + plan.runbooks.reduce((n, r) => n + r.failover.length + r.failback.length, 0),
    );
    expect(md).toContain(
      "```powershell\nInvoke-CsBackupServiceSync -PoolFqdn 'pool-ny.fabrikam.com'\nInvoke-CsBackupServiceSync -PoolFqdn 'pool-ch.fabrikam.com'\n```",
    );
    expect(md).toContain('(<https://learn.microsoft.com/powershell/module/skype/invoke-csbackupservicesync>)');
    expect(md).toContain(
      '(<https://learn.microsoft.com/skypeforbusiness/deploy/deploy-high-availability-and-disaster-recovery/sql-mirroring-for-high-availability>)',
    );
    expect(md).toContain('## Runbook: Losing New York: fail Pool NY over to Pool CH');
    expect(mdWithoutCode(md).problems).toEqual([]);
  });
});

describe('toJson', () => {
  it('parses back to the same plan', () => {
    const plan = generateSteps(withPersistentChat());
    expect(JSON.parse(toJson(plan))).toEqual(plan);
  });
});

describe('escaping of user text in every format', () => {
  for (const [id, doc] of docs) {
    const h = hostile(doc);
    const b = benign(doc);
    const planH = generateSteps(h);
    const planB = generateSteps(b);
    it(`${id}: the .ps1 is ASCII, every string is closed and user text stays inside literals or comments`, () => {
      const ps1 = toPowerShell(planH);
      expect(ps1Problems(ps1, MARKERS)).toEqual([]);
      // Newlines in names never add lines.
      expect(ps1.split('\n').length).toBe(toPowerShell(planB).split('\n').length);
      expect(ps1).toContain("O''Brien");
    });
    it(`${id}: the Markdown has no raw HTML, no bidi override, and user text never starts a line`, () => {
      const md = toMarkdown(planH);
      const { text, problems } = mdWithoutCode(md);
      expect(problems).toEqual([]);
      expect(text).not.toMatch(/<script/i);
      expect(text).not.toMatch(/<!--/);
      expect([...text.matchAll(/</g)].length).toBe([...text.matchAll(/<https:\/\//g)].length);
      expect(md).not.toContain('\u202E');
      expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(md).toContain('\\[link\\](javascript:alert(1))');
      expect(md.split('\n').length).toBe(toMarkdown(planB).split('\n').length);
      for (const line of md.split('\n')) expect(line.startsWith('# heading?')).toBe(false);
    });
    it(`${id}: the JSON round-trips and has no raw < > &`, () => {
      const json = toJson(planH);
      expect(json).not.toMatch(/[<>&\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual(planH);
    });
  }

  it('a 10,000-character name in every field: all formats stay well formed', () => {
    const doc = renamed(pair2019AlwaysOn(), () => `${LONG}'$(x)`);
    const plan = generateSteps(doc);
    const ps1 = toPowerShell(plan);
    expect(
      ps1Problems(
        ps1,
        ["'$(x)"].map(() => '$(x)'),
      ),
    ).toEqual([]);
    expect(ps1).toContain(`${LONG}''$(x)`);
    const md = toMarkdown(plan);
    expect(mdWithoutCode(md).problems).toEqual([]);
    expect(md).toContain(`# Deployment runbook: ${LONG}'$(x)`);
    expect(JSON.parse(toJson(plan))).toEqual(plan);
  });

  it('instance names with $ and # stay literal in commands', () => {
    const doc = clone(pair2019AlwaysOn());
    for (const n of doc.nodes) if (n.kind === 'sqlStore') n.instance = 'RTC$X#1';
    const plan = generateSteps(doc);
    const cmd = plan.steps.find((s) => s.id === 'install-databases:sql-a')!.commands[0]!;
    expect(cmd).toBe("Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sql-a1.contoso.com' -ForInstance 'RTC$X#1'");
    expect(ps1Problems(toPowerShell(plan), ['RTC$X#1'])).toEqual([]);
  });
});

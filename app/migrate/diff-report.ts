/**
 * A diff as a person or a program reads it: plain text for a terminal, Markdown for a
 * change review, JSON for scripts. Every name from a document is escaped for the format.
 */
import { mdText } from '../lib/markdown-text';
import { oneLine } from '../lib/text';
import type { Topology } from '../model/schema';
import type { LinkDiff, NodeDiff, SiteDiff, SiteLinkDiff, TopologyDiff } from './diff';
import { deploymentChanges, isEmptyDiff, notableLinks } from './diff';

const NODE_MARK: Record<NodeDiff['status'], string> = { added: '+', removed: '-', changed: '~' };
const LINK_MARK: Record<LinkDiff['status'], string> = { added: '+', removed: '-', changed: '~', retargeted: '>' };
const WORD: Record<string, string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  retargeted: 'moved',
  relabelled: 'name only',
  note: '',
};

interface Section {
  title: string;
  items: { mark: string; status: string; text: string; details: string[] }[];
}

function sections(d: TopologyDiff): Section[] {
  const nodeItems = deploymentChanges(d).map((n) => ({
    mark: NODE_MARK[n.status],
    status: n.status,
    text: n.summary,
    details: nodeDetails(n),
  }));
  const relabels = d.nodes.filter((n) => n.status === 'changed' && !n.classes.length);
  const out: Section[] = [
    {
      title: 'Sites',
      items: d.sites.map((s: SiteDiff) => ({ mark: NODE_MARK[s.status], status: s.status, text: s.summary, details: [] })),
    },
    { title: 'Servers and stores', items: nodeItems },
    {
      title: 'Connections',
      items: notableLinks(d).map((l) => ({ mark: LINK_MARK[l.status], status: l.status, text: l.summary, details: [] })),
    },
    {
      title: 'WAN links',
      items: d.siteLinks.map((l: SiteLinkDiff) => ({
        mark: NODE_MARK[l.status],
        status: l.status,
        text: l.summary,
        details: [],
      })),
    },
    {
      title: 'Central Management store',
      items: d.cmsMove ? [{ mark: '>', status: 'retargeted', text: d.cmsMove.summary, details: [] }] : [],
    },
    { title: 'Names only', items: relabels.map((n) => ({ mark: '=', status: 'relabelled', text: n.summary, details: [] })) },
  ];
  const hidden = d.links.length - notableLinks(d).length;
  if (hidden)
    out[2]!.items.push({
      mark: ' ',
      status: 'note',
      text: `and ${hidden} connection${hidden === 1 ? '' : 's'} of the servers added or removed, which come and go with them`,
      details: [],
    });
  return out.filter((s) => s.items.length);
}

function nodeDetails(n: NodeDiff): string[] {
  const lines: string[] = [];
  if (n.matchedBy && n.matchedBy !== 'id')
    lines.push(n.matchedBy === 'key' ? 'recognised by its FQDN' : 'recognised by its name (the FQDN differs)');
  return lines;
}

/** For a terminal: one line per change, marked + added, - removed, ~ changed, > moved. */
export function diffText(current: Topology, target: Topology, d: TopologyDiff): string {
  const lines = [`Current: ${oneLine(current.name)}`, `Target:  ${oneLine(target.name)}`, '', ...d.headline.map(oneLine)];
  for (const s of sections(d)) {
    lines.push('', `${s.title}:`);
    for (const i of s.items) {
      lines.push(`  ${i.mark} ${oneLine(i.text)}`);
      for (const x of i.details) lines.push(`      (${oneLine(x)})`);
    }
  }
  return lines.join('\n');
}

/** A change review in Markdown: the headline, then a table per section. */
export function diffMarkdown(current: Topology, target: Topology, d: TopologyDiff): string {
  const lines = [
    `# Changes from ${mdText(current.name)} to ${mdText(target.name)}`,
    '',
    ...d.headline.map((h) => `- ${mdText(h)}`),
  ];
  for (const s of sections(d)) {
    lines.push('', `## ${s.title}`, '', '| change | what |', '|---|---|');
    for (const i of s.items)
      lines.push(
        `| ${WORD[i.status] ?? ''} | ${mdText(i.text)}${i.details.length ? ` (${i.details.map(mdText).join('; ')})` : ''} |`,
      );
  }
  lines.push(
    '',
    'Skype for Business Server 2015 and 2019 went out of support on 14 October 2025; Subscription Edition is the supported on-premises version. Side-by-side migration: https://learn.microsoft.com/skypeforbusiness/migration/migration-to-skype-for-business-server-2019',
  );
  return `${lines.join('\n')}\n`;
}

/** For programs: the diff without the full node and link objects (the ids point at them), names as typed. */
export function diffJson(current: Topology, target: Topology, d: TopologyDiff): string {
  const strip = <T extends { current?: unknown; target?: unknown }>(x: T) => {
    const { current: _c, target: _t, ...rest } = x;
    return rest;
  };
  return JSON.stringify(
    {
      current: { name: current.name },
      target: { name: target.name },
      same: isEmptyDiff(d),
      counts: d.counts,
      headline: d.headline,
      sites: d.sites,
      nodes: d.nodes.map(strip),
      links: d.links.map(strip),
      siteLinks: d.siteLinks,
      ...(d.cmsMove ? { cmsMove: d.cmsMove } : {}),
      matches: d.matches,
      siteMatches: d.siteMatches,
    },
    null,
    2,
  );
}

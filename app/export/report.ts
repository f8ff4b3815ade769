/**
 * What the PDF report and the PowerPoint deck say besides the drawing: the findings, the
 * deployment steps and the failover runbooks. The shapes are structural, so the rule
 * engine's findings and the step generator's plan are passed as they are.
 */
import { plural } from '../lib/text';
import type { Topology } from '../model/schema';
import { hasProductVersion } from '../model/schema';
import type { DiagramFinding } from './diagram-scene';
import type { Severity } from './diagram-style';
import { displayText } from './escape';

export interface ReportFinding extends DiagramFinding {
  ruleId: string;
  message: string;
  fix: string;
  docs?: readonly string[];
}

export interface ReportStep {
  title: string;
  tool: string;
  runOn?: string;
  commands: readonly string[];
  detail?: readonly (readonly { value: string }[])[];
}

export interface ReportRunbook {
  title: string;
  failover: readonly ReportStep[];
  failback: readonly ReportStep[];
}

export interface ReportInput {
  findings: readonly ReportFinding[];
  steps: readonly ReportStep[];
  runbooks: readonly ReportRunbook[];
  /** Public page of a catalogue source path (model/doc-url.ts). */
  docUrl?: (path: string) => string;
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_HEADING: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Advice' };

/** "Skype for Business Server 2019 · 2 sites · 10 nodes · 11 links" */
export function designFacts(doc: Topology): string {
  const versions = [...new Set(doc.nodes.filter(hasProductVersion).map((n) => n.productVersion))].sort();
  const product = versions.length
    ? `Skype for Business Server ${versions.join(' and ')}`
    : 'No Skype for Business Server roles yet';
  return `${product} · ${plural(doc.sites.length, 'site')} · ${plural(doc.nodes.length, 'node')} · ${plural(doc.links.length, 'link')}`;
}

export function findingsSummary(findings: readonly { severity: Severity }[]): string {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  return `${plural(c.error, 'error')} · ${plural(c.warning, 'warning')} · ${plural(c.info, 'advice note')}`;
}

const TOOL_NAME: Record<string, string> = {
  Win: 'Windows Server',
  SQL: 'SQL Server',
  TB: 'Topology Builder',
  Shell: 'Management Shell',
  DW: 'Deployment Wizard',
  DNS: 'DNS',
};

/** Where a step is done, as the architect names it (a step's tool code). */
export const toolName = (tool: string): string => TOOL_NAME[tool] ?? tool;

/** Step detail as one line of plain text. */
export function stepDetail(s: ReportStep): string[] {
  return (s.detail ?? []).map((d) => displayText(d.map((x) => x.value).join(''), 2000)).filter(Boolean);
}

/** The findings grouped by severity, worst first, in the engine's order within each group. */
export function groupFindings<F extends { severity: Severity }>(findings: readonly F[]): { severity: Severity; items: F[] }[] {
  return SEVERITY_ORDER.map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) })).filter(
    (g) => g.items.length > 0,
  );
}

/**
 * `toMarkdown(plan)`: a runbook a person can tick off: a heading per phase, numbered
 * steps with a checkbox, commands in fenced blocks, preconditions, checks and links
 * to the Microsoft pages. All user text goes through `mdText` (entities and
 * backslash escapes) or a code span/block whose fence nothing inside can close.
 */
import { productVersionLabel } from '../model/product-versions';
import { docUrl, mdCode, mdCodeBlock, mdRich, mdText, oneLine } from './text';
import { DEPLOYMENT_PHASES, PHASE_TITLES, TOOL_TITLES, type PlanNote, type Runbook, type Step, type StepPlan } from './types';

const SEVERITY_LABEL: Record<PlanNote['severity'], string> = { blocking: 'Blocking', warning: 'Warning', info: 'Note' };

export function toMarkdown(plan: StepPlan): string {
  const out: string[] = [];
  out.push(`# ${mdText(plan.title)}`, '');
  if (plan.description) out.push(`> ${mdText(plan.description)}`, '');
  const versions = plan.productVersions.length
    ? plan.productVersions.map(productVersionLabel).join(' and ')
    : 'No Skype for Business Server version';
  out.push(
    `${versions} · ${plan.mode === 'greenfield' ? 'new deployment' : 'change to an existing deployment'} · ${plan.steps.length} deployment steps · ${plan.runbooks.length} failover runbooks`,
    '',
  );
  const blocking = plan.notes.filter((n) => n.severity === 'blocking');
  const others = plan.notes.filter((n) => n.severity !== 'blocking');
  if (blocking.length) {
    out.push(
      '## Blocking: fix the design first',
      '',
      `This plan has ${blocking.length === 1 ? 'a blocking note' : `${blocking.length} blocking notes`}: the design has errors the validator reports, or something the runbook cannot build. Steps marked **Blocked** would build what such a note names; do not follow them until the design is fixed and the runbook generated again.`,
      '',
    );
    for (const n of blocking) out.push(noteLine(n));
    out.push('');
  }
  out.push(
    'Steps marked *manual* are done by a person (a user interface, or a command on every server of a pool); the others run from one Skype for Business Server Management Shell. Steps marked *inferred* are our reading of the documentation rather than a documented instruction.',
    '',
  );
  if (others.length) {
    out.push('## Before you start', '');
    for (const n of others) out.push(noteLine(n));
    out.push('');
  }
  let number = 0;
  for (const phase of DEPLOYMENT_PHASES) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (!steps.length) continue;
    out.push(`## ${PHASE_TITLES[phase]}`, '');
    for (const s of steps) append(out, stepBlock(s, ++number));
  }
  for (const rb of plan.runbooks) append(out, runbookLines(rb, '##'));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** One runbook alone, for the simulation panel or a file of its own. */
export function runbookToMarkdown(rb: Runbook): string {
  return `${runbookLines(rb, '#')
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function runbookLines(rb: Runbook, h: '#' | '##'): string[] {
  const out: string[] = [`${h} Runbook: ${mdText(rb.title)}`, ''];
  for (const n of rb.notes) out.push(noteLine(n));
  if (rb.notes.length) out.push('');
  out.push(`${h}# Failover`, '');
  rb.failover.forEach((s, i) => append(out, stepBlock(s, i + 1, `${h}##`)));
  out.push(`${h}# Failback`, '');
  rb.failback.forEach((s, i) => append(out, stepBlock(s, i + 1, `${h}##`)));
  return out;
}

export function noteLine(n: PlanNote): string {
  const rules = n.ruleIds.length ? ` (${n.ruleIds.map((r) => mdText(r)).join(', ')})` : '';
  const docs = n.docs.length ? ` ${n.docs.map(docLink).join(', ')}` : '';
  return `- **${SEVERITY_LABEL[n.severity]}:** ${mdRich(n.message)}${rules}${docs}`;
}

export function docLink(path: string): string {
  const label = path.startsWith('ps:')
    ? path.slice(3).replace(/\.md$/, '')
    : (path.split('/').pop() ?? path).replace(/\.md$/, '');
  return `[${mdText(label)}](<${docUrl(path).replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

export function stepBlock(s: Omit<Step, 'phase'>, n: number, heading = '###'): string[] {
  const out: string[] = [];
  const tags = [
    ...(s.blockedBy.length ? ['**blocked**'] : []),
    s.mode === 'manual' ? '*manual*' : '*script*',
    ...(s.supportsWhatIf ? ['-WhatIf'] : []),
    ...(s.inferred ? ['*inferred*'] : []),
  ];
  out.push(`${heading} ${n}. ${mdText(s.title)}`, '');
  out.push(`- [ ] Done · ${mdText(TOOL_TITLES[s.tool])} · ${tags.join(' · ')} · ${mdCode(s.id)}`);
  if (s.blockedBy.length)
    out.push(
      `- **Blocked** by ${s.blockedBy.map((r) => mdText(r)).join(', ')}: the validator reports an error on what this step builds (see the blocking notes at the top).`,
    );
  if (s.runOn) out.push(`- Run on: ${mdText(s.runOn)}`);
  out.push('');
  if (s.preconditions.length) {
    out.push('**Before:**', '');
    for (const p of s.preconditions) out.push(`- ${mdRich(p)}`);
    out.push('');
  }
  for (const d of s.detail) out.push(`${mdRich(d)}  `);
  if (s.detail.length) out.push('');
  if (s.commands.length) out.push(mdCodeBlock(s.commands), '');
  if (s.verify.length) {
    out.push('**Check:**', '');
    for (const v of s.verify) out.push(`- ${mdRich(v.text)}${v.command ? ` ${mdCode(v.command)}` : ''}`);
    out.push('');
  }
  const foot: string[] = [];
  if (s.docs.length) foot.push(`Docs: ${s.docs.map(docLink).join(', ')}`);
  if (s.ruleIds.length) foot.push(`Rules: ${s.ruleIds.map((r) => mdText(r)).join(', ')}`);
  if (foot.length) out.push(foot.join(' · '), '');
  return out;
}

/** For places that need the plan's title on one line (file names, headings elsewhere). */
export const planHeading = (plan: StepPlan): string => oneLine(plan.title);

/** Appends without spreading: a step can carry very many lines (one per server of a huge pool). */
function append(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l);
}

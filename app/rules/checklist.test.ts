import { describe, expect, it } from 'vitest';
import { defaultNode, defaultSite } from '../model/defaults';
import { pair2019AlwaysOn } from '../model/samples/index';
import { CHECKLIST_RULES, checklistItem } from './checklist';
import { runRules } from './engine';
import { RULES } from './registry';

describe('the checklist of an item being built', () => {
  it('names only rules the engine has', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const id of CHECKLIST_RULES) expect(ids.has(id), id).toBe(true);
  });

  it('a new Front End pool lists what it still needs, and only for the pool itself', () => {
    const doc = pair2019AlwaysOn();
    const site = doc.sites[0]!.id;
    const pool = defaultNode('frontEndPool', { id: 'pool-new', siteId: site });
    const findings = runRules({ ...doc, nodes: [...doc.nodes, pool] });
    const todo = findings.map((f) => checklistItem(f, pool.id)).filter(Boolean);
    expect(todo).toEqual(expect.arrayContaining(['Connect a Back End SQL store', 'Connect a file store']));
    // The pool's other findings (end of support, advice) are not to-dos.
    expect(findings.filter((f) => f.nodeIds.includes(pool.id) && !checklistItem(f, pool.id)).length).toBeGreaterThan(0);
    // Another item a finding names is not the one missing the part.
    for (const f of findings) for (const id of f.nodeIds.slice(1)) expect(checklistItem(f, id)).toBeUndefined();
  });

  it('an empty data center asks for its first pool; one holding only other roles is a fault, not a to-do', () => {
    const doc = pair2019AlwaysOn();
    const empty = defaultSite('site-new', 'Data center 3', 'central');
    const findings = runRules({ ...doc, sites: [...doc.sites, empty] });
    expect(findings.map((f) => checklistItem(f, empty.id)).filter(Boolean)).toEqual([
      'Add a Front End pool or Standard Edition server',
    ]);
    const sql = defaultNode('sqlStore', { id: 'sql-new', siteId: empty.id });
    const held = runRules({ ...doc, sites: [...doc.sites, empty], nodes: [...doc.nodes, sql] });
    const siteFinding = held.find((f) => f.ruleId === 'GEN-CENTRAL-SITE-HAS-POOL' && f.siteIds.includes(empty.id));
    expect(siteFinding).toBeDefined();
    expect(checklistItem(siteFinding!, empty.id)).toBeUndefined();
  });

  it('a complete reference design has nothing left to do', () => {
    const doc = pair2019AlwaysOn();
    const ids = [...doc.nodes.map((n) => n.id), ...doc.sites.map((s) => s.id)];
    for (const f of runRules(doc)) for (const id of ids) expect(checklistItem(f, id)).toBeUndefined();
  });
});

/**
 * PSTN trunks and gateways, and the reverse proxy, in the loss of a data center: which
 * trunks stop and where calls still go; which external web services and simple URLs a
 * lost reverse proxy took with it and which reverse proxy takes them.
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse';
import { globalMultiSite } from '../model/samples/index';
import type { Topology } from '../model/schema';
import { link, node } from './sim-test-kit';
import { simulateFailure } from './simulate';
import type { SimulationOutcome } from './types';

function valid(doc: Topology): Topology {
  const r = parseTopology(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error(`test document invalid: ${r.error.message}`);
  return r.value;
}

/** The global design with a Mediation pool and a gateway in Virginia and in Oregon, each with its trunk. */
function withVoice(edit: (doc: Topology) => void = () => {}): Topology {
  const doc = globalMultiSite();
  doc.nodes.push(
    node('mediationPool', 'med-va', 'na-east', { fqdn: 'med-va.tailspin.com' }),
    node('mediationPool', 'med-or', 'na-west', { fqdn: 'med-or.tailspin.com' }),
    node('gatewayPeer', 'gw-va', 'na-east', { fqdn: 'gw-va.tailspin.com', name: 'SBC Virginia' }),
    node('gatewayPeer', 'gw-or', 'na-west', { fqdn: 'gw-or.tailspin.com', name: 'SBC Oregon' }),
  );
  doc.links.push(link('trunk', 'med-va', 'gw-va'), link('trunk', 'med-or', 'gw-or'));
  edit(doc);
  return valid(doc);
}

function lose(doc: Topology, siteId: string): SimulationOutcome {
  const r = simulateFailure(doc, { siteId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const stepsText = (o: SimulationOutcome) => JSON.stringify(o.steps);

describe('voice: trunks and gateways in a site loss', () => {
  it('names the trunks that stop and sends the voice routes to the trunk that survives', () => {
    const o = lose(withVoice(), 'na-east');
    expect(o.voice.gatewaysLost).toEqual(['gw-va']);
    expect(o.voice.trunksDown).toMatchObject([{ mediation: 'med-va', gateway: 'gw-va', cause: 'bothLost' }]);
    expect(o.voice.trunksLeft).toMatchObject([{ mediation: 'med-or', gateway: 'gw-or' }]);
    const note = o.notes.find((n) => n.startsWith('PSTN calls over 1 SIP trunk stop'))!;
    expect(note).toContain('SBC Oregon (gw-or)');
    expect(note).toContain('in Oregon');
    expect(stepsText(o)).toContain("[regex]::Escape('gw-va.tailspin.com')");
    expect(stepsText(o)).toContain("-PstnGatewayList @{Add='PstnGateway:gw-or.tailspin.com'}");
    const voiceSteps = o.steps.filter((s) => s.commands.some((c) => c.includes('CsVoiceRoute')));
    for (const s of voiceSteps)
      expect(s.docs).toContain('Skype/SfbServer/plan-your-deployment/enterprise-voice-solution/enterprise-voice-resiliency.md');
  });

  it('a trunk whose gateway alone is lost stops too (its Mediation pool survives)', () => {
    const doc = withVoice((d) => {
      // Virginia's Mediation pool reaches Oregon's gateway.
      d.links = d.links.map((l) => (l.kind === 'trunk' && l.from === 'med-va' ? { ...l, to: 'gw-or' } : l));
    });
    const o = lose(doc, 'na-west');
    expect(o.voice.trunksDown.map((t) => [t.mediation, t.cause])).toEqual([
      ['med-va', 'gatewayLost'],
      ['med-or', 'bothLost'],
    ]);
    expect(o.voice.trunksLeft).toEqual([]);
    expect(o.notes.some((n) => n.includes('No trunk to the PSTN survives'))).toBe(true);
    expect(stepsText(o)).not.toContain('Set-CsVoiceRoute');
  });

  it('near miss: losing a site without trunks or gateways leaves voice as it was', () => {
    const o = lose(withVoice(), 'eu-west');
    expect(o.voice.gatewaysLost).toEqual([]);
    expect(o.voice.trunksDown).toEqual([]);
    expect(o.voice.trunksLeft.map((t) => t.gateway)).toEqual(['gw-va', 'gw-or']);
    expect(stepsText(o)).not.toContain('CsVoiceRoute');
    expect(o.notes.some((n) => n.includes('SIP trunk'))).toBe(false);
  });

  it('near miss: a design without trunks keeps the general Mediation note', () => {
    const doc = withVoice((d) => {
      d.links = d.links.filter((l) => l.kind !== 'trunk');
    });
    const o = lose(doc, 'na-east');
    expect(o.voice.trunksDown).toEqual([]);
    expect(o.notes.some((n) => n.startsWith('PSTN calls through'))).toBe(true);
  });
});

describe('remote access: the reverse proxy in a site loss', () => {
  const withUrls = (edit: (doc: Topology) => void = () => {}) =>
    withVoice((d) => {
      d.deployment.simpleUrls = [
        { component: 'meet', domain: 'tailspin.com', url: 'https://meet.tailspin.com' },
        { component: 'dialIn', domain: '*', url: 'https://dialin.tailspin.com' },
        { component: 'admin', domain: '*', url: 'https://admin.tailspin.com' },
      ];
      for (const n of d.nodes) if (n.id === 'na2' && n.kind === 'frontEndPool') n.externalWebFqdn = 'na2-ext.tailspin.com';
      edit(d);
    });

  it('the lost reverse proxy takes the external web services it published; DNS and publishing move to the one that survives', () => {
    const o = lose(withUrls(), 'na-east');
    expect(o.webPublishing.reverseProxiesLost).toEqual(['rp-na']);
    expect(o.webPublishing.to).toBe('rp-eu');
    // Virginia's pools and Director, and Oregon's pools (Oregon has no reverse proxy; Virginia's is the nearest).
    expect(o.webPublishing.unpublished.map((u) => [u.pool, u.poolLost])).toEqual([
      ['na1', true],
      ['na2', false],
      ['na3', true],
      ['na4', false],
      ['dir-na', true],
    ]);
    expect(o.webPublishing.simpleUrls.map((u) => u.url)).toEqual(['https://meet.tailspin.com', 'https://dialin.tailspin.com']);
    const dns = o.steps.find((s) => s.title.startsWith('Lead https://meet.tailspin.com'))!;
    expect(dns.tool).toBe('DNS');
    expect(dns.commands[0]).toContain('rp-eu.tailspin.com');
    expect(dns.docs).toContain('Skype/SfbServer/plan-your-deployment/network-requirements/simple-urls.md');
    const publish = o.steps.find((s) => s.title.startsWith('Publish the external web services'))!;
    expect(publish.nodeIds).toEqual(['na2', 'na4', 'rp-eu']);
    expect(publish.commands[0]).toContain('na2-ext.tailspin.com');
    expect(o.notes.some((n) => n.includes('GeoDNS'))).toBe(true);
  });

  it('no reverse proxy left: says external users cannot join meetings', () => {
    const doc = withUrls((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'rp-eu');
    });
    const o = lose(doc, 'na-east');
    expect(o.webPublishing.to).toBeNull();
    expect(o.notes.some((n) => n.includes('No reverse proxy survives'))).toBe(true);
    expect(o.steps.some((s) => s.title.startsWith('Lead '))).toBe(false);
  });

  it('near miss: losing a site without a reverse proxy, or one pool, changes no publishing', () => {
    const pool = simulateFailure(withUrls(), { poolId: 'na1' });
    if (!pool.ok) throw new Error(pool.error.message);
    for (const o of [lose(withUrls(), 'eu-central'), pool.value]) {
      expect(o.webPublishing).toEqual({ reverseProxiesLost: [], to: null, unpublished: [], simpleUrls: [] });
      expect(o.steps.some((s) => s.title.startsWith('Lead '))).toBe(false);
    }
  });
});

// @vitest-environment happy-dom
/**
 * The inspector as a user drives it: each edit reaches the document through a typed store
 * action, one undo step per field, an invalid entry is shown and not committed, and an
 * emptied optional field is removed from the document (not left as `undefined`).
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLink, defaultNode } from '../model/defaults';
import type { Link, Site, TopologyNode } from '../model/schema';
import { pair2019AlwaysOn, referenceDesign } from '../model/samples/index';
import { DesignerProvider } from '../store/designer-context';
import { createDesignerStore, type DesignerStore } from '../store/store';
import { OPTIONS_ON_DEMAND_ABOVE } from '../ui/select-on-demand';
import { overlappingFrames } from '../model/placement';
import { siteFrames } from '../model/site-frames';
import { Inspector } from './inspector';

afterEach(cleanup);

function setup(doc = pair2019AlwaysOn()) {
  const store = createDesignerStore();
  store.getState().replaceDocument(doc);
  store.getState().clearHistory();
  render(
    <DesignerProvider store={store}>
      <Inspector />
    </DesignerProvider>,
  );
  return store;
}

const inspect = (store: DesignerStore, type: 'node' | 'link' | 'site', id: string) =>
  act(() => store.getState().select([id], { type, id }));
const node = (store: DesignerStore, id: string): TopologyNode => store.getState().doc.nodes.find((n) => n.id === id)!;
const link = (store: DesignerStore, id: string): Link => store.getState().doc.links.find((l) => l.id === id)!;
const site = (store: DesignerStore, id: string): Site => store.getState().doc.sites.find((s) => s.id === id)!;
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('inspector: a node', () => {
  it('shows the kind, the name, the findings on it and its links', () => {
    const store = setup();
    inspect(store, 'node', 'pool-a');
    const panel = screen.getByTestId('inspector');
    expect(within(panel).getByText('Front End pool')).toBeTruthy();
    expect(within(panel).getAllByText('Pool A').length).toBeGreaterThan(0);
    expect(within(panel).getByRole('heading', { name: 'Links' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: /Pool B/ })).toBeTruthy();
    expect(screen.getByTestId('capacity-hint').textContent).toMatch(/Front End servers? for/);
  });

  it('renames the pool as one undo step, however many keystrokes', () => {
    const store = setup();
    inspect(store, 'node', 'pool-a');
    type('field-name', 'Pool Am');
    type('field-name', 'Pool Ams');
    type('field-name', 'Pool Amsterdam');
    expect(node(store, 'pool-a').name).toBe('Pool Amsterdam');
    act(() => store.getState().undo());
    expect(node(store, 'pool-a').name).toBe('Pool A');
    expect((screen.getByTestId('field-name') as HTMLInputElement).value).toBe('Pool A');
  });

  it('refuses a number out of range: the message shows, the document keeps its value', () => {
    const store = setup();
    inspect(store, 'node', 'pool-a');
    const before = node(store, 'pool-a');
    type('field-frontEndServers', '0');
    expect(screen.getByRole('alert').textContent).toMatch(/Front End servers/);
    type('field-frontEndServers', 'x');
    expect(screen.getByRole('alert').textContent).toMatch(/whole number/);
    expect(node(store, 'pool-a')).toEqual(before);
    type('field-frontEndServers', '6');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(node(store, 'pool-a')).toMatchObject({ frontEndServers: 6 });
  });

  it('refuses an empty name of a card or a site: the message shows, the document keeps the name (near miss: an emptied optional field is removed)', () => {
    const store = setup();
    inspect(store, 'node', 'pool-a');
    type('field-domain', 'contoso.com');
    type('field-name', '   ');
    expect(screen.getByRole('alert').textContent).toMatch(/Name must not be empty/);
    expect(node(store, 'pool-a').name).toBe('Pool A');
    type('field-name', 'Pool Amsterdam');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(node(store, 'pool-a').name).toBe('Pool Amsterdam');
    type('field-domain', '');
    expect(screen.queryByRole('alert')).toBeNull();
    expect('domain' in node(store, 'pool-a')).toBe(false);
    // A site's name the same way.
    inspect(store, 'site', 'dc1');
    const siteName = site(store, 'dc1').name;
    type('field-site-name', '');
    expect(screen.getByRole('alert').textContent).toMatch(/Name must not be empty/);
    expect(site(store, 'dc1').name).toBe(siteName);
  });

  it("states an Edge pool's public addresses behind NAT: a list, a bad address refused with its message, emptied removes it", () => {
    const store = setup();
    inspect(store, 'node', 'edge-a');
    type('field-natAddresses', '203.0.113.10, 203.0.113.11');
    expect(node(store, 'edge-a')).toMatchObject({ natAddresses: ['203.0.113.10', '203.0.113.11'] });
    type('field-natAddresses', '203.0.113.10 edge.contoso.com');
    expect(screen.getByRole('alert').textContent).toMatch(/Public addresses behind NAT/);
    expect(node(store, 'edge-a')).toMatchObject({ natAddresses: ['203.0.113.10', '203.0.113.11'] });
    type('field-natAddresses', '');
    expect('natAddresses' in node(store, 'edge-a')).toBe(false);
    // The field's edits are one undo step, however many keystrokes: undo goes back to before them.
    type('field-natAddresses', '198.51.100.7');
    act(() => store.getState().undo());
    expect('natAddresses' in node(store, 'edge-a')).toBe(false);
  });

  it("moves the node to another site, into that site's frame, as one undo step", () => {
    const store = setup();
    inspect(store, 'node', 'pool-a');
    const before = store.getState().doc;
    type('field-siteId', 'dc2');
    expect(node(store, 'pool-a').siteId).toBe('dc2');
    const frame = siteFrames(store.getState().doc).get('dc2')!;
    const p = store.getState().doc.layout!['pool-a']!;
    expect(p.x).toBeGreaterThanOrEqual(frame.x);
    expect(p.x).toBeLessThan(frame.x + frame.width);
    expect(overlappingFrames(store.getState().doc)).toEqual([]);
    act(() => store.getState().undo());
    expect(store.getState().doc).toEqual(before);
  });

  it('edits an AlwaysOn availability group: listener port emptied is removed, a replica set asynchronous', () => {
    const store = setup();
    inspect(store, 'node', 'sql-a');
    const sql = node(store, 'sql-a');
    if (sql.kind !== 'sqlStore' || !sql.ag) throw new Error('the sample has an AG Back End');
    type('field-ag-port', '');
    const after = node(store, 'sql-a');
    if (after.kind !== 'sqlStore' || !after.ag) throw new Error('still an AG');
    expect('listenerPort' in after.ag).toBe(false);
    fireEvent.change(screen.getByRole('combobox', { name: 'Replica 2 commit mode' }), { target: { value: 'asynchronous' } });
    const again = node(store, 'sql-a');
    expect(again.kind === 'sqlStore' && again.ag?.replicas[1]?.commitMode).toBe('asynchronous');
    type('field-ag-listener', 'not a name');
    expect(screen.getByRole('alert').textContent).toMatch(/DNS name/);
  });

  it('hosts the Central Management store on another pool', () => {
    const store = setup();
    const other = store.getState().doc.deployment.cmsHost === 'pool-a' ? 'pool-b' : 'pool-a';
    inspect(store, 'node', other);
    fireEvent.click(screen.getByRole('button', { name: 'Host the CMS here' }));
    expect(store.getState().doc.deployment.cmsHost).toBe(other);
    expect(screen.getByText(/holds the Central Management store/)).toBeTruthy();
  });

  it('deletes the node, and says how to bring it back', () => {
    const store = setup();
    inspect(store, 'node', 'edge-a');
    expect(screen.getByText(/Ctrl\+Z brings it back/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete edge pool' }));
    expect(store.getState().doc.nodes.some((n) => n.id === 'edge-a')).toBe(false);
    expect(store.getState().inspected).toEqual({ type: 'deployment' });
  });
});

describe('inspector: a link', () => {
  it('sets a mirroring port, and removes it when emptied (no undefined key left)', () => {
    const store = setup(referenceDesign('pair-2015-mirror')!);
    const mirror = store.getState().doc.links.find((l) => l.kind === 'mirror')!;
    inspect(store, 'link', mirror.id);
    type('field-mirror-port', '5023');
    expect(link(store, mirror.id)).toMatchObject({ kind: 'mirror', port: 5023 });
    type('field-mirror-port', '');
    expect(Object.keys(link(store, mirror.id))).not.toContain('port');
    type('field-mirror-port', '70000');
    expect(screen.getByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByTestId('field-mirror-sync'));
    expect(link(store, mirror.id)).toMatchObject({ synchronous: false });
  });

  it('edits a SIP trunk: the two listening ports and the transport, each removed when emptied', () => {
    const doc = pair2019AlwaysOn();
    doc.nodes.push(defaultNode('gatewayPeer', { id: 'sbc-1', siteId: 'dc1', fqdn: 'sbc1.contoso.com' }));
    doc.links.push(defaultLink('trunk', 'trunk-1', 'pool-a', 'sbc-1'));
    const store = setup(doc);
    inspect(store, 'link', 'trunk-1');
    type('field-trunk-mediationPort', '5067');
    type('field-trunk-peerPort', '5061');
    type('field-trunk-transport', 'tls');
    expect(link(store, 'trunk-1')).toMatchObject({ kind: 'trunk', mediationPort: 5067, peerPort: 5061, transport: 'tls' });
    type('field-trunk-peerPort', '70000');
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(link(store, 'trunk-1')).toMatchObject({ peerPort: 5061 });
    type('field-trunk-mediationPort', '');
    type('field-trunk-transport', '');
    expect(Object.keys(link(store, 'trunk-1'))).not.toContain('mediationPort');
    expect(Object.keys(link(store, 'trunk-1'))).not.toContain('transport');
  });

  it('turns Voice resiliency off and on for a pairing; its detection interval shows only when on', () => {
    const store = setup();
    inspect(store, 'link', 'l11');
    if (link(store, 'l11').kind !== 'pairing') throw new Error('l11 pairs the pools');
    if (screen.queryByTestId('field-voiceFailoverSeconds')) fireEvent.click(screen.getByTestId('field-voiceFailover'));
    expect(link(store, 'l11')).toMatchObject({ voiceFailover: false });
    expect(screen.queryByTestId('field-voiceFailoverSeconds')).toBeNull();
    fireEvent.click(screen.getByTestId('field-voiceFailover'));
    expect(link(store, 'l11')).toMatchObject({ kind: 'pairing', voiceFailover: true });
    type('field-voiceFailoverSeconds', '120');
    expect(link(store, 'l11')).toMatchObject({ voiceFailoverSeconds: 120 });
  });
});

describe('inspector: a site and the deployment', () => {
  it('renames a site, sets and clears its region, and turns it into a branch', () => {
    const store = setup();
    inspect(store, 'site', 'dc1');
    type('field-site-name', 'Amsterdam North');
    type('field-site-region', 'EMEA');
    expect(site(store, 'dc1')).toMatchObject({ name: 'Amsterdam North', region: 'EMEA' });
    type('field-site-region', '');
    expect('region' in site(store, 'dc1')).toBe(false);
    type('field-site-name', 'x'.repeat(201));
    expect(screen.getByRole('alert').textContent).toMatch(/200/);
    expect(site(store, 'dc1').name).toBe('Amsterdam North');
    expect(screen.queryByTestId('field-site-parent')).toBeNull();
    type('field-site-kind', 'branch');
    expect(site(store, 'dc1').kind).toBe('branch');
    // A branch names the central site it depends on (only central sites are offered), or none.
    const parents = [...screen.getByTestId<HTMLSelectElement>('field-site-parent').options].map((o) => o.value);
    expect(parents).toEqual(['', 'dc2']);
    type('field-site-parent', 'dc2');
    expect(site(store, 'dc1').parentSiteId).toBe('dc2');
    type('field-site-parent', '');
    expect('parentSiteId' in site(store, 'dc1')).toBe(false);
  });

  it('connects the site to another over a WAN link, states its properties and removes it', () => {
    const doc = pair2019AlwaysOn();
    delete doc.siteLinks;
    const store = setup(doc);
    inspect(store, 'site', 'dc1');
    expect(screen.getByText(/No WAN is described yet/)).toBeTruthy();
    type('wan-connect', 'dc2');
    const [wan] = store.getState().doc.siteLinks!;
    expect(wan).toMatchObject({ from: 'dc1', to: 'dc2', fast: true, secured: true, resilient: false });
    expect(screen.getByTestId(`wan-link-${wan!.id}`).textContent).toContain('To');
    fireEvent.click(screen.getByTestId(`field-wan-resilient-${wan!.id}`));
    expect(store.getState().doc.siteLinks![0]).toMatchObject({ resilient: true });
    // Every other site is joined now: nothing left to connect to.
    expect(screen.queryByTestId('wan-connect')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Remove the WAN link/ }));
    expect(store.getState().doc.siteLinks).toBeUndefined();
  });

  it('with nothing selected: edits the design name, description, mode and the CMS host', () => {
    const store = setup();
    type('field-doc-name', 'Contoso HA');
    expect(store.getState().doc.name).toBe('Contoso HA');
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Two data centers' } });
    expect(store.getState().doc.description).toBe('Two data centers');
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: '' } });
    expect('description' in store.getState().doc).toBe(false);
    type('field-mode', 'transition');
    expect(store.getState().doc.deployment.mode).toBe('transition');
    type('field-cmsHost', '');
    expect(store.getState().doc.deployment.cmsHost).toBeNull();
    type('field-cmsHost', 'pool-b');
    expect(store.getState().doc.deployment.cmsHost).toBe('pool-b');
    expect(screen.getByText('Front End pools').nextElementSibling?.textContent).toBe('2');
  });

  it('with thousands of pools: lists the CMS host choices when the user goes to the list, not before', () => {
    const base = pair2019AlwaysOn();
    const site = base.sites[0]!.id;
    const pools = Array.from({ length: OPTIONS_ON_DEMAND_ABOVE + 50 }, (_, i) =>
      defaultNode('frontEndPool', { id: `pool-x${i}`, siteId: site, name: `pool-x${i}`, fqdn: `pool-x${i}.contoso.com` }),
    );
    const store = setup({ ...base, nodes: [...base.nodes, ...pools], deployment: { ...base.deployment, cmsHost: 'pool-x7' } });
    const select = screen.getByTestId('field-cmsHost') as HTMLSelectElement;
    // Until then: "not placed" and the current host, shown as chosen.
    expect(select.options).toHaveLength(2);
    expect(select.value).toBe('pool-x7');
    fireEvent.focus(select);
    expect(select.options.length).toBe(
      1 + base.nodes.filter((n) => n.kind === 'frontEndPool' || n.kind === 'standardEditionServer').length + pools.length,
    );
    type('field-cmsHost', 'pool-x42');
    expect(store.getState().doc.deployment.cmsHost).toBe('pool-x42');
  });

  it("with thousands of sites: a card's site list is made when the user goes to it, and again for the next card", () => {
    const base = pair2019AlwaysOn();
    const sites = Array.from({ length: OPTIONS_ON_DEMAND_ABOVE + 50 }, (_, i) => ({
      ...base.sites[0]!,
      id: `site-x${i}`,
      name: `Branch ${i}`,
      kind: 'branch' as const,
    }));
    const store = setup({ ...base, sites: [...base.sites, ...sites] });
    const [first, second] = base.nodes;
    inspect(store, 'node', first!.id);
    let select = screen.getByTestId('field-siteId') as HTMLSelectElement;
    // Until then only its own site, shown as chosen.
    expect(select.options).toHaveLength(1);
    expect(select.value).toBe(first!.siteId);
    fireEvent.pointerDown(select);
    expect(select.options).toHaveLength(base.sites.length + sites.length);
    type('field-siteId', 'site-x42');
    expect(node(store, first!.id).siteId).toBe('site-x42');
    // Another card starts with its own site only again.
    inspect(store, 'node', second!.id);
    select = screen.getByTestId('field-siteId') as HTMLSelectElement;
    expect(select.options).toHaveLength(1);
    fireEvent.focus(select);
    expect(select.options).toHaveLength(base.sites.length + sites.length);
  });

  it('with a few sites (near miss): the site list is whole at once', () => {
    const store = setup();
    const card = store.getState().doc.nodes[0]!;
    inspect(store, 'node', card.id);
    expect((screen.getByTestId('field-siteId') as HTMLSelectElement).options).toHaveLength(store.getState().doc.sites.length);
  });

  it('states the Active Directory levels and domain controllers, or leaves them undescribed', () => {
    const store = setup();
    expect(screen.queryByTestId('field-ad-dcs')).toBeNull();
    type('field-ad-forestLevel', 'WS2012R2');
    expect(store.getState().doc.deployment.activeDirectory).toEqual({
      forestLevel: 'WS2012R2',
      domainLevel: 'WS2012R2',
      domainControllerOs: [],
    });
    type('field-ad-domainLevel', 'WS2016');
    fireEvent.click(within(screen.getByTestId('field-ad-dcs')).getByLabelText('Windows Server 2019'));
    fireEvent.click(within(screen.getByTestId('field-ad-dcs')).getByLabelText('Windows Server 2016'));
    expect(store.getState().doc.deployment.activeDirectory).toEqual({
      forestLevel: 'WS2012R2',
      domainLevel: 'WS2016',
      domainControllerOs: ['WS2016', 'WS2019'],
    });
    type('field-ad-forestLevel', '');
    expect('activeDirectory' in store.getState().doc.deployment).toBe(false);
  });

  it('states the simple URLs: Meet per SIP domain, Dial-in and Admin for the deployment; a bad URL refused; removed one by one', () => {
    const store = setup();
    act(() => store.getState().select([]));
    expect(store.getState().doc.deployment.simpleUrls).toBeUndefined();
    fireEvent.click(screen.getByTestId('simple-url-add'));
    fireEvent.click(screen.getByTestId('simple-url-add'));
    expect(store.getState().doc.deployment.simpleUrls).toEqual([
      { component: 'meet', domain: 'contoso.com', url: 'https://meet.contoso.com' },
      { component: 'dialIn', domain: '*', url: 'https://dialin.contoso.com' },
    ]);
    type('field-simple-url-0-domain', 'fabrikam.com');
    type('field-simple-url-0-url', 'https://meet.fabrikam.com');
    type('field-simple-url-1-url', '');
    expect(screen.getByRole('alert').textContent).toMatch(/URL must not be empty/);
    expect(store.getState().doc.deployment.simpleUrls?.[1]?.url).toBe('https://dialin.contoso.com');
    expect(store.getState().doc.deployment.simpleUrls?.[0]).toEqual({
      component: 'meet',
      domain: 'fabrikam.com',
      url: 'https://meet.fabrikam.com',
    });
    fireEvent.click(screen.getByTestId('simple-url-0-remove'));
    fireEvent.click(screen.getByTestId('simple-url-0-remove'));
    expect('simpleUrls' in store.getState().doc.deployment).toBe(false);
  });

  it('several cards of one kind get the bulk editor and the arrange bar', () => {
    const store = setup();
    act(() => store.getState().select(['pool-a', 'pool-b'], { type: 'node', id: 'pool-a' }));
    expect(screen.getByText(/2 items selected/)).toBeTruthy();
    expect(screen.getByText(/mixed|apply to all|applies to all/i)).toBeTruthy();
  });
});

/**
 * Journey: an architect adds the voice edge of a site with the keyboard — a Mediation pool,
 * a gateway peer stated as a session border controller, a SIP trunk between them with its
 * ports — plus a reverse proxy and a Video Interop Server pool, and sees them in the design.
 */
import { expect, test } from '@playwright/test';
import { node, openDesigner, savedDocument } from './helpers';

test('keyboard only: add a Mediation pool and an SBC, join them by a SIP trunk, state its ports; add a reverse proxy and a Video Interop Server pool', async ({
  page,
}) => {
  await openDesigner(page);
  const add = async (kind: string, id: string) => {
    await page.getByTestId(`palette-${kind}`).focus();
    await page.keyboard.press('Enter');
    await expect(node(page, id)).toBeVisible();
  };
  await add('mediationPool', 'med-1');
  await add('gatewayPeer', 'gw-1');

  // The peer is a session border controller.
  await page.locator('.react-flow__node[data-id="gw-1"]').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('field-peerType').selectOption('sbc');

  // L links the two selected cards: a Mediation pool and a gateway peer are joined by a SIP trunk.
  await page.locator('.react-flow__node[data-id="med-1"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.react-flow__node[data-id="gw-1"]').focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
  await page.keyboard.press('l');
  await expect
    .poll(async () => (await savedDocument(page))?.links.find((l) => l.kind === 'trunk' && [l.from, l.to].includes('gw-1')))
    .toBeTruthy();
  const trunk = (await savedDocument(page))!.links.find((l) => l.kind === 'trunk')! as { id?: string };
  await expect(page.locator(`.react-flow__edge[data-id="${trunk.id}"]`)).toHaveCount(1);

  // The trunk's ports and transport, in the link's inspector.
  await page.locator(`.react-flow__edge[data-id="${trunk.id}"]`).focus();
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('SIP trunk');
  await inspector.getByTestId('field-trunk-mediationPort').fill('5067');
  await expect
    .poll(async () => (await savedDocument(page))?.links.find((l) => l.kind === 'trunk') as Record<string, unknown>)
    .toMatchObject({ mediationPort: 5067 });

  await add('reverseProxy', 'rp-1');
  await add('videoInteropPool', 'vis-1');
  const doc = (await savedDocument(page))!;
  expect(doc.nodes.find((n) => n.id === 'gw-1')).toMatchObject({ kind: 'gatewayPeer', peerType: 'sbc' });
  expect(doc.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['mediationPool', 'reverseProxy', 'videoInteropPool']));
});

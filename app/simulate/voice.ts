/**
 * PSTN voice after the failure: which SIP trunks stop (their Mediation side or their
 * gateway, SBC or IP-PBX is lost), which survive, and so where calls to and from the
 * PSTN can still go. Enterprise Voice resiliency (enterprise-voice-resiliency.md): a
 * voice route keeps working while it lists a trunk whose gateway and Mediation Server are
 * up; inbound calls reach a surviving gateway only if the telephony provider sends them
 * there.
 */
import type { TopologyNode } from '../model/schema';
import type { SimContext } from './context';
import { DOCS, PRIORITY } from './plan';
import { label, listing, plural, psQuote } from './text';
import type { TrunkOutcome, VoiceOutcome } from './types';

export function analyseVoice(ctx: SimContext): VoiceOutcome {
  const { ix } = ctx;
  const out: VoiceOutcome = { gatewaysLost: [], trunksDown: [], trunksLeft: [] };
  const trunks = ix.linksOfKind('trunk');
  out.gatewaysLost = ix
    .ofKind('gatewayPeer')
    .filter((g) => ctx.isLost(g.id))
    .map((g) => g.id);
  for (const t of trunks) {
    const trunk: TrunkOutcome = { link: t.id, mediation: t.from, gateway: t.to };
    const mediationLost = ctx.isLost(t.from);
    const gatewayLost = ctx.isLost(t.to);
    if (mediationLost || gatewayLost)
      out.trunksDown.push({
        ...trunk,
        cause: mediationLost && gatewayLost ? 'bothLost' : gatewayLost ? 'gatewayLost' : 'mediationLost',
      });
    else out.trunksLeft.push(trunk);
  }
  if (out.trunksDown.length === 0) return out;

  const name = (id: string) => label(ix.node(id), id);
  const gateways = (list: readonly TrunkOutcome[]) => [...new Set(list.map((t) => t.gateway))];
  const down = out.trunksDown.map(
    (t) =>
      `${name(t.mediation)} to ${name(t.gateway)} (${t.cause === 'bothLost' ? 'both ends lost' : t.cause === 'gatewayLost' ? 'gateway lost' : 'Mediation side lost'})`,
  );
  const leftGateways = gateways(out.trunksLeft);
  const sites = [...new Set(leftGateways.map((g) => ix.node(g)?.siteId).filter((s): s is string => s !== undefined))].map(
    (s) => ix.site(s)?.name ?? s,
  );
  ctx.plan.note(
    PRIORITY.voice,
    `PSTN calls over ${plural(out.trunksDown.length, 'SIP trunk')} stop: ${listing(down)}. ` +
      (out.trunksLeft.length
        ? `Outbound calls continue only through voice routes that also list a surviving trunk (to ${listing(leftGateways.map(name))}, in ${listing(sites)}); inbound calls to the numbers the lost trunks served arrive only if the telephony provider sends them to a surviving gateway.`
        : `No trunk to the PSTN survives: no PSTN call in or out until a gateway and a Mediation Server are back.`),
  );
  const lostGateways = gateways(out.trunksDown);
  const fqdn = (id: string) => (ix.node(id) as TopologyNode & { fqdn?: string })?.fqdn ?? id;
  ctx.plan.step(PRIORITY.voice, {
    title: `List the voice routes through the lost trunks (${listing(lostGateways.map(name))})`,
    tool: 'Shell',
    commands: lostGateways.map(
      (g) =>
        `Get-CsVoiceRoute | Where-Object { ($_.PstnGatewayList -join ' ') -match [regex]::Escape(${psQuote(fqdn(g))}) } | Select-Object Identity, PstnGatewayList`,
    ),
    docs: [DOCS.voiceResiliency, 'ps:Get-CsVoiceRoute.md'],
    nodeIds: lostGateways,
  });
  if (out.trunksLeft.length)
    ctx.plan.step(PRIORITY.voice, {
      title: `Give each of those routes a surviving trunk (${listing(leftGateways.map(name))}), and ask the telephony provider to deliver inbound calls there`,
      tool: 'Shell',
      commands: leftGateways.map(
        (g) =>
          `Set-CsVoiceRoute -Identity <route identity listed above> -PstnGatewayList @{Add=${psQuote(`PstnGateway:${fqdn(g)}`)}}`,
      ),
      docs: [DOCS.voiceResiliency, 'ps:Set-CsVoiceRoute.md'],
      nodeIds: leftGateways,
    });
  return out;
}

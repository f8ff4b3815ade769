/**
 * The port lists Topology Builder writes for each service role, with its default port
 * numbers ("Port and protocol requirements for servers",
 * https://learn.microsoft.com/skypeforbusiness/plan-your-deployment/network-requirements/ports-and-protocols).
 * Topology Builder fills these in itself; the exporter writes them so that the document
 * reads like one Topology Builder saved, and so that the importer can tell federation
 * (Access Edge external SIP server port) and XMPP (proxy port 5269) from the Edge's list.
 */
import { el, type XmlNode } from './xml-writer';

type Side = 'Primary' | 'External' | 'Internal' | 'Pstn';
/** owner (after urn:), usage, side, port, protocol, url path, extra attributes. */
type PortRow = readonly [
  owner: string,
  usage: string,
  side: Side,
  port: number,
  protocol: string,
  path?: string,
  extra?: Readonly<Record<string, string>>,
];

const MEDIA: readonly PortRow[] = [
  ['component:MediaComp', 'AudioCommunication', 'Primary', 49152, 'TcpOrUdp', '/', { Range: '8348' }],
  ['component:MediaComp', 'VideoCommunication', 'Primary', 57501, 'TcpOrUdp', '/', { Range: '8034' }],
  ['component:MediaComp', 'AppSharingCommunication', 'Primary', 49152, 'TcpOrUdp', '/', { Range: '16383' }],
];

const PORTS: Readonly<Record<string, readonly PortRow[]>> = {
  UserServices: [
    ['component:McuFactory', 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/McuFactory/'],
    ['component:PresenceFocus', 'UserPinManagement', 'Primary', 443, 'Https', '/LiveServer/UserPinManagement/'],
    ['component:McuFactory', 'WcfServer', 'Primary', 9001, 'Tcp', '/LiveServer/ConfDirMgmt/'],
  ],
  Registrar: [
    ['component:Registrar', 'SipServer', 'Primary', 5061, 'Mtls', '/', { GruuType: 'HomeServer' }],
    ['component:Registrar', 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/Focus/'],
    ['component:WinFab', 'WinFabFederation', 'Primary', 5090, 'Tcp'],
    ['component:WinFab', 'WinFabLeaseAgent', 'Primary', 5091, 'Tcp'],
    ['component:WinFab', 'WinFabClientConnection', 'Primary', 5092, 'Tcp'],
    ['component:WinFab', 'WinFabIPC', 'Primary', 5093, 'Tcp'],
    ['component:WinFab', 'WinFabReplication', 'Primary', 5094, 'Tcp'],
    ['component:QoE', 'SipServer', 'Primary', 5061, 'Mtls', '/LiveServer/QoE/', { GruuType: 'QoS' }],
    ['component:Lyss', 'WcfMtls', 'Primary', 5077, 'Mtls'],
  ],
  DirectorRegistrar: [
    ['component:Registrar', 'SipServer', 'Primary', 5061, 'Mtls', '/', { GruuType: 'HomeServer' }],
    ['component:Registrar', 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/Focus/'],
  ],
  WebServices: [
    ['component:OCSWebSite', 'WebSite', 'External', 8080, 'Http', '/', { ConfiguredPort: '80' }],
    ['component:OCSWebSite', 'WebSite', 'External', 4443, 'Https', '/', { ConfiguredPort: '443' }],
    ['component:OCSWebSite', 'WebSite', 'Primary', 80, 'Http'],
    ['component:OCSWebSite', 'WebSite', 'Primary', 443, 'Https'],
  ],
  ConfServices: [
    ['component:IMConf', 'SipServer', 'Primary', 5062, 'Mtls', '/', { GruuType: 'chat' }],
    ['component:DataConf', 'PsomClient', 'Primary', 8057, 'Tls'],
    ['component:AVConf', 'SipServer', 'Primary', 5063, 'Mtls', '/', { GruuType: 'audio-video' }],
    ['component:AppSharingConf', 'SipServer', 'Primary', 5065, 'Mtls', '/', { GruuType: 'applicationsharing' }],
    ...MEDIA,
  ],
  ApplicationServer: [
    ['application:RGS', 'SipServer', 'Primary', 5071, 'Mtls', '/', { GruuType: 'Microsoft.Rtc.Applications.Acd' }],
    ['application:Caa', 'SipServer', 'Primary', 5072, 'Mtls', '/', { GruuType: 'Microsoft.Rtc.Applications.Caa' }],
    ['application:Cas', 'SipServer', 'Primary', 5073, 'Mtls', '/', { GruuType: 'Microsoft.Rtc.Applications.Cas' }],
    ['application:Cps', 'SipServer', 'Primary', 5075, 'Mtls', '/', { GruuType: 'Microsoft.Rtc.Applications.Cps' }],
    ...MEDIA,
  ],
  MediationServer: [
    ['component:Mediation', 'SipServer', 'Primary', 5070, 'Mtls', '/', { GruuType: 'MediationServer' }],
    ['component:Mediation', 'SipClient', 'Pstn', 5067, 'Tls'],
    MEDIA[0]!,
  ],
};

function portRow([owner, usage, side, port, protocol, path = '/', extra = {}]: PortRow, configuredFqdn?: string): XmlNode {
  return el('Port', [
    ['Owner', `urn:${owner}`],
    ['Usage', usage],
    ['InterfaceSide', side],
    ['InterfaceNumber', 1],
    ['Port', port],
    ['Protocol', protocol],
    ['UrlPath', path],
    ['AuthorizesRequests', usage === 'SipServer' && side !== 'Internal' && side !== 'External'],
    ...Object.entries(extra),
    ['ConfiguredFqdn', configuredFqdn],
  ]);
}

export const SERVICE_ROLES_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008';

/** The <Ports> element of a service role (empty for stores, file stores and the CMS). */
export function portsFor(role: string): XmlNode {
  return el(
    'Ports',
    [['xmlns', SERVICE_ROLES_NS]],
    (PORTS[role] ?? []).map((r) => portRow(r)),
  );
}

export interface EdgeExternal {
  access: string;
  webConferencing: string;
  av: string;
}

/** The Edge's list: federation and XMPP add the external ports the importer reads them from. */
export function edgePorts(external: EdgeExternal, federation: boolean, xmpp: boolean): XmlNode {
  const rows: XmlNode[] = [
    portRow(['component:AccessEdge', 'SipServer', 'Internal', 5061, 'Mtls']),
    portRow(['component:AccessEdge', 'SipClient', 'External', 443, 'Tls'], external.access),
    portRow(['component:DataEdge', 'PsomServer', 'Internal', 8057, 'Mtls']),
    portRow(['component:DataEdge', 'PsomClient', 'External', 443, 'Tls'], external.webConferencing),
    portRow(['component:MediaRelayAuthenticationEdge', 'SipServer', 'Internal', 5062, 'Mtls', '/', { GruuType: 'MRAS' }]),
    portRow(['component:MediaRelayEdge', 'TURNServer', 'Internal', 443, 'Tcp']),
    portRow(['component:MediaRelayEdge', 'TURNServer', 'External', 443, 'Tcp'], external.av),
    portRow(['component:MediaRelayEdge', 'TURNServer', 'Internal', 3478, 'Udp']),
    portRow(['component:MediaRelayEdge', 'TURNServer', 'External', 3478, 'Udp'], external.av),
    portRow(
      ['component:MediaRelayEdge', 'MediaCommunication', 'External', 50000, 'TcpOrUdp', '/', { Range: '10000' }],
      external.av,
    ),
  ];
  if (federation) rows.push(portRow(['component:AccessEdge', 'SipServer', 'External', 5061, 'Mtls'], external.access));
  if (xmpp) {
    rows.push(portRow(['component:XmppFederationProxy', 'XmppServer', 'External', 5269, 'Tls'], external.access));
    rows.push(portRow(['component:XmppFederationProxy', 'XptServer', 'Internal', 23456, 'Mtls', '/XmppFederation/']));
  }
  return el('Ports', [['xmlns', SERVICE_ROLES_NS]], rows);
}

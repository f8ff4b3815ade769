/**
 * One family of icons and one colour per role family, used alike on the palette, the
 * node and the inspector header.
 */
import type { ReactElement } from 'react';
import type { LinkKind, NodeKind } from '../model/schema';

/** Drag-and-drop type of a palette item. */
export const PALETTE_MIME = 'application/x-sfb-kind';
/** Set as well while a site is dragged from the palette (drag data can be read only on drop). */
export const PALETTE_SITE_MIME = 'application/x-sfb-palette-site';

export type RoleFamily = 'registrar' | 'sql' | 'perimeter' | 'voice' | 'content' | 'chat';

export interface KindMeta {
  label: string;
  short: string;
  family: RoleFamily;
  blurb: string;
}

export const KIND_META: Record<NodeKind, KindMeta> = {
  frontEndPool: {
    label: 'Front End pool',
    short: 'FE pool',
    family: 'registrar',
    blurb: 'Enterprise Edition pool with a separate Back End',
  },
  standardEditionServer: {
    label: 'Standard Edition server',
    short: 'SE server',
    family: 'registrar',
    blurb: 'One server with its own SQL Express',
  },
  directorPool: {
    label: 'Director pool',
    short: 'Director',
    family: 'registrar',
    blurb: 'Authenticates and routes external traffic',
  },
  sqlStore: { label: 'SQL store', short: 'SQL', family: 'sql', blurb: 'Back End, mirror, witness, Monitoring, Archiving' },
  edgePool: { label: 'Edge pool', short: 'Edge', family: 'perimeter', blurb: 'Remote access, federation, media relay' },
  mediationPool: {
    label: 'Mediation pool',
    short: 'Mediation',
    family: 'voice',
    blurb: 'Stand-alone Mediation Servers for PSTN',
  },
  survivableBranch: { label: 'Survivable branch', short: 'SBA/SBS', family: 'voice', blurb: 'SBA or Survivable Branch Server' },
  fileStore: { label: 'File store', short: 'File store', family: 'content', blurb: 'File share for a pool' },
  officeOnlineServer: { label: 'Office Online Server', short: 'OOS', family: 'content', blurb: 'PowerPoint sharing in meetings' },
  persistentChatPool: { label: 'Persistent Chat pool', short: 'P-Chat', family: 'chat', blurb: 'Chat rooms (2015 only)' },
  gatewayPeer: {
    label: 'Gateway or SIP trunk peer',
    short: 'Gateway',
    family: 'voice',
    blurb: 'PSTN gateway, SBC, IP-PBX or SIP trunk provider',
  },
  videoInteropPool: {
    label: 'Video Interop Server pool',
    short: 'VIS',
    family: 'voice',
    blurb: 'Video trunk to a third-party VTC gateway',
  },
  reverseProxy: {
    label: 'Reverse proxy',
    short: 'Rev. proxy',
    family: 'perimeter',
    blurb: 'Publishes web services and meetings to the internet',
  },
};

export const FAMILY_LABEL: Record<RoleFamily, string> = {
  registrar: 'Registrar pools',
  sql: 'SQL stores',
  perimeter: 'Perimeter',
  voice: 'Voice',
  content: 'Content',
  chat: 'Persistent Chat',
};

export const PALETTE_ORDER: readonly { family: RoleFamily; kinds: readonly NodeKind[] }[] = [
  { family: 'registrar', kinds: ['frontEndPool', 'standardEditionServer', 'directorPool'] },
  { family: 'sql', kinds: ['sqlStore'] },
  { family: 'perimeter', kinds: ['edgePool', 'reverseProxy'] },
  { family: 'voice', kinds: ['mediationPool', 'survivableBranch', 'gatewayPeer', 'videoInteropPool'] },
  { family: 'content', kinds: ['fileStore', 'officeOnlineServer'] },
  { family: 'chat', kinds: ['persistentChatPool'] },
];

const paths: Record<NodeKind, ReactElement> = {
  frontEndPool: (
    <>
      <rect x="3" y="3" width="7" height="8" rx="1.2" />
      <rect x="14" y="3" width="7" height="8" rx="1.2" />
      <rect x="8.5" y="13" width="7" height="8" rx="1.2" />
      <path d="M5 6h3M16 6h3M10.5 16h3" />
    </>
  ),
  standardEditionServer: (
    <>
      <rect x="6" y="2.5" width="12" height="19" rx="1.5" />
      <path d="M9 6.5h6M9 9.5h6" />
      <ellipse cx="12" cy="15.5" rx="3" ry="1.2" />
      <path d="M9 15.5v2.5c0 .7 1.3 1.2 3 1.2s3-.5 3-1.2v-2.5" />
    </>
  ),
  directorPool: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 3.5v3M12 17.5v3M3.5 12h3M17.5 12h3" />
      <path d="M9.5 14.5l5-5M14.5 9.5h-3.2M14.5 9.5v3.2" />
    </>
  ),
  sqlStore: (
    <>
      <ellipse cx="12" cy="5.5" rx="7.5" ry="2.8" />
      <path d="M4.5 5.5v13c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8v-13" />
      <path d="M4.5 12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8" />
    </>
  ),
  edgePool: (
    <>
      <path d="M12 2.5l8 3v6c0 5-3.4 8.6-8 10-4.6-1.4-8-5-8-10v-6z" />
      <path d="M8 12h8M13 9l3 3-3 3" />
    </>
  ),
  mediationPool: (
    <>
      <path d="M6.5 3.5h3l1.5 4-2 1.3a10 10 0 0 0 6.2 6.2l1.3-2 4 1.5v3a2 2 0 0 1-2.2 2A16.5 16.5 0 0 1 4.5 5.7a2 2 0 0 1 2-2.2z" />
    </>
  ),
  survivableBranch: (
    <>
      <path d="M3.5 10.5L12 4l8.5 6.5" />
      <path d="M5.5 9v11h13V9" />
      <path d="M10 20v-5h4v5" />
    </>
  ),
  fileStore: (
    <>
      <path d="M3 6.5a1.5 1.5 0 0 1 1.5-1.5h5l2 2.2h8a1.5 1.5 0 0 1 1.5 1.5v9.8a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z" />
      <path d="M3 10h18" />
    </>
  ),
  officeOnlineServer: (
    <>
      <rect x="3" y="4" width="18" height="13" rx="1.5" />
      <path d="M8 21h8M12 17v4" />
      <path d="M7 13l3-4 2.5 3 1.5-2 3 3" />
    </>
  ),
  gatewayPeer: (
    <>
      <rect x="2.5" y="8" width="19" height="8" rx="1.5" />
      <path d="M6 12h.01M9 12h.01M12 12h.01" />
      <path d="M15 12h3.5M7 8V4.5M17 8V4.5M12 16v3.5" />
    </>
  ),
  videoInteropPool: (
    <>
      <rect x="2.5" y="6" width="13" height="12" rx="1.5" />
      <path d="M15.5 10.5l6-3.5v10l-6-3.5" />
      <path d="M6 12h6M10 10l2 2-2 2" />
    </>
  ),
  reverseProxy: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c2.5 2.6 3.6 5.6 3.6 8.5s-1.1 5.9-3.6 8.5c-2.5-2.6-3.6-5.6-3.6-8.5s1.1-5.9 3.6-8.5z" />
    </>
  ),
  persistentChatPool: (
    <>
      <path d="M4 5.5h11a1.5 1.5 0 0 1 1.5 1.5v6a1.5 1.5 0 0 1-1.5 1.5H9l-4 3v-3H4A1.5 1.5 0 0 1 2.5 13V7A1.5 1.5 0 0 1 4 5.5z" />
      <path d="M18.5 9h1.5A1.5 1.5 0 0 1 21.5 10.5v5A1.5 1.5 0 0 1 20 17h-1v2.5L15.5 17H12" />
    </>
  ),
};

export function KindIcon({ kind, size = 20, className }: { kind: NodeKind; size?: number; className?: string }) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[kind]}
    </svg>
  );
}

export function SiteIcon({ branch, size = 16 }: { branch: boolean; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {branch ? (
        <path d="M3.5 10.5L12 4l8.5 6.5M5.5 9v11h13V9" />
      ) : (
        <>
          <rect x="3" y="3" width="18" height="6" rx="1" />
          <rect x="3" y="11" width="18" height="6" rx="1" />
          <path d="M7 6h.01M7 14h.01M3 21h18" />
        </>
      )}
    </svg>
  );
}

/** Severity icons: colour is never the only signal. */
/** What an item still being built has left to do: an empty checklist box. */
export function TodoMark({ size = 12 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="12" height="12" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M5 8.2l2 2 4-4.4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" opacity="0.45" />
    </svg>
  );
}

export function SeverityIcon({ severity, size = 14 }: { severity: 'error' | 'warning' | 'info'; size?: number }) {
  switch (severity) {
    case 'error':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="var(--sev-icon-fg)" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      );
    case 'warning':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 1.2l7 13H1z" fill="currentColor" />
          <path d="M8 6v4" stroke="var(--sev-icon-fg)" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="12.1" r="1" fill="var(--sev-icon-fg)" />
        </svg>
      );
    case 'info':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="1" y="1" width="14" height="14" rx="3.5" fill="currentColor" />
          <path d="M8 7v4.5" stroke="var(--sev-icon-fg)" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="4.6" r="1" fill="var(--sev-icon-fg)" />
        </svg>
      );
  }
}

export const LINK_STYLE: Record<LinkKind, { label: string; dash?: string; width: number; muted: boolean; twoHeaded?: boolean }> =
  {
    pairing: { label: 'backup pool', width: 3.5, muted: false, twoHeaded: true },
    backEnd: { label: 'Back End', width: 2, muted: false },
    store: { label: 'store', width: 1.5, muted: false, dash: '6 3' },
    mirror: { label: 'mirror', width: 2, muted: false, dash: '8 5' },
    witness: { label: 'witness', width: 1.8, muted: false, dash: '1.5 4' },
    logShipping: { label: 'log shipping', width: 1.6, muted: false, dash: '10 4 2 4' },
    nextHop: { label: 'next hop', width: 1.2, muted: true },
    mediaEdge: { label: 'media Edge', width: 1.2, muted: true },
    fileStore: { label: 'file store', width: 1.2, muted: true },
    officeOnline: { label: 'Office Online', width: 1.2, muted: true },
    backupRegistrar: { label: 'backup registrar', width: 1.6, muted: false, dash: '4 3' },
    trunk: { label: 'trunk', width: 2.2, muted: false, dash: '12 3 3 3' },
  };

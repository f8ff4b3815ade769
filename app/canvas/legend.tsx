/**
 * The legend, one click away: what each link style, colour,
 * site frame and badge means, drawn with the canvas's own classes so it cannot drift
 * from what the canvas shows.
 */
import { Panel } from '@xyflow/react';
import { useId, useState } from 'react';
import type { LinkKind } from '../model/schema';
import { FAMILY_LABEL, KIND_META, KindIcon, LINK_STYLE, PALETTE_ORDER, SeverityIcon, SiteIcon } from '../ui/kinds';
import { COMPACT_ZOOM, OVERVIEW_ZOOM } from './detail-level';

const LINK_ORDER: readonly LinkKind[] = [
  'pairing',
  'backEnd',
  'mirror',
  'witness',
  'store',
  'logShipping',
  'backupRegistrar',
  'nextHop',
  'mediaEdge',
  'fileStore',
  'officeOnline',
  'trunk',
];
const ARROWS: Partial<Record<LinkKind, 'one' | 'both'>> = {
  pairing: 'both',
  backEnd: 'one',
  mirror: 'one',
  nextHop: 'one',
  logShipping: 'one',
  backupRegistrar: 'one',
  trunk: 'one',
};
const LINK_MEANING: Record<LinkKind, string> = {
  pairing: 'pool pairing (backup pool)',
  backEnd: 'pool → its Back End store',
  mirror: 'SQL mirroring, principal → mirror',
  witness: 'mirroring witness',
  store: 'Monitoring, Archiving or Persistent Chat store',
  logShipping: 'log shipping (Persistent Chat disaster recovery)',
  backupRegistrar: 'survivable branch → its backup registrar',
  nextHop: 'Edge or Persistent Chat → next hop pool',
  mediaEdge: 'pool → Edge for media',
  fileStore: 'pool → its file store',
  officeOnline: 'pool → Office Online Server',
  trunk: 'Mediation role → gateway, SBC, IP-PBX or SIP trunk',
};

function LinkSample({ kind }: { kind: LinkKind }) {
  const style = LINK_STYLE[kind];
  const arrows = ARROWS[kind];
  return (
    <svg width="46" height="12" viewBox="0 0 46 12" aria-hidden="true" className="legend-link">
      <line
        x1={arrows === 'both' ? 7 : 2}
        y1="6"
        x2={arrows ? 39 : 44}
        y2="6"
        className={`topo-edge edge-${kind} ${style.muted ? 'is-muted' : ''}`}
        style={{ strokeWidth: style.width, strokeDasharray: style.dash }}
      />
      {arrows && <path d="M38 2 L45 6 L38 10 Z" className={`legend-arrow edge-${kind} ${style.muted ? 'is-muted' : ''}`} />}
      {arrows === 'both' && <path d="M8 2 L1 6 L8 10 Z" className={`legend-arrow edge-${kind}`} />}
    </svg>
  );
}

/** A WAN link's line as the canvas draws it (site-link-edge.tsx): thick, amber when it lacks something, dashed on a single path. */
function WanSample({ weak, single }: { weak: boolean; single: boolean }) {
  return (
    <svg width="46" height="12" viewBox="0 0 46 12" aria-hidden="true" className="legend-wan">
      <line
        x1="3"
        y1="6"
        x2="43"
        y2="6"
        className={`wan-edge ${weak ? 'is-weak' : ''}`}
        style={{ strokeWidth: 3.5, strokeDasharray: single ? '10 6' : undefined }}
      />
    </svg>
  );
}

const WAN_STYLES = [
  { weak: false, single: false, meaning: 'fast, secured and resilient (a redundant path)' },
  { weak: true, single: false, meaning: 'resilient, but slow or not secured' },
  { weak: true, single: true, meaning: 'single path: a failure cuts the sites apart' },
] as const;

export function Legend() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <Panel position="top-right" className="legend-panel">
      <button
        className="btn small legend-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="legend-toggle"
      >
        Legend
      </button>
      {open && (
        <div
          className="legend"
          id={id}
          role="region"
          aria-label="Legend"
          data-testid="legend"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <h3>Links</h3>
          <ul className="legend-links">
            {LINK_ORDER.map((k) => (
              <li key={k}>
                <LinkSample kind={k} />
                <span>{LINK_MEANING[k]}</span>
              </li>
            ))}
          </ul>
          <h3>WAN links between sites</h3>
          <ul className="legend-links">
            {WAN_STYLES.map((w) => (
              <li key={w.meaning}>
                <WanSample weak={w.weak} single={w.single} />
                <span>{w.meaning}</span>
              </li>
            ))}
            <li className="legend-wan-note">
              Its label says what it lacks (&ldquo;WAN · slow, secured, single path&rdquo;); drag a site&apos;s WAN handle onto
              another site to draw one.
            </li>
          </ul>
          <h3>Servers</h3>
          <ul className="legend-families">
            {PALETTE_ORDER.map((g) => (
              <li key={g.family} className={`fam-${g.family}`}>
                <span className="legend-swatch" aria-hidden="true">
                  <KindIcon kind={g.kinds[0]!} size={14} />
                </span>
                <span>
                  {FAMILY_LABEL[g.family]}: {g.kinds.map((k) => KIND_META[k].short).join(', ')}
                </span>
              </li>
            ))}
          </ul>
          <h3>Sites and findings</h3>
          <ul className="legend-misc">
            <li>
              <span className="legend-site is-central" aria-hidden="true">
                <SiteIcon branch={false} size={12} />
              </span>
              data center (solid frame)
            </li>
            <li>
              <span className="legend-site is-branch" aria-hidden="true">
                <SiteIcon branch size={12} />
              </span>
              branch site (dashed frame)
            </li>
            <li>
              <span className="legend-badges" aria-hidden="true">
                <span className="sev-error">
                  <SeverityIcon severity="error" size={13} />
                </span>
                <span className="sev-warning">
                  <SeverityIcon severity="warning" size={13} />
                </span>
                <span className="sev-info">
                  <SeverityIcon severity="info" size={13} />
                </span>
              </span>
              worst finding and count; hover for the messages
            </li>
          </ul>
          <p className="legend-note">
            Below {Math.round(COMPACT_ZOOM * 100)}% zoom a card shows its name only, its badge is filled with the severity's
            colour, and links keep only the pairing label; below {Math.round(OVERVIEW_ZOOM * 100)}% a card is a block of its
            kind's colour (its name in the tooltip), site frames are plain tinted areas, links show no label and their dashes are
            drawn longer. WAN links thicken as you zoom out; their labels say only what they lack, then show only their findings
            badge. Zoom in (or click a finding) for the full cards.
          </p>
        </div>
      )}
    </Panel>
  );
}

/** Share: the whole design in a link (fragment only, never sent to a server), with its size. */
import { useMemo, useState } from 'react';
import { shareLink } from './share/index';
import { useDesigner, useDesignerStore } from './store/designer-context';
import { Modal } from './ui/modal';
import { num } from './lib/text';

export const LINK_WARN_CHARS = 2_000;

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const doc = useDesigner((s) => s.doc);
  const store = useDesignerStore();
  const [copied, setCopied] = useState(false);
  const link = useMemo(() => {
    try {
      return { ok: true as const, url: shareLink(doc, `${location.origin}${location.pathname}`) };
    } catch (e) {
      return { ok: false as const, message: e instanceof Error ? e.message : String(e) };
    }
  }, [doc]);
  return (
    <Modal title="Share this design" onClose={onClose} wide testId="dialog-share">
      {link.ok ? (
        <>
          <p className="hint">
            The whole topology travels in the link itself, after the #: it never reaches a server, but anyone with the link can
            read the design.
          </p>
          <textarea
            className="share-link"
            readOnly
            rows={4}
            value={link.url}
            data-testid="share-link"
            onFocus={(e) => e.currentTarget.select()}
            aria-label="Share link"
          />
          <div className="share-bar">
            <span className={`size-meter ${link.url.length > LINK_WARN_CHARS ? 'warn' : ''}`} data-testid="link-size">
              {num(link.url.length)} characters
            </span>
            {link.url.length > LINK_WARN_CHARS && (
              <span className="warn-text">
                Above {num(LINK_WARN_CHARS)} characters some mail clients and Windows shortcuts break links: send the JSON file
                instead.
              </span>
            )}
            <button
              className="btn primary"
              data-testid="copy-link"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(link.url);
                  setCopied(true);
                } catch {
                  store.getState().notify({
                    tone: 'warning',
                    text: 'The browser refused clipboard access: select the link and copy it with Ctrl+C.',
                  });
                }
              }}
            >
              {copied ? 'Copied ✓' : 'Copy link'}
            </button>
          </div>
        </>
      ) : (
        <p className="warn-text">Share links are not available: {link.message}</p>
      )}
    </Modal>
  );
}

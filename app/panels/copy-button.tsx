import { useState } from 'react';

/** Copies text to the clipboard, says so, and falls back to a message when refused. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'no' | 'yes' | 'refused'>('no');
  return (
    <button
      className="btn small copy-btn"
      aria-label={`${label} to clipboard`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone('yes');
        } catch {
          setDone('refused');
        }
        setTimeout(() => setDone('no'), 1800);
      }}
    >
      {done === 'yes' ? 'Copied ✓' : done === 'refused' ? 'Select and Ctrl+C' : label}
    </button>
  );
}

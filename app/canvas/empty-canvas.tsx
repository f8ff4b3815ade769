/** An empty design: where to start (loaded when a design is empty, not part of the first load). */
import { useStore } from 'zustand';
import { REFERENCE_DESIGNS } from '../model/samples/index';
import { newDocument } from '../store/documents';
import { useDesigner, useDesignerStore } from '../store/designer-context';

export function EmptyCanvas() {
  const store = useDesignerStore();
  const openDialog = useDesigner((s) => s.openDialog);
  const session = useDesigner((s) => s.autosave);
  // A design is being opened over the empty one (a large share link on a first visit starts
  // here): an invitation to start a design would say the opposite of the progress shown.
  const opening = useStore(session.status, (s) => Boolean(s.progress));
  if (opening) return null;
  return (
    <div className="empty-canvas" data-testid="empty-canvas">
      <h2>Start a design</h2>
      <p>Drag a site or a server from the palette onto the canvas, or start from a reference design:</p>
      <ul className="empty-starts" aria-label="Reference designs">
        {REFERENCE_DESIGNS.map((d) => (
          <li key={d.id}>
            <button className="empty-start" data-testid={`start-${d.id}`} onClick={() => newDocument(store, d.build())}>
              <b>{d.title}</b>
              <span>{d.summary}</span>
            </button>
          </li>
        ))}
      </ul>
      <button className="linklike" onClick={() => openDialog('new')}>
        Recent designs and more…
      </button>
    </div>
  );
}

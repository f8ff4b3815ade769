import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App, startDesigner } from './app';

const root = document.getElementById('root');
if (root)
  void startDesigner().then((store) =>
    // Rendered as a transition: React builds the page in slices of a few milliseconds instead
    // of one long task, so the page answers input while a large design's cards are made.
    startTransition(() =>
      createRoot(root).render(
        <StrictMode>
          <App store={store} />
        </StrictMode>,
      ),
    ),
  );

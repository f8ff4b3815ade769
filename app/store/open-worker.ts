/** The worker of open-job.ts: decodes, parses and validates one input, reporting progress. */
import type { OpenJob } from './open-result';
import { performOpen } from './open-work';

self.onmessage = (e: MessageEvent<OpenJob>) => {
  const result = performOpen(e.data, (progress) => self.postMessage({ type: 'progress', progress }));
  self.postMessage({ type: 'done', result });
};

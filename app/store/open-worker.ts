/** The worker of open-job.ts: decodes, parses and validates one input, reporting progress. */
import { performOpen, type OpenJob } from './open-job';

self.onmessage = (e: MessageEvent<OpenJob>) => {
  const result = performOpen(e.data, (progress) => self.postMessage({ type: 'progress', progress }));
  self.postMessage({ type: 'done', result });
};

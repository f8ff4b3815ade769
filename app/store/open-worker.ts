/** The worker of open-job.ts: decodes, parses and validates one input, reporting progress; a large design goes back in parts. */
import { resultMessages, type OpenJob, type OpenMessage } from './open-result';
import { performOpen } from './open-work';

self.onmessage = (e: MessageEvent<OpenJob>) => {
  const post = (m: OpenMessage) => self.postMessage(m);
  const result = performOpen(e.data, (progress) => post({ type: 'progress', progress }));
  for (const m of resultMessages(result)) post(m);
};

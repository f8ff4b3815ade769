import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURE, fixturePath } from './fixture-test-kit';
import { importTopologyXml } from './index';

const SAMPLE = fixturePath(FIXTURE.enterpriseAg);

describe('values read from the XML never reach the prototype', () => {
  for (const value of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`ServiceVersion="${value}" imports with a warning, not an object`, () => {
      const xml = fs.readFileSync(SAMPLE, 'utf8').replace(/ServiceVersion="\d+"/g, `ServiceVersion="${value}"`);
      const r = importTopologyXml(xml);
      expect(r.ok ? 'ok' : r.error.message).toBe('ok');
      if (r.ok) {
        for (const n of r.value.topology.nodes) if ('productVersion' in n) expect(['2015', '2019']).toContain(n.productVersion);
        expect(r.value.warnings.some((w) => w.message.includes('ServiceVersion'))).toBe(true);
      }
    });
  }
});

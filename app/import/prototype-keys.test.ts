import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTopologyXml } from './index';

const SAMPLE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/samples/topology-xml/02-rlevchenko-powershell-skype-DefaultTopology.xml');

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

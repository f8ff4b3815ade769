import { describe, expect, it } from 'vitest';
import { docUrl } from '../model/doc-url';
import { plainWords } from '../model/plain-words';
import { CATALOGUE } from './catalogue.generated';

describe('the catalogue as the architect reads it', () => {
  it('map every source of the rule catalogue to a Microsoft Learn page (or the web page it names)', () => {
    const docs = new Set(CATALOGUE.flatMap((e) => e.docs));
    expect(docs.size).toBeGreaterThan(20);
    for (const d of docs) {
      const url = docUrl(d);
      if (d.startsWith('web:')) expect(url).toMatch(/^https?:\/\//);
      else
        expect(url, d).toMatch(
          /^https:\/\/learn\.microsoft\.com\/(skypeforbusiness|lyncserver|sql|powershell\/module\/skype)\/[a-z0-9./_-]+$/,
        );
    }
  });

  it('leaves no camel-case field name of the common ones in any catalogue fix', () => {
    for (const e of CATALOGUE) expect(plainWords(e.fix)).not.toMatch(/\b(haMode|alwaysOnAg|backEnd|frontEndPool|sqlStore)\b/);
  });
});

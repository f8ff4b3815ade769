import { describe, expect, it } from 'vitest';
import { docTitle, docUrl } from './doc-url';

describe('docUrl and docTitle', () => {
  it('link a documentation path to its page on GitHub, a cmdlet to Learn', () => {
    expect(docUrl('Skype/SfbServer/plan-your-deployment/upgrade.md')).toBe('https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/blob/HEAD/Skype/SfbServer/plan-your-deployment/upgrade.md');
    expect(docUrl('ps:Move-CsManagementServer.md')).toBe('https://learn.microsoft.com/powershell/module/skype/move-csmanagementserver');
    expect(docTitle('Skype/SfbServer/plan-your-deployment/upgrade.md')).toBe('upgrade');
  });

  it('link a web: source to the address it names, titled by site and page', () => {
    expect(docUrl('web:https://learn.microsoft.com/lifecycle/faq/modern-policy')).toBe('https://learn.microsoft.com/lifecycle/faq/modern-policy');
    expect(docTitle('web:https://learn.microsoft.com/lifecycle/faq/modern-policy')).toBe('learn.microsoft.com: modern policy');
    expect(docTitle('web:https://rcpmag.com/articles/2021/01/15/skype-for-business-borrowed-time.aspx')).toBe('rcpmag.com: skype for business borrowed time');
    expect(docTitle('web:https://www.example.com/')).toBe('example.com');
  });

  it('never turn a web: source that is not a web address into a script link', () => {
    expect(docUrl('web:javascript:alert(1)')).toBe('about:blank');
  });
});

import { describe, expect, it } from 'vitest';
import { docTitle, docUrl } from './doc-url';

describe('docUrl and docTitle', () => {
  it('link a documentation path to its Microsoft Learn page, a cmdlet to its reference', () => {
    expect(docUrl('Skype/SfbServer/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery.md')).toBe(
      'https://learn.microsoft.com/skypeforbusiness/plan-your-deployment/high-availability-and-disaster-recovery/disaster-recovery',
    );
    expect(docUrl('Skype/SfBServer2019/migration/migration-to-skype-for-business-server-2019.md')).toBe(
      'https://learn.microsoft.com/skypeforbusiness/migration/migration-to-skype-for-business-server-2019',
    );
    expect(
      docUrl('sql-docs:docs/database-engine/availability-groups/windows/overview-of-always-on-availability-groups-sql-server.md'),
    ).toBe(
      'https://learn.microsoft.com/sql/database-engine/availability-groups/windows/overview-of-always-on-availability-groups-sql-server',
    );
    expect(docUrl('Lync/LyncServer/lync-server-2013-planning-for-high-availability-and-disaster-recovery.md')).toBe(
      'https://learn.microsoft.com/lyncserver/lync-server-2013-planning-for-high-availability-and-disaster-recovery',
    );
    expect(docUrl('ps:Move-CsManagementServer.md')).toBe(
      'https://learn.microsoft.com/powershell/module/skype/move-csmanagementserver',
    );
    expect(docTitle('Skype/SfbServer/plan-your-deployment/upgrade.md')).toBe('upgrade');
  });

  it('link a web: source to the address it names, titled by site and page', () => {
    expect(docUrl('web:https://learn.microsoft.com/lifecycle/faq/modern-policy')).toBe(
      'https://learn.microsoft.com/lifecycle/faq/modern-policy',
    );
    expect(docTitle('web:https://learn.microsoft.com/lifecycle/faq/modern-policy')).toBe('learn.microsoft.com: modern policy');
    expect(docTitle('web:https://rcpmag.com/articles/2021/01/15/skype-for-business-borrowed-time.aspx')).toBe(
      'rcpmag.com: skype for business borrowed time',
    );
    expect(docTitle('web:https://www.example.com/')).toBe('example.com');
  });

  it('never turn a web: source that is not a web address into a script link', () => {
    expect(docUrl('web:javascript:alert(1)')).toBe('about:blank');
  });
});

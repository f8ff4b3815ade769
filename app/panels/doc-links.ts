/** Catalogue source paths → public pages (topology-format.md, "Findings"). */
export function docUrl(path: string): string {
  if (path.startsWith('ps:')) {
    const name = path.slice(3).replace(/\.md$/, '').toLowerCase();
    return `https://learn.microsoft.com/powershell/module/skype/${name}`;
  }
  if (path.startsWith('sql-docs:')) {
    const p = path.slice('sql-docs:'.length).replace(/^docs\//, '').replace(/\.md$/, '');
    return `https://learn.microsoft.com/sql/${p}`;
  }
  const p = path.replace(/\.md$/, '');
  const m = /^Skype\/(SfbServer|SfBServer2019)\/(.*)$/i.exec(p);
  if (m) return `https://learn.microsoft.com/skypeforbusiness/${m[1]!.toLowerCase() === 'sfbserver2019' ? 'sfbserver2019' : 'sfbserver'}/${m[2]!.toLowerCase()}`.replace('/sfbserver2019/', '/sfbserver2019/');
  if (/^Lync\//.test(p)) return `https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/blob/live/${path}`;
  return `https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/blob/live/${path}`;
}

export function docTitle(path: string): string {
  const last = path.replace(/^ps:/, '').replace(/^sql-docs:/, '').split('/').pop() ?? path;
  return last.replace(/\.md$/, '').replace(/-/g, ' ');
}

/** Catalogue and step source paths → public pages (docs/format.md, "Findings"). */

/** Public address of a source path as written in the catalogue (bare, `ps:` or `sql-docs:`). */
export function docUrl(path: string): string {
  if (path.startsWith('ps:')) {
    const cmdlet = path.slice(3).replace(/\.md$/, '').toLowerCase();
    return `https://learn.microsoft.com/powershell/module/skype/${encodeURIComponent(cmdlet)}`;
  }
  if (path.startsWith('sql-docs:')) return `https://github.com/MicrosoftDocs/sql-docs/blob/HEAD/${encodePath(path.slice(9))}`;
  return `https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/blob/HEAD/${encodePath(path)}`;
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

/** A readable title for a source path: its file name ("back end server"). */
export function docTitle(path: string): string {
  const last = path.replace(/^ps:/, '').replace(/^sql-docs:/, '').split('/').pop() ?? path;
  return last.replace(/\.md$/, '').replace(/-/g, ' ');
}

/** Catalogue and step source paths → public pages (docs/format.md, "Findings"). */

/** Public address of a source path as written in the catalogue (bare, `ps:`, `sql-docs:` or `web:`). */
export function docUrl(path: string): string {
  // A page outside Microsoft's documentation repositories, cited by its address; only web addresses are links.
  if (path.startsWith('web:')) return /^https?:\/\//i.test(path.slice(4)) ? path.slice(4) : 'about:blank';
  if (path.startsWith('ps:')) {
    const cmdlet = path.slice(3).replace(/\.md$/, '').toLowerCase();
    return `https://learn.microsoft.com/powershell/module/skype/${encodeURIComponent(cmdlet)}`;
  }
  if (path.startsWith('sql-docs:')) {
    // The sql-docs repository's docs/ folder is published under learn.microsoft.com/sql/.
    const rest = path.slice(9).replace(/^docs\//, '');
    return `https://learn.microsoft.com/sql/${learnPath(rest)}`;
  }
  // OfficeDocs-SkypeForBusiness: Skype/SfbServer and Skype/SfBServer2019 are both published
  // under learn.microsoft.com/skypeforbusiness/, Lync/LyncServer under /lyncserver/.
  const skype = /^Skype\/(?:SfbServer|SfBServer2019)\/(.*)$/i.exec(path);
  if (skype) return `https://learn.microsoft.com/skypeforbusiness/${learnPath(skype[1]!)}`;
  const lync = /^Lync\/LyncServer\/(.*)$/i.exec(path);
  if (lync) return `https://learn.microsoft.com/lyncserver/${learnPath(lync[1]!)}`;
  return `https://github.com/MicrosoftDocs/OfficeDocs-SkypeForBusiness/blob/HEAD/${encodePath(path)}`;
}

/** A Markdown source path as Learn publishes it: no `.md`, `index` for the folder, lower case. */
function learnPath(p: string): string {
  return encodePath(
    p
      .replace(/\.md$/i, '')
      .replace(/(^|\/)index$/i, '$1')
      .toLowerCase(),
  );
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

/** A readable title for a source path: its file name ("back end server"), or a web page's site and last segment. */
export function docTitle(path: string): string {
  if (path.startsWith('web:')) {
    const m = /^https?:\/\/(?:www\.)?([^/]+)(?:\/(.*))?$/i.exec(path.slice(4));
    if (!m) return path.slice(4);
    const last = (m[2] ?? '').replace(/\/+$/, '').split('/').pop() ?? '';
    return last
      ? `${m[1]}: ${decodeURIComponentSafe(last)
          .replace(/[-_]+/g, ' ')
          .replace(/\.(aspx|html?)$/i, '')}`
      : m[1]!;
  }
  const last =
    path
      .replace(/^ps:/, '')
      .replace(/^sql-docs:/, '')
      .split('/')
      .pop() ?? path;
  return last.replace(/\.md$/, '').replace(/-/g, ' ');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Catalogue and step source paths → public pages (topology-format.md, "Findings"). */
export { docUrl } from '../steps/index';

export function docTitle(path: string): string {
  const last = path.replace(/^ps:/, '').replace(/^sql-docs:/, '').split('/').pop() ?? path;
  return last.replace(/\.md$/, '').replace(/-/g, ' ');
}

/** Catalogue and step source paths → public pages (docs/format.md, "Findings"). */
export { docTitle, docUrl } from '../model/doc-url';

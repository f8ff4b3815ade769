/** Catalogue and step source paths → public pages (topology-format.md, "Findings"). */
export { docTitle, docUrl } from '../model/doc-url';

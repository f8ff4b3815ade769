/**
 * Export and open, the pure half: escaping, the topology inside SVG and PNG exports,
 * the title block, and telling apart the files a user drops on the designer. No DOM:
 * rendering the canvas to SVG/PNG bytes (html-to-image) happens in the UI, which then
 * calls embedInSvg / embedInPng.
 */
export { displayText, escapeXml, jsonForXml, unescapeXml } from './escape';
export { appendTitleBlock, embedInSvg, extractFromSvg, isSvgText, svgTitleBlock, titleBlockInfo, TOPOLOGY_NAMESPACE, type FindingCounts, type SvgError, type TitleBlock, type TitleBlockInfo } from './svg';
export { embedInPng, extractFromPng, isPng, pngChunk, pngChunks, PNG_KEYWORD, type PngChunk, type PngError } from './png';
export { openDocumentBytes, type OpenedDocument, type OpenedKind, type OpenError, type OpenErrorTag, type OpenWarning } from './open';

/**
 * Export and open, the pure half: the design drawn as native SVG (diagram-scene.ts,
 * render-svg.ts; the PDF report and the PowerPoint deck draw the same scene), escaping,
 * the topology inside SVG and PNG exports, the title block, and telling apart the files
 * a user drops on the designer. No DOM: the UI and `topo render` call these.
 */
export { displayText, escapeXml, jsonForXml, unescapeXml } from './escape';
export {
  appendTitleBlock,
  embedInSvg,
  extractFromSvg,
  isSvgText,
  svgTitleBlock,
  titleBlockInfo,
  TOPOLOGY_NAMESPACE,
  type FindingCounts,
  type SvgError,
  type TitleBlock,
  type TitleBlockInfo,
} from './svg';
export { embedInPng, extractFromPng, isPng, pngChunk, pngChunks, PNG_KEYWORD, type PngChunk, type PngError } from './png';
export {
  openDocumentBytes,
  type OpenedDocument,
  type OpenedKind,
  type OpenError,
  type OpenErrorTag,
  type OpenWarning,
} from './open';
export { buildScene, linkLabel, type DiagramFinding, type DiagramScene, type SceneOptions } from './diagram-scene';
export { renderDesignSvg, sceneToSvg, type SvgExportOptions } from './render-svg';
export { THEMES, type DiagramThemeName } from './diagram-style';

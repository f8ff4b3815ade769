/** Public types of the Topology Builder importer (re-exported by index.ts). */
import type { Topology } from '../model/schema';

export interface ImportWarning {
  /** Where in the XML (element, key and line), when known. */
  where?: string;
  message: string;
  /** Values the XML does not hold and the importer defaulted: the user should confirm them. */
  confirm?: boolean;
}

export type ImportErrorTag = 'notXml' | 'notTopologyBuilder' | 'tooLarge' | 'unsafeXml' | 'invalidResult';

export interface ImportError {
  tag: ImportErrorTag;
  message: string;
}

export interface ImportResult {
  topology: Topology;
  warnings: ImportWarning[];
}

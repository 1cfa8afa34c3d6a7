// Reporters: a format name → a function from the report model to text. `--format` choices come
// from this map's keys. Each is imported when used, so `assess` loads only its own format.
import type { Report } from './model.js';

export interface RenderOptions {
  color: boolean;
  verbose: boolean;
  quiet: boolean;
  /** Terminal width for wrapping; undefined when not a terminal. */
  width?: number;
}

export type Reporter = (report: Report, options: RenderOptions) => string;

export const REPORTERS: Record<string, () => Promise<Reporter>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
};

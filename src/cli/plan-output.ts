import { csvHeader, csvRows, renderMarkdown, renderText } from '../core/plan/render.js';
import { renderHtml } from '../core/plan/render-html.js';
import type { PlanDocument } from '../core/show/plan-types.js';
import type { Output } from '../ui/output.js';
import { toCsv } from '../adapters/csv/csv-writer.js';
import { emitText } from './write-output.js';

export type PlanFormat = 'text' | 'md' | 'html' | 'json' | 'csv';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'md', 'html', 'json', 'csv'];

export function renderPlan(doc: PlanDocument, format: PlanFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(doc, null, 2)}\n`;
    case 'md':
      return renderMarkdown(doc);
    case 'html':
      return renderHtml(doc);
    case 'csv':
      return toCsv([csvHeader(doc), ...csvRows(doc)]);
    default:
      return `${renderText(doc)}\n`;
  }
}

/** Prints the plan, or writes it atomically to --out and says where. */
export function emitPlan(out: Output, doc: PlanDocument, format: PlanFormat, file?: string): void {
  emitText(out, renderPlan(doc, format), file, `${format} rundown of ${doc.show.id}`);
}

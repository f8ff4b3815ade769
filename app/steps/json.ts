/**
 * `toJson(plan)`: the plan as JSON, the same data the Steps panel reads. `<`, `>`, `&`
 * and the JavaScript line separators are escaped as \u sequences, so the text stays
 * inert when pasted into HTML or a script; JSON.parse gives back the same plan.
 */
import type { StepPlan } from './types';

export function toJson(plan: StepPlan): string {
  return `${JSON.stringify(plan, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

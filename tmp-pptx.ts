import fs from 'node:fs';
import { REFERENCE_DESIGNS } from './app/model/samples/index';
import { renderDesignPptx } from './app/export/render-pptx';
import { runRules } from './app/rules/engine';
import { generateSteps } from './app/steps/index';
for (const d of REFERENCE_DESIGNS) {
  const doc = d.build();
  const plan = generateSteps(doc);
  const bytes = await renderDesignPptx(doc, { findings: runRules(doc), steps: plan.steps, runbooks: plan.runbooks }, { date: '2026-12-05' });
  fs.writeFileSync(`/tmp/h18b-out/${d.id}.pptx`, bytes);
  console.log(d.id, bytes.length);
}

/** The card's facts live in the model, shared with the exports (app/export/diagram-scene.ts). */
export { cardName, nodeFacts, versionBadge } from '../model/node-facts';

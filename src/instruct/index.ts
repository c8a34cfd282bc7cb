export { interpret, PARSERS } from './interpret.ts';
export { normalise, type Normalised } from './normalise.ts';
export { splitClauses } from './clauses.ts';
export { detectLanguage, type Language } from './language.ts';
export { summaryLine } from './reply.ts';
export type * from './types.ts';

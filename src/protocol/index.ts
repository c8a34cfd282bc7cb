/**
 * The wire types of the photoreel protocol (spec/api.md and what photoreel adds beside it), as zod schemas and
 * their types, and the one event-stream reader: used by the server, the MCP client and the web page.
 */
export * from './envelope.ts';
export * from './media.ts';
export * from './render.ts';
export * from './session-state.ts';
export * from './answers.ts';
export * from './events.ts';
export * from './event-stream.ts';
export * from './requests.ts';

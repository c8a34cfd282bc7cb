import { addMediaTool } from './add-media.ts';
import { cancelRenderTool } from './cancel-render.ts';
import type { ToolModule } from './context.ts';
import { createProjectTool } from './create-project.ts';
import { creditsTool } from './credits.ts';
import { exportTool } from './export.ts';
import { getDraftTool } from './get-draft.ts';
import { instructTool } from './instruct.ts';
import { redoTool } from './redo.ts';
import { renderStatusTool } from './render-status.ts';
import { setDraftTool } from './set-draft.ts';
import { undoTool } from './undo.ts';

export type { ToolContext, ToolModule } from './context.ts';

/** Every tool of the MCP server, in the order they are listed: one module each, registered in a loop. */
export const TOOLS: readonly ToolModule[] = [
  createProjectTool,
  addMediaTool,
  instructTool,
  getDraftTool,
  setDraftTool,
  undoTool,
  redoTool,
  exportTool,
  renderStatusTool,
  cancelRenderTool,
  creditsTool,
];

import type { Draft } from '../timeline/draft.ts';

/**
 * Drafts an agent set with set_draft, kept per project by the MCP server. The protocol has no call that
 * replaces a session's draft, but its export body carries one: a pinned draft is what get_draft shows and
 * export renders, until undo sets it aside (and redo pins it again).
 */
export class ProjectDrafts {
  private readonly pinned = new Map<string, Draft>();
  private readonly setAside = new Map<string, Draft>();

  get(project: string): Draft | undefined {
    return this.pinned.get(project);
  }

  pin(project: string, draft: Draft): void {
    this.pinned.set(project, draft);
    this.setAside.delete(project);
  }

  /** Undo of a set_draft: true when there was one to undo. */
  undo(project: string): boolean {
    const draft = this.pinned.get(project);
    if (!draft) return false;
    this.pinned.delete(project);
    this.setAside.set(project, draft);
    return true;
  }

  /** Redo of an undone set_draft: true when there was one to redo. */
  redo(project: string): boolean {
    const draft = this.setAside.get(project);
    if (!draft) return false;
    this.setAside.delete(project);
    this.pinned.set(project, draft);
    return true;
  }

  /** An instruction changed the server's draft: an undone set_draft can no longer be redone. */
  forgetRedo(project: string): void {
    this.setAside.delete(project);
  }
}

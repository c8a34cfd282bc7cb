import type { Command } from 'commander';
import type { CliIo } from './io.ts';

/** `serve`, `worker` and `mcp`: the long-running front ends (filled in as the service lands). */
export function serverCommands(_program: Command, _io: CliIo): void {}

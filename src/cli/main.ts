import { Command, CommanderError, Option } from 'commander';
import { pathToFileURL } from 'node:url';
import { isPhotoreelError } from '../errors.ts';
import { demo } from './demo.ts';
import { explain } from './explain.ts';
import { processIo, type CliIo } from './io.ts';
import { make } from './make.ts';
import { parseMakeOptions } from './options.ts';
import { renderDraftFile } from './render-command.ts';
import { serverCommands } from './server-commands.ts';

const VERSION = '0.1.0';

function done(
  io: CliIo,
  json: boolean,
  result: { output: string; durationMs: number; width: number; height: number },
  summary?: string,
) {
  if (json) {
    io.stdout.write(`${JSON.stringify({ type: 'result', ...result, ...(summary ? { summary } : {}) })}\n`);
  } else {
    if (summary) io.stderr.write(`${summary}\n`);
    io.stdout.write(
      `${result.output} (${result.width}x${result.height}, ${(result.durationMs / 1000).toFixed(1)} s)\n`,
    );
  }
}

/** Builds the command tree; actions resolve when their work is done. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('photoreel')
    .description('Turn photos into finished videos: slideshows with transitions, motion, titles and music.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showSuggestionAfterError();

  program
    .command('make')
    .description('render photos, clips and music into a video (MP4, WebM, MOV, or a GIF/WebP loop)')
    .argument('<inputs...>', 'photo, clip and music files or folders')
    .requiredOption('-o, --output <file>', 'the video to write (.mp4, .webm, .mov, .gif, .webp)')
    .option('--format <format>', 'mp4 | webm | mov | gif | webp (default: from the -o extension, else mp4)')
    .option('-q, --quality <quality>', 'draft (quick look) | standard | high (slower, finer)', 'standard')
    .option(
      '-p, --preset <name>',
      'youtube | vertical (tiktok, reels, shorts) | square | portrait, with -720 or -4k',
      'youtube',
    )
    .option('-s, --seconds <n>', 'seconds each photo stays on screen', '3')
    .option(
      '-t, --transition <name>',
      'fade, fadeblack, wipeleft, slideup, circleopen, … | cut | random | none',
      'fade',
    )
    .option('--transition-ms <ms>', 'transition length in ms', '500')
    .option(
      '-m, --motion <type>',
      'auto | none | zoom-in | zoom-out | pan-left | pan-right | pan-up | pan-down',
      'auto',
    )
    .option('-f, --fit <fit>', 'cover | contain | blur (photo over a blurred copy of itself)', 'blur')
    .option('--fps <n>', 'frame rate', '30')
    .option('--music <file>', 'background music (mp3, wav, m4a, aac)')
    .option('--title <text>', 'a title shown over the first seconds')
    .option(
      '--prompt <words>',
      'plain-words instruction applied before rendering, e.g. "vertical, 2 seconds each"',
    )
    .addOption(
      new Option('--order <order>', 'photo order').choices(['capture', 'name', 'given']).default('capture'),
    )
    .option('--save-draft <file>', 'also write the draft JSON (render it later with photoreel render)')
    .option('--cache-dir <dir>', 'where prepared photos are cached')
    .option('--json', 'JSON lines on stdout: progress and the result', false)
    .action(async (inputs: string[], opts: Record<string, unknown>) => {
      const o = parseMakeOptions(opts);
      const result = await make(inputs, o, io);
      done(io, o.json, result, result.summary);
    });

  program
    .command('render')
    .description('render a saved draft JSON')
    .argument('<draft>', 'draft JSON file (sources relative to it)')
    .requiredOption('-o, --output <file>', 'the video to write (.mp4, .webm, .mov, .gif, .webp)')
    .option('--format <format>', 'mp4 | webm | mov | gif | webp (default: from the -o extension, else mp4)')
    .option('-q, --quality <quality>', 'draft (quick look) | standard | high (slower, finer)', 'standard')
    .option('--cache-dir <dir>', 'where prepared photos are cached')
    .option('--json', 'JSON lines on stdout', false)
    .action(
      async (
        file: string,
        opts: { output: string; json: boolean; cacheDir?: string; format?: string; quality?: string },
      ) => {
        done(io, opts.json, await renderDraftFile(file, opts, io));
      },
    );

  program
    .command('demo')
    .description('render the bundled sample photos and music into photoreel-demo.mp4')
    .option('-o, --output <file>', 'the MP4 to write', 'photoreel-demo.mp4')
    .option('-p, --preset <name>', 'output preset', 'youtube')
    .option('--cache-dir <dir>', 'where prepared photos are cached')
    .option('--json', 'JSON lines on stdout', false)
    .action(async (opts: { output: string; preset: string; json: boolean; cacheDir?: string }) => {
      const result = await demo(opts, io);
      done(io, opts.json, result, result.summary);
    });

  program
    .command('explain')
    .description('show what plain words would change, without rendering')
    .argument('<words...>', 'the instruction, e.g. "make it vertical, 2 seconds each"')
    .option('--draft <file>', 'a draft JSON to edit (default: five example photos with music)')
    .option('--json', 'print the resulting draft as JSON', false)
    .action(async (words: string[], opts: { draft?: string; json: boolean }) => {
      const result = await explain(words.join(' '), opts, io);
      if (opts.json) {
        io.stdout.write(`${JSON.stringify(result.draft, null, 2)}\n`);
        return;
      }
      for (const edit of result.edits) io.stdout.write(`${edit.name} ${JSON.stringify(edit.args)}\n`);
      if (result.routes.length) io.stdout.write(`routes: ${result.routes.join(', ')}\n`);
      io.stdout.write(`${result.reply}\n`);
    });

  serverCommands(program, io);
  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  if (!io) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const cli = io ?? processIo(controller.signal);
  try {
    await buildProgram(cli).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const json = argv.includes('--json');
    if (isPhotoreelError(e)) {
      if (json) cli.stdout.write(`${JSON.stringify({ type: 'error', ...e.toJSON() })}\n`);
      cli.stderr.write(`photoreel: ${e.message} (code ${e.code})\n`);
      const tail = e.details?.logTail;
      if (typeof tail === 'string' && tail) cli.stderr.write(`ffmpeg said:\n${tail}\n`);
      return e.key === 'RENDER_CANCELLED' ? 130 : 1;
    }
    cli.stderr.write(
      `photoreel: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}

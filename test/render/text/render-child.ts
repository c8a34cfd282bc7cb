/**
 * Renders titles in a process of its own and prints what the tests compare (JSON on stdout):
 * used with FONTCONFIG_FILE pointing at a configuration without the system's fonts, to see what a
 * machine without them draws (argv: JSON array of texts, then an optional fonts folder).
 */
import { prepareTextOverlays } from '../../../src/render/text/index.ts';
import { colourShare, glyphMask, textDraft } from './helpers.ts';

const texts = JSON.parse(process.argv[2] ?? '[]') as string[];
const fontDir = process.argv[3];
const out = [];
for (const text of texts) {
  const warnings: string[] = [];
  const overlays = await prepareTextOverlays(textDraft([{ text }]), {
    onWarning: (m) => warnings.push(m),
    ...(fontDir ? { fontDir } : {}),
  });
  const o = overlays[0]!;
  const mask = glyphMask(o);
  out.push({
    warnings,
    colour: colourShare(o),
    mask: { w: mask.w, h: mask.h, data: Buffer.from(mask.data).toString('base64') },
  });
}
process.stdout.write(JSON.stringify(out));

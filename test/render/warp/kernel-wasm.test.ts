import { describe, expect, it } from 'vitest';
import { builtFingerprint, kernelFingerprint } from '../../../src/render/warp/build-wasm.ts';

describe('compiled warp kernel', () => {
  it('kernel-wasm.ts was compiled from the current kernel.as (else run `npm run build:wasm`)', () => {
    expect(builtFingerprint()).toBe(kernelFingerprint());
  });
});

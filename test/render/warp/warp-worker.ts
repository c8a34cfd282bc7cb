// Worker-thread side of the warp worker test: loads the kernel inside the worker and warps the
// frame it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadWarpKernel, type WarpMap } from '../../../src/render/warp/index.ts';

const { w, h, data, outW, outH, map } = (workerData as { job: unknown }).job as {
  w: number;
  h: number;
  data: Uint8Array;
  outW: number;
  outH: number;
  map: WarpMap;
};
const kernel = loadWarpKernel();
kernel.setSource({ w, h, data });
kernel.outputSize(outW, outH);
parentPort!.postMessage(kernel.warp(map).data.slice());

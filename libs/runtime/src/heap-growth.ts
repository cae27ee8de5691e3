import { setFlagsFromString } from 'node:v8';

/**
 * How far the JavaScript heap may grow past what the last full collection
 * kept, in per cent. Left to itself V8 lets it grow up to fourfold when full
 * collections are quick, and they are quick here (the five apps keep about
 * 85 MB alive): a burst of short-lived data, such as a core load's 800,000
 * rows passing through, took the heap from 120 MB to over 300 MB before the
 * first full collection gave most of it back. At 30 % a full collection
 * comes after about 25 MB more and takes some 15 ms, and a heap that really
 * holds more still grows: this is a rate, not a cap that could run out.
 */
const HEAP_GROWING_PERCENT = 30;

/**
 * The heap's allowance before a full collection never falls below 128 MB.
 * V8 counts the buffers allocated since its last full collection against
 * that allowance as if they were heap, and a photo passes through as buffers
 * (the gateway keeps about 45 MB alive, media 20 MB): 30 % of so small a heap
 * made every 25 or so photos start a full collection of it, about a fifth of
 * the gateway's CPU under uploads. Above the floor the 30 % rule is the same,
 * so a core load's heap stays bounded as before. V8 takes it only before it
 * makes the heap, so it is a flag on the command line of every process
 * (the launcher's, `npm start`, the container's), not set here.
 */
export const HEAP_ALLOWANCE_FLOOR_FLAG = '--initial-old-space-size=128';

/** Applies the heap growth; V8 reads it at every full collection, so setting it at start-up is in time. */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

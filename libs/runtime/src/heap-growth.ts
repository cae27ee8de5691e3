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

/** Applies the heap growth; V8 reads it at every full collection, so setting it at start-up is in time. */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

import 'reflect-metadata';
import { boundHeapGrowth } from '#libs/runtime';

// Before the five apps are loaded: V8 applies the growth at each full collection, and one made while they load
// would leave the heap its default allowance, up to fourfold, to fill before the next.
boundHeapGrowth();
await import('./one-process.js');

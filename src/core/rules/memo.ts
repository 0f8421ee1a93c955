// Values several rules derive from the same workspace (its schemas, its ID arguments, a schema's property
// names) are computed once per check, or once per schema object, instead of once per rule.
import type { CheckContext } from './rule';

/** `compute(key)`, computed once per key object (a parsed schema lives as long as its file model). */
export function perObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    // One lookup on a hit (these are asked many times per check); `has` only for a value that is undefined.
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

/** `compute(ctx)`, computed once per check context. */
export const perContext = <T>(compute: (ctx: CheckContext) => T): ((ctx: CheckContext) => T) => perObject(compute);

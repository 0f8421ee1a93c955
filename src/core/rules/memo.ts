// Values several rules derive from the same workspace (its schemas, its ID arguments, a schema's property
// names) are computed once per check, or once per schema object, instead of once per rule.
import type { CheckContext } from './rule';

/** `compute(ctx)`, computed once per check context. */
export function perContext<T>(compute: (ctx: CheckContext) => T): (ctx: CheckContext) => T {
  const cache = new WeakMap<CheckContext, T>();
  return (ctx) => {
    if (cache.has(ctx)) return cache.get(ctx) as T;
    const value = compute(ctx);
    cache.set(ctx, value);
    return value;
  };
}

/** `compute(key)`, computed once per key object (a parsed schema lives as long as its file model). */
export function perObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const cache = new WeakMap<K, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

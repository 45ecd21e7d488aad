import { isOpen, isUnknown } from './unknown.js';

/**
 * A view of a request that notices when code reads something unknown: an unknown value, a member
 * an open object may hold, the keys of an open object or the length of an open list. The engine
 * gives it to rules that do not declare `meta.unknownValues: 'checked'`, and drops their reports
 * on a request whose unknown parts they read, so no rule can mistake an unknown for a wrong value.
 */
export function trackUnknownReads<T>(root: T): { readonly view: T; touched(): boolean } {
  let touched = false;
  const views = new WeakMap<object, object>();

  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || isUnknown(value)) return value;
    let view = views.get(value);
    if (!view) {
      view = new Proxy(value, handler);
      views.set(value, view);
    }
    return view;
  };

  const handler: ProxyHandler<object> = {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof key === 'symbol') return value;
      if (isUnknown(value)) touched = true;
      else if (isOpen(target) && (key === 'length' || !Object.prototype.hasOwnProperty.call(target, key))) {
        // Array methods live on the prototype: reading one is not reading a member.
        if (!(Array.isArray(target) && key !== 'length' && key in Array.prototype)) touched = true;
      }
      return wrap(value);
    },
    has(target, key) {
      if (typeof key !== 'symbol' && isOpen(target) && !Object.prototype.hasOwnProperty.call(target, key)) touched = true;
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      if (isOpen(target)) touched = true;
      return Reflect.ownKeys(target);
    },
  };

  return { view: wrap(root) as T, touched: () => touched };
}

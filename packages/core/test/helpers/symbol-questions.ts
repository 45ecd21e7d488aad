/**
 * A request whose every object and list counts the symbol-keyed questions asked of it: the
 * unknown brand (`isUnknown`) and the open mark (`isOpen`). For tests that hold a known request
 * to none.
 */
export function watchedForSymbols<T extends object>(
  build: (watched: <V extends object>(value: V) => V) => T,
): { request: T; asked: () => number; reset: () => void } {
  let asked = 0;
  const watched = <V extends object>(value: V): V =>
    new Proxy(value, {
      get: (target, key, receiver) => {
        if (typeof key === 'symbol') asked++;
        return Reflect.get(target, key, receiver);
      },
      getOwnPropertyDescriptor: (target, key) => {
        if (typeof key === 'symbol') asked++;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
  return { request: build(watched), asked: () => asked, reset: () => (asked = 0) };
}

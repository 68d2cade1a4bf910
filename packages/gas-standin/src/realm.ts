/**
 * The membrane between the host (these TypeScript services) and the bundle's vm context.
 * Values cross it the way they would exist in Apps Script: arrays, Dates, plain objects and
 * errors are re-created with the context's own intrinsics (so `x instanceof Date` and
 * `e instanceof Error` hold inside the bundle), while service objects are exposed through
 * proxies that show only their API methods, never their internal state.
 */
import vm from "node:vm";

interface Intrinsics {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
}

const tag = (v: object) => Object.prototype.toString.call(v);

function isPlain(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

export class Membrane {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  private readonly realm: Intrinsics;

  constructor(context: vm.Context) {
    this.realm = vm.runInContext("({ Array, Object, Date, Error })", context) as Intrinsics;
  }

  /** Host value → value the bundle sees. */
  toRealm(v: unknown): unknown {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return v;
    const o = v as object;
    if (this.targets.has(o) || typeof v === "function") return v;
    if (Array.isArray(v)) return this.realm.Array.from(v, (x) => this.toRealm(x));
    if (v instanceof Date) return new this.realm.Date(v.getTime());
    if (v instanceof Error) return this.errorToRealm(v);
    if (isPlain(o)) {
      const out = new this.realm.Object() as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) out[k] = this.toRealm(x);
      return out;
    }
    return this.proxyFor(o);
  }

  /** Bundle value → host value (service proxies are unwrapped to their targets). */
  toHost(v: unknown): unknown {
    if (v === null || typeof v !== "object") return v;
    const target = this.targets.get(v);
    if (target) return target;
    if (Array.isArray(v)) return Array.from(v as unknown[], (x) => this.toHost(x));
    if (tag(v) === "[object Date]") return new Date(Date.prototype.getTime.call(v));
    if (tag(v) === "[object Error]") return this.errorToHost(v);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = this.toHost(x);
    return out;
  }

  errorToRealm(e: unknown): Error {
    if (e instanceof this.realm.Error) return e;
    const host = e instanceof Error ? e : new Error(String(e));
    const err = new this.realm.Error(host.message);
    err.name = host.name;
    err.stack = host.stack;
    return err;
  }

  /** Errors thrown by the bundle become host Errors (name kept) with the original as cause. */
  errorToHost(e: unknown): Error {
    if (e instanceof Error) return e;
    if (e !== null && typeof e === "object" && tag(e) === "[object Error]") {
      const { name, message, stack } = e as Error;
      const err = Object.assign(new Error(message), { name, cause: e });
      if (stack) err.stack = stack;
      return err;
    }
    return Object.assign(new Error(String(e)), { cause: e });
  }

  private invoke(run: () => unknown): unknown {
    try {
      return this.toRealm(run());
    } catch (e) {
      throw this.errorToRealm(e);
    }
  }

  private proxyFor(target: object): object {
    const cached = this.proxies.get(target);
    if (cached) return cached;
    // Only inherited members (class methods and getters) form the API; own fields are state.
    const exposed = (prop: string | symbol): prop is string =>
      typeof prop === "string" &&
      prop !== "constructor" &&
      prop !== "__proto__" &&
      prop in target &&
      Object.getOwnPropertyDescriptor(target, prop) === undefined;
    const proxy = new Proxy(target, {
      get: (t, prop) => {
        if (!exposed(prop)) return undefined;
        const value: unknown = Reflect.get(t, prop, t);
        if (typeof value !== "function") return this.toRealm(value);
        return (...args: unknown[]) =>
          this.invoke(() =>
            (value as (...a: unknown[]) => unknown).apply(
              t,
              args.map((a) => this.toHost(a)),
            ),
          );
      },
      set: () => false,
      has: (_t, prop) => exposed(prop),
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }
}

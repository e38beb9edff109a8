// A minimal stand-in for the `reflect-metadata` package, which is not installed: @peculiar/x509 loads tsyringe,
// which refuses to start without `Reflect.getMetadata`, and its compiled decorators call `Reflect.metadata`.
// Only the unit tests load it (the extension does not use @peculiar/x509). Import it before @peculiar/x509.
type Target = object;
type Bucket = Map<unknown, unknown>;

const store = new WeakMap<Target, Map<string, Bucket>>();

function bucket(target: Target, property: string | symbol | undefined, create: boolean): Bucket | undefined {
	let byProperty = store.get(target);
	if (!byProperty && create) store.set(target, (byProperty = new Map()));
	const key = property === undefined ? '' : String(property);
	let found = byProperty?.get(key);
	if (!found && create && byProperty) byProperty.set(key, (found = new Map()));
	return found;
}

const api = {
	defineMetadata(key: unknown, value: unknown, target: Target, property?: string | symbol): void {
		bucket(target, property, true)!.set(key, value);
	},
	getOwnMetadata(key: unknown, target: Target, property?: string | symbol): unknown {
		return bucket(target, property, false)?.get(key);
	},
	getMetadata(key: unknown, target: Target, property?: string | symbol): unknown {
		for (let o: Target | null = target; o; o = Object.getPrototypeOf(o) as Target | null) {
			const value = api.getOwnMetadata(key, o, property);
			if (value !== undefined) return value;
		}
		return undefined;
	},
	hasMetadata(key: unknown, target: Target, property?: string | symbol): boolean {
		return api.getMetadata(key, target, property) !== undefined;
	},
	metadata(key: unknown, value: unknown) {
		return (target: Target, property?: string | symbol): void => api.defineMetadata(key, value, target, property);
	},
};

const reflect = Reflect as unknown as Record<string, unknown>;
for (const [name, fn] of Object.entries(api)) if (typeof reflect[name] !== 'function') reflect[name] = fn;

/** Builds DOM nodes without HTML strings: text from files only ever goes through textContent. */
export function el<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Record<string, string> = {},
	...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
	for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
	return node;
}

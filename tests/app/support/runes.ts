// Svelte's runes outside the Svelte compiler: vitest runs src/app/*.svelte.ts as plain
// TypeScript, where `$state(x)` in a class field is simply the value x. The state classes' logic
// (not their reactivity, which the e2e tests cover) is what the Node tests check.
const identity = <T>(value: T): T => value;
const state = Object.assign(identity, { raw: identity, snapshot: identity });
Object.assign(globalThis, { $state: state, $derived: identity });

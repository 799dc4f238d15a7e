// js-yaml ships no types (and @types/js-yaml is not a dependency); this is the part the extraction uses.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}

/** Types of node-version.js, which stays plain JavaScript so that any Node can load it. */
export declare const REQUIRED: { major: number; minor: number };
export declare function nodeVersionProblem(version: string): string | undefined;

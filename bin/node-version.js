// Plain JavaScript on purpose: this module runs before anything else, on whatever Node the
// user has, and must load on versions that cannot run TypeScript.

/** The oldest Node that runs the TypeScript sources directly (type stripping on by default). */
export const REQUIRED = { major: 22, minor: 18 };

/**
 * One line saying why this Node cannot run pmpulse and how to get one that can, or undefined
 * when it can. `version` is `process.versions.node` ("20.20.2").
 */
export function nodeVersionProblem(version) {
  const [major = 0, minor = 0] = String(version).split('.').map(Number);
  const recent = major > REQUIRED.major || (major === REQUIRED.major && minor >= REQUIRED.minor);
  if (recent) return undefined;
  return (
    `pmpulse needs Node.js ${REQUIRED.major}.${REQUIRED.minor} or later (it runs its TypeScript sources directly); ` +
    `this is Node.js ${version}. Install Node 24 (https://nodejs.org, or \`nvm install 24\`, ` +
    `or \`npm install --prefix .tools node@24 && export PATH="$PWD/.tools/node_modules/.bin:$PATH"\`) and run it again.`
  );
}

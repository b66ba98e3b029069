// The identity of this build of the CLI: a hash of every source file cli/build.ts bundled and of the
// lock file (so the npm packages' versions too), set at build time. Caches that hold results of
// our code (core/node/import-cache) are keyed by it. Code run from TypeScript (tsx, tests) has no
// build id, so it never uses such a cache: an edited reader can never meet results of the old one.
declare const __HUIBIAN_BUILD_ID__: string | undefined;

export const BUILD_ID: string | undefined =
  typeof __HUIBIAN_BUILD_ID__ === 'string' && __HUIBIAN_BUILD_ID__ ? __HUIBIAN_BUILD_ID__ : undefined;

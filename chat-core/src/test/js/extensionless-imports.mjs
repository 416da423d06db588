// Module resolve hook for node: @waku/rln's keystore (and @chainsafe/bls-keystore under it) is
// published for bundlers, with imports that name neither a file extension nor index.js, which
// node's own ESM resolution refuses. This tries "<specifier>.js" and "<specifier>/index.js".
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (e) {
    if (e.code !== "ERR_MODULE_NOT_FOUND" && e.code !== "ERR_UNSUPPORTED_DIR_IMPORT") {
      throw e;
    }
    for (const candidate of [`${specifier}.js`, `${specifier}/index.js`]) {
      try {
        return await nextResolve(candidate, context);
      } catch {
        // try the next form
      }
    }
    throw e;
  }
}

/**
 * The published surface of an adapter and how it changed: the lockfile ({@code imcp.lock.json}) {@code imcp:lock}
 * writes ({@link dev.imcp.codegen.lock.Lockfile}), the build's own surface ({@link dev.imcp.codegen.lock.BuildSurface}),
 * the comparison of the two that {@code imcp:check} runs ({@link dev.imcp.codegen.lock.SurfaceDiff}) and the
 * changelog it writes ({@link dev.imcp.codegen.lock.ChangeReport}).
 */
package dev.imcp.codegen.lock;

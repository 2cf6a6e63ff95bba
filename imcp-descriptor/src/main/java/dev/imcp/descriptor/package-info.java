/**
 * The published tool descriptor: how a tool looks in {@code tools/list}, written by one class for the runtime, the
 * generated {@code tools.json} and the lockfile.
 */
package dev.imcp.descriptor;

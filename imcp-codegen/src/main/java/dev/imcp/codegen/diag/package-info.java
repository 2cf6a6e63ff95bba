/**
 * Diagnostics: what a reader or validator found wrong in a contract, with a stable code and a location.
 * Stages collect them; the caller fails once, listing all (see {@link dev.imcp.codegen.diag.ContractException}).
 */
package dev.imcp.codegen.diag;

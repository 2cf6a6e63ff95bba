/**
 * Validators: rules that span operations and contracts, run after every reader and before any writer.
 */
package dev.imcp.codegen.validate;

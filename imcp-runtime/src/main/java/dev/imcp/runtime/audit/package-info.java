/**
 * Audit events: one JSON line per {@code tools/call}.
 *
 * <p>Each line is an object with {@code timestamp} (ISO-8601 UTC instant), {@code correlation_id}
 * (the client's {@code X-Correlation-ID}, else the trace id, else a UUID version 7; also in the server log line of
 * an internal error), {@code actor} (the API key name, or {@code anonymous}), {@code session_id}, {@code service}, {@code tool}, {@code status}
 * ({@code ok}; {@code error} for an {@code isError} result; {@code invalid} for JSON-RPC -32602;
 * {@code unknown} for an unknown or hidden tool; {@code internal} for -32603), {@code latency_ms}
 * (milliseconds, integer) and {@code arguments}.
 *
 * <p>{@link dev.imcp.runtime.audit.Redactor} replaces by {@code "***"} the value of every argument whose name looks like
 * a secret (without case or separators: {@code password}, {@code secret}, {@code token}, {@code api-key},
 * {@code authorization}, {@code credential}, {@code privateKey}, {@code cookie}, a word {@code pin} or {@code pass},
 * ... see {@link dev.imcp.runtime.audit.Redactor#isSecretKey}), every argument the tool's input schema marks
 * {@code format: password}, {@code writeOnly: true} or {@code x-sensitive: true}, and every secret the adapter holds
 * or fetched, in any common encoding, wherever it appears. {@link dev.imcp.runtime.audit.AuditLog} writes off the
 * request path on one background thread to {@code imcp.audit.file} (appended, flushed per line) or to a standard
 * stream, from a bounded queue ({@code imcp.audit.queue-capacity}; overflow is dropped, counted and reported) and with
 * each line's {@code arguments} capped ({@code imcp.audit.max-argument-bytes}).
 */
package dev.imcp.runtime.audit;

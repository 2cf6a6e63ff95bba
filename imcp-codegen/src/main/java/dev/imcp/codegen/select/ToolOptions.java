package dev.imcp.codegen.select;

import java.util.ArrayList;
import java.util.List;

/**
 * Which operations become tools and how they are named: the part of the configuration that the readers and the
 * naming pass apply.
 *
 * <p>An operation is published when it matches one of {@code includes} (or {@code includes} is empty), matches
 * none of {@code excludes}, and the contract does not mark it {@code x-mcp: false}. Its tool name and annotation
 * hints then follow the {@code overrides} that select it, later entries winning.
 *
 * @param includes operations to publish; empty for all
 * @param excludes operations never to publish
 * @param overrides names and annotation hints for selected operations, in configuration order
 * @param maxNameLength the longest tool name published, in characters, from {@link #MIN_NAME_LENGTH} to
 *     {@link #MAX_NAME_LENGTH}; longer derived names are shortened
 */
public record ToolOptions(List<OperationSelector> includes, List<OperationSelector> excludes,
        List<ToolOverride> overrides, int maxNameLength) {

    /**
     * The default longest tool name: 64 characters, what widely used clients and model APIs accept for a
     * function name ({@code ^[a-zA-Z0-9_-]{1,64}$}).
     */
    public static final int DEFAULT_NAME_LENGTH = 64;
    /** The shortest limit allowed: room for a readable prefix and the 9-character hash suffix. */
    public static final int MIN_NAME_LENGTH = 16;
    /** The longest limit allowed: MCP's tool names SHOULD be 1 to 128 characters long. */
    public static final int MAX_NAME_LENGTH = 128;

    /**
     * Copies the lists and checks the length.
     *
     * @throws IllegalArgumentException when {@code maxNameLength} is out of range
     */
    public ToolOptions {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        if (maxNameLength < MIN_NAME_LENGTH || maxNameLength > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the tool name length limit must be between " + MIN_NAME_LENGTH
                    + " and " + MAX_NAME_LENGTH + ", not " + maxNameLength);
        }
    }

    /** Returns the defaults: every operation, no overrides, names of at most 64 characters. */
    public static ToolOptions defaults() {
        return new ToolOptions(List.of(), List.of(), List.of(), DEFAULT_NAME_LENGTH);
    }

    /** Returns these options with {@code selectors} as the includes. */
    public ToolOptions withIncludes(List<OperationSelector> selectors) {
        return new ToolOptions(selectors, excludes, overrides, maxNameLength);
    }

    /** Returns these options with {@code selectors} as the excludes. */
    public ToolOptions withExcludes(List<OperationSelector> selectors) {
        return new ToolOptions(includes, selectors, overrides, maxNameLength);
    }

    /** Returns these options with {@code entries} as the overrides. */
    public ToolOptions withOverrides(List<ToolOverride> entries) {
        return new ToolOptions(includes, excludes, entries, maxNameLength);
    }

    /** Returns these options with another name length limit. */
    public ToolOptions withMaxNameLength(int length) {
        return new ToolOptions(includes, excludes, overrides, length);
    }

    /** Returns every setting as text, in order, for the build's configuration fingerprint. */
    public List<String> canonical() {
        List<String> values = new ArrayList<>();
        values.add("max=" + maxNameLength);
        includes.forEach(s -> values.add("+" + s.text()));
        excludes.forEach(s -> values.add("-" + s.text()));
        overrides.forEach(o -> values.add("=" + o.canonical()));
        return values;
    }
}

package dev.imcp.runtime.config;

import io.helidon.config.Config;

import java.util.List;
import java.util.Set;

/**
 * One rule of {@code imcp.policy.rules}: which tools the callers it applies to may see and call.
 *
 * <p>A rule applies to a caller who has at least one of its {@code roles} or at least one of its {@code scopes};
 * a rule naming neither applies to every caller. Patterns are matched against a tool's qualified name
 * {@code <service>.<tool>} (e.g. {@code petstore.deletePet}), the whole name, case-sensitively, where {@code *}
 * stands for any run of characters, dots included ({@code petstore.*}, {@code *.delete*}, {@code *}); no other
 * character is special. How rules combine is {@link dev.imcp.runtime.policy.ToolPolicy}'s.
 *
 * @param roles {@code roles}: the caller roles the rule applies to
 * @param scopes {@code scopes}: the caller scopes the rule applies to
 * @param allow {@code allow}: the tools the rule grants; {@code [*]} when omitted or empty
 * @param deny {@code deny}: the tools the rule refuses, whatever any rule grants
 */
public record PolicyRule(Set<String> roles, Set<String> scopes, List<String> allow, List<String> deny) {

    /** Copies the collections; an empty {@code allow} becomes {@code [*]}. */
    public PolicyRule {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        allow = allow.isEmpty() ? List.of("*") : List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /**
     * Reads the rules of {@code imcp.policy.rules}.
     *
     * @param node the {@code imcp.policy.rules} node (a list)
     * @return the rules, in order; empty when the node is absent
     * @throws IllegalArgumentException when a rule has a key other than {@code roles}, {@code scopes},
     *     {@code allow} and {@code deny} (the message names it)
     */
    public static List<PolicyRule> list(Config node) {
        return node.asNodeList().orElse(List.of()).stream().map(PolicyRule::from).toList();
    }

    private static PolicyRule from(Config rule) {
        Set<String> known = Set.of("roles", "scopes", "allow", "deny");
        for (Config child : rule.asNodeList().orElse(List.of())) {
            if (!known.contains(child.name())) {
                throw new IllegalArgumentException("imcp.policy.rules." + rule.name() + "." + child.name()
                        + " is not a rule key (roles, scopes, allow, deny)");
            }
        }
        return new PolicyRule(Set.copyOf(strings(rule, "roles")), Set.copyOf(strings(rule, "scopes")),
                strings(rule, "allow"), strings(rule, "deny"));
    }

    private static List<String> strings(Config rule, String key) {
        return rule.get(key).asList(String.class).orElse(List.of()).stream().map(String::strip).toList();
    }

    /**
     * Returns whether the rule applies to a caller with these roles and scopes.
     *
     * @param callerRoles the caller's roles
     * @param callerScopes the caller's scopes
     * @return {@code true} when the rule names neither roles nor scopes, or shares one with the caller
     */
    public boolean appliesTo(Set<String> callerRoles, Set<String> callerScopes) {
        return roles.isEmpty() && scopes.isEmpty()
                || roles.stream().anyMatch(callerRoles::contains) || scopes.stream().anyMatch(callerScopes::contains);
    }

    /** Returns whether an {@code allow} pattern matches {@code qualifiedName} ({@code <service>.<tool>}). */
    public boolean allows(String qualifiedName) {
        return allow.stream().anyMatch(p -> matches(p, qualifiedName));
    }

    /** Returns whether a {@code deny} pattern matches {@code qualifiedName} ({@code <service>.<tool>}). */
    public boolean denies(String qualifiedName) {
        return deny.stream().anyMatch(p -> matches(p, qualifiedName));
    }

    /**
     * Returns whether glob {@code pattern} matches all of {@code name}: {@code *} is any run of characters
     * (possibly empty), every other character stands for itself.
     *
     * @param pattern the pattern
     * @param name the qualified tool name
     * @return whether it matches
     */
    public static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1; // the pattern position after the last '*' seen
        int resume = 0; // the name position that '*' is to cover up to, when the rest fails
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = ++p;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}

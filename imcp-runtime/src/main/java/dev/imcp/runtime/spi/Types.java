package dev.imcp.runtime.spi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the parameterized {@link Type}s that generated stubs pass to {@link HttpUpstream#exchange},
 * for results such as {@code List<Pet>} or {@code Map<String, Integer>}.
 */
public final class Types {

    private Types() {
    }

    /** Returns {@code List<element>}. */
    public static Type listOf(Type element) {
        return new Parameterized(List.class, element);
    }

    /** Returns {@code Map<String, value>}. */
    public static Type mapOf(Type value) {
        return new Parameterized(Map.class, String.class, value);
    }

    private record Parameterized(Class<?> raw, Type... args) implements ParameterizedType {
        Parameterized(Class<?> raw, Type... args) {
            this.raw = raw;
            this.args = args.clone();
        }

        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p
                    && raw.equals(p.getRawType())
                    && p.getOwnerType() == null
                    && Arrays.equals(args, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Objects.hash(raw, Arrays.hashCode(args));
        }

        @Override
        public String toString() {
            return raw.getName() + Arrays.toString(args).replace('[', '<').replace(']', '>');
        }
    }
}

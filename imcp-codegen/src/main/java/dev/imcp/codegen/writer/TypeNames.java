package dev.imcp.codegen.writer;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Map;

/** Parses the Java type names the model carries (from CXF's Java model) into JavaPoet types. */
final class TypeNames {

    private static final Map<String, TypeName> PRIMITIVES = Map.of("boolean", TypeName.BOOLEAN, "byte", TypeName.BYTE,
            "short", TypeName.SHORT, "int", TypeName.INT, "long", TypeName.LONG, "float", TypeName.FLOAT,
            "double", TypeName.DOUBLE, "char", TypeName.CHAR);

    private TypeNames() {
    }

    /**
     * Returns the type named {@code name}: a fully qualified class ({@code java.math.BigDecimal},
     * {@code com.example.Outer.Inner}), a primitive, or an array of either ({@code byte[]}).
     *
     * @param name the type name, without generics
     * @return the JavaPoet type
     * @throws IllegalArgumentException when {@code name} is not such a name
     */
    static TypeName parse(String name) {
        if (name.endsWith("[]")) {
            return ArrayTypeName.of(parse(name.substring(0, name.length() - 2)));
        }
        TypeName primitive = PRIMITIVES.get(name);
        return primitive != null ? primitive : ClassName.bestGuess(name);
    }
}

package dev.imcp.codegen.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/** The {@code @Generated} marker every generated top-level type carries exactly once. */
final class Generated {

    /** The generator name written in {@code @Generated#value}. */
    static final String GENERATOR = "dev.imcp.codegen";

    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private Generated() {
    }

    /** Returns {@code @Generated(value = "dev.imcp.codegen", comments = "<contract>")}. */
    static AnnotationSpec annotation(String contractName) {
        return AnnotationSpec.builder(GENERATED)
                .addMember("value", "$S", GENERATOR)
                .addMember("comments", "$S", contractName)
                .build();
    }
}

package dev.imcp.codegen.wsdl;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import dev.imcp.codegen.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import javax.xml.namespace.QName;

/**
 * The JAXB properties of the classes CXF's XJC generated that hold several elements in one list (Jakarta XML
 * Binding 4.0, section 6.12.5.2 "general content property"): a field annotated {@code @XmlElementRefs} or
 * {@code @XmlElements}. XJC names such a field after its elements ({@code keyAndValue}, {@code textOrNumber})
 * or, when names collide, {@code content} or {@code rest}; the runtime's Jackson names the JSON property after
 * the field, so the published schema must too, and only the generated code says which name XJC chose.
 *
 * <p>Read with the JDK's own Java parser ({@code com.sun.source}, parsing only, no compilation), every source
 * in one run, the first time a field is asked for (readers ask only when XJC may have made such a list); a
 * class nested in another (an anonymous local type) is named with dots. Without a system Java compiler nothing
 * is found, and callers fall back.
 */
final class JaxbFields {

    /**
     * One general content field.
     *
     * @param name the field's name, which is the JSON property's
     * @param elements the elements it holds, in annotation (schema) order
     * @param mixed whether it also holds text ({@code @XmlMixed})
     */
    record Field(String name, List<QName> elements, boolean mixed) {
    }

    private final List<SourceFile> sources;
    private Map<String, List<Field>> byClass;

    /** Keeps {@code sources}; nothing is parsed until a field is asked for. */
    JaxbFields(List<SourceFile> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Returns the general content fields declared in {@code className} (not inherited ones).
     *
     * @param className the qualified class name, a nested class's with dots ({@code a.b.Outer.Inner})
     */
    List<Field> fields(String className) {
        return className == null ? List.of() : all().getOrDefault(className, List.of());
    }

    /** Returns every general content field of every class, by qualified class name. */
    Map<String, List<Field>> all() {
        if (byClass == null) {
            byClass = new TreeMap<>();
            parse();
        }
        return byClass;
    }

    /** Parses every source in one parser run (a run per file would cost seconds on large contracts). */
    private void parse() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            return;
        }
        List<JavaFileObject> files = new ArrayList<>();
        for (SourceFile s : sources) {
            if (s.path().endsWith(".java")) {
                files.add(new SimpleJavaFileObject(URI.create("string:///" + s.path()), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return s.content();
                    }
                });
            }
        }
        if (files.isEmpty()) {
            return;
        }
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, files);
        try {
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString() + ".";
                for (Tree type : unit.getTypeDecls()) {
                    if (type instanceof ClassTree c) {
                        visit(c, pkg + c.getSimpleName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void visit(ClassTree type, String name) {
        List<Field> fields = new ArrayList<>();
        for (Tree member : type.getMembers()) {
            if (member instanceof ClassTree nested) {
                visit(nested, name + "." + nested.getSimpleName());
            } else if (member instanceof VariableTree v) {
                Field f = field(v);
                if (f != null) {
                    fields.add(f);
                }
            }
        }
        if (!fields.isEmpty()) {
            byClass.put(name, List.copyOf(fields));
        }
    }

    private static Field field(VariableTree v) {
        List<QName> elements = new ArrayList<>();
        boolean group = false;
        boolean mixed = false;
        for (AnnotationTree a : v.getModifiers().getAnnotations()) {
            String type = simpleName(a.getAnnotationType().toString());
            switch (type) {
                case "XmlElementRefs", "XmlElements" -> {
                    group = true;
                    for (ExpressionTree value : values(a, "value")) {
                        if (value instanceof AnnotationTree inner) {
                            elements.add(new QName(literal(inner, "namespace"), literal(inner, "name")));
                        }
                    }
                }
                case "XmlMixed" -> mixed = true;
                default -> { }
            }
        }
        return group ? new Field(v.getName().toString(), List.copyOf(elements), mixed) : null;
    }

    /** The values of the annotation member {@code member}: one, or each of an array. */
    private static List<ExpressionTree> values(AnnotationTree a, String member) {
        for (ExpressionTree arg : a.getArguments()) {
            ExpressionTree value = arg;
            String name = "value";
            if (arg instanceof AssignmentTree assign) {
                name = assign.getVariable().toString();
                value = assign.getExpression();
            }
            if (name.equals(member)) {
                return value instanceof NewArrayTree array ? List.copyOf(array.getInitializers()) : List.of(value);
            }
        }
        return List.of();
    }

    /** The string literal of annotation member {@code member}, or {@code ""} when absent. */
    private static String literal(AnnotationTree a, String member) {
        for (ExpressionTree value : values(a, member)) {
            if (value instanceof LiteralTree l && l.getValue() instanceof String s) {
                return s;
            }
        }
        return "";
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

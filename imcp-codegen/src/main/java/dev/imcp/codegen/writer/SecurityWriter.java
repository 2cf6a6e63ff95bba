package dev.imcp.codegen.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.imcp.codegen.model.SecurityModel;
import dev.imcp.codegen.model.UpstreamsModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes a provider's {@code security()} method: the contract's security schemes and each operation's requirement
 * as a runtime {@code RestSecurity}, built one statement at a time in methods of {@link #STATEMENTS_PER_METHOD}
 * (a method's code is limited to 64 KB, JVM specification section 4.7.3).
 */
final class SecurityWriter {

    static final int STATEMENTS_PER_METHOD = 500;

    static final ClassName REST_SECURITY = ClassName.get(Spi.PACKAGE, "RestSecurity");
    static final ClassName NAMED_UPSTREAMS = ClassName.get(Spi.PACKAGE, "NamedUpstreams");
    private static final ClassName BUILDER = REST_SECURITY.nestedClass("Builder");
    private static final ClassName SCHEME = ClassName.get(Spi.PACKAGE, "SecurityScheme");

    private SecurityWriter() {
    }

    /** Returns the methods that build {@code security}: {@code security()} first, then its chunks. */
    static List<MethodSpec> methods(SecurityModel security) {
        List<CodeBlock> statements = new ArrayList<>();
        for (SecurityModel.Scheme s : security.schemes().values()) {
            statements.add(switch (s.type()) {
                case API_KEY -> CodeBlock.of("b.scheme($T.apiKey($S, $S, $S))", SCHEME, s.name(), s.in(), s.parameterName());
                case HTTP_BASIC -> CodeBlock.of("b.scheme($T.basic($S))", SCHEME, s.name());
                case HTTP_BEARER -> CodeBlock.of("b.scheme($T.bearer($S))", SCHEME, s.name());
                case OAUTH2_CLIENT_CREDENTIALS -> CodeBlock.of("b.scheme($T.oauth2ClientCredentials($S, $S, $T.of($L)))",
                        SCHEME, s.name(), s.tokenUrl(), List.class, strings(s.scopes()));
            });
        }
        for (Map.Entry<String, List<List<String>>> e : security.requirements().entrySet()) {
            int space = e.getKey().indexOf(' ');
            String method = e.getKey().substring(0, space);
            String path = e.getKey().substring(space + 1);
            for (List<String> alternative : e.getValue()) {
                statements.add(CodeBlock.of("b.require($S, $S$L)", method, path,
                        alternative.isEmpty() ? CodeBlock.of("") : CodeBlock.of(", $L", strings(alternative))));
            }
        }
        MethodSpec.Builder main = MethodSpec.methodBuilder("security")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(REST_SECURITY)
                .addStatement("$T b = $T.builder()", BUILDER, REST_SECURITY);
        List<MethodSpec> chunks = new ArrayList<>();
        if (statements.size() <= STATEMENTS_PER_METHOD) {
            statements.forEach(main::addStatement);
        } else {
            for (int from = 0; from < statements.size(); from += STATEMENTS_PER_METHOD) {
                MethodSpec.Builder chunk = MethodSpec.methodBuilder("security" + chunks.size())
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addParameter(BUILDER, "b");
                statements.subList(from, Math.min(from + STATEMENTS_PER_METHOD, statements.size()))
                        .forEach(chunk::addStatement);
                main.addStatement("$N(b)", "security" + chunks.size());
                chunks.add(chunk.build());
            }
        }
        main.addStatement("return b.build()");
        List<MethodSpec> out = new ArrayList<>();
        out.add(main.build());
        out.addAll(chunks);
        return out;
    }

    /** Returns a provider's {@code upstreams()} method: the named base URLs of a contract with several. */
    static MethodSpec upstreams(UpstreamsModel upstreams) {
        ClassName named = NAMED_UPSTREAMS;
        MethodSpec.Builder m = MethodSpec.methodBuilder("upstreams")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(named)
                .addStatement("$T<$T, $T> urls = new $T<>()", Map.class, String.class, String.class, LinkedHashMap.class);
        upstreams.urls().forEach((name, url) -> m.addStatement("urls.put($S, $S)", name, url));
        return m.addStatement("return new $T(urls)", named).build();
    }

    private static CodeBlock strings(List<String> values) {
        return CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", ");
    }
}

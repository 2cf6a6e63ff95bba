package dev.imcp.codegen.openapi;

import dev.imcp.codegen.model.HttpBinding.BodyField;
import dev.imcp.codegen.model.Names;
import dev.imcp.codegen.model.SchemaModel;
import dev.imcp.codegen.model.SchemaModel.Kind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Encoding;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the media type a request body is sent as, and what the tool's input carries for it (OpenAPI 3.0.3
 * section 4.7.13, "Request Body Object", and 4.7.15, "Encoding Object"; Swagger 2.0 {@code formData} parameters
 * arrive here as form or multipart bodies, converted by the parser).
 *
 * <p>The choice, in order: the first listed {@code application/json} or {@code *+json} type (patch types
 * included); {@code application/x-www-form-urlencoded}; {@code multipart/form-data}; {@code *}{@code /*} (sent as
 * JSON); else the first listed type, whose body is a string: UTF-8 text for {@code text/*}, base64 bytes otherwise.
 * A multipart field of {@code format: binary} becomes an object {@code {"filename", "contentType", "data"}} with
 * base64 {@code data} (only {@code data} required) when the body schema is declared inline; a field of a named
 * schema stays a string, then holding base64 data.
 */
final class OpenApiBodies {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    private OpenApiBodies() {
    }

    /** Returns the media type entry the body is sent as; {@code content} is not empty. */
    static Map.Entry<String, MediaType> choose(Content content) {
        for (String wanted : new String[] {"json", FORM, MULTIPART, "*/*"}) {
            for (Map.Entry<String, MediaType> e : content.entrySet()) {
                String bare = bare(e.getKey());
                if (wanted.equals("json") ? bare.equals("application/json") || bare.endsWith("+json") : bare.equals(wanted)) {
                    return e;
                }
            }
        }
        return content.entrySet().iterator().next();
    }

    /** Whether the body of {@code mediaType} is described by its schema (JSON, form, multipart), not a string. */
    static boolean isStructured(String mediaType) {
        String bare = bare(mediaType);
        return bare.equals("application/json") || bare.endsWith("+json") || bare.equals("*/*") || isForm(bare);
    }

    /** Whether {@code mediaType} sends fields (form-urlencoded or multipart). */
    static boolean isForm(String mediaType) {
        String bare = bare(mediaType);
        return bare.equals(FORM) || bare.equals(MULTIPART);
    }

    /** Returns the input schema of a body sent as a string: text, or base64 bytes. */
    static SchemaModel binary(String mediaType) {
        String bare = bare(mediaType);
        if (bare.startsWith("text/")) {
            return SchemaModel.builder(Kind.STRING).contentMediaType(bare).build();
        }
        return SchemaModel.builder(Kind.STRING).contentEncoding("base64").contentMediaType(bare)
                .description("The request body (" + bare + "), base64-encoded").build();
    }

    /**
     * Returns the fields whose encoding is not the default ({@code form}, exploded, no content type, not binary):
     * the media type's {@code encoding} entries and the body schema's {@code format: binary} properties.
     */
    static Map<String, BodyField> fields(OpenAPI api, MediaType media) {
        Map<String, BodyField> fields = new TreeMap<>();
        Schema<?> schema = resolve(api, media.getSchema());
        Map<String, Schema> properties = schema == null || schema.getProperties() == null ? Map.of() : schema.getProperties();
        Map<String, Encoding> encodings = media.getEncoding() == null ? Map.of() : media.getEncoding();
        for (String name : new TreeMap<>(properties).keySet()) {
            Schema<?> property = resolve(api, properties.get(name));
            boolean file = binary(property) || property != null && property.getItems() != null
                    && binary(resolve(api, property.getItems()));
            Encoding encoding = encodings.get(name);
            String style = encoding == null || encoding.getStyle() == null ? "form" : encoding.getStyle().toString();
            boolean explode = encoding == null || encoding.getExplode() == null ? style.equals("form")
                    : encoding.getExplode();
            String contentType = encoding == null ? null : encoding.getContentType();
            if (file || !style.equals("form") || !explode || contentType != null) {
                fields.put(name, new BodyField(style, explode, contentType, file));
            }
        }
        return fields;
    }

    /** Replaces the binary string properties of an inline multipart body schema by file objects. */
    static SchemaModel fileObjects(SchemaModel body, Map<String, BodyField> fields, String javaName) {
        if (body.kind() != Kind.OBJECT || body.properties().isEmpty()) {
            return body;
        }
        SchemaModel.Builder out = body.toBuilder();
        for (Map.Entry<String, BodyField> f : fields.entrySet()) {
            SchemaModel property = body.properties().get(f.getKey());
            if (!f.getValue().file() || property == null) {
                continue;
            }
            String typeName = javaName + Names.upperCamel(f.getKey()) + "File";
            if (property.kind() == Kind.STRING) {
                out.property(f.getKey(), file(typeName, property.description()));
            } else if (property.kind() == Kind.ARRAY && property.items() != null && property.items().kind() == Kind.STRING) {
                out.property(f.getKey(), property.toBuilder().items(file(typeName, null)).build());
            }
        }
        return out.build();
    }

    private static SchemaModel file(String typeName, String description) {
        return SchemaModel.builder(Kind.OBJECT).typeName(typeName)
                .description(description != null ? description
                        : "A file: its bytes as base64 in data, with an optional filename and media type")
                .property("filename", SchemaModel.builder(Kind.STRING).description("The file name sent").build())
                .property("contentType", SchemaModel.builder(Kind.STRING)
                        .description("The media type, application/octet-stream when absent").build())
                .property("data", SchemaModel.builder(Kind.STRING).contentEncoding("base64")
                        .description("The file's bytes, base64-encoded").build())
                .required("data")
                .build();
    }

    private static boolean binary(Schema<?> schema) {
        return schema != null && ("binary".equals(schema.getFormat()) || "file".equals(schema.getType()));
    }

    private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        if (schema != null && schema.get$ref() != null && api.getComponents() != null
                && api.getComponents().getSchemas() != null) {
            String ref = schema.get$ref();
            Schema<?> target = api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
            return target == null ? schema : target;
        }
        return schema;
    }

    private static String bare(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}

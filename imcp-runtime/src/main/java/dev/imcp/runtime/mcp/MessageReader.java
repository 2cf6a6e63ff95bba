package dev.imcp.runtime.mcp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.imcp.runtime.upstream.JsonMapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the bytes of one transport message into exactly one JSON value (RFC 8259; JSON-RPC 2.0 section 5.1,
 * -32700 "Parse error"), for every transport alike.
 *
 * <p>Refused with {@link McpError} -32700: bytes that are not UTF-8 (RFC 8259 section 8.1; malformed and
 * overlong sequences, lone surrogates), an empty body, invalid JSON, more than one value (trailing bytes, two
 * concatenated messages), and values nested deeper than the configured depth (Jackson's
 * {@link StreamReadConstraints#getMaxNestingDepth()}), which protects every later recursive step (schema
 * validation, binding) from a stack overflow. Messages carry the line and column, never the body's content.
 * Numbers with a fraction are read as {@code BigDecimal}, as {@link JsonMapping} does. Thread-safe.
 */
public final class MessageReader {

    /** The default deepest nesting of arrays and objects in one message. */
    public static final int DEFAULT_MAX_DEPTH = 100;

    private final ObjectReader reader;
    private final int maxDepth;

    /**
     * @param maxDepth the deepest nesting of arrays and objects accepted, at least 8 (the JSON-RPC envelope and
     *     {@code params.arguments} take three levels)
     * @throws IllegalArgumentException when {@code maxDepth} is below 8
     */
    public MessageReader(int maxDepth) {
        if (maxDepth < 8) {
            throw new IllegalArgumentException("the maximum JSON nesting depth must be at least 8, was " + maxDepth);
        }
        ObjectMapper mapper = JsonMapping.create();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build());
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxDepth = maxDepth;
    }

    /**
     * Reads one message.
     *
     * @param bytes the message, UTF-8
     * @return the JSON value (an object, an array, or a scalar the endpoint then refuses as -32600)
     * @throws McpError -32700 with what is wrong and where
     */
    public JsonNode read(byte[] bytes) throws McpError {
        if (ascii(bytes)) {
            // the usual message: ASCII is valid UTF-8 as it is, so Jackson reads the bytes without a decoded copy
            if (blank(bytes)) {
                throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: the message is empty");
            }
            return parse(() -> reader.readTree(bytes));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: the message is not valid UTF-8");
        }
        if (text.isBlank()) {
            throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: the message is empty");
        }
        return parse(() -> reader.readTree(text));
    }

    private interface Parse {
        JsonNode run() throws IOException;
    }

    private JsonNode parse(Parse parse) throws McpError {
        try {
            JsonNode node = parse.run();
            if (node == null || node.isMissingNode()) {
                throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: the message is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: JSON nested deeper than " + maxDepth + " levels");
        } catch (MismatchedInputException e) {
            // FAIL_ON_TRAILING_TOKENS: a second value (or any other token) after the first one
            throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: the message must be exactly one JSON value"
                    + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: invalid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new McpError(JsonRpc.PARSE_ERROR, "Parse error: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Whether {@code bytes} are all ASCII without NUL: such bytes are the same text in UTF-8 and Jackson reads them
     * as UTF-8 (NULs could make its encoding detection take them for UTF-16 or UTF-32, so they take the decoding path,
     * which refuses them as JSON).
     */
    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether ASCII {@code bytes} are empty or only white space, as {@link String#isBlank()} sees it. */
    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}

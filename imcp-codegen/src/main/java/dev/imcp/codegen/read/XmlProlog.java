package dev.imcp.codegen.read;

/**
 * Reads the prolog of an XML document (XML 1.0 section 2.8: an optional declaration, then comments,
 * processing instructions, white space and at most one document type declaration) without a parser, so a
 * document can be classified, and a DTD refused, before any parser that could resolve entities sees it. A
 * hand scan rather than a regular expression: lazy patterns over long comments overflow Java's regex stack.
 */
public final class XmlProlog {

    private XmlProlog() {
    }

    /**
     * Returns where the {@code <!DOCTYPE} declaration starts, or -1 when the prolog has none.
     *
     * @param text the document
     * @return the offset, or -1
     */
    public static int doctypeOffset(String text) {
        int at = afterMisc(text, start(text));
        return at >= 0 && text.startsWith("<!DOCTYPE", at) ? at : -1;
    }

    /**
     * Returns the local name of the root element ({@code definitions} for {@code <wsdl:definitions ...>}), after
     * the prolog and a document type declaration if there is one.
     *
     * @param text the document
     * @return the local name, or {@code null} when the text does not reach a start tag
     */
    public static String rootLocalName(String text) {
        int at = afterMisc(text, start(text));
        if (at >= 0 && text.startsWith("<!DOCTYPE", at)) {
            int subset = text.indexOf('[', at);
            int close = text.indexOf('>', at);
            if (subset >= 0 && subset < close) {
                int end = text.indexOf("]", subset);
                close = end < 0 ? -1 : text.indexOf('>', end);
            }
            at = close < 0 ? -1 : afterMisc(text, close + 1);
        }
        if (at < 0 || at + 1 >= text.length() || text.charAt(at) != '<') {
            return null;
        }
        int end = at + 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && "/>".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String qName = text.substring(at + 1, end);
        return qName.isEmpty() ? null : qName.substring(qName.indexOf(':') + 1);
    }

    private static int start(String text) {
        return text.startsWith("\uFEFF") ? 1 : 0;
    }

    /** Skips white space, the XML declaration, processing instructions and comments; -1 when one is unterminated. */
    private static int afterMisc(String text, int from) {
        int i = from;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i + 2);
                if (end < 0) {
                    return -1;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    return -1;
                }
                i = end + 3;
            } else {
                return i;
            }
        }
        return -1;
    }
}

package dev.imcp.runtime.upstream.encoded;

import dev.imcp.runtime.spi.EncodedOperation;
import dev.imcp.runtime.spi.EncodedOperation.Part;
import dev.imcp.runtime.spi.EncodedTypes;
import dev.imcp.runtime.spi.EncodedTypes.ArrayOf;
import dev.imcp.runtime.spi.EncodedTypes.Field;
import dev.imcp.runtime.spi.EncodedTypes.Struct;

import javax.xml.namespace.QName;
import java.util.List;

import static dev.imcp.runtime.spi.EncodedOperation.xsd;

/** Descriptors modelled on Adobe Omniture's rpc/encoded admin API (soapenc:Array types, structs of arrays). */
final class Omniture {

    static final String NS = "http://www.omniture.com/";

    static final EncodedTypes TYPES = EncodedTypes.of(
            new Struct(omni("report_suite"), List.of(
                    Field.of("rsid", xsd("string")),
                    new Field("site_title", xsd("string"), 0, true, false),
                    Field.of("num_evars", xsd("int")),
                    Field.of("hits", xsd("long")),
                    Field.of("revenue", xsd("decimal")),
                    Field.of("ratio", xsd("double")),
                    Field.of("active", xsd("boolean")),
                    Field.of("created", xsd("dateTime")),
                    Field.of("logo", xsd("base64Binary")),
                    Field.of("tags", omni("string_array")))),
            new ArrayOf(omni("report_suite_array"), omni("report_suite")),
            new ArrayOf(omni("string_array"), xsd("string")),
            new ArrayOf(omni("int_array"), xsd("int")),
            new ArrayOf(omni("int_matrix"), omni("int_array")),
            new Struct(omni("node"), List.of(
                    Field.of("name", xsd("string")),
                    new Field("parent", omni("node"), 0, true, false))));

    static final List<Part> SAVE_PARTS = List.of(
            new Part("suites", omni("report_suite_array")),
            new Part("matrix", omni("int_matrix")),
            new Part("note", xsd("string")),
            new Part("count", xsd("int")));

    /** Sends every kind of value; answers the saved suites. */
    static final EncodedOperation SAVE = new EncodedOperation("ReportSuite.Save", NS,
            "http://www.omniture.com/ReportSuite.Save", null, SAVE_PARTS,
            List.of(new Part("return", omni("report_suite_array"))), TYPES);

    /** Answers what it was sent, part for part. */
    static final EncodedOperation ECHO = new EncodedOperation("Echo", NS, "urn:Echo", null, SAVE_PARTS, SAVE_PARTS,
            TYPES);

    /** Takes nothing; answers a list of suites and a total. */
    static final EncodedOperation GET_SUITES = new EncodedOperation("Company.GetReportSuites", NS,
            "http://www.omniture.com/Company.GetReportSuites", null, List.of(),
            List.of(new Part("report_suites", omni("report_suite_array")), new Part("total", xsd("int"))), TYPES);

    /** Answers a node, whose parent may refer back to it. */
    static final EncodedOperation GET_NODE = new EncodedOperation("Tree.GetNode", NS, "", null,
            List.of(new Part("name", xsd("string"))), List.of(new Part("return", omni("node"))), TYPES);

    private Omniture() {
    }

    static QName omni(String local) {
        return new QName(NS, local);
    }
}

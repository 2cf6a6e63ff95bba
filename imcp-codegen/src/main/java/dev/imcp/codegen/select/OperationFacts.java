package dev.imcp.codegen.select;

import java.util.List;
import java.util.Objects;

/**
 * What a reader knows about an operation before it converts it, and all that operation selectors and
 * {@link ToolOverride}s look at.
 *
 * @param serviceId the service id of the contract (its file name, see {@code ContractKinds#serviceId})
 * @param operationId the contract's name for the operation: OpenAPI {@code operationId}, MCP JSON
 *     {@code tools[].name}, WSDL {@code wsdl:operation/@name}; {@code null} when the contract gives none
 * @param method the HTTP method, upper case, or {@code null} for a SOAP operation
 * @param path the OpenAPI path template or MCP JSON {@code endpoint.path}, or {@code null} for a SOAP operation
 * @param tags the OpenAPI {@code tags} of the operation; empty for the other kinds
 */
public record OperationFacts(String serviceId, String operationId, String method, String path, List<String> tags) {

    /** Checks the service id and copies the tags. */
    public OperationFacts {
        Objects.requireNonNull(serviceId, "serviceId");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * Names the operation for a diagnostic: {@code operation 'findPets' (GET /pets)}, {@code operation GET /pets}
     * when it has no {@code operationId}, {@code operation 'greetMe'} for SOAP.
     *
     * @return the text
     */
    public String describe() {
        String http = method == null || path == null ? null : method + " " + path;
        if (operationId == null) {
            return "operation " + (http == null ? "(unnamed)" : http);
        }
        return "operation '" + operationId + "'" + (http == null ? "" : " (" + http + ")");
    }
}

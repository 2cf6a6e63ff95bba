/**
 * The OpenAPI reader: OpenAPI 3.0 (3.1 best effort) and Swagger 2.0 contracts, through swagger-parser,
 * to the contract model. See {@link dev.imcp.codegen.openapi.OpenApiReader} for the mapping and codes.
 */
package dev.imcp.codegen.openapi;

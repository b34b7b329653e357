package io.streamstats.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.streamstats.common.rest.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every error response of the platform has a {@link Problem} body, so the resources declare an error only by its
 * code and what it means ({@code @APIResponse(responseCode = "404", description = "No such video")}); this filter
 * gives each 4xx/5xx response without a body the {@code application/problem+json} Problem schema with an example
 * (its description as the detail), each operation that needs a bearer token its 401, and each that takes a JSON body
 * its 413 (over the size limit) and 415 (not JSON), each that answers with a body its 406 (an Accept it cannot
 * satisfy), and each 429 its Retry-After header. Declared here once instead of on every operation.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    static final String BEARER = "bearer";
    static final String UNAUTHORIZED = "Missing, invalid, expired or revoked token";
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String TOO_LARGE = "The request body is over 16 KiB";
    static final String NOT_JSON = "The request body is not sent as application/json";
    static final String NOT_ACCEPTABLE = "The Accept header lists no media type this operation answers with";
    static final String RETRY_AFTER = "Retry-After";

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        if (needsBearer(operation) && !responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().description(UNAUTHORIZED));
        }
        if (takesJson(operation)) {
            // answered before any resource code (HttpEdge, the JSON reader), so declared here for every such body
            if (!responses.hasAPIResponse("413")) {
                responses.addAPIResponse("413", OASFactory.createAPIResponse().description(TOO_LARGE));
            }
            if (!responses.hasAPIResponse("415")) {
                responses.addAPIResponse("415", OASFactory.createAPIResponse().description(NOT_JSON));
            }
        }
        if (answersWithContent(responses) && !responses.hasAPIResponse("406")) {
            // content negotiation happens before any resource code (Quarkus REST, HttpEdge)
            responses.addAPIResponse("406", OASFactory.createAPIResponse().description(NOT_ACCEPTABLE));
        }
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            APIResponse response = entry.getValue();
            if ("429".equals(entry.getKey()) && (response.getHeaders() == null
                    || !response.getHeaders().containsKey(RETRY_AFTER))) {
                response.addHeader(RETRY_AFTER, OASFactory.createHeader()
                        .description("Whole seconds to wait before trying again")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
            }
            if (isError(entry.getKey()) && response.getRef() == null && response.getContent() == null) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))
                                .example(example(entry.getKey(), response.getDescription()))));
            }
        }
        return operation;
    }

    /** What the body of this error looks like: the response's meaning as its detail. */
    static Map<String, Object> example(String code, String description) {
        int status = Integer.parseInt(code);
        Problem problem = Problem.of(status, description == null ? "" : description);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", problem.type());
        example.put("title", problem.title());
        example.put("status", problem.status());
        example.put("detail", problem.detail());
        return example;
    }

    private static boolean needsBearer(Operation operation) {
        List<org.eclipse.microprofile.openapi.models.security.SecurityRequirement> security = operation.getSecurity();
        return security != null && security.stream().anyMatch(s -> s.hasScheme(BEARER));
    }

    /** Whether a success of the operation has a body, whose media type the Accept header must allow. */
    private static boolean answersWithContent(APIResponses responses) {
        return responses.getAPIResponses().entrySet().stream().anyMatch(e -> e.getKey().startsWith("2")
                && e.getValue().getContent() != null && e.getValue().getContent().getMediaTypes() != null
                && !e.getValue().getContent().getMediaTypes().isEmpty());
    }

    private static boolean takesJson(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType("application/json");
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    /**
     * What this filter guarantees, checked on a published document (parsed JSON): the operations and responses that
     * break it, none when the document is right.
     */
    @SuppressWarnings("unchecked")
    public static List<String> undocumented(Map<String, Object> doc) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        Map<String, Object> schemas = components == null ? null : (Map<String, Object>) components.get("schemas");
        if (schemas == null || !schemas.containsKey("Problem")) {
            problems.add("no Problem schema");
        }
        var paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        paths.forEach((path, ops) -> ops.forEach((method, op) -> {
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) op.get("responses");
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) op.get("security");
            if (security != null && security.stream().anyMatch(s -> s.containsKey(BEARER))
                    && !responses.containsKey("401")) {
                problems.add(method + " " + path + ": no 401");
            }
            responses.forEach((code, response) -> {
                if (isError(code) && !PROBLEM_REF.equals(refOf(response))) {
                    problems.add(method + " " + path + " " + code + ": not a problem+json Problem");
                }
            });
        }));
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Object refOf(Map<String, Object> response) {
        Map<String, Object> content = (Map<String, Object>) response.get("content");
        if (content == null) {
            return null;
        }
        Map<String, Object> media = (Map<String, Object>) content.get(Problem.MEDIA_TYPE);
        Map<String, Object> schema = media == null ? null : (Map<String, Object>) media.get("schema");
        return schema == null ? null : schema.get("$ref");
    }
}

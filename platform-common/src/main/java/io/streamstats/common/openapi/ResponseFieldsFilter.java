package io.streamstats.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every field of an answer is always there: the services' JSON writer writes every property of a response record,
 * null ones as {@code null}. So every property of a schema that only responses use is listed as required; one that
 * can be null says so itself ({@code @Schema(nullable = true)}, which makes its type include "null"). A generated
 * client then types {@code nextAfterId} as {@code number | null}, not as an optional {@code number} it would have
 * to guess about. A schema that lists its own required properties (the Problem, whose violations are left out when
 * there are none) keeps its list.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ResponseFieldsFilter implements OASFilter {

    private static final String PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Set<String> inResponses = new LinkedHashSet<>();
        Set<String> inRequests = new LinkedHashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            if (item.getOperations() == null) {
                continue;
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null) {
                    reach(operation.getRequestBody().getContent(), schemas, inRequests);
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        reach(response.getContent(), schemas, inResponses);
                    }
                }
            }
        }
        inResponses.removeAll(inRequests);
        for (String name : inResponses) {
            Schema schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    /** The component schemas a body's schemas name, and the ones those name, transitively. */
    private static void reach(Content content, Map<String, Schema> schemas, Set<String> reached) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        Deque<Schema> todo = new ArrayDeque<>();
        content.getMediaTypes().values().forEach(m -> {
            if (m.getSchema() != null) {
                todo.add(m.getSchema());
            }
        });
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            String ref = s.getRef();
            if (ref != null && ref.startsWith(PREFIX)) {
                String name = ref.substring(PREFIX.length());
                if (reached.add(name) && schemas.get(name) != null) {
                    todo.add(schemas.get(name));
                }
            }
            if (s.getProperties() != null) {
                todo.addAll(s.getProperties().values());
            }
            if (s.getItems() != null) {
                todo.add(s.getItems());
            }
            Stream.of(s.getAllOf(), s.getAnyOf(), s.getOneOf()).filter(Objects::nonNull).forEach(todo::addAll);
        }
    }
}

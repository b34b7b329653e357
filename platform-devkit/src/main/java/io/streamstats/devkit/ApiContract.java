package io.streamstats.devkit;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The platform's published API contract ({@code api/} at the repository root): one OpenAPI document of what the
 * Ingress serves from both services ({@code api/openapi.json}, without {@code /internal}), its Postman collection
 * ({@code api/postman_collection.json}), and Redocly's lint with the recommended rules ({@code api/redocly.yaml}).
 *
 * <p>Each service's {@code PublishedApiTest} hands in the document it serves: its part of the published document
 * (its Ingress paths, the schemas, tags and security schemes they use) must equal it. With
 * {@code -Dopenapi.regenerate=true} the test writes its part into the file instead and regenerates the collection
 * ({@link #REFRESH_COMMAND}). The merge is a function of the two parts only (paths, schemas and tags sorted by
 * name), so it does not matter which service was refreshed first.
 */
public final class ApiContract {

    /** The system property that makes the tests write the published files instead of comparing them. */
    public static final String REGENERATE = "openapi.regenerate";

    public static final String REFRESH_COMMAND = "./mvnw -B -pl user-service,streaming-service -am verify"
            + " -Dtest=PublishedApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none"
            + " -Dfailsafe.failIfNoSpecifiedTests=false -D" + REGENERATE + "=true";

    /** Paths a service serves that the Ingress never routes: other services call them inside the cluster. */
    public static final String INTERNAL_PREFIX = "/internal/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private ApiContract() {
    }

    /** The repository's {@code api/} directory, found upwards from the working directory. */
    public static Path apiDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("api/package.json"))) {
                return dir.resolve("api");
            }
        }
        throw new IllegalStateException("no api/package.json above " + Path.of("").toAbsolutePath());
    }

    public static Path document() {
        return apiDir().resolve("openapi.json");
    }

    public static Path collection() {
        return apiDir().resolve("postman_collection.json");
    }

    public static boolean regenerating() {
        return Boolean.getBoolean(REGENERATE);
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published document as it is stored: two-space JSON, one trailing newline. */
    public static String text(JsonNode document) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(
                new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The published document with {@code served}'s part in it: the paths under {@code prefixes} (the ones the
     * Ingress routes to this service) replaced by the served ones, everything else of {@code published} kept.
     * {@code info}, {@code servers} and the top-level {@code openapi} version come from {@code platform}.
     *
     * @throws IllegalArgumentException when the service serves a path the Ingress routes elsewhere (or nowhere), or
     *     both parts define one schema, tag or security scheme differently
     */
    public static ObjectNode merge(ObjectNode published, ObjectNode served, List<String> prefixes,
                                   ObjectNode platform) {
        ObjectNode paths = JsonNodeFactory.instance.objectNode();
        Map<String, JsonNode> sorted = new TreeMap<>();
        List<ObjectNode> sources = new ArrayList<>(); // per path: the document its definitions come from
        Map<String, ObjectNode> sourceOf = new TreeMap<>();
        if (published != null) {
            published.path("paths").fields().forEachRemaining(e -> {
                if (!routedTo(e.getKey(), prefixes)) {
                    sorted.put(e.getKey(), e.getValue());
                    sourceOf.put(e.getKey(), published);
                }
            });
        }
        served.path("paths").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(INTERNAL_PREFIX)) {
                return;
            }
            if (!routedTo(e.getKey(), prefixes)) {
                throw new IllegalArgumentException(e.getKey() + " is served but the Ingress routes only " + prefixes
                        + " to this service: route it (helm/ ingress and the test's prefixes) or move it under "
                        + INTERNAL_PREFIX);
            }
            sorted.put(e.getKey(), e.getValue());
            sourceOf.put(e.getKey(), served);
        });
        sorted.forEach(paths::set);
        sources.addAll(sourceOf.values());

        Map<String, JsonNode> schemas = new TreeMap<>();
        Map<String, JsonNode> schemes = new TreeMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        sourceOf.forEach((path, source) -> {
            JsonNode item = sorted.get(path);
            for (String schema : referencedSchemas(item, source)) {
                put(schemas, "schema " + schema, schema, source.path("components").path("schemas").path(schema));
            }
            operations(item).forEach(op -> {
                op.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(name ->
                        put(schemes, "security scheme " + name, name,
                                source.path("components").path("securitySchemes").path(name))));
                op.path("tags").forEach(tag -> put(tags, "tag " + tag.asText(), tag.asText(), tagOf(source,
                        tag.asText())));
            });
        });

        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.set("openapi", served.path("openapi"));
        merged.set("info", platform.path("info"));
        merged.set("servers", platform.path("servers"));
        ArrayNode tagList = merged.putArray("tags");
        tags.values().forEach(tagList::add);
        merged.set("paths", paths);
        ObjectNode components = merged.putObject("components");
        ObjectNode schemaNode = components.putObject("schemas");
        schemas.forEach(schemaNode::set);
        ObjectNode schemeNode = components.putObject("securitySchemes");
        schemes.forEach(schemeNode::set);
        return merged;
    }

    /**
     * What differs between the published document and what it should be, by operation ("POST /api/videos
     * (registerVideo)"), or by top-level part; empty when they are equal.
     */
    public static List<String> differences(JsonNode published, JsonNode expected) {
        List<String> differences = new ArrayList<>();
        Set<String> paths = new TreeSet<>();
        published.path("paths").fieldNames().forEachRemaining(paths::add);
        expected.path("paths").fieldNames().forEachRemaining(paths::add);
        for (String path : paths) {
            JsonNode was = published.path("paths").path(path);
            JsonNode is = expected.path("paths").path(path);
            Set<String> methods = new TreeSet<>();
            was.fieldNames().forEachRemaining(methods::add);
            is.fieldNames().forEachRemaining(methods::add);
            for (String method : methods) {
                if (!was.path(method).equals(is.path(method))) {
                    JsonNode op = is.has(method) ? is.path(method) : was.path(method);
                    String state = !was.has(method) ? "not published yet" : !is.has(method) ? "no longer served"
                            : "changed";
                    differences.add(method.toUpperCase() + " " + path + " (" + op.path("operationId").asText("no operationId")
                            + "): " + state);
                }
            }
        }
        for (String part : List.of("openapi", "info", "servers", "tags", "components")) {
            if (part.equals("components")) {
                Set<String> names = new TreeSet<>();
                published.path(part).path("schemas").fieldNames().forEachRemaining(names::add);
                expected.path(part).path("schemas").fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (!published.path(part).path("schemas").path(name)
                            .equals(expected.path(part).path("schemas").path(name))) {
                        differences.add("schema " + name + ": changed");
                    }
                }
                if (!published.path(part).path("securitySchemes").equals(expected.path(part).path("securitySchemes"))) {
                    differences.add("securitySchemes: changed");
                }
            } else if (!published.path(part).equals(expected.path(part))) {
                differences.add(part + ": changed");
            }
        }
        if (differences.isEmpty() && !published.equals(expected)) {
            differences.add("the document's layout");
        }
        return differences;
    }

    /**
     * What the platform document says of itself; the rest is the services'. The server is the Ingress
     * (helm values {@code ingress.host}); the contact and license are placeholders until the product has its own.
     */
    public static ObjectNode platform() {
        return parse("""
                {
                  "info": {
                    "title": "Streaming platform API",
                    "version": "1.0",
                    "description": "The API of the streaming platform as the Ingress serves it: accounts and tokens\
                 (user-service), videos, play / pause, statistics and settlement (streaming-service). Send the access\
                 token of login as 'Authorization: Bearer <token>'. Successful answers are application/json (the monthly\
                 statement: text/csv); every error is application/problem+json (RFC 9457) with a detail a person can act\
                 on. An Accept header listing application/json, application/problem+json or */* (or none) gets the\
                 answer; the statement answers an Accept that lists text/csv, text/* or */* (or none), and 406 otherwise. Every\
                 field of an answer is present; one that can be null says so in its type.",
                    "contact": {"name": "Streaming platform API team", "url": "https://streaming.example.com/support",\
                 "email": "api@streaming.example.com"},
                    "license": {"name": "Proprietary", "url": "https://streaming.example.com/terms"}
                  },
                  "servers": [
                    {"url": "https://{host}", "description": "The platform's Ingress",
                     "variables": {"host": {"default": "api.streaming.example.com",
                       "description": "the Ingress host (helm value ingress.host)"}}}
                  ]
                }""");
    }

    /**
     * The published document compared with what it should hold once {@code served} (one service's own document) is
     * its part: the differences by operation, each with the refresh command; none when it is up to date. With
     * {@code -Dopenapi.regenerate=true} the document and its Postman collection are written instead.
     */
    public static List<String> publish(ObjectNode served, List<String> prefixes) {
        Path file = document();
        ObjectNode published = null;
        String current = null;
        try {
            if (Files.isRegularFile(file)) {
                current = Files.readString(file);
                published = parse(current);
            }
            ObjectNode expected = merge(published, served, prefixes, platform());
            String text = text(expected);
            if (regenerating()) {
                if (!text.equals(current)) {
                    Files.writeString(file, text);
                }
                generateCollection(file, collection());
                return List.of();
            }
            if (published == null) {
                return List.of(file + " is missing: create it with " + REFRESH_COMMAND);
            }
            if (text.equals(current)) {
                return List.of();
            }
            List<String> found = new ArrayList<>();
            for (String difference : differences(published, expected)) {
                found.add(difference + " — refresh api/openapi.json and the Postman collection with " + REFRESH_COMMAND);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed Postman collection compared with the one generated from the committed document. */
    public static List<String> collectionDifferences() {
        try {
            Path generated = Files.createTempFile("postman", ".json");
            try {
                generateCollection(document(), generated);
                String expected = Files.readString(generated);
                Path committed = collection();
                if (!Files.isRegularFile(committed)) {
                    return List.of(committed + " is missing: generate it with " + REFRESH_COMMAND);
                }
                return expected.equals(Files.readString(committed)) ? List.of()
                        : List.of(committed + " is not the collection of api/openapi.json: regenerate it with "
                                + REFRESH_COMMAND);
            } finally {
                Files.deleteIfExists(generated);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean routedTo(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    private static List<JsonNode> operations(JsonNode pathItem) {
        List<JsonNode> ops = new ArrayList<>();
        pathItem.fields().forEachRemaining(e -> {
            if (METHODS.contains(e.getKey())) {
                ops.add(e.getValue());
            }
        });
        return ops;
    }

    private static JsonNode tagOf(ObjectNode source, String name) {
        for (JsonNode tag : source.path("tags")) {
            if (name.equals(tag.path("name").asText())) {
                return tag;
            }
        }
        return JsonNodeFactory.instance.objectNode().put("name", name);
    }

    private static void put(Map<String, JsonNode> into, String what, String name, JsonNode value) {
        JsonNode existing = into.putIfAbsent(name, value);
        if (existing != null && !existing.equals(value)) {
            throw new IllegalArgumentException(what + " is defined differently by the two services: give one of them"
                    + " another name, or make them equal");
        }
    }

    /** The component schemas a node refers to, transitively through the source document's schemas. */
    private static Set<String> referencedSchemas(JsonNode node, JsonNode source) {
        Set<String> found = new LinkedHashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            JsonNode next = todo.pop();
            if (next.isObject()) {
                JsonNode ref = next.get("$ref");
                String prefix = "#/components/schemas/";
                if (ref != null && ref.isTextual() && ref.asText().startsWith(prefix)) {
                    String name = ref.asText().substring(prefix.length());
                    if (found.add(name)) {
                        JsonNode schema = source.path("components").path("schemas").path(name);
                        if (schema.isMissingNode()) {
                            throw new IllegalArgumentException("$ref to a schema the document lacks: " + name);
                        }
                        todo.push(schema);
                    }
                }
            }
            for (Iterator<JsonNode> children = next.elements(); children.hasNext(); ) {
                todo.push(children.next());
            }
        }
        return found;
    }

    // --- npm tools in api/ (package.json pins them): Redocly's linter and the Postman converter

    /** One finding of the linter that fails the contract. */
    public record LintProblem(String severity, String rule, String where, String message) {
        @Override
        public String toString() {
            return severity + " " + rule + " at " + where + ": " + message;
        }
    }

    /**
     * Lints an OpenAPI file with Redocly (recommended rules, {@code api/redocly.yaml}): the errors, and the warnings
     * of rules the config does not set to {@code warn} itself (a rule set to warn there is justified in a comment
     * beside it). Each names the operation ("POST /api/videos (registerVideo)") or the place in the document.
     */
    public static List<LintProblem> lint(Path file) {
        Path api = apiDir();
        installTools(api);
        Result result = run(api, List.of("npx", "--no-install", "redocly", "lint", "--config",
                api.resolve("redocly.yaml").toString(), "--format=json", file.toAbsolutePath().toString()));
        JsonNode report = lintReport(result);
        Set<String> justifiedWarnings = justifiedWarnings(api.resolve("redocly.yaml"));
        JsonNode doc;
        try {
            doc = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LintProblem> problems = new ArrayList<>();
        for (JsonNode problem : report.path("problems")) {
            String severity = problem.path("severity").asText();
            String rule = problem.path("ruleId").asText();
            if (severity.equals("warn") && justifiedWarnings.contains(rule)) {
                continue;
            }
            String pointer = problem.path("location").path(0).path("pointer").asText("#");
            problems.add(new LintProblem(severity, rule, where(doc, pointer), problem.path("message").asText()));
        }
        problems.addAll(missingExamples(doc));
        return problems;
    }

    /**
     * Redocly's JSON report; fails unless it is one: a run that crashed (an unsupported Node, a broken install) must
     * not read as a clean lint. A failed exit is taken only with errors in the report, the one reason it fails for.
     */
    static JsonNode lintReport(Result result) {
        String out = result.stdout();
        JsonNode report;
        try {
            report = JSON.readTree(out.substring(Math.max(0, out.indexOf('{'))));
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("redocly lint gave no JSON report (exit " + result.exit() + "):\n"
                    + out + result.stderr(), e);
        }
        if (report == null || !report.path("problems").isArray() || !report.path("totals").path("errors").isNumber()) {
            throw new AssertionError("redocly lint gave no report of problems and totals (exit " + result.exit()
                    + "):\n" + out + result.stderr());
        }
        if (result.exit() != 0 && report.path("totals").path("errors").asInt() == 0) {
            throw new AssertionError("redocly lint failed (exit " + result.exit() + ") with no error in its report:\n"
                    + out + result.stderr());
        }
        return report;
    }

    /** The rule this contract adds to Redocly's: every parameter, request and response body has an example. */
    public static final String EXAMPLE_RULE = "example-missing";

    /**
     * Parameters without an example, and request and response bodies without one: one on the media type, or on its schema, or on every property
     * of it (as generated clients, Swagger UI and the Postman collection build theirs from). Findings of
     * {@link #EXAMPLE_RULE}, naming the operation, the body and the first property without one.
     */
    static List<LintProblem> missingExamples(JsonNode doc) {
        List<LintProblem> problems = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String where = op.getKey().toUpperCase() + " " + path.getKey() + " ("
                    + op.getValue().path("operationId").asText("no operationId") + ")";
            // a parameter without one gets a value made up by the Postman converter from today's date
            for (JsonNode parameters : List.of(path.getValue().path("parameters"), op.getValue().path("parameters"))) {
                for (JsonNode parameter : parameters) {
                    JsonNode schema = parameter.path("schema");
                    if (!parameter.has("example") && !parameter.has("examples") && !schema.has("example")
                            && !schema.has("examples")) {
                        problems.add(new LintProblem("error", EXAMPLE_RULE, where + " parameter "
                                + parameter.path("name").asText(), "no example: give it one (@Parameter(example = ...))"));
                    }
                }
            }
            op.getValue().path("requestBody").path("content").fields().forEachRemaining(media ->
                    missingExample(doc, media.getValue(), where + " request body " + media.getKey(), problems));
            op.getValue().path("responses").fields().forEachRemaining(response ->
                    response.getValue().path("content").fields().forEachRemaining(media -> missingExample(doc,
                            media.getValue(), where + " response " + response.getKey() + " " + media.getKey(),
                            problems)));
        }));
        return problems;
    }

    private static void missingExample(JsonNode doc, JsonNode media, String where, List<LintProblem> problems) {
        if (media.has("example") || media.has("examples")) {
            return;
        }
        String lacking = lackingExample(doc, media.path("schema"), "", 0);
        if (lacking != null) {
            problems.add(new LintProblem("error", EXAMPLE_RULE, where, "no example"
                    + (lacking.isEmpty() ? "" : " for " + lacking)
                    + ": give the body or each property one (@Schema(example = ...))"));
        }
    }

    /** The first part of a schema without an example ("" the schema itself), or null when all have one. */
    private static String lackingExample(JsonNode doc, JsonNode schema, String at, int depth) {
        if (schema.has("example") || schema.has("examples")) {
            return null; // beside a $ref too (OpenAPI 3.1)
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            if (!ref.startsWith("#/components/schemas/") || depth > 20) {
                return null;
            }
            schema = doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        if (schema.has("example") || schema.has("examples") || schema.has("enum") || schema.has("const")) {
            return null;
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(combined)) {
                if (lackingExample(doc, part, at, depth + 1) == null) {
                    return null;
                }
            }
        }
        if (schema.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                String name = at.isEmpty() ? property.getKey() : at + "." + property.getKey();
                String lacking = lackingExample(doc, property.getValue(), name, depth + 1);
                if (lacking != null) {
                    return lacking.isEmpty() ? name : lacking;
                }
            }
            return null;
        }
        if (schema.has("items")) {
            return lackingExample(doc, schema.path("items"), at + "[]", depth + 1);
        }
        return at;
    }

    /** Writes the Postman collection of an OpenAPI file (api/postman.mjs: ids dropped, examples only). */
    public static void generateCollection(Path openapi, Path collection) {
        Path api = apiDir();
        installTools(api);
        Result result = run(api, List.of("node", api.resolve("postman.mjs").toString(),
                openapi.toAbsolutePath().toString(), collection.toAbsolutePath().toString()));
        if (result.exit() != 0) {
            throw new AssertionError("the Postman collection was not generated:\n" + result.stdout() + result.stderr());
        }
    }

    /** "POST /api/videos (registerVideo)" for a pointer into an operation, else the pointer itself. */
    static String where(JsonNode doc, String pointer) {
        String[] parts = pointer.replaceFirst("^#/?", "").split("/");
        if (parts.length >= 3 && parts[0].equals("paths")) {
            String path = parts[1].replace("~1", "/").replace("~0", "~");
            String method = parts[2];
            if (METHODS.contains(method)) {
                String id = doc.path("paths").path(path).path(method).path("operationId").asText("no operationId");
                String rest = String.join("/", java.util.Arrays.copyOfRange(parts, 3, parts.length));
                return method.toUpperCase() + " " + path + " (" + id + ")" + (rest.isEmpty() ? "" : " " + rest);
            }
            return path;
        }
        return pointer;
    }

    private static Set<String> justifiedWarnings(Path config) {
        Set<String> rules = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(config)) {
                // "  rule-name: warn  # why": only rules the config itself keeps as warnings
                var m = java.util.regex.Pattern.compile("^\\s+([a-z0-9-]+):\\s*warn\\b").matcher(line);
                if (m.find()) {
                    rules.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rules;
    }

    private static synchronized void installTools(Path api) {
        if (Files.isDirectory(api.resolve("node_modules/@redocly/cli"))
                && Files.isDirectory(api.resolve("node_modules/openapi-to-postmanv2"))) {
            return;
        }
        Result install = run(api, List.of("npm", "ci", "--no-audit", "--no-fund"));
        if (install.exit() != 0) {
            throw new AssertionError("npm ci in " + api + " failed:\n" + install.stdout() + install.stderr());
        }
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(Path dir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            // no skipping: without Node and npm nothing is linted or generated, so the test fails
            throw new AssertionError(command.get(0) + " is not installed: the API contract checks need Node 20.19+"
                    + " (or 22.12+, as the locked Redocly does) and npm (.ci/run installs them): " + e.getMessage(), e);
        }
        try {
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread reader = new Thread(() -> {
                try {
                    err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.complete(e.toString());
                }
            });
            reader.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 5 minutes");
            }
            reader.join();
            return new Result(process.exitValue(), out, err.get());
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.streamstats.common.rest;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The methods each resource path of the service has, for the {@code Allow} header of a 405 (RFC 9110 §15.5.6: the
 * server MUST send it), and for the answer to OPTIONS. Quarkus REST leaves it out of its 405 and answers OPTIONS with
 * the methods of every path of the resource class (POST on {@code /api/users/me}, which answers 405 to it), so it is
 * worked out here from the resource classes' {@link Path} and HTTP-method annotations, once, at first use.
 */
@Singleton
public class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    /** A template's parameter: {@code {name}} or {@code {name: regex}}. */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    @Inject
    BeanManager beans;

    private volatile List<Route> routes;

    /**
     * Quarkus REST's own answer to OPTIONS carries Allow: replaced by the path's own methods, or by a 404 for a path no
     * resource method has (Quarkus answers it for any path under a resource class).
     */
    @ServerResponseFilter
    public void allowOfThePath(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            String allow = at(request.getUriInfo().getPath());
            if (allow != null) {
                response.getHeaders().putSingle(HttpHeaders.ALLOW, allow);
            } else {
                response.getHeaders().remove(HttpHeaders.ALLOW);
                response.setStatus(404);
                response.setEntity(Problem.of(404, "No such resource"), null, MediaType.valueOf(Problem.MEDIA_TYPE));
            }
        }
    }

    /** The Allow header's value for a request path (no query), or null when no resource method has the path. */
    public String at(String requestPath) {
        String path = trimmed(requestPath);
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        Set<String> allow = new LinkedHashSet<>(methods);
        if (methods.contains(HttpMethod.GET)) {
            allow.add(HttpMethod.HEAD); // answered by the GET method, as Quarkus REST does
        }
        allow.add(HttpMethod.OPTIONS);
        return String.join(", ", allow);
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Class<?> type = bean.getBeanClass();
                Path root = type.getAnnotation(Path.class);
                // an interface is a client of another service's paths (a REST client), not a resource of this one
                if (root == null || type.isInterface()) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String httpMethod = httpMethod(method);
                    if (httpMethod != null) {
                        Path sub = method.getAnnotation(Path.class);
                        known.add(new Route(regex(root.value() + "/" + (sub == null ? "" : sub.value())), httpMethod));
                    }
                }
            }
            routes = known;
        }
        return known;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A path template as a regular expression of the paths it matches (literal text quoted). */
    static Pattern regex(String template) {
        String path = trimmed(template);
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(at, parameter.start())));
            regex.append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).trim() + ")");
            at = parameter.end();
        }
        regex.append(Pattern.quote(path.substring(at)));
        return Pattern.compile(regex.toString());
    }

    /** One leading slash, no doubled or trailing ones: how Quarkus REST matches a path. */
    private static String trimmed(String path) {
        String single = ("/" + path).replaceAll("/{2,}", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }
}

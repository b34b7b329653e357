package io.streamstats.user.rest;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks answers that carry tokens: {@code Cache-Control: no-store} (and {@code Pragma: no-cache} for HTTP/1.0
 * caches), so no browser, proxy or CDN keeps a copy of them (RFC 6749 §5.1).
 */
@NameBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoStore {

    @NoStore
    @Provider
    class Filter implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
    }
}

package io.streamstats.user.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

// contact and license: as the platform's published document (platform-devkit ApiContract.platform())
@OpenAPIDefinition(info = @Info(title = "user-service", version = "1.0",
        description = "Sign-up, login, token refresh, logout. Errors are application/problem+json. Through the"
                + " Ingress this is part of the platform's one API document (api/openapi.json in the repository).",
        contact = @Contact(name = "Streaming platform API team", url = "https://streaming.example.com/support",
                email = "api@streaming.example.com"),
        license = @License(name = "Proprietary", url = "https://streaming.example.com/terms")),
        servers = @Server(url = "/", description = "This service"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The accessToken of login or refresh (POST /api/auth/login, /api/auth/refresh)")
@SecurityScheme(securitySchemeName = "internalKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Internal-Key", description = "The platform services' shared internal key (not routed by the Ingress)")
public class UserServiceApplication extends Application {
}

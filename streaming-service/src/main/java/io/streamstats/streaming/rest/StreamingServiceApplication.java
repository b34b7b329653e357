package io.streamstats.streaming.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

// contact and license: as the platform's published document (platform-devkit ApiContract.platform())
@OpenAPIDefinition(info = @Info(title = "streaming-service", version = "1.0",
        description = "Videos, play / pause, statistics and settlement. Errors are application/problem+json. Through"
                + " the Ingress this is part of the platform's one API document (api/openapi.json in the repository).",
        contact = @Contact(name = "Streaming platform API team", url = "https://streaming.example.com/support",
                email = "api@streaming.example.com"),
        license = @License(name = "Proprietary", url = "https://streaming.example.com/terms")),
        servers = @Server(url = "/", description = "This service"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The accessToken of login or refresh (POST /api/auth/login, /api/auth/refresh)")
public class StreamingServiceApplication extends Application {
}

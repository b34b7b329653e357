package io.streamstats.user.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record RefreshRequest(@NotBlank @Size(max = 512) @Schema(example = "Qm9vdHN0cmFwLXJlZnJlc2gtdG9rZW4")
                             String refreshToken) {
}

package io.streamstats.user.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record LoginRequest(@NotBlank @Size(max = 320) @ValidEmail @Schema(example = "ada@example.com") String email,
                           @NotNull @Size(max = 1024)
                           @Schema(maxLength = 72, example = "correct horse", description = "at most 72 bytes in"
                                   + " UTF-8 in Unicode NFKC form, as at sign-up (no account has a longer one): longer"
                                   + " is refused with 400")
                           String password) {
}

package io.streamstats.user.rest;

import io.streamstats.common.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record SignUpRequest(
        @NotBlank @Size(max = 320) @ValidEmail(forSignUp = true)
        @Schema(example = "ada@example.com", description = "stored in its normal form (see EmailAddress): trimmed, "
                + "NFC, lower-cased, at most 254 characters; fullwidth and other compatibility characters refused")
        String email,
        // not only spaces of any kind (U+00A0, U+3000 too), no control characters (a NUL or a newline cannot be typed
        // at a login form)
        @NotNull @Size(min = 8, max = 72) @PlainText
        @Pattern(regexp = "[\\s\\S]*[^\\s\\p{Z}][\\s\\S]*", message = "must not be only spaces")
        @Schema(minLength = 8, maxLength = 72, example = "correct horse", description = "8 to 72 characters, and at"
                + " most 72 bytes in UTF-8, what bcrypt reads (72 ASCII characters, 24 Hangul syllables), counted in"
                + " Unicode NFKC form, the form it is hashed in (a fullwidth letter is its plain letter; a ligature"
                + " such as U+FDFA counts as the 18 letters it stands for): longer is refused with 400, never cut") String password,
        @NotBlank @Size(min = 1, max = 30) @PlainText @Schema(minLength = 1, maxLength = 30, example = "Ada") String nickname,
        @NotNull @Pattern(regexp = "VIEWER|CREATOR", message = "must be VIEWER or CREATOR")
        @Schema(enumeration = {"VIEWER", "CREATOR"}, example = "CREATOR") String role) {
}

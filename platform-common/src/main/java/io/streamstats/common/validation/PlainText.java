package io.streamstats.common.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * One line of text a person typed: no control characters (Unicode Cc: NUL, tab, newline, DEL, C1 controls …),
 * no line or paragraph separators (U+2028, U+2029), no unpaired surrogate, and no bidirectional embedding,
 * override or isolate controls (U+202A–U+202E, U+2066–U+2069). A lone surrogate cannot be encoded in UTF-8 and
 * would be stored as something else ({@code ?}); control characters break logs, CSV exports and the screens that
 * show the text; the bidirectional controls reorder the text around them (a nickname or title with U+202E shows
 * reversed on other people's screens). Other characters (any script, emoji with their joiners) are accepted.
 * {@code null} is valid (combine with {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "must be one line of text without control characters or broken characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPlainText(value);
        }

        /** True when {@code value} is one line of well-formed text. */
        public static boolean isPlainText(String value) {
            int length = value.length();
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++; // a well-formed pair: a character outside the BMP
                        continue;
                    }
                    return false;
                }
                if (Character.isLowSurrogate(c)) {
                    return false;
                }
                if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                    return false;
                }
                int type = Character.getType(c);
                if (type == Character.CONTROL || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR) {
                    return false;
                }
            }
            return true;
        }
    }
}

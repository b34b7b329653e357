package io.streamstats.user.rest;

import io.streamstats.user.domain.EmailAddress;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The email must have a normal form ({@link EmailAddress#normalize}); the violation says why it has none. */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidEmail.Validator.class)
public @interface ValidEmail {

    String message() default "must be a valid email address";

    /** A new account's address ({@link EmailAddress#normalizeNew}); otherwise any normal form (login). */
    boolean forSignUp() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidEmail, String> {
        private boolean forSignUp;

        @Override
        public void initialize(ValidEmail annotation) {
            forSignUp = annotation.forSignUp();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true; // @NotBlank reports it
            }
            try {
                if (forSignUp) {
                    EmailAddress.normalizeNew(value);
                } else {
                    EmailAddress.normalize(value);
                }
                return true;
            } catch (EmailAddress.InvalidEmailException e) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(e.getMessage().replace("{", "\\{").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }
        }
    }
}

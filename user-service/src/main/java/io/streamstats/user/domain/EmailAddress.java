package io.streamstats.user.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normal form of an email address, used alike by sign-up and login, and stored in {@code users.email}
 * (compared byte for byte: utf8mb4_bin). In order:
 * <ol>
 * <li>surrounding white space is removed;</li>
 * <li>characters that Unicode compatibility normalisation (NFKC) would replace are refused: fullwidth letters,
 * ligatures, the long s, the Kelvin and Ångström signs…, since each looks like another address;</li>
 * <li>control characters are refused;</li>
 * <li>the rest is composed (NFC: {@code e} + combining acute becomes {@code é}) and lower-cased (root locale),
 * then composed again;</li>
 * <li>the result must be at most 254 characters and look like {@code a@b.c}.</li>
 * </ol>
 * Nothing else is folded: {@code jose@} and {@code josé@}, {@code strasse@} and {@code straße@} are different
 * addresses, as they are for the mail servers that deliver to them.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** A letter or digit of any script, with its combining marks. */
    private static final String ALNUM = "\\p{L}\\p{M}\\p{N}";
    /**
     * What a new address must be (RFC 5321/5322 without quoted local parts or address literals, letters of any
     * script allowed as in RFC 6531): a dot-atom before the {@code @}, host labels of letters, digits and inner
     * hyphens after it, at least two of them.
     */
    private static final Pattern DELIVERABLE = Pattern.compile(
            "[" + ALNUM + "!#$%&'*+/=?^_`{|}~-]+(\\.[" + ALNUM + "!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([" + ALNUM + "]([" + ALNUM + "-]*[" + ALNUM + "])?\\.)+[" + ALNUM + "]([" + ALNUM + "-]*[" + ALNUM + "])?");

    private EmailAddress() {
    }

    /** Why the address is refused. */
    public static final class InvalidEmailException extends IllegalArgumentException {
        public InvalidEmailException(String message) {
            super(message, null);
        }
    }

    /** The normal form of {@code raw}; throws {@link InvalidEmailException} with a message a person can act on. */
    public static String normalize(String raw) {
        String s = raw.strip();
        if (!isAscii(s)) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String c = Character.toString(cp);
                if (!Normalizer.normalize(c, Normalizer.Form.NFKC).equals(c)) {
                    throw new InvalidEmailException(String.format(
                            "must not contain compatibility characters such as fullwidth letters or the Kelvin sign"
                                    + " (U+%04X): type the plain letter", cp));
                }
                i += Character.charCount(cp);
            }
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        s = s.toLowerCase(Locale.ROOT);
        if (!isAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFC);
        }
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidEmailException("must not contain control characters");
        }
        if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
            throw new InvalidEmailException("must be at most " + MAX_LENGTH + " characters once lower-cased");
        }
        if (!SHAPE.matcher(s).matches()) {
            throw new InvalidEmailException("must be a valid email address");
        }
        return s;
    }

    /**
     * The normal form of an address to sign up with: {@link #normalize}, then the address must be one mail can be
     * delivered to ({@code a@ex..com}, {@code a@-ex.com}, {@code <b>@ex.com} are refused). Login takes any normal
     * form, so an account made before this check still logs in.
     */
    public static String normalizeNew(String raw) {
        String s = normalize(raw);
        if (!DELIVERABLE.matcher(s).matches()) {
            throw new InvalidEmailException("must be an address mail can be delivered to: letters, digits and"
                    + " !#$%&'*+/=?^_`{|}~- before the @ (dots between them), host names of letters, digits and inner"
                    + " hyphens after it");
        }
        return s;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}

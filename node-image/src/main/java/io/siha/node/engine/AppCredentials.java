package io.siha.node.engine;

import java.util.regex.Pattern;

/**
 * The credentials an app's text may hold (a sink's {@code basic.auth.password='...'}, an {@code Authorization} header
 * in its {@code headers}), kept out of the node's messages: Siddhi quotes the annotation an error is near, with its
 * options, and the message goes to the log.
 */
final class AppCredentials {

    /** {@code password='x'}, {@code *.password="x"}: any option whose name ends in password, in either quote. */
    private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)(password\\s*=\\s*)(['\"])(.*?)\\2");
    /** {@code Authorization:Basic x} inside SI's headers list, up to the pair's closing quote. */
    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile("(?i)(authorization\\s*:)[^'\"]*");

    private AppCredentials() {
    }

    static String redact(String text) {
        String masked = PASSWORD_OPTION.matcher(text).replaceAll("$1$2***$2");
        return AUTHORIZATION_HEADER.matcher(masked).replaceAll("$1***");
    }
}

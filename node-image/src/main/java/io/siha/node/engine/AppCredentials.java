package io.siha.node.engine;

import io.siha.node.logging.SecretMask;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials an app's text may hold (a sink's {@code basic.auth.password='...'}, an {@code Authorization} header
 * in its {@code headers}), kept out of the node's messages: Siddhi quotes the annotation an error is near, with its
 * options, and the message goes to the log. The values an app takes from the environment ({@code ${NAME}}) are masked
 * too, by {@link SecretMask}, in these messages and in every log line.
 */
final class AppCredentials {

    /** {@code password='x'}, {@code *.password="x"}: any option whose name ends in password, in either quote. */
    private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)(password\\s*=\\s*)(['\"])(.*?)\\2");
    /** {@code Authorization:Basic x} inside SI's headers list, up to the pair's closing quote. */
    private static final Pattern AUTHORIZATION_HEADER = Pattern.compile("(?i)(authorization\\s*:)[^'\"]*");

    /** Siddhi's own pattern of a variable ({@code SiddhiCompiler.updateVariables}). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)\\}");

    private AppCredentials() {
    }

    /**
     * Adds the values of the variables {@code appText} names to {@link SecretMask}, looked up as Siddhi will put them
     * in (a system property, else an environment variable); before the app is parsed, so that no message about it
     * shows them. A variable that is not set is Siddhi's error (it names the variable).
     */
    static void maskVariables(String appText) {
        Matcher variable = VARIABLE.matcher(appText);
        while (variable.find()) {
            String name = variable.group(1);
            String value = System.getProperty(name);
            SecretMask.add(name, value != null ? value : System.getenv(name));
        }
    }

    static String redact(String text) {
        String masked = PASSWORD_OPTION.matcher(SecretMask.mask(text)).replaceAll("$1$2***$2");
        return AUTHORIZATION_HEADER.matcher(masked).replaceAll("$1***");
    }
}

package io.siha.node.config;

import java.util.regex.Pattern;

/** How to reach a PostgreSQL database. {@link #toString()} never shows the password, not even one in the URL. */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    /** The JDBC URL with any {@code password=} parameter masked, for logs and messages. */
    public String redactedUrl() {
        return redacted(jdbcUrl);
    }

    /** {@code text} with the value of any {@code password=} parameter in it masked. */
    static String redacted(String text) {
        return URL_PASSWORD.matcher(text).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password=***]";
    }
}

package io.siha.node.config;

/** How to reach a PostgreSQL database. {@link #toString()} never shows the password. */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=***]";
    }
}

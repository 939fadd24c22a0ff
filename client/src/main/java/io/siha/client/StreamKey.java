package io.siha.client;

/** An app and one of its streams. */
record StreamKey(String app, String stream) {

    @Override
    public String toString() {
        return app + "/" + stream;
    }
}

package io.siha.node.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import java.nio.charset.StandardCharsets;

/**
 * Encodes each line with the encoder it wraps (text pattern or JSON), then shows the values of {@link SecretMask} as
 * their variables' names: whatever logged them (the node, Siddhi, a Kafka client), message, arguments or stack trace.
 */
public final class SecretMaskingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> encoder;

    /** The encoder whose lines are masked ({@code <encoder class="...">} inside this one in logback's file). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder to wrap");
            return;
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        if (!SecretMask.any()) {
            return line;
        }
        return SecretMask.mask(new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }
}

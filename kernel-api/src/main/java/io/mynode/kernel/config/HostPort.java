package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;

/** A network address as written in configuration: {@code host:port}. */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new ConfigException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("port " + port + " is outside 0..65535");
        }
    }

    /** Parses {@code host:port}; {@code what} names the setting in the error message. */
    public static HostPort parse(String text, String what) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException(what + ": expected host:port, got '" + text + "'");
        }
        String host = text.substring(0, colon).trim();
        try {
            int port = Integer.parseInt(text.substring(colon + 1).trim());
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": port is not a number in '" + text + "'");
        } catch (ConfigException e) {
            throw new ConfigException(what + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}

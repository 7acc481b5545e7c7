package dev.cellbridge.cellular;

/**
 * Turns a password attribute as the configuration stores it into the password itself. On Eclipse Kura the
 * console stores passwords encrypted, and the Kura integration registers a decoder backed by Kura's
 * {@code CryptoService}. Components with password attributes use a decoder when one is registered and the
 * stored value as it is otherwise (plain ConfigurationAdmin).
 */
@FunctionalInterface
public interface PasswordDecoder {

    /**
     * Decodes a stored password.
     *
     * @param stored the attribute's value as configured, never null
     * @return the password
     * @throws IllegalArgumentException when {@code stored} is not something this decoder can decode
     */
    String decode(String stored);
}

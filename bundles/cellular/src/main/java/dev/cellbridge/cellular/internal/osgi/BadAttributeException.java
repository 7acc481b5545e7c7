package dev.cellbridge.cellular.internal.osgi;

/** A configuration attribute has a value the component cannot use; the message names the attribute, value and what is allowed. */
final class BadAttributeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attribute;

    /**
     * @param attribute the attribute id
     * @param shownValue the value as it may be logged (a password's value never is)
     * @param allowed what would be accepted, e.g. {@code 1–1800 (seconds)}
     */
    BadAttributeException(String attribute, String shownValue, String allowed) {
        super("attribute '" + attribute + "' is " + shownValue + "; allowed: " + allowed);
        this.attribute = attribute;
    }

    BadAttributeException(String attribute, String message) {
        super("attribute '" + attribute + "': " + message);
        this.attribute = attribute;
    }

    /** The attribute id. */
    String attribute() {
        return attribute;
    }
}
